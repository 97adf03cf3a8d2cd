"""Engine version 2: gates, graded education, reputation with evidence, bands (issue 17)."""
from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching.engine import criteria as K
from matching.engine.bands import band_for
from matching.engine.features import ProfileIndex
from matching.engine.gates import MUST_HAVE_TABLE, seniority_table
from matching.engine.reasons import render_reason
from matching.engine.scoring import explain, rank
from tests.matching.test_engine_properties import PROPERTY, VOCAB, missions, profiles, total
from tests.matching.test_engine_scenarios import mission, profile

TOOLS = (("ms_project", "must", 3), ("primavera", "must", 2))
SKILLS = (("planning", "must"), ("reporting", "nice"))


def score(m, p) -> float:
    return explain(mission=m, profile=p).score


def gates_of(m, p) -> dict[str, dict]:
    return {b["criterion"]: b for b in explain(mission=m, profile=p).breakdown if b["criterion"].startswith("gate_")}


def complete(**changes):
    """Every must-have of TOOLS and SKILLS, 12 years, BTP, an engineer: an excellent profile."""
    base = dict(years=12, max_scale_handled="very_large", sector_years={"btp": 10},
                tools={"ms_project": 4, "primavera": 3}, skills=frozenset({"planning", "reporting"}))
    return profile(**{**base, **changes})


def test_a_beginner_on_a_very_large_complex_project_ends_below_50_whatever_else():
    site = mission(scale="very_large", complexity="high", tools=TOOLS, skills=SKILLS)
    beginner = complete(years=2, max_scale_handled="small", reputation_sum=25.0, reputation_count=5)
    assert score(site, beginner) < 50
    gate = gates_of(site, beginner)["gate_seniority"]
    assert gate["weight"] == 0.0 and gate["points"] < -10
    assert render_reason(gate["reason"]) == (
        "2 ans d'expérience pour 10 requis sur ce projet (très grande envergure, complexité élevée)")
    assert band_for(score(site, complete())) == "excellent"


def test_one_year_short_on_a_small_project_costs_little():
    small = mission(scale="small", complexity="moderate", tools=TOOLS, skills=SKILLS)
    assert gates_of(small, complete(years=2))["gate_seniority"]["points"] > -3  # the criterion's fall is v1's
    assert band_for(score(small, complete(years=2))) in ("excellent", "good")


def test_a_missing_must_have_reads_as_partial_and_never_outranks_a_profile_with_all_of_them():
    site = mission(scale="medium", tools=TOOLS, skills=SKILLS)
    without_tool = complete(tools={"ms_project": 4})  # Primavera missing
    weak_tool = complete(tools={"ms_project": 2, "primavera": 3})  # MS Project below the level asked
    without_sector = complete(sector_years={})
    for lacking in (without_tool, weak_tool, complete(skills=frozenset({"reporting"}))):
        assert score(site, lacking) < 60
        assert score(site, lacking) < score(site, without_sector)
        assert "gate_must_have" in gates_of(site, lacking)
    assert score(site, complete(tools={})) < score(site, without_tool)  # two missing cost more than one


def test_exclude_missing_must_haves_still_excludes():
    strict = mission(tools=TOOLS, skills=SKILLS, exclude_missing_must_haves=True)
    result = rank(mission=strict, index=ProfileIndex.from_profiles([complete(id=1), complete(id=2, tools={})],
                                                                   vocabulary=VOCAB))
    assert [c.profile_id for c in result.candidates] == [1] and result.excluded["must_have"] == 1


def test_no_fit_at_all_reads_as_weak_even_meeting_everything_else():
    site = mission(tools=(("primavera", "nice", 2),), skills=(("budgeting", "nice"),))
    nothing = profile(years=15, max_scale_handled="very_large", sector_years={}, tools={}, skills=frozenset())
    assert explain(mission=site, profile=nothing).excluded_reasons == []
    assert score(site, nothing) < 50 and "gate_fit" in gates_of(site, nothing)


def test_education_is_graded_and_engineering_counts_more_on_complex_missions():
    complex_site = mission(scale="large", complexity="high")
    simple = mission(scale="small", complexity="low")
    bts, licence, master = (profile(diploma_level=n, diploma_flags=0) for n in (2, 3, 5))
    engineer = profile(diploma_level=5, diploma_flags=K.DIPLOMA_ENGINEERING)
    for m in (complex_site, simple):
        assert score(m, bts) < score(m, licence) < score(m, master) < score(m, engineer)
    assert (score(complex_site, engineer) - score(complex_site, master)
            > score(simple, engineer) - score(simple, master))


def test_reputation_with_evidence():
    m = mission()
    newcomer = profile()
    excellent = profile(reputation_sum=25.0, reputation_count=5, reputation_weight=5.0)
    poor = profile(reputation_sum=5.0, reputation_count=5, reputation_weight=5.0)
    unverified = profile(reputation_sum=25.0 * K.UNVERIFIED_RECOMMENDATION_WEIGHT, reputation_count=5,
                         reputation_weight=5 * K.UNVERIFIED_RECOMMENDATION_WEIGHT)
    assert explain(mission=m, profile=newcomer).breakdown[6]["score"] == 0.5  # neutral
    assert score(m, excellent) - score(m, newcomer) >= 4
    assert score(m, newcomer) - score(m, poor) >= 5
    assert score(m, newcomer) < score(m, unverified) < score(m, excellent)


