import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from missions.models import Mission, MissionTool, Recommendation
from tests.factories import MissionFactory, OrganisationFactory, RecommendationFactory, tool

pytestmark = pytest.mark.django_db


def test_a_negative_rate_ceiling_is_refused_by_validation_and_by_the_database():
    mission = MissionFactory.build(organisation=OrganisationFactory(), daily_rate_max=-5)
    with pytest.raises(ValidationError) as error:
        mission.full_clean()
    assert "daily_rate_max" in error.value.message_dict
    saved = MissionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Mission.objects.filter(pk=saved.pk).update(daily_rate_max=-5)


@pytest.mark.parametrize(
    "field, value",
    [("status", "archived"), ("scale", "huge"), ("complexity", "extreme"), ("english_written_min", "Z1"),
     ("work_mode", "moon"), ("days_per_week", 6)],
)
def test_out_of_range_mission_values_are_refused_by_the_database(field, value):
    mission = MissionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Mission.objects.filter(pk=mission.pk).update(**{field: value})


def test_a_tool_is_required_once_per_mission():
    mission = MissionFactory()
    MissionTool.objects.create(mission=mission, tool=tool("excel"))
    with pytest.raises(IntegrityError), transaction.atomic():
        MissionTool.objects.create(mission=mission, tool=tool("excel"))


def test_a_recommendation_rating_must_be_between_1_and_5():
    recommendation = RecommendationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=recommendation.pk).update(rating=6)
    with pytest.raises(ValidationError):
        RecommendationFactory.build(profile=recommendation.profile, rating=0).full_clean()


def test_open_and_organisation_visibility_querysets(client_member, client_org):
    mine = MissionFactory(organisation=client_org)
    MissionFactory(organisation=client_org, status=Mission.Status.DRAFT)
    MissionFactory()
    assert list(Mission.objects.of_organisations(client_member).open()) == [mine]
