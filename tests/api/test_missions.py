"""GET/POST /api/v1/missions/ and GET/PATCH/DELETE /api/v1/missions/{id}/."""
import datetime

import pytest

from missions.models import Mission
from missions.weights import DEFAULT_WEIGHTS
from tests.api.conftest import token_client
from tests.factories import MissionFactory, OrganisationFactory

URL = "/api/v1/missions/"
SOON = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


def payload(**extra):
    return {"title": "AMOE refonte SI", "start_date": SOON, "sector": "informatique", "scale": "large",
            "complexity": "high", "tools": [{"tool": "ms_project", "importance": "must", "min_proficiency": 3}],
            "skills": [{"skill": "planning", "importance": "nice"}],
            "questions": [{"text": "Votre plus gros déploiement ?"}], "weights": {"rate": 20}, **extra}


def test_lists_the_callers_organisation_missions_only(recruiter_api, esn_mission, foreign_mission):
    body = recruiter_api.get(URL).json()
    assert [m["id"] for m in body["results"]] == [esn_mission.pk]
    assert recruiter_api.get(f"{URL}?status=open").json()["count"] == 1
    assert recruiter_api.get(f"{URL}?status=draft").json()["count"] == 0
    assert recruiter_api.get(f"{URL}?status=lost").status_code == 400


