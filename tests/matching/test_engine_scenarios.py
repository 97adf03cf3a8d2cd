"""Domain scenarios: what a client expects the ranking to say."""
from __future__ import annotations

import dataclasses
import datetime

from matching.engine.features import MissionFeatures, ProfileFeatures, ProfileIndex
from matching.engine.reasons import render_exclusion, render_reason
from matching.engine.scoring import explain, rank
from matching.engine.synthetic import default_vocabulary

VOCAB = default_vocabulary()
START = datetime.date(2026, 4, 1)
PARIS = (48.857, 2.352)
LYON = (45.764, 4.836)


def profile(**changes) -> ProfileFeatures:
    base = ProfileFeatures(
        id=1, visible=True, roles=frozenset({"amoe"}), years=8, max_scale_handled="large",
        sector_years={"btp": 6}, tools={"excel": 3}, skills=frozenset({"planning"}),
        english_written="B2", english_spoken="B2", diploma_level=5, diploma_flags=1,
        reputation_sum=0.0, reputation_count=0, daily_rate=650, available_from=START,
        days_per_week=5, work_modes=frozenset({"on_site", "hybrid"}),
        latitude=PARIS[0], longitude=PARIS[1], mobility_km=50,
    )
    return dataclasses.replace(base, **changes)


def mission(**changes) -> MissionFeatures:
    base = MissionFeatures(
        id=1, role="amoe", sector="btp", adjacent_sectors=frozenset({"immobilier"}),
        scale="medium", complexity="moderate", tools=(), skills=(),
        english_written_min=None, english_spoken_min=None, international=False,
        start_date=START, days_per_week=5, work_mode="hybrid",
        latitude=PARIS[0], longitude=PARIS[1], daily_rate_max=None,
        min_diploma_level=None, exclude_missing_must_haves=False,
    )
    return dataclasses.replace(base, **changes)


def ranked_ids(result) -> list[int]:
    return [c.profile_id for c in result.candidates]


def test_seasoned_btp_engineer_beats_beginner_on_very_large_complex_site():
    planning_tools = {"ms_project": 4, "primavera": 3}
    site = mission(
        scale="very_large", complexity="high",
        tools=(("ms_project", "must", 3), ("primavera", "must", 3)), skills=(("planning", "must"),),
    )
    veteran = profile(id=10, years=12, max_scale_handled="very_large", sector_years={"btp": 12}, tools=planning_tools)
    beginner = profile(id=11, years=2, max_scale_handled="small", sector_years={"btp": 2}, tools=planning_tools, diploma_flags=0)
    result = rank(mission=site, index=ProfileIndex.from_profiles([beginner, veteran], vocabulary=VOCAB))
    assert ranked_ids(result) == [10, 11]
    top, bottom = result.candidates
    assert top.score - bottom.score > 25  # not a near tie: seniority falls fast on big projects
    seniority = {c.profile_id: c.breakdown[0]["reason"] for c in result.candidates}
    assert seniority[10]["code"] == "seniority.meets"
    assert seniority[11] == {
        "code": "seniority.below_no_scale_experience",
        "params": {"years": 2, "required": 10, "scale": "very_large", "complexity": "high", "max_scale": "small"},
    }


def test_tight_ceiling_on_small_it_mission_excludes_the_expensive_senior():
    it = mission(sector="informatique", adjacent_sectors=frozenset(), scale="small", complexity="low", daily_rate_max=550)
    junior = profile(id=20, years=3, daily_rate=500, sector_years={"informatique": 3})
    senior = profile(id=21, years=15, daily_rate=1000, sector_years={"informatique": 15})
    result = rank(mission=it, index=ProfileIndex.from_profiles([junior, senior], vocabulary=VOCAB))
    assert ranked_ids(result) == [20]
    assert result.excluded["rate"] == 1 and result.excluded_total == 1 and result.scored == 1

    why = explain(mission=it, profile=senior)
    assert why.score is None
    assert why.excluded_reasons == [{"code": "exclusion.rate", "params": {"rate": 1000, "ceiling": 550}}]
    assert render_exclusion(why.excluded_reasons[0]) == "TJM de 1000 € au-dessus du plafond de 550 €"
    assert why.breakdown[7]["criterion"] == "rate" and why.breakdown[7]["score"] == 0.0


def test_rate_within_tolerance_is_kept_but_scores_lower():
    ceiling = mission(daily_rate_max=700)
    result = rank(mission=ceiling, index=ProfileIndex.from_profiles(
        [profile(id=1, daily_rate=770), profile(id=2, daily_rate=560), profile(id=3, daily_rate=771)], vocabulary=VOCAB))
    assert ranked_ids(result) == [2, 1]
    rate = {c.profile_id: c.breakdown[7] for c in result.candidates}
    assert rate[2]["score"] == 1.0 and rate[2]["reason"]["code"] == "rate.well_under"
    assert rate[1]["score"] == 0.0 and rate[1]["reason"]["code"] == "rate.over"


