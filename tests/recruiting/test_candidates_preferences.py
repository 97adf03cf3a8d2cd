"""The client's side of two-sided matching on the ranked candidates page and the comparison: a candidate whom
the mission does not suit is marked with each miss in words, never hidden; "fits both ways" filter and the
mutual ordering; bad values are form errors."""
import pytest
from django.urls import reverse

from matching.models import RankingEntry
from profiles.services import profile_update
from tests.api.conftest import token_client
from tests.factories import sector
from tests.recruiting.conftest_client import *  # noqa: F401,F403
from tests.recruiting.conftest_client import make_candidate, rank
from tests.recruiting.test_client_pages import _query_count

pytestmark = pytest.mark.django_db
RATE_MISS = "TJM plafond 800 € sous son minimum de 900 €"
SECTOR_MISS = "Secteur Bâtiment et travaux publics (BTP) refusé"


def _picky(mission, **preferences):
    """The mission's third candidate with these preferences, the ranking stored again."""
    profile = mission.candidates[2]
    for name, value in preferences.items():
        setattr(profile, name, value)
    profile.save()
    rank(mission)
    return profile


def _page(client, member, mission, params=None, language=None):
    client.force_login(member)
    if language:
        client.cookies["django_language"] = language
    return client.get(mission.get_absolute_url(), params or {})


def test_a_candidate_outside_their_preferences_is_shown_with_each_miss_in_words(client, client_member,
                                                                                 ranked_mission):
    picky = _picky(ranked_mission, min_daily_rate=900)
    picky.refused_sectors.set([sector("btp")])
    rank(ranked_mission)
    response = _page(client, client_member, ranked_mission)
    candidates = {c["profile"].pk: c for c in response.context["candidates"]}
    assert len(candidates) == 5  # nobody hidden
    assert [m["text"] for m in candidates[picky.pk]["misses"]] == [RATE_MISS, SECTOR_MISS]
    assert all(c["misses"] == [] for pid, c in candidates.items() if pid != picky.pk)
    html = response.content.decode()
    assert html.count('class="preference-misses"') == 1
    assert f"Hors de ses préférences :</strong> {RATE_MISS} ; {SECTOR_MISS}" in html


def test_the_misses_speak_english_when_asked(client, client_member, ranked_mission):
    _picky(ranked_mission, min_daily_rate=900)
    html = _page(client, client_member, ranked_mission, language="en").content.decode()
    assert 'class="preference-misses"' in html and "900" in html


def test_fits_both_ways_filter_and_the_mutual_ordering(client, client_member, ranked_mission):
    picky = _picky(ranked_mission, min_daily_rate=900)
    fitting = _page(client, client_member, ranked_mission, {"fits_both": "on"}).context["candidates"]
    assert len(fitting) == 4 and picky.pk not in {c["profile"].pk for c in fitting}
    mutual = _page(client, client_member, ranked_mission, {"ordering": "mutual"})
    assert [c["profile"].pk for c in mutual.context["candidates"]][-1] == picky.pk
    ranks = [c["entry"].rank for c in mutual.context["candidates"]]
    assert ranks[:-1] == sorted(ranks[:-1])
    html = mutual.content.decode()
    assert "Convient dans les deux sens" in html and "Accord mutuel" in html and "Classement du client" in html
    client_order = _page(client, client_member, ranked_mission, {"ordering": "rank"}).context["candidates"]
    assert [c["entry"].rank for c in client_order] == [1, 2, 3, 4, 5]


def test_an_unknown_ordering_is_a_form_error_never_a_500(client, client_member, ranked_mission):
    response = _page(client, client_member, ranked_mission, {"ordering": "best"})
    assert response.status_code == 200
    assert "ordering" in response.context["form"].errors
    assert len(response.context["candidates"]) == 5
    assert 'class="errors"' in response.content.decode()


def test_the_comparison_shows_the_misses(client, client_member, ranked_mission):
    picky = _picky(ranked_mission, min_daily_rate=900)
    other = ranked_mission.candidates[0]
    client.force_login(client_member)
    response = client.get(reverse("client:compare", args=[ranked_mission.pk]) + f"?p={picky.pk}&p={other.pk}")
    html = response.content.decode()
    assert [c.preference_misses for c in response.context["candidates"]][1] == []
    assert response.context["candidates"][0].preference_misses[0]["text"] == RATE_MISS
    assert "Préférences du freelance" in html and RATE_MISS in html and "Convient dans les deux sens" in html


def test_the_page_with_the_filters_runs_a_fixed_number_of_queries(client, client_member, ranked_mission):
    _picky(ranked_mission, min_daily_rate=900)
    client.force_login(client_member)
    urls = [ranked_mission.get_absolute_url() + query for query in ("", "?ordering=mutual", "?fits_both=on")]
    before = [_query_count(client, url) for url in urls]
    for years in (4, 6, 7, 9):
        make_candidate(years=years, rate=600, min_daily_rate=900 if years % 2 else None)
    rank(ranked_mission)
    assert RankingEntry.objects.filter(mission=ranked_mission, fits_preferences=False).count() == 3
    assert [_query_count(client, url) for url in urls] == before


@pytest.mark.django_db(transaction=True)  # the re-ranking task runs on commit, eagerly, as in production
def test_raising_the_minimum_rate_above_the_ceiling_marks_the_candidate_for_the_client(
        client, client_member, ranked_mission):
    profile = ranked_mission.candidates[1]
    assert "preference-misses" not in _page(client, client_member, ranked_mission).content.decode()
    profile_update(profile=profile, min_daily_rate=900)
    html = _page(client, client_member, ranked_mission).content.decode()
    assert f"Hors de ses préférences :</strong> {RATE_MISS}" in html
    api = token_client(client_member).get(f"/api/v1/missions/{ranked_mission.pk}/candidates/").json()
    (candidate,) = [c for c in api["results"] if c["profile"]["id"] == profile.pk]
    assert candidate["fits_preferences"] is False and candidate["preference_misses"][0]["text"] == RATE_MISS
