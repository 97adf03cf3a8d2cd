""""Missions pour moi" and GET /api/v1/me/missions/ with the coach: under each mission shown, ranked or
excluded, what change would lift the freelancer there; and the page kept whole in the shared cache, which
never outlives what it shows."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.services import mission_rank, profile_rankings_withdraw
from profiles.services import profile_update
from recruiting.models import ShortlistEntry
from tests.api.conftest import token_client
from tests.factories import FreelancerProfileFactory, MissionFactory, ProfileSectorFactory

pytestmark = pytest.mark.django_db
URL = reverse("freelancer:missions")
API_URL = reverse("api:my_missions")
RATE_SECTION = reverse("freelancer:profile_edit", args=["availability"]) + "#id_profile-daily_rate"


@pytest.fixture
def missions():
    good = MissionFactory(title="Pilotage Lyon")
    cheap = MissionFactory(title="Petit budget", daily_rate_max=500)  # the freelancer asks 600
    for mission in (good, cheap):
        mission_rank(mission_id=mission.pk)
    return {"good": good, "cheap": cheap}


def _page(client, user, language="fr"):
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _excluded(page: str) -> str:
    return page.split('id="excluded-heading"')[1]


def _main(page: str) -> str:
    return page.split("<main")[1].split("</main>")[0]


def test_the_api_items_carry_their_suggestions(freelancer, missions):
    body = token_client(freelancer).get(API_URL).json()
    (excluded,) = body["excluded"]
    (rate,) = [s for s in excluded["suggestions"] if s["change"]["kind"] == "rate"]
    assert rate["lifts_exclusion"] and rate["new_rank"] == 1 and rate["points"] == rate["score"] > 0
    # 550 €: within the tolerance above the 500 € ceiling.
    assert rate["change"]["number"] == 550 and rate["change"]["edit_url"] == RATE_SECTION
    assert rate["change"]["text"] == "Si vous acceptez un TJM de 550 € (50 € de moins par jour)"
    (ranked,) = body["ranked"]
    assert isinstance(ranked["suggestions"], list)
    assert all(not s["lifts_exclusion"] and s["points"] > 0 for s in ranked["suggestions"])


def test_the_api_in_english(freelancer, missions):
    body = token_client(freelancer, language="en").get(API_URL).json()
    (rate,) = [s for s in body["excluded"][0]["suggestions"] if s["change"]["kind"] == "rate"]
    assert rate["change"]["edit_url"] == RATE_SECTION and rate["band_label"]


def test_the_page_shows_each_missions_suggestions_and_links_to_the_coach(client, freelancer, missions):
    page = _page(client, freelancer)
    assert f'<a href="{reverse("freelancer:coach")}">Améliorer mon classement</a>' in page
    assert "Pour progresser sur cette mission :" in page
    assert f'<a href="{RATE_SECTION}">Si vous acceptez un TJM de 550 € (50 € de moins par jour)</a>' in page
    assert re.search(r"</a> : \+\d+,\d points, 1ᵉʳ — lève l'exclusion</li>", page)


def test_the_page_in_english(client, freelancer, missions):
    page = _page(client, freelancer, language="en")
    assert 'lang="en"' in page and f'<a href="{RATE_SECTION}">' in page
    french = _page(client, freelancer)
    assert 'lang="fr"' in french and french != page  # each language kept apart


def test_a_re_ranking_shows_at_the_next_request(client, freelancer, missions):
    assert "1ᵉʳ sur 1" in _page(client, freelancer)
    FreelancerProfileFactory()  # ties with the freelancer, who keeps the lower id
    mission_rank(mission_id=missions["good"].pk)
    assert "1ᵉʳ sur 2" in _page(client, freelancer)
    assert token_client(freelancer).get(API_URL).json()["ranked"][0]["candidates"] == 2


def test_a_profile_edit_shows_at_the_next_request(client, freelancer, missions):
    api = token_client(freelancer)
    before = api.get(API_URL).json()
    assert "Petit budget" in _excluded(_page(client, freelancer))
    profile_update(profile=freelancer.profile, daily_rate=480)
    after = api.get(API_URL).json()
    assert (before["ranked_count"], after["ranked_count"]) == (1, 2) and after["excluded"] == []
    assert "Petit budget" not in _excluded(_page(client, freelancer))


def test_a_page_kept_in_the_cache_costs_a_few_queries_and_reads_the_same(client, freelancer, missions):
    first = _page(client, freelancer)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL).content.decode()
    # The session's user, the profile and the stamp of what the page shows.
    assert _main(again) == _main(first) and len(queries) <= 4, [q["sql"] for q in queries]
    api = token_client(freelancer)
    body = api.get(API_URL).content  # the token's last use is written once, which forgets its cached identity
    assert api.get(API_URL).content == body  # the identity cached again
    with CaptureQueriesContext(connection) as queries:
        assert api.get(API_URL).content == body
    assert len(queries) <= 4, [q["sql"] for q in queries]


def test_a_shortlisting_shows_at_the_next_request(client, freelancer, missions):
    assert "Présélection" not in _page(client, freelancer)
    ShortlistEntry.objects.create(mission=missions["good"], profile=freelancer.profile)
    assert "Présélection" in _page(client, freelancer)


def test_the_preferences_through_their_route(freelancer, missions):
    api = token_client(freelancer)
    url = reverse("api:my_preferences")
    assert url == "/api/v1/me/preferences/"
    assert api.patch(url, {"min_daily_rate": 550}, format="json").json()["min_daily_rate"] == 550
    assert api.get(url).json()["min_daily_rate"] == 550
    assert api.patch(url, {"min_mission_months": -1}, format="json").status_code == 400
    assert token_client().get(url).status_code == 401


def test_a_combined_change_links_each_part_to_its_section(client, freelancer):
    """Excluded by the rate and by English: no single change lifts it, so each part is its own link."""
    both = MissionFactory(title="Petit budget international", daily_rate_max=500, english_written_min="C2")
    mission_rank(mission_id=both.pk)
    excluded = _excluded(_page(client, freelancer))
    suggestion = excluded.split("Pour progresser sur cette mission")[1].split("</li>")[0]
    assert f'<a href="{RATE_SECTION}">Si vous acceptez un TJM de 550 €' in suggestion
    assert re.search(r' et <a href="[^"]+">si votre anglais écrit atteint C2[^<]*</a>', suggestion)


def _rival(missions):
    """Another profile, ranked above the freelancer on the good mission (its sector is theirs)."""
    rival = ProfileSectorFactory(years=10).profile
    mission_rank(mission_id=missions["good"].pk)
    return rival


def _rank_on(api, mission) -> int:
    (item,) = [i for i in api.get(API_URL).json()["ranked"] if i["mission"]["id"] == mission.pk]
    return item["rank"]


@pytest.mark.parametrize("withdraw", ["hidden", "deactivated", "deleted"])
def test_another_profile_leaving_the_rankings_shows_at_the_next_request(client, freelancer, missions, withdraw):
    rival = _rival(missions)
    api = token_client(freelancer)
    assert _rank_on(api, missions["good"]) == 2
    assert "2ᵉ sur 2" in _page(client, freelancer)
    if withdraw == "hidden":
        rival.is_visible = False
        rival.save()
    elif withdraw == "deactivated":
        rival.user.is_active = False
        rival.user.save()
    else:
        rival.user.delete()
    # No re-ranking yet (the withdrawal task and the re-ranking are queued): the pages leave the rival out at once.
    assert _rank_on(api, missions["good"]) == 1
    assert "1ᵉʳ sur" in _page(client, freelancer)


def test_another_profile_shown_again_shows_at_the_next_request(freelancer, missions):
    rival = _rival(missions)
    rival.is_visible = False
    rival.save()
    api = token_client(freelancer)
    assert _rank_on(api, missions["good"]) == 1
    rival.is_visible = True
    rival.save()  # its rows are still stored: the withdrawal never ran
    assert _rank_on(api, missions["good"]) == 2


def test_a_profile_withdrawn_from_the_rankings_shows_at_the_next_request(freelancer, missions):
    """As when it is shown again between the withdrawal's check and its delete: its rows leave the pages."""
    rival = _rival(missions)
    api = token_client(freelancer)
    assert _rank_on(api, missions["good"]) == 2
    profile_rankings_withdraw(profile_id=rival.pk)
    assert _rank_on(api, missions["good"]) == 1


def test_another_profile_edited_keeps_the_cached_answer(freelancer, missions):
    """Other profiles count through the stored rankings only: an edit waits for its re-ranking."""
    rival = _rival(missions)
    api = token_client(freelancer)
    body = api.get(API_URL).content  # the token's last use is written once, which forgets its cached identity
    assert api.get(API_URL).content == body  # the identity cached again
    profile_update(profile=rival, daily_rate=450)
    with CaptureQueriesContext(connection) as queries:
        assert api.get(API_URL).content == body
    assert len(queries) <= 4, [q["sql"] for q in queries]
