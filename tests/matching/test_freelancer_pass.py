"""One profile against many missions (matching.engine.freelancer_pass): the client's scores, bit for bit, and the
hard filters that exclude the profile, with their figures."""
from __future__ import annotations

import dataclasses
import datetime
import random

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine.features import MissionFeatures, ProfileFeatures, ProfileIndex
from matching.engine.freelancer_pass import MissionIndex, missions_pass
from matching.engine.positions import position_of, score_quantiles
from matching.engine.reasons import exclusion_reasons, render_reason
from matching.engine.scoring import exclusion_masks, rank
from tests.matching.test_engine_properties import BASE, VOCAB, _random_mission, _random_profile

# The populations come from a Hypothesis-drawn seed (use_true_random), as in test_engine_properties: each value
# drawn through Hypothesis cost up to a third of a second per example (3,000 scores) and half a minute in all.
SAME_AS_RANK = settings(max_examples=250, derandomize=True, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow])


def _population(rng: random.Random) -> tuple[list[ProfileFeatures], list[MissionFeatures]]:
    ids = rng.sample(range(1, 10_001), rng.randint(1, 6))
    people = [_random_profile(rng, i) for i in ids]
    missions = [
        dataclasses.replace(_random_mission(rng, weights=rng.random() < 0.5), id=i + 1,
                            start_date=BASE + datetime.timedelta(days=rng.randint(-15, 45)),
                            days_per_week=rng.randint(1, 5))
        for i in range(rng.randint(1, 8))
    ]
    return people, missions


@SAME_AS_RANK
@given(rng=st.randoms(use_true_random=True))
def test_every_mission_gives_the_score_and_exclusions_that_rank_gives(rng):
    people, missions = _population(rng)
    profiles = ProfileIndex.from_profiles(people, vocabulary=VOCAB)
    me = people[0].id
    row = profiles.row_of(me)
    result = missions_pass(index=MissionIndex(missions, vocabulary=VOCAB), profiles=profiles, row=row)
    ranked = set(result.ranked().tolist())
    for i, mission in enumerate(missions):
        ranking = rank(mission=mission, index=profiles, top_k=len(people))
        mine = next((c for c in ranking.candidates if c.profile_id == me), None)
        masks = exclusion_masks(mission=mission, index=profiles)
        failed = [r for r, m in masks.items() if m is not None and m[row]]
        assert result.failed_reasons(i) == failed
        if mine is None:
            assert failed and i not in ranked
            expected = exclusion_reasons(mission=mission, index=profiles, row=row, reasons=failed)
            assert result.reasons_of(i) == expected
        else:
            assert i in ranked and result.reasons_of(i) == []
            assert result.scores[i].item().hex() == mine.score.hex()
            assert result.breakdown(i) == mine.breakdown


@SAME_AS_RANK
@given(rng=st.randoms(use_true_random=True))
def test_ranked_missions_come_best_first(rng):
    people, missions = _population(rng)
    profiles = ProfileIndex.from_profiles(people, vocabulary=VOCAB)
    result = missions_pass(index=MissionIndex(missions, vocabulary=VOCAB), profiles=profiles, row=0)
    keys = [(-result.scores[i], missions[i].id) for i in result.ranked().tolist()]
    assert keys == sorted(keys)


LYON = (45.764, 4.836)
PARIS = (48.857, 2.352)


def _profile(**changes) -> ProfileFeatures:
    base = ProfileFeatures(
        id=7, visible=True, roles=frozenset({"amoe"}), years=9, max_scale_handled="large",
        sector_years={"btp": 6}, tools={"excel": 3}, skills=frozenset({"planning"}),
        english_written="B1", english_spoken="A2", diploma_level=5, diploma_flags=1,
        reputation_sum=0.0, reputation_count=0, daily_rate=850, available_from=BASE,
        days_per_week=5, work_modes=frozenset({"on_site", "hybrid"}), latitude=LYON[0], longitude=LYON[1],
        mobility_km=100,
    )
    return dataclasses.replace(base, **changes)


def _mission(mission_id: int, **changes) -> MissionFeatures:
    base = MissionFeatures(
        id=mission_id, role="amoe", sector="btp", adjacent_sectors=frozenset(), scale="medium",
        complexity="moderate", tools=(("excel", "must", 2),), skills=(("planning", "nice"),),
        english_written_min=None, english_spoken_min=None, international=False, start_date=BASE,
        days_per_week=5, work_mode="on_site", latitude=LYON[0], longitude=LYON[1], daily_rate_max=None,
        min_diploma_level=None, exclude_missing_must_haves=False,
    )
    return dataclasses.replace(base, **changes)


