"""A mission's ranked candidates are cached whole (the API's JSON page, the mission page's content): an answer seen
before reads no ranking row nor the mission, whatever it depends on (a re-ranking, a candidate hidden or deactivated, a shortlist,
a profile's name or rate, a vocabulary label, the language) shows at the next request, the permission check comes
first, and one organisation never reads what a shortlist of another unlocked."""
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruiting import shortlist
from recruiting.models import ShortlistEntry
from tests.api.conftest import token_client
from tests.factories import MembershipFactory, MissionFactory, OrganisationFactory
from tests.recruiting.conftest_client import *  # noqa: F401,F403
from tests.recruiting.conftest_client import make_candidate, rank

pytestmark = pytest.mark.django_db


def _api_url(mission) -> str:
    return f"/api/v1/missions/{mission.pk}/candidates/"


@pytest.fixture
def api(client_member):
    return token_client(client_member)


def _api(api, mission, **headers) -> dict:
    response = api.get(_api_url(mission), **headers)
    assert response.status_code == 200
    return response.json()


def _page(client, mission, **headers) -> str:
    response = client.get(mission.get_absolute_url(), **headers)
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str) -> str:
    return html[html.index('<section class="ranking-summary"'):]


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _by_profile(body: dict) -> dict[int, dict]:
    return {c["profile"]["id"]: c for c in body["results"]}


def test_an_api_page_seen_before_reads_no_ranking_row(api, ranked_mission):
    first = _api(api, ranked_mission)
    with CaptureQueriesContext(connection) as queries:
        assert _api(api, ranked_mission) == first
    assert not [q for q in queries if "matching_rankingentry" in q["sql"]]
    # token and user, membership, the mission's answer's stamp (the same check as the other views')
    assert len(queries) <= 3, "\n".join(q["sql"][:150] for q in queries)


def test_a_mission_page_seen_before_reads_no_ranking_row(client, client_member, ranked_mission):
    client.force_login(client_member)
    first = _page(client, ranked_mission)
    with CaptureQueriesContext(connection) as queries:
        again = _page(client, ranked_mission)
    assert _without_tokens(again) == _without_tokens(first) and ranked_mission.candidates[0].user.last_name in again
    assert not [q for q in queries if "matching_rankingentry" in q["sql"] or '"missions_mission"."title"' in q["sql"]]
    # session, user, the answer's stamp (with the permission check)
    assert len(queries) <= 3, "\n".join(q["sql"][:150] for q in queries)


def test_a_mission_edited_shows_at_the_next_request(client, client_member, ranked_mission):
    client.force_login(client_member)
    assert "Marquer comme pourvue" in _page(client, ranked_mission)
    ranked_mission.title = "Pilotage du chantier renommé"
    ranked_mission.save()
    html = _page(client, ranked_mission)
    assert "<title>Pilotage du chantier renommé – AMOE match</title>" in html and "<h1>Pilotage du chantier renommé</h1>" in html
    ranked_mission.status = "filled"
    ranked_mission.save()
    assert "Marquer comme pourvue" not in _page(client, ranked_mission)


def test_each_page_and_filter_is_an_answer_of_its_own(api, client, client_member, ranked_mission):
    client.force_login(client_member)
    assert len(_api(api, ranked_mission)["results"]) == 5
    assert [c["rank"] for c in api.get(_api_url(ranked_mission), {"page_size": 2, "page": 2}).json()["results"]] == [3, 4]
    assert api.get(_api_url(ranked_mission), {"ordering": "nope"}).status_code == 400
    assert api.get(_api_url(ranked_mission), {"ordering": "nope"}).status_code == 400  # an error is never kept
    assert api.get(_api_url(ranked_mission), {"page": 9}).status_code == 404
    html = client.get(ranked_mission.get_absolute_url(), {"min_score": 100}).content.decode()
    assert "Aucun candidat ne correspond à ces filtres." in html


def test_a_re_ranking_shows_at_the_next_request(api, client, client_member, ranked_mission):
    client.force_login(client_member)
    _api(api, ranked_mission), _page(client, ranked_mission)
    newcomer = make_candidate(years=15, rate=700, user__first_name="Ambroise", user__last_name="Nouvelarrivé")
    rank(ranked_mission)
    assert newcomer.pk in _by_profile(_api(api, ranked_mission))
    assert "Nouvelarrivé" in _page(client, ranked_mission)


@pytest.mark.parametrize("how", ["hidden", "deactivated"])
def test_a_candidate_hidden_or_deactivated_leaves_at_the_next_request(api, client, client_member, ranked_mission,
                                                                       django_capture_on_commit_callbacks, how):
    client.force_login(client_member)
    gone = ranked_mission.candidates[0]
    assert gone.pk in _by_profile(_api(api, ranked_mission))
    assert gone.user.last_name in _page(client, ranked_mission)
    with django_capture_on_commit_callbacks(execute=True):
        if how == "hidden":
            gone.is_visible = False
            gone.save()
        else:
            gone.user.is_active = False
            gone.user.save()
    assert gone.pk not in _by_profile(_api(api, ranked_mission))
    assert gone.user.last_name not in _page(client, ranked_mission)


