import datetime

import pytest

from matching.models import RankingEntry
from missions import services
from missions.models import Mission
from tests.factories import FreelancerProfileFactory, MissionFactory, skill, tool

pytestmark = pytest.mark.django_db


def test_a_mission_is_saved_with_its_requirements_and_questions_and_keeps_answered_questions(client_org, client_admin):
    mission = Mission(organisation=client_org, title="AMOE", start_date=datetime.date.today(), city="Lyon")
    services.mission_save(
        mission=mission, by=client_admin,
        tools=[{"tool": tool("ms_project"), "importance": "must", "min_proficiency": 3}],
        skills=[{"skill": skill("planning"), "importance": "nice"}],
        questions=[{"id": None, "text": "Q1"}, {"id": None, "text": "Q2"}],
    )
    assert mission.created_by == client_admin
    assert (mission.latitude, mission.longitude) == (45.7640, 4.8357)
    assert [(r.tool.code, r.importance, r.min_proficiency) for r in mission.tool_requirements.all()] == [
        ("ms_project", "must", 3)]
    q1, q2 = mission.questions.all()
    services.mission_save(mission=mission, by=client_admin, tools=[], skills=[],
                          questions=[{"id": q2.pk, "text": "Q2 bis"}])
    assert list(mission.questions.values_list("pk", "text")) == [(q2.pk, "Q2 bis")]
    assert not mission.tool_requirements.exists()


def test_the_mission_lifecycle_goes_draft_open_filled_closed_and_refuses_other_moves(client_org, client_admin):
    mission = MissionFactory(organisation=client_org, status=Mission.Status.DRAFT)
    with pytest.raises(services.MissionStateError):
        services.mission_fill(mission=mission, by=client_admin)
    mission = services.mission_publish(mission=mission, by=client_admin)
    assert mission.status == Mission.Status.OPEN and mission.published_at is not None
    with pytest.raises(services.MissionStateError):
        services.mission_publish(mission=mission, by=client_admin)
    assert services.mission_fill(mission=mission, by=client_admin).status == Mission.Status.FILLED
    assert services.mission_close(mission=mission, by=client_admin).status == Mission.Status.CLOSED
    with pytest.raises(services.MissionStateError):
        services.mission_close(mission=mission, by=client_admin)


def test_publishing_a_mission_whose_start_date_has_passed_is_refused(client_org, client_admin):
    mission = MissionFactory(organisation=client_org, status=Mission.Status.DRAFT,
                             start_date=datetime.date.today() - datetime.timedelta(days=3))
    with pytest.raises(services.MissionStateError):
        services.mission_publish(mission=mission, by=client_admin)


def test_publishing_gets_the_mission_ranked_once_committed(client_org, client_admin,
                                                          django_capture_on_commit_callbacks):
    candidate = FreelancerProfileFactory()
    mission = MissionFactory(organisation=client_org, status=Mission.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.mission_publish(mission=mission, by=client_admin)
    assert list(RankingEntry.objects.filter(mission=mission).values_list("profile_id", flat=True)) == [candidate.pk]


