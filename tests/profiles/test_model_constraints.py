import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from profiles.models import Diploma, Experience, FreelancerProfile, ProfileTool, Sector, Skill, Tool
from tests.factories import DiplomaFactory, ExperienceFactory, FreelancerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_vocabularies_of_the_domain_source_are_loaded_by_migration():
    assert set(Sector.objects.values_list("code", flat=True)) == {
        "industrie", "architecture", "immobilier", "btp", "informatique"
    }
    assert Tool.objects.filter(code="ms_project", category="pmo").exists()
    assert Skill.objects.filter(code="acceptance_testing", label_fr="Recette", label_en="Acceptance testing").exists()
    btp = Sector.objects.get(code="btp")
    assert {"architecture", "immobilier"} <= set(btp.adjacent.values_list("code", flat=True))
    # Adjacency is symmetrical: architecture sees BTP too.
    assert "btp" in Sector.objects.get(code="architecture").adjacent.values_list("code", flat=True)


def test_vocabulary_labels_follow_the_active_language():
    from django.utils import translation

    sector = Sector.objects.get(code="immobilier")
    with translation.override("fr"):
        assert sector.label == "Immobilier"
    with translation.override("en"):
        assert sector.label == "Real estate"


def test_a_negative_daily_rate_is_refused_by_validation_with_a_clear_message():
    profile = FreelancerProfileFactory.build(user=UserFactory(), daily_rate=-100)
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "daily_rate" in error.value.message_dict


def test_a_negative_daily_rate_is_refused_by_the_database():
    profile = FreelancerProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FreelancerProfile.objects.filter(pk=profile.pk).update(daily_rate=-1)


def test_an_unknown_cefr_level_is_refused_by_validation_and_by_the_database():
    profile = FreelancerProfileFactory.build(user=UserFactory(), english_written="D9")
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "english_written" in error.value.message_dict
    saved = FreelancerProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FreelancerProfile.objects.filter(pk=saved.pk).update(english_spoken="D9")


def test_an_experience_ending_before_it_starts_is_refused_with_a_message():
    experience = ExperienceFactory.build(
        profile=FreelancerProfileFactory(), start_date=datetime.date(2020, 5, 1), end_date=datetime.date(2019, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        experience.full_clean()
    assert "La date de fin doit être postérieure à la date de début." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        experience.save()


def test_a_diploma_year_in_the_future_is_refused():
    diploma = DiplomaFactory.build(profile=FreelancerProfileFactory(), year=datetime.date.today().year + 1)
    with pytest.raises(ValidationError) as error:
        diploma.full_clean()
    assert "year" in error.value.message_dict


def test_a_diploma_level_outside_bac_plus_2_to_8_is_refused_by_the_database():
    profile = FreelancerProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Diploma.objects.create(profile=profile, kind="master", level=9, title="?", year=2010)


def test_a_tool_proficiency_outside_1_to_4_is_refused_by_the_database():
    profile = FreelancerProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProfileTool.objects.create(profile=profile, tool=Tool.objects.get(code="excel"), proficiency=7)


def test_unknown_work_modes_and_roles_are_refused_by_validation():
    profile = FreelancerProfileFactory.build(user=UserFactory(), work_modes=["teleport"], roles=["amoe", "wizard"])
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert {"work_modes", "roles"} <= set(error.value.message_dict)


def test_an_ongoing_experience_has_no_end_date():
    experience = ExperienceFactory(end_date=None)
    experience.full_clean()
    assert Experience.objects.get(pk=experience.pk).end_date is None