def test_shortlisting_shows_its_status_and_the_contact_at_the_next_request(api, client, client_member,
                                                                          ranked_mission):
    client.force_login(client_member)
    chosen = ranked_mission.candidates[1]
    assert _by_profile(_api(api, ranked_mission))[chosen.pk]["shortlist_status"] is None
    assert chosen.user.email not in _page(client, ranked_mission)
    entry = shortlist.shortlist_add(mission=ranked_mission, profile=chosen, by=client_member)
    candidate = _by_profile(_api(api, ranked_mission))[chosen.pk]
    assert candidate["shortlist_status"] == "shortlisted" and candidate["profile"]["email"] == chosen.user.email
    assert chosen.user.email in _page(client, ranked_mission)
    shortlist.shortlist_move(entry=entry, to_status=ShortlistEntry.Status.CONTACTED, by=client_member)
    assert _by_profile(_api(api, ranked_mission))[chosen.pk]["shortlist_status"] == "contacted"
    assert "status-contacted" in _page(client, ranked_mission)


def test_a_name_or_rate_edited_shows_at_the_next_request(api, client, client_member, ranked_mission,
                                                        django_capture_on_commit_callbacks):
    client.force_login(client_member)
    edited = ranked_mission.candidates[2]
    _api(api, ranked_mission), _page(client, ranked_mission)
    with django_capture_on_commit_callbacks(execute=True):
        edited.user.last_name = "Renommée"
        edited.user.save()
        edited.daily_rate = 777
        edited.save()
    candidate = _by_profile(_api(api, ranked_mission))[edited.pk]
    assert candidate["profile"]["daily_rate"] == 777 and candidate["profile"]["name"].endswith("Renommée")
    html = _page(client, ranked_mission)
    assert "Renommée" in html and "777" in html


def test_a_vocabulary_label_edited_shows_at_the_next_request(api, client, client_member, ranked_mission,
                                                            django_capture_on_commit_callbacks):
    client.force_login(client_member)
    _api(api, ranked_mission), _page(client, ranked_mission)
    sector = ranked_mission.sector
    with django_capture_on_commit_callbacks(execute=True):
        sector.label_fr = "Secteur renommé par l'équipe"
        sector.save()
    reasons = " ".join(item["reason"] for c in _api(api, ranked_mission)["results"] for item in c["breakdown"])
    assert "Secteur renommé par l'équipe" in reasons
    assert "Secteur renommé par l&#x27;équipe" in _section(_page(client, ranked_mission))


def test_the_language_is_part_of_the_key(api, client, client_member, ranked_mission):
    client.force_login(client_member)
    french = _api(api, ranked_mission)
    english = _api(api, ranked_mission, HTTP_ACCEPT_LANGUAGE="en")
    assert french["results"][0]["breakdown"][0]["label"] != english["results"][0]["breakdown"][0]["label"]
    assert "Filtrer" in _section(_page(client, ranked_mission))
    client.cookies["django_language"] = "en"
    assert "Filtrer" not in _section(_page(client, ranked_mission, HTTP_ACCEPT_LANGUAGE="en"))


def test_the_permission_check_comes_before_the_cache(api, client, client_member, other_org_member, freelancer,
                                                     ranked_mission):
    client.force_login(client_member)
    _api(api, ranked_mission), _page(client, ranked_mission)
    assert token_client(other_org_member).get(_api_url(ranked_mission)).status_code == 404
    assert token_client(freelancer).get(_api_url(ranked_mission)).status_code == 403
    client.force_login(other_org_member)
    assert client.get(ranked_mission.get_absolute_url()).status_code == 404


def test_a_contact_unlocked_by_another_organisation_never_shows_to_this_one(client_member, client_org,
                                                                          ranked_mission):
    """A member of two organisations sees the contact a shortlist of the other unlocked; a colleague of one only
    never does, whoever asks first."""
    other = OrganisationFactory(name="Autre maître d'ouvrage")
    both = MembershipFactory(organisation=client_org, user__email="both@client.fr").user
    MembershipFactory(organisation=other, user=both)
    chosen = ranked_mission.candidates[3]
    ShortlistEntry.objects.create(mission=MissionFactory(organisation=other), profile=chosen, added_by=both)
    colleague, member_of_both = token_client(client_member), token_client(both)
    for _ in range(2):
        assert _by_profile(_api(colleague, ranked_mission))[chosen.pk]["profile"]["email"] is None
        assert _by_profile(_api(member_of_both, ranked_mission))[chosen.pk]["profile"]["email"] == chosen.user.email


def test_a_cached_section_carries_the_requests_own_csrf_token(client, client_member, ranked_mission):
    client.force_login(client_member)
    _page(client, ranked_mission)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(client_member)
    html = _page(browser, ranked_mission)  # the content cached by the other session's view
    assert "csrf-token-slot" not in html
    token = _section(html).split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    chosen = ranked_mission.candidates[0]
    response = browser.post(reverse("client:shortlist_add", args=[ranked_mission.pk]),
                            {"profile": chosen.pk, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert ShortlistEntry.objects.filter(mission=ranked_mission, profile=chosen).exists()
    # The heading's actions too.
    html = _page(browser, ranked_mission)
    token = html[html.index('class="mission-actions"'):].split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert browser.post(reverse("client:mission_fill", args=[ranked_mission.pk]),
                        {"csrfmiddlewaretoken": token}).status_code == 302
    ranked_mission.refresh_from_db()
    assert ranked_mission.status == "filled"
