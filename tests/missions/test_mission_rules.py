"""The rules of a mission hold for every caller: the model's clean(), the database, missions.services."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from missions import services
from missions.models import Mission
from missions.weights import DEFAULT_WEIGHTS
from tests.factories import MissionFactory, skill, tool

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def test_a_new_mission_cannot_start_in_the_past():
    with pytest.raises(ValidationError) as error:
        MissionFactory.build(start_date=YESTERDAY).clean()
    assert [e.code for e in error.value.error_dict["start_date"]] == ["past"]


def test_a_stored_start_date_may_have_passed_but_a_changed_one_may_not_be_past():
    mission = Mission.objects.get(pk=MissionFactory(start_date=TODAY - datetime.timedelta(days=10)).pk)
    mission.clean()
    mission.start_date = YESTERDAY
    with pytest.raises(ValidationError):
        mission.clean()


@pytest.mark.parametrize("field, value", [("duration_months", 61), ("daily_rate_max", 10001)])
def test_the_database_refuses_a_duration_or_rate_ceiling_out_of_range(field, value):
    mission = MissionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Mission.objects.filter(pk=mission.pk).update(**{field: value})


def test_mission_save_reports_every_broken_rule_at_once_under_field_paths_and_writes_nothing(client_org, client_admin):
    mission = Mission(organisation=client_org, title="AMOE", start_date=YESTERDAY, weights={"rate": -1})
    with pytest.raises(ValidationError) as error:
        services.mission_save(
            mission=mission, by=client_admin,
            tools=[{"tool": tool("excel"), "importance": "must", "min_proficiency": 2},
                   {"tool": tool("excel"), "importance": "nice", "min_proficiency": 9}],
            skills=[{"skill": skill("planning"), "importance": "sometimes"}],
            questions=[{"id": None, "text": "Q"}, {"id": None, "text": "Q"}],
        )
    assert set(error.value.message_dict) == {
        "start_date", "weights.rate", "tools.1.tool", "tools.1.min_proficiency", "skills.0.importance",
        "questions.1.text"}
    assert not Mission.objects.exists()


def test_all_weights_at_zero_is_an_error_of_the_whole_mission(client_org, client_admin):
    mission = Mission(organisation=client_org, title="AMOE", start_date=TODAY, weights=dict.fromkeys(DEFAULT_WEIGHTS, 0))
    with pytest.raises(ValidationError) as error:
        services.mission_save(mission=mission, by=client_admin, tools=[], skills=[], questions=[])
    assert list(error.value.message_dict) == ["__all__"]


def test_only_the_weights_that_differ_from_the_defaults_are_stored(client_org, client_admin):
    mission = Mission(organisation=client_org, title="AMOE", start_date=TODAY,
                      weights={**DEFAULT_WEIGHTS, "rate": 20})
    services.mission_save(mission=mission, by=client_admin, tools=[], skills=[], questions=[])
    mission.refresh_from_db()
    assert mission.weights == {"rate": 20.0}