def test_candidates_expose_their_band():
    result = rank(mission=mission(tools=TOOLS), index=ProfileIndex.from_profiles(
        [complete(id=1), complete(id=2, tools={})], vocabulary=VOCAB))
    assert [c.band for c in result.candidates] == [band_for(c.score) for c in result.candidates]
    assert result.candidates[-1].band in ("partial", "weak")


def test_gate_points_are_in_the_breakdown_and_in_both_languages():
    site = mission(scale="very_large", complexity="high", tools=TOOLS, skills=SKILLS)
    lacking = complete(years=3, tools={"ms_project": 4})
    explained = explain(mission=site, profile=lacking)
    assert [b["criterion"] for b in explained.breakdown][len(K.CRITERIA):] == ["gate_seniority", "gate_must_have"]
    assert sum(b["points"] for b in explained.breakdown) == explained.score
    must = gates_of(site, lacking)["gate_must_have"]
    assert must["reason"] == {"code": "gate.must_have", "params": {"missing_must": ["primavera"]}}
    assert must["score"] == K.MUST_HAVE_GATE
    for item in explained.breakdown[len(K.CRITERIA):]:
        assert render_reason(item["reason"], language="en")


# ---------------------------------------------------------------- properties
@PROPERTY
@given(profile=profiles(), mission=missions(weights=True), data=st.data())
def test_adding_a_must_have_never_lowers_the_score(profile, mission, data):
    musts = [(c, level) for c, imp, level in mission.tools if imp == "must" and c in VOCAB.tools]
    musts += [(c, None) for c, imp in mission.skills if imp == "must"]
    if not musts:
        return
    code, level = data.draw(st.sampled_from(musts))
    if level is None:
        richer = dataclasses.replace(profile, skills=profile.skills | {code})
    else:
        richer = dataclasses.replace(profile, tools={**profile.tools, code: max(level, profile.tools.get(code, 0))})
    assert total(mission, richer) >= total(mission, profile)


@PROPERTY
@given(profile=profiles(), mission=missions(weights=True), rating=st.integers(1, 5), better=st.integers(1, 4))
def test_a_higher_verified_rating_never_lowers_the_score(profile, mission, rating, better):
    higher = min(rating + better, 5)
    base = dataclasses.replace(profile, reputation_weight=None)
    with_rating = [dataclasses.replace(base, reputation_sum=base.reputation_sum + r,
                                       reputation_count=base.reputation_count + 1) for r in (rating, higher)]
    assert total(mission, with_rating[1]) >= total(mission, with_rating[0])


@PROPERTY
@given(people=st.lists(profiles(), min_size=1, max_size=8), mission=missions(weights=True))
def test_scores_stay_between_0_and_100_and_explain_equals_rank_for_every_row(people, mission):
    people = [dataclasses.replace(p, id=i + 1, visible=True, roles=frozenset({mission.role})) for i, p in enumerate(people)]
    result = rank(mission=mission, index=ProfileIndex.from_profiles(people, vocabulary=VOCAB), top_k=len(people))
    ranked = {c.profile_id: c for c in result.candidates}
    for p in people:
        explained = explain(mission=mission, profile=p, vocabulary=VOCAB)
        points = sum(b["points"] for b in explained.breakdown)
        assert 0.0 <= points <= 100.0
        if p.id in ranked:
            assert (explained.score, explained.breakdown) == (ranked[p.id].score, ranked[p.id].breakdown)


@PROPERTY
@given(scale=st.sampled_from(K.SCALES), complexity=st.sampled_from(K.COMPLEXITIES), years=st.integers(0, 254),
       missing=st.integers(0, 20))
def test_gates_are_monotone_and_between_0_and_1(scale, complexity, years, missing):
    table = seniority_table(scale, complexity)
    assert 0.0 < table[years] <= table[years + 1] <= 1.0
    assert table[K.REQUIRED_YEARS[scale][complexity]] == 1.0
    assert 0.0 < MUST_HAVE_TABLE[missing + 1] < MUST_HAVE_TABLE[missing] <= 1.0


@PROPERTY
@given(profile=profiles(), mission=missions(weights=True))
def test_gates_do_not_depend_on_the_mission_weights(profile, mission):
    def factors(m):
        return {b["criterion"]: b["score"] for b in explain(mission=m, profile=profile, vocabulary=VOCAB).breakdown
                if b["criterion"].startswith("gate_")}

    assert factors(mission) == factors(dataclasses.replace(mission, weights=None))


def test_gate_tables_are_read_only():
    assert not seniority_table("large", "high").flags.writeable and not MUST_HAVE_TABLE.flags.writeable
    assert np.all(np.diff(seniority_table("very_large", "high")) >= 0)