def test_create_with_tools_skills_questions_and_weights(recruiter_api, esn_org, esn_recruiter):
    response = recruiter_api.post(URL, payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    mission = Mission.objects.get(pk=body["id"])
    assert mission.organisation == esn_org and mission.created_by == esn_recruiter
    assert mission.status == Mission.Status.DRAFT and mission.weights == {"rate": 20.0}
    assert [(r.tool.code, r.importance, r.min_proficiency) for r in mission.tool_requirements.all()] == [
        ("ms_project", "must", 3)]
    assert body["weights"] == {**DEFAULT_WEIGHTS, "rate": 20.0}
    assert body["skills"][0]["skill"] == "planning" and body["questions"][0]["text"] == "Votre plus gros déploiement ?"
    assert mission.latitude is None  # no city, no coordinates (mission_save's rule)


def test_writes_ignore_fields_the_caller_may_not_set(recruiter_api, esn_org):
    other = OrganisationFactory()
    body = recruiter_api.post(URL, payload(organisation=other.pk, id=999, created_at="2000-01-01T00:00:00Z",
                                           published_at="2000-01-01T00:00:00Z"), format="json").json()
    mission = Mission.objects.get(pk=body["id"])
    assert mission.organisation == esn_org and mission.pk != 999 and mission.published_at is None


@pytest.mark.parametrize("extra, field", [
    ({"title": ""}, "title"),
    ({"start_date": "2001-01-01"}, "start_date"),
    ({"sector": "astrology"}, "sector"),
    ({"duration_months": 0}, "duration_months"),
    ({"days_per_week": 6}, "days_per_week"),
    ({"daily_rate_max": -5}, "daily_rate_max"),
    ({"english_written_min": "Z9"}, "english_written_min"),
    ({"tools": [{"tool": "abacus"}]}, "tools.0.tool"),
    ({"tools": [{"tool": "ms_project"}, {"tool": "ms_project"}]}, "tools.1.tool"),
    ({"weights": {"rate": -1}}, "weights.rate"),
    ({"weights": {c: 0 for c in DEFAULT_WEIGHTS}}, "non_field_errors"),
    ({"questions": [{"text": "x" * 501}]}, "questions.0.text"),
])
def test_the_browser_forms_validation_with_field_level_messages(recruiter_api, esn_org, extra, field):
    response = recruiter_api.post(URL, payload(**extra), format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()


def test_required_fields(recruiter_api, esn_org):
    errors = recruiter_api.post(URL, {}, format="json").json()["errors"]
    assert set(errors) == {"title", "start_date"}


def test_patch_changes_only_the_fields_sent(recruiter_api, esn_mission):
    response = recruiter_api.patch(f"{URL}{esn_mission.pk}/", {"title": "Nouveau titre", "weights": {"sector": 30}},
                                   format="json")
    assert response.status_code == 200, response.json()
    esn_mission.refresh_from_db()
    assert esn_mission.title == "Nouveau titre" and esn_mission.weights == {"sector": 30.0}
    assert [r.tool.code for r in esn_mission.tool_requirements.all()] == ["ms_project"]
    assert esn_mission.questions.count() == 1


def test_patch_replaces_lists_and_keeps_kept_questions(recruiter_api, esn_mission):
    question = esn_mission.questions.get()
    body = recruiter_api.patch(f"{URL}{esn_mission.pk}/", {
        "tools": [], "questions": [{"id": question.pk, "text": "Reformulée"}, {"text": "Nouvelle"}]}, format="json").json()
    assert body["tools"] == [] and [q["text"] for q in body["questions"]] == ["Reformulée", "Nouvelle"]
    assert body["questions"][0]["id"] == question.pk


def test_status_moves_through_the_lifecycle(recruiter_api, esn_org):
    mission_id = recruiter_api.post(URL, payload(), format="json").json()["id"]
    assert recruiter_api.patch(f"{URL}{mission_id}/", {"status": "filled"}, format="json").status_code == 400
    response = recruiter_api.patch(f"{URL}{mission_id}/", {"status": "open"}, format="json")
    assert response.json()["status"] == "open" and response.json()["published_at"]
    refused = recruiter_api.patch(f"{URL}{mission_id}/", {"status": "draft"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400 and refused.json()["errors"]["status"] == ["A mission cannot go back to draft."]
    assert recruiter_api.patch(f"{URL}{mission_id}/", {"status": "closed"}, format="json").status_code == 200
    closed = recruiter_api.patch(f"{URL}{mission_id}/", {"title": "Trop tard"}, format="json")
    assert closed.status_code == 400 and "non_field_errors" in closed.json()["errors"]


def test_a_refused_status_leaves_the_other_changes_unsaved(recruiter_api, esn_org):
    mission_id = recruiter_api.post(URL, payload(), format="json").json()["id"]
    recruiter_api.patch(f"{URL}{mission_id}/", {"title": "Changé", "status": "filled"}, format="json")
    assert Mission.objects.get(pk=mission_id).title == "AMOE refonte SI"


def test_delete(recruiter_api, esn_mission):
    assert recruiter_api.delete(f"{URL}{esn_mission.pk}/").status_code == 204
    assert not Mission.objects.filter(pk=esn_mission.pk).exists()


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
def test_another_organisations_mission_answers_404(recruiter_api, foreign_mission, method):
    response = getattr(recruiter_api, method)(f"{URL}{foreign_mission.pk}/", {"title": "x"}, format="json")
    assert response.status_code == 404
    assert Mission.objects.get(pk=foreign_mission.pk).title == "Mission concurrente"


def test_every_member_of_the_organisation_uses_its_missions(client_member, client_org):
    mission = MissionFactory(organisation=client_org)
    client = token_client(client_member)
    assert client.get(f"{URL}{mission.pk}/").status_code == 200
    assert client.patch(f"{URL}{mission.pk}/", {"city": "Paris"}, format="json").status_code == 200


@pytest.mark.parametrize("role", ["freelancer", "staff_user"])
def test_non_members_get_403(request, role, esn_mission):
    client = token_client(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, payload(), format="json").status_code == 403
    assert client.get(f"{URL}{esn_mission.pk}/").status_code == 403


def test_query_count_does_not_grow_with_the_number_of_missions(recruiter_api, esn_org, django_assert_max_num_queries):
    for _ in range(30):
        MissionFactory(organisation=esn_org)
    with django_assert_max_num_queries(8):
        assert len(recruiter_api.get(f"{URL}?page_size=30").json()["results"]) == 30


def test_a_patch_with_an_incomplete_tool_row_answers_400_not_500():
    from missions.serializers import MissionInput

    serializer = MissionInput(data={"tools": [{}], "skills": [{}], "questions": [{}]}, partial=True, context={})
    assert not serializer.is_valid()
    assert set(serializer.errors) == {"tools", "skills", "questions"}


def test_a_patch_with_rows_that_leave_out_defaulted_fields_gets_the_defaults(recruiter_api, esn_mission):
    response = recruiter_api.patch(f"{URL}{esn_mission.pk}/", {"tools": [{"tool": "excel"}], "skills": [{"skill": "planning"}]},
                                   format="json")
    assert response.status_code == 200
    assert response.json()["tools"][0] | {"label": ""} == {"tool": "excel", "label": "", "importance": "must",
                                                           "min_proficiency": 2}
    assert response.json()["skills"][0]["importance"] == "must"


def test_a_new_mission_cannot_start_as_filled(recruiter_api, esn_org):
    response = recruiter_api.post(URL, payload(status="filled"), format="json")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["status"]
    assert recruiter_api.post(URL, payload(status="open"), format="json").json()["status"] == "open"


def test_every_rule_of_the_mission_is_answered_at_once(recruiter_api, esn_org):
    response = recruiter_api.post(URL, payload(start_date="2001-01-01", weights=dict.fromkeys(DEFAULT_WEIGHTS, 0),
                                               tools=[{"tool": "excel"}, {"tool": "excel"}]), format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"start_date", "non_field_errors", "tools.1.tool"}


def test_a_passed_start_date_is_kept_when_other_fields_change(recruiter_api, esn_mission):
    Mission.objects.filter(pk=esn_mission.pk).update(start_date=datetime.date(2001, 1, 1))
    response = recruiter_api.patch(f"{URL}{esn_mission.pk}/", {"title": "Nouveau titre"}, format="json")
    assert response.status_code == 200 and response.json()["start_date"] == "2001-01-01"
