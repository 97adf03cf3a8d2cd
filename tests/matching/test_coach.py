"""The coach's promises (matching.engine.coach): each suggestion, applied to the profile and the whole population
re-ranked, gives exactly the promised score and position; each overall item gains exactly the missions it names."""
from __future__ import annotations

import dataclasses
import datetime
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine import criteria as K
from matching.engine.bands import BAND_CODES, band_for
from matching.engine.coach import Change, Coach, Standing
from matching.engine.features import ProfileIndex
from matching.engine.freelancer_pass import MissionIndex
from matching.engine.positions import score_quantiles
from matching.engine.scoring import rank
from tests.matching.test_engine_properties import BASE, VOCAB, _random_mission, _random_profile

PROMISES = settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MOBILITY_MAX = 1500


def _world(rng: random.Random):
    people = [_random_profile(rng, pid) for pid in rng.sample(range(1, 10_001), rng.randint(12, 40))]
    me = dataclasses.replace(people[0], visible=True)
    people[0] = me
    missions = [dataclasses.replace(_random_mission(rng, weights=rng.random() < 0.3), id=i + 1,
                                    start_date=BASE + datetime.timedelta(days=rng.randint(-15, 45)))
                for i in range(rng.randint(1, 6))]
    top_k = rng.randint(10, 40)
    index = ProfileIndex.from_profiles(people, vocabulary=VOCAB)
    standings = []
    for mission in missions:
        ranking = rank(mission=mission, index=index, top_k=top_k, explain_top=0)
        standings.append(None if rng.random() < 0.1 else Standing(
            stored=tuple((c.profile_id, c.score) for c in ranking.candidates), stored_limit=top_k,
            scored=ranking.scored, quantiles=tuple(score_quantiles(ranking.scores))))
    floor = rng.choice([0, me.daily_rate - rng.randint(0, 300)])
    coach = Coach(profile=me, index=MissionIndex(missions, vocabulary=VOCAB), standings=standings,
                  rate_floor=max(floor, 0), mobility_max=MOBILITY_MAX, today=BASE - datetime.timedelta(days=10))
    return people, missions, standings, coach


def _reranked(people, profile, mission):
    """The profile's (score, rank) when the whole population is ranked again with it changed; None: excluded."""
    index = ProfileIndex.from_profiles([profile if p.id == profile.id else p for p in people], vocabulary=VOCAB)
    ranking = rank(mission=mission, index=index, top_k=len(people), explain_top=0)
    return next(((c.score, c.rank) for c in ranking.candidates if c.profile_id == profile.id), None)


def _in_top10(standing, found) -> bool:
    return standing is not None and found is not None and found[1] <= 10


def _band(found) -> int:
    return len(BAND_CODES) if found is None else BAND_CODES.index(band_for(found[0]))


@PROMISES
@given(rng=st.randoms(use_true_random=False))
def test_every_suggestion_gives_the_promised_score_and_position_when_the_ranking_is_run_again(rng):
    people, missions, standings, coach = _world(rng)
    me = people[0]
    for i, mission in enumerate(missions):
        before = _reranked(people, me, mission)
        for s in coach.suggestions(i):
            after = _reranked(people, s.change.apply(me), mission)
            assert after is not None, s
            score, real_rank = after
            assert score.hex() == s.score.hex()
            assert s.points == (score if before is None else score - before[0])
            assert s.lifts_exclusion == (before is None)
            if standings[i] is None:
                assert s.position is None and not s.enters_top10
            else:
                assert s.position == standings[i].position(score=score, profile_id=me.id)
                if s.position.exact:
                    assert s.position.rank == real_rank
            assert s.enters_top10 == (_in_top10(standings[i], after) and not _in_top10(standings[i], before))
            assert s.reaches_band == (before is not None and _band(after) < _band(before))
            assert s.lifts_exclusion or s.enters_top10 or s.reaches_band
            _within_bounds(s.change, me, coach)


@PROMISES
@given(rng=st.randoms(use_true_random=False))
def test_every_overall_item_gains_exactly_the_missions_it_names(rng):
    people, missions, standings, coach = _world(rng)
    me = people[0]
    for item in coach.overall():
        changed = item.change.apply(me)
        top10, lifted, banded = [], [], []
        for standing, mission in zip(standings, missions):
            before, after = _reranked(people, me, mission), _reranked(people, changed, mission)
            if before is None and after is not None:
                lifted.append(mission.id)
            if _in_top10(standing, after) and not _in_top10(standing, before):
                top10.append(mission.id)
            if before is not None and _band(after) < _band(before):
                banded.append(mission.id)
        assert (list(item.top10), list(item.lifted), list(item.banded)) == (top10, lifted, banded)
        assert top10 or lifted or banded
        _within_bounds(item.change, me, coach)


def _within_bounds(change: Change, me, coach: Coach) -> None:
    """Never below the freelancer's own minimum rate, never before today, never past the mobility allowed."""
    if change.kind == "rate":
        assert coach.rate_floor <= change.number < me.daily_rate
    if change.kind in ("mobility", "work_mode"):
        assert change.number <= max(MOBILITY_MAX, me.mobility_km)
    if change.kind == "availability":
        assert coach.today <= change.date < me.available_from
    if change.kind == "tool":
        assert change.level > me.tools.get(change.code, 0)
    if change.kind in ("english_written", "english_spoken"):
        assert K.CEFR_INDEX[change.code] > K.CEFR_INDEX.get(getattr(me, change.kind) or "", 0)


def test_a_change_touches_only_its_own_field():
    rng = random.Random(3)
    me = _random_profile(rng, 7)
    changed = Change("tool", code="ms_project", level=3).apply(me)
    assert changed.tools["ms_project"] == 3 and dataclasses.replace(changed, tools=me.tools) == me
    assert Change("rate", number=450).apply(me).daily_rate == 450
    assert Change("work_mode", code="on_site", number=300).apply(me).work_modes == me.work_modes | {"on_site"}