def test_international_mission_requiring_c1_excludes_b1_english():
    abroad = mission(international=True, english_written_min="C1", english_spoken_min="C1")
    fluent = profile(id=30, english_written="C1", english_spoken="C2")
    b1 = profile(id=31, english_written="B1", english_spoken="B1")
    result = rank(mission=abroad, index=ProfileIndex.from_profiles([fluent, b1], vocabulary=VOCAB))
    assert ranked_ids(result) == [30]
    assert result.excluded["english"] == 1
    assert [r["code"] for r in explain(mission=abroad, profile=b1).excluded_reasons] == ["exclusion.english"]
    english = result.candidates[0].breakdown[4]
    assert english["weight"] > 8.0  # doubled before normalisation on international missions


def test_excluded_counts_per_reason():
    on_site = mission(work_mode="on_site", daily_rate_max=600, english_written_min="B2",
                      tools=(("primavera", "must", 2),), exclude_missing_must_haves=True)
    fine = {"tools": {"primavera": 3}}
    people = [
        profile(id=1, **fine),
        profile(id=2, visible=False, **fine),
        profile(id=3, roles=frozenset({"pmo"}), **fine),
        profile(id=4, available_from=START + datetime.timedelta(days=31), **fine),
        profile(id=5, available_from=START + datetime.timedelta(days=30), **fine),  # within tolerance
        profile(id=6, work_modes=frozenset({"remote"}), **fine),
        profile(id=7, latitude=LYON[0], longitude=LYON[1], mobility_km=100, **fine),  # ~390 km away
        profile(id=8, latitude=LYON[0], longitude=LYON[1], mobility_km=500, **fine),
        profile(id=9, daily_rate=661, **fine),
        profile(id=10, english_written="B1", **fine),
        profile(id=11, tools={"primavera": 1}),
        profile(id=12, visible=False, daily_rate=900, roles=frozenset({"moe"}), **fine),  # three reasons
        profile(id=13, latitude=None, longitude=None, mobility_km=0, **fine),  # unknown place: not excluded
    ]
    result = rank(mission=on_site, index=ProfileIndex.from_profiles(people, vocabulary=VOCAB))
    assert result.excluded == {
        "hidden": 2, "role": 2, "availability": 1, "work_mode": 2, "rate": 2, "english": 1, "must_have": 1,
    }
    assert result.excluded_total == 9
    assert sorted(ranked_ids(result)) == [1, 5, 8, 13]
    assert result.scored == 4
    far = explain(mission=on_site, profile=people[6]).excluded_reasons
    assert far[0]["code"] == "exclusion.work_mode" and 380 < far[0]["params"]["distance_km"] < 400
    assert render_exclusion(far[0]).startswith("À 39")


def test_remote_mission_ignores_distance():
    remote = mission(work_mode="remote", latitude=LYON[0], longitude=LYON[1])
    people = [profile(id=1, work_modes=frozenset({"remote"}), mobility_km=0), profile(id=2)]
    result = rank(mission=remote, index=ProfileIndex.from_profiles(people, vocabulary=VOCAB))
    assert ranked_ids(result) == [1] and result.excluded["work_mode"] == 1


def test_seniority_reason_reads_naturally_in_french_and_english():
    large = mission(scale="large", complexity="high")
    expert = profile(years=12, max_scale_handled="very_large")
    reason = explain(mission=large, profile=expert).breakdown[0]["reason"]
    assert reason == {"code": "seniority.meets", "params": {"years": 12, "required": 7, "scale": "large", "complexity": "high"}}
    assert render_reason(reason) == "12 ans d'expérience pour 7 requis (grande envergure, complexité élevée)"
    assert render_reason(reason, language="en") == "12 years of experience for the 7 required (large scale, high complexity)"


def test_newcomer_gets_a_neutral_reputation_and_a_good_one_helps():
    newcomer = profile(id=1)
    praised = profile(id=2, reputation_sum=15.0, reputation_count=3)
    result = rank(mission=mission(), index=ProfileIndex.from_profiles([newcomer, praised], vocabulary=VOCAB))
    reputation = {c.profile_id: c.breakdown[6] for c in result.candidates}
    assert reputation[1]["score"] == 0.5 and reputation[1]["reason"]["code"] == "reputation.prior"
    assert reputation[2]["score"] > 0.5 and ranked_ids(result) == [2, 1]


def test_ties_are_broken_by_profile_id_across_the_top_k_boundary():
    twins = [profile(id=i) for i in (9, 3, 7, 5, 1)]
    result = rank(mission=mission(), index=ProfileIndex.from_profiles(twins, vocabulary=VOCAB), top_k=3)
    assert ranked_ids(result) == [1, 3, 5]
    assert len({c.score for c in result.candidates}) == 1


def test_upsert_and_remove_keep_the_index_consistent():
    index = ProfileIndex.from_profiles([profile(id=i) for i in range(1, 6)], vocabulary=VOCAB)
    index.upsert(profile(id=3, years=1))
    index.remove(2)
    index.upsert(profile(id=99, years=20))
    assert len(index) == 5 and 2 not in index
    result = rank(mission=mission(), index=index)
    assert sorted(ranked_ids(result)) == [1, 3, 4, 5, 99]
    assert ranked_ids(result)[-1] == 3 and result.excluded_total == 0
    assert index.nbytes_per_profile() > 0
