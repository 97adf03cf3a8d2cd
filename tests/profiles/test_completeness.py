import pytest

from profiles.completeness import profile_completeness
from tests.factories import (
    DiplomaFactory,
    ExperienceFactory,
    FreelancerProfileFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    skill,
)
from tests.profiles.pdfs import minimal_pdf

pytestmark = pytest.mark.django_db


def _full_profile():
    profile = FreelancerProfileFactory()
    ExperienceFactory(profile=profile)
    DiplomaFactory(profile=profile)
    ProfileSectorFactory(profile=profile)
    ProfileToolFactory(profile=profile)
    profile.skills.add(skill("planning"))
    from django.core.files.base import ContentFile
    profile.cv.save("cv.pdf", ContentFile(minimal_pdf()))
    return profile


def test_a_new_profile_lists_what_is_missing_and_the_missing_rate_blocks_ranking(freelancer):
    from profiles.services import profile_create
    from tests.factories import UserFactory

    profile = profile_create(user=UserFactory(first_name="", last_name=""))
    completeness = profile_completeness(profile)
    assert completeness.percent == 0
    assert {c.key for c in completeness.blocking} == {"roles", "daily_rate"}
    assert all(c.why for c in completeness.missing)


def test_a_full_profile_is_complete():
    completeness = profile_completeness(_full_profile())
    assert completeness.percent == 100 and not completeness.missing


def test_each_missing_section_lowers_the_percentage_and_points_to_its_editor_section():
    profile = _full_profile()
    profile.daily_rate = None
    profile.save()
    profile.diplomas.all().delete()
    completeness = profile_completeness(profile)
    assert completeness.percent == round(100 * 9 / 11)
    assert {(c.key, c.section) for c in completeness.missing} == {("daily_rate", "availability"),
                                                                 ("diplomas", "diplomas")}
    assert "taux journalier" in str(next(c.why for c in completeness.missing if c.key == "daily_rate"))