def test_each_exclusion_carries_its_figures_in_words():
    missions = [
        _mission(1),
        _mission(2, latitude=PARIS[0], longitude=PARIS[1]),
        _mission(3, daily_rate_max=700),
        _mission(4, english_written_min="B2", english_spoken_min="B2"),
        _mission(5, start_date=BASE - datetime.timedelta(days=45)),
        _mission(6, tools=(("ms_project", "must", 2),), exclude_missing_must_haves=True),
        _mission(7, role="moe"),
    ]
    profiles = ProfileIndex.from_profiles([_profile()], vocabulary=VOCAB)
    result = missions_pass(index=MissionIndex(missions, vocabulary=VOCAB), profiles=profiles, row=0)
    assert result.ranked().tolist() == [0]
    texts = {i: [render_reason(r, language="fr", labels={"ms_project": "MS Project"}) for r in result.reasons_of(i)]
             for i in range(1, len(missions))}
    assert texts[1] == ["À 391,6 km de la mission pour une mobilité de 100 km"]
    assert texts[2] == ["TJM de 850 € au-dessus du plafond de 700 €"]
    assert texts[3] == ["Anglais écrit B1, oral A2 sous le minimum requis (B2 / B2)"]
    assert texts[4] == ["Disponible le 02/03/2026, plus de 30 jours après le démarrage du 16/01/2026"]
    assert texts[5] == ["Indispensables manquants : MS Project"]
    assert texts[6][0].startswith("Ne propose pas le rôle MOE")
    english = render_reason(result.reasons_of(2)[0], language="en")
    assert english == "Daily rate €850 above the €700 ceiling"


def test_a_hidden_profile_is_excluded_everywhere_and_no_mission_is_a_ranking():
    profiles = ProfileIndex.from_profiles([_profile(visible=False)], vocabulary=VOCAB)
    result = missions_pass(index=MissionIndex([_mission(1), _mission(2)], vocabulary=VOCAB), profiles=profiles, row=0)
    assert result.ranked().tolist() == []
    assert [r["code"] for r in result.reasons_of(0)] == ["exclusion.hidden"]
    assert result.figures["hidden"].positions.tolist() == [0, 1]


def test_no_mission_gives_an_empty_pass():
    profiles = ProfileIndex.from_profiles([_profile()], vocabulary=VOCAB)
    result = missions_pass(index=MissionIndex([], vocabulary=VOCAB), profiles=profiles, row=0)
    assert result.ranked().tolist() == [] and result.figures == {}


@SAME_AS_RANK
@given(rng=st.randoms(use_true_random=True), count=st.integers(1, 3000), limit=st.integers(1, 250),
       shared=st.lists(st.floats(0, 100), max_size=3), data=st.data())
def test_a_position_beyond_the_stored_rows_is_within_one_percent_of_the_candidates(rng, count, limit, shared, data):
    # Ties too: rounded scores, and a few scores drawn by Hypothesis (0 and 100 come often) shared by many candidates.
    scores = [rng.choice(shared) if shared and rng.random() < 0.3 else round(rng.uniform(0, 100), rng.choice([0, 1, 6]))
              for _ in range(count)]
    ids = rng.sample(range(1, 100_000), count)
    ranking = sorted(zip(ids, scores), key=lambda c: (-c[1], c[0]))
    stored = ranking[:limit]
    quantiles = score_quantiles(np.array(scores))
    me, score = data.draw(st.sampled_from(ranking))
    true_rank = ranking.index((me, score)) + 1
    position = position_of(score=score, profile_id=me, stored=stored, stored_limit=limit, scored=count,
                           quantiles=quantiles)
    if true_rank <= limit:
        assert position.exact and position.rank == true_rank
    else:
        # Beyond the stored rows, ties with the profile's own score cannot be ordered: compare to the span.
        above = sum(1 for s in scores if s > score)
        assert above + 1 - count / 100 <= position.rank <= above + sum(1 for s in scores if s == score) + count / 100
    assert position.candidates == count
    assert position.top10 == (position.exact and true_rank <= 10)


def test_a_ranking_stored_before_the_distribution_says_beyond_the_stored_rows():
    stored = [(i, 100.0 - i / 4) for i in range(1, 201)]
    position = position_of(score=5.0, profile_id=999, stored=stored, stored_limit=200, scored=359, quantiles=[])
    assert position.rank is None and position.candidates == 359 and not position.top10
