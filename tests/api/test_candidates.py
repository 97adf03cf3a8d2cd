"""GET /api/v1/missions/{id}/candidates/ and POST /api/v1/missions/{id}/rank/."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from matching.models import MissionRanking, RankingEntry, RankingRequest
from missions.models import Mission
from recruiting.models import ShortlistEntry
from tests.api.conftest import make_candidate, rank, token_client
from tests.factories import MissionFactory


def url(mission, suffix="candidates"):
    return f"/api/v1/missions/{mission.pk}/{suffix}/"


def test_the_stored_ranking_best_first_with_its_explanation(recruiter_api, esn_mission):
    body = recruiter_api.get(url(esn_mission)).json()
    assert body["count"] == RankingEntry.objects.filter(mission=esn_mission).count() == 5
    first = body["results"][0]
    assert [c["rank"] for c in body["results"]] == [1, 2, 3, 4, 5]
    assert [c["score"] for c in body["results"]] == sorted((c["score"] for c in body["results"]), reverse=True)
    assert set(first) >= {"rank", "score", "profile", "breakdown", "computed_at", "engine_version"}
    assert 0 <= first["score"] <= 100
    assert set(first["breakdown"][0]) >= {"criterion", "score", "weight", "points", "reason"}
    assert sum(item["points"] for item in first["breakdown"]) == pytest.approx(first["score"], abs=0.01)
    assert first["profile"]["email"] is None  # not shortlisted


def test_reasons_and_labels_follow_accept_language(esn_recruiter, esn_mission):
    french = token_client(esn_recruiter).get(url(esn_mission)).json()["results"][0]["breakdown"]
    english = token_client(esn_recruiter, language="en").get(url(esn_mission)).json()["results"][0]["breakdown"]
    assert french[0]["criterion"] == english[0]["criterion"] == "seniority"
    assert english[0]["label"] == "Experience for the project's scale"
    assert "experience" in english[0]["reason"] and "expérience" in french[0]["reason"]
    assert french[0]["reason_code"] == english[0]["reason_code"]


def test_min_score_filter(recruiter_api, esn_mission):
    scores = sorted(RankingEntry.objects.filter(mission=esn_mission).values_list("score", flat=True))
    body = recruiter_api.get(f"{url(esn_mission)}?min_score={scores[2]}").json()
    assert body["count"] == 3 and all(c["score"] >= scores[2] for c in body["results"])
    for bad in ("high", "101", "-1"):
        response = recruiter_api.get(f"{url(esn_mission)}?min_score={bad}")
        assert response.status_code == 400 and "min_score" in response.json()["errors"]


def test_shortlist_status_and_contact_of_shortlisted_candidates(recruiter_api, esn_mission):
    profile = esn_mission.candidates[0]
    ShortlistEntry.objects.create(mission=esn_mission, profile=profile, status="contacted")
    results = {c["profile"]["id"]: c for c in recruiter_api.get(url(esn_mission)).json()["results"]}
    assert results[profile.pk]["shortlist_status"] == "contacted"
    assert results[profile.pk]["profile"]["email"] == profile.user.email
    assert {c["shortlist_status"] for pid, c in results.items() if pid != profile.pk} == {None}


def test_newcomers_are_flagged(recruiter_api, esn_mission):
    MissionRanking.objects.filter(mission=esn_mission).update(top10_entered=[esn_mission.candidates[1].pk])
    flags = {c["profile"]["id"]: c["is_new"] for c in recruiter_api.get(url(esn_mission)).json()["results"]}
    assert flags[esn_mission.candidates[1].pk] is True and sum(flags.values()) == 1


def test_a_mission_not_ranked_yet_has_no_candidates(recruiter_api, esn_org):
    mission = MissionFactory(organisation=esn_org, status=Mission.Status.DRAFT)
    assert recruiter_api.get(url(mission)).json()["count"] == 0


def test_rank_records_a_request_ranked_on_commit_and_answers_202(recruiter_api, esn_mission,
                                                                 django_capture_on_commit_callbacks):
    newcomer = make_candidate(years=20, rate=500)
    RankingRequest.objects.update(processed_at=timezone.now())  # the fixtures' requests, done at their commit
    with django_capture_on_commit_callbacks() as queued:
        response = recruiter_api.post(url(esn_mission, "rank"))
    assert response.status_code == 202 and response.json() == {"mission": esn_mission.pk, "status": "queued"}
    request = RankingRequest.objects.get(processed_at=None)
    assert (request.kind, request.object_id) == ("mission", esn_mission.pk)
    assert not RankingEntry.objects.filter(mission=esn_mission, profile=newcomer).exists()
    for callback in queued:  # the commit: Celery runs eagerly in the tests
        callback()
    assert RankingEntry.objects.filter(mission=esn_mission, profile=newcomer).exists()


def test_rank_refuses_a_draft(recruiter_api, esn_org):
    mission = MissionFactory(organisation=esn_org, status=Mission.Status.DRAFT)
    assert recruiter_api.post(url(mission, "rank")).status_code == 400


@pytest.mark.parametrize("suffix, method", [("candidates", "get"), ("rank", "post")])
def test_another_organisations_ranking_answers_404(recruiter_api, foreign_mission, suffix, method):
    assert getattr(recruiter_api, method)(url(foreign_mission, suffix)).status_code == 404


@pytest.mark.parametrize("suffix, method", [("candidates", "get"), ("rank", "post")])
def test_freelancers_get_403(freelancer, esn_mission, suffix, method):
    assert getattr(token_client(freelancer), method)(url(esn_mission, suffix)).status_code == 403


@pytest.mark.parametrize("page_size", [5, 50])
def test_query_count_does_not_grow_with_the_page_size(recruiter_api, esn_org, page_size, settings):
    mission = MissionFactory(organisation=esn_org)
    for years in range(2, 57):
        make_candidate(years=years % 20 + 2)
    rank(mission)
    ShortlistEntry.objects.create(mission=mission, profile=RankingEntry.objects.get(mission=mission, rank=3).profile)
    recruiter_api.get(url(mission))  # the token's last use is written once
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = recruiter_api.get(f"{url(mission)}?page_size={page_size}")
    assert len(response.json()["results"]) == page_size
    # token+user, membership, the mission with the answer's stamp, ids (the count), page with profiles and header,
    # shortlist, contacts; then, for breakdowns not in the cache yet, the 3 vocabularies and the entries to explain
    assert len(cold) == 11, "\n".join(q["sql"][:150] for q in cold)
    with CaptureQueriesContext(connection) as warm:
        assert recruiter_api.get(f"{url(mission)}?page_size={page_size}").json() == response.json()
    # the page seen before: the mission with the stamp (token, user and membership come from the cache); no ranking
    # row read
    assert len(warm) == 1, "\n".join(q["sql"][:150] for q in warm)
    assert not [q for q in warm if "matching_rankingentry" in q["sql"]]


def test_each_candidate_carries_the_band_of_its_score(recruiter_api, esn_mission):
    RankingEntry.objects.filter(mission=esn_mission, rank=1).update(score=85)
    RankingEntry.objects.filter(mission=esn_mission, rank=2).update(score=84.9)
    RankingEntry.objects.filter(mission=esn_mission, rank=3).update(score=50)
    RankingEntry.objects.filter(mission=esn_mission, rank=4).update(score=49.99)
    bands = [c["band"] for c in recruiter_api.get(url(esn_mission)).json()["results"]]
    assert bands[:4] == ["excellent", "good", "partial", "weak"]


def test_a_renamed_sector_shows_in_the_reasons_at_once(recruiter_api, esn_mission,
                                                     django_capture_on_commit_callbacks):
    def reasons():
        return " ".join(item["reason"] for c in recruiter_api.get(url(esn_mission)).json()["results"]
                        for item in c["breakdown"])

    sector = esn_mission.sector
    assert sector.label_fr in reasons()  # now cached
    sector.label_fr = "Secteur renommé par l'équipe"
    with django_capture_on_commit_callbacks(execute=True):
        sector.save()
    assert "Secteur renommé par l'équipe" in reasons()


def _picky(mission, *, min_rate):
    """The mission's third candidate, asking more per day than the mission's ceiling, its ranking stored again."""
    profile = mission.candidates[2]
    profile.min_daily_rate = min_rate
    profile.save()
    rank(mission)
    return profile


def test_each_candidate_says_whether_the_mission_fits_their_preferences_and_each_miss_in_words(esn_recruiter,
                                                                                                esn_mission):
    picky = _picky(esn_mission, min_rate=900)
    for language in (None, "en"):
        results = {c["profile"]["id"]: c for c in
                   token_client(esn_recruiter, language=language).get(url(esn_mission)).json()["results"]}
        (miss,) = results[picky.pk]["preference_misses"]
        assert results[picky.pk]["fits_preferences"] is False
        assert miss["code"] == "preference.rate" and miss["params"] == {"ceiling": 800, "min_rate": 900}
        assert "800" in miss["text"] and "900" in miss["text"]
        if language is None:
            assert miss["text"] == "TJM plafond 800 € sous son minimum de 900 €"
        assert all(c["fits_preferences"] and c["preference_misses"] == []
                   for pid, c in results.items() if pid != picky.pk)


def test_fits_preferences_filter_and_the_mutual_ordering(recruiter_api, esn_mission):
    picky = _picky(esn_mission, min_rate=900)
    fitting = recruiter_api.get(f"{url(esn_mission)}?fits_preferences=true").json()
    assert fitting["count"] == 4 and picky.pk not in {c["profile"]["id"] for c in fitting["results"]}
    missing = recruiter_api.get(f"{url(esn_mission)}?fits_preferences=false").json()
    assert [c["profile"]["id"] for c in missing["results"]] == [picky.pk]
    mutual = recruiter_api.get(f"{url(esn_mission)}?ordering=mutual").json()["results"]
    picky_rank = RankingEntry.objects.get(mission=esn_mission, profile=picky).rank
    assert [c["rank"] for c in mutual] == [r for r in range(1, 6) if r != picky_rank] + [picky_rank]
    assert [c["rank"] for c in recruiter_api.get(f"{url(esn_mission)}?ordering=rank").json()["results"]] == [
        1, 2, 3, 4, 5]


@pytest.mark.parametrize("query, field", [("fits_preferences=yes", "fits_preferences"),
                                          ("fits_preferences=2", "fits_preferences"),
                                          ("ordering=score", "ordering"), ("ordering=-rank", "ordering")])
def test_an_unknown_filter_or_ordering_value_answers_400_with_the_field(recruiter_api, esn_mission, query, field):
    response = recruiter_api.get(f"{url(esn_mission)}?{query}")
    assert response.status_code == 400 and field in response.json()["errors"]


@pytest.mark.parametrize("query", ["", "&fits_preferences=false&ordering=mutual"])
def test_query_count_with_preference_misses_does_not_grow_with_the_page_size(recruiter_api, esn_org, query):
    mission = MissionFactory(organisation=esn_org, daily_rate_max=500)
    for years in range(2, 40):
        make_candidate(years=years % 20 + 2, rate=450, min_daily_rate=600 if years % 2 else None)
    rank(mission)
    recruiter_api.get(url(mission))
    counts = []
    for page_size in (5, 15):
        cache.clear()
        recruiter_api.get(f"{url(mission)}?page_size={page_size}{query}")  # the breakdowns cached
        with CaptureQueriesContext(connection) as built:  # another URL: the page built again, from them
            body = recruiter_api.get(f"{url(mission)}?page_size={page_size}{query}&page=1").json()
        assert len(body["results"]) == page_size
        assert any(c["preference_misses"] for c in body["results"])
        counts.append(len(built))
    assert counts == [5, 5]  # token, user and membership from the cache
