"""GET/POST /api/v1/missions/{id}/shortlist/ and GET/PATCH/DELETE .../shortlist/{profile_id}/."""
import pytest

from missions.models import Mission
from recruiting.models import ShortlistEntry
from tests.api.conftest import token_client
from tests.factories import FreelancerProfileFactory


def url(mission, profile=None):
    base = f"/api/v1/missions/{mission.pk}/shortlist/"
    return f"{base}{profile.pk}/" if profile is not None else base


@pytest.fixture
def entry(recruiter_api, esn_mission):
    profile = esn_mission.candidates[0]
    assert recruiter_api.post(url(esn_mission), {"profile": profile.pk, "note": "À appeler"}, format="json"
                              ).status_code == 201
    return ShortlistEntry.objects.get(mission=esn_mission, profile=profile)


def test_shortlist_a_profile(recruiter_api, esn_mission, esn_recruiter, entry):
    body = recruiter_api.get(url(esn_mission, entry.profile)).json()
    assert body["status"] == "shortlisted" and body["note"] == "À appeler"
    assert body["profile"]["email"] == entry.profile.user.email  # shortlisted: contact shows
    assert body["allowed_moves"] == ["contacted", "questionnaire", "rejected"]
    assert [(m["from_status"], m["to_status"]) for m in body["history"]] == [("", "shortlisted")]
    again = recruiter_api.post(url(esn_mission), {"profile": entry.profile.pk}, format="json")
    assert again.status_code == 200 and ShortlistEntry.objects.filter(mission=esn_mission).count() == 1


def test_list(recruiter_api, esn_mission, entry):
    body = recruiter_api.get(url(esn_mission)).json()
    assert [e["profile_id"] for e in body["results"]] == [entry.profile_id]


def test_a_hidden_or_unknown_profile_cannot_be_shortlisted(recruiter_api, esn_mission):
    hidden = FreelancerProfileFactory(is_visible=False)
    for pk in (hidden.pk, 999999, "abc"):
        response = recruiter_api.post(url(esn_mission), {"profile": pk}, format="json")
        assert response.status_code == 400 and "profile" in response.json()["errors"]


def test_moves_are_recorded_with_their_note(recruiter_api, esn_mission, entry):
    response = recruiter_api.patch(url(esn_mission, entry.profile), {"status": "contacted", "note": "Appelé"},
                                   format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "contacted" and body["note"] == "Appelé"
    assert [(m["to_status"], m["note"]) for m in body["history"]] == [("shortlisted", "À appeler"),
                                                                      ("contacted", "Appelé")]


def test_an_invalid_move_answers_400_with_the_allowed_ones(recruiter_api, esn_mission, entry):
    response = recruiter_api.patch(url(esn_mission, entry.profile), {"status": "hired"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_move" and body["allowed"] == ["contacted", "questionnaire", "rejected"]
    assert "status" in body["errors"]
    assert recruiter_api.patch(url(esn_mission, entry.profile), {"status": "fired"}, format="json"
                               ).json()["errors"]["status"]


def test_the_note_alone_changes_without_a_move(recruiter_api, esn_mission, entry):
    body = recruiter_api.patch(url(esn_mission, entry.profile), {"note": "Rappeler lundi"}, format="json").json()
    assert body["note"] == "Rappeler lundi" and len(body["history"]) == 1


def test_a_closed_missions_shortlist_no_longer_changes(recruiter_api, esn_mission, entry):
    Mission.objects.filter(pk=esn_mission.pk).update(status=Mission.Status.CLOSED)
    for response in (recruiter_api.patch(url(esn_mission, entry.profile), {"note": "x"}, format="json"),
                     recruiter_api.patch(url(esn_mission, entry.profile), {"status": "contacted"}, format="json"),
                     recruiter_api.delete(url(esn_mission, entry.profile)),
                     recruiter_api.post(url(esn_mission), {"profile": esn_mission.candidates[1].pk}, format="json")):
        assert response.status_code == 400 and response.json()["code"] == "shortlist_refused"


def test_delete(recruiter_api, esn_mission, entry):
    assert recruiter_api.delete(url(esn_mission, entry.profile)).status_code == 204
    assert recruiter_api.get(url(esn_mission, entry.profile)).status_code == 404


def test_a_profile_not_on_the_shortlist_answers_404(recruiter_api, esn_mission):
    assert recruiter_api.get(url(esn_mission, esn_mission.candidates[1])).status_code == 404


def test_another_organisations_shortlist_answers_404(recruiter_api, foreign_mission, other_org_member):
    profile = FreelancerProfileFactory()
    ShortlistEntry.objects.create(mission=foreign_mission, profile=profile)
    assert recruiter_api.get(url(foreign_mission)).status_code == 404
    assert recruiter_api.post(url(foreign_mission), {"profile": profile.pk}, format="json").status_code == 404
    for method in ("get", "patch", "delete"):
        assert getattr(recruiter_api, method)(url(foreign_mission, profile), {"note": "x"}, format="json"
                                              ).status_code == 404
    assert ShortlistEntry.objects.get(mission=foreign_mission).note == ""
    assert token_client(other_org_member).get(url(foreign_mission, profile)).status_code == 200


def test_freelancers_get_403(freelancer, esn_mission, entry):
    client = token_client(freelancer)
    assert client.get(url(esn_mission)).status_code == 403
    assert client.get(url(esn_mission, entry.profile)).status_code == 403


def test_list_query_count_is_fixed(recruiter_api, esn_mission, entry, django_assert_max_num_queries):
    for profile in esn_mission.candidates[1:]:
        recruiter_api.post(url(esn_mission), {"profile": profile.pk}, format="json")
    with django_assert_max_num_queries(7):
        assert recruiter_api.get(url(esn_mission)).json()["count"] == 5
