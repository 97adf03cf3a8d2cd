"""The coach's promises (matching.engine.coach): each suggestion, applied to the profile and the whole population
re-ranked, gives exactly the promised score and position; each overall item gains exactly the missions it names;
a combined change lifts an exclusion that no single change lifts, and needs every part.

The worlds are made so that every goal happens: half the missions are cut to the profile (its role, tools it
has and one it lacks, a rate ceiling, English and a start near its own), half the population are near copies
of it (so it stands around the 10th place and near band floors), the rest random.
"""
from __future__ import annotations

import dataclasses
import datetime
import random
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine import criteria as K
from matching.engine.bands import BAND_CODES, band_for
from matching.engine.coach import Change, Coach, Standing
from matching.engine.features import ProfileIndex
from matching.engine.freelancer_pass import MissionIndex
from matching.engine.positions import score_quantiles
from matching.engine.scoring import max_accepted_rate, rank
from tests.matching.test_engine_properties import BASE, VOCAB, _random_mission, _random_profile

# The worlds come from a Hypothesis-drawn seed (use_true_random), as in test_engine_properties: a world is a few
# hundred draws, each far slower when Hypothesis makes it, and its odds are the ones the world's design gives.
PROMISES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MOBILITY_MAX = 1500
TODAY = BASE - datetime.timedelta(days=10)


def _near(rng: random.Random, me, pid: int):
    """A competitor close to the profile: a few of its figures moved a little."""
    tools = {c: min(4, max(1, v + rng.choice((-1, 0, 0, 1)))) for c, v in me.tools.items() if rng.random() < 0.85}
    return dataclasses.replace(
        me, id=pid, years=max(0, me.years + rng.randint(-4, 4)), tools=tools,
        skills=frozenset(c for c in VOCAB.skills if (c in me.skills) != (rng.random() < 0.2)),
        daily_rate=max(300, me.daily_rate + rng.randint(-150, 150)), diploma_level=rng.choice([0, 2, 3, 5, 8]),
        diploma_flags=rng.randint(0, 3), reputation_count=rng.randint(0, 4), reputation_sum=float(rng.randint(0, 20)),
        english_written=rng.choice(K.CEFR_LEVELS), english_spoken=rng.choice(K.CEFR_LEVELS),
        available_from=me.available_from + datetime.timedelta(days=rng.randint(-20, 20)),
    )


def _cefr_up(level: str | None, steps: int) -> str:
    return K.CEFR_LEVELS[min(K.CEFR_INDEX.get(level or "", 0) + steps, len(K.CEFR_LEVELS)) - 1]


def _cut_to(rng: random.Random, me, mission):
    """A mission the profile passes, near its figures, then no, one or two hard filters that it fails."""
    lacking = [c for c in VOCAB.tools if c not in me.tools]
    tools = [(c, rng.choice(["must", "nice"]), min(v, rng.randint(1, 4))) for c, v in me.tools.items()
             if rng.random() < 0.7]
    extra = [(c, "nice", rng.randint(1, 3)) for c in rng.sample(lacking, min(len(lacking), 1))]
    skills = [(c, "must" if c in me.skills and rng.random() < 0.3 else "nice") for c in VOCAB.skills
              if rng.random() < 0.5]
    mode = rng.choice(sorted(me.work_modes))
    changes = dict(
        role=rng.choice(sorted(me.roles)), tools=tuple(tools + extra), skills=tuple(skills),
        daily_rate_max=int(me.daily_rate * rng.uniform(0.95, 1.4)) if rng.random() < 0.7 else None,
        english_written_min=rng.choice((None, me.english_written)),
        english_spoken_min=rng.choice((None, me.english_spoken)),
        start_date=me.available_from + datetime.timedelta(days=rng.randint(-25, 20)), work_mode=mode,
        exclude_missing_must_haves=rng.random() < 0.6, sector=rng.choice((None, *me.sector_years)),
        min_diploma_level=rng.choice((None, 3, 5)), latitude=me.latitude, longitude=me.longitude)
    for blocker in rng.sample(["rate", "english", "availability", "work_mode", "must_have"],
                              rng.choice((0, 0, 1, 1, 1, 2, 2))):
        if blocker == "rate":
            changes["daily_rate_max"] = int(me.daily_rate / rng.uniform(1.12, 1.5))
        elif blocker == "english":
            changes[rng.choice(("english_written_min", "english_spoken_min"))] = _cefr_up(
                me.english_written if rng.random() < 0.5 else me.english_spoken, rng.randint(1, 2))
        elif blocker == "availability":
            changes["start_date"] = me.available_from - datetime.timedelta(days=rng.randint(31, 55))
        elif blocker == "work_mode" and me.latitude is not None:
            changes.update(work_mode=rng.choice(("on_site", "hybrid")), latitude=me.latitude + rng.uniform(1, 6))
        elif blocker == "must_have" and extra:
            changes.update(tools=tuple(tools) + ((extra[0][0], "must", extra[0][2]),), exclude_missing_must_haves=True)
    return dataclasses.replace(mission, **changes)


def _world(rng: random.Random, *, heads: bool = False):
    me = _random_profile(rng, rng.randint(1, 10_000))
    me = dataclasses.replace(me, visible=True, roles=frozenset(K.ROLES) if rng.random() < 0.8 else me.roles,
                             available_from=BASE + datetime.timedelta(days=rng.randint(-5, 50)))
    ids = rng.sample([n for n in range(1, 10_001) if n != me.id], rng.randint(14, 40))
    people = [me] + [_near(rng, me, pid) if rng.random() < 0.6 else _random_profile(rng, pid) for pid in ids]
    missions = []
    for i in range(rng.randint(2, 6)):
        mission = dataclasses.replace(_random_mission(rng, weights=rng.random() < 0.3), id=i + 1,
                                      start_date=BASE + datetime.timedelta(days=rng.randint(-15, 45)))
        missions.append(_cut_to(rng, me, mission) if rng.random() < 0.6 else mission)
    top_k = rng.randint(10, 40)
    index = ProfileIndex.from_profiles(people, vocabulary=VOCAB)
    standings = []
    for mission in missions:
        ranking = rank(mission=mission, index=index, top_k=top_k, explain_top=0)
        standings.append(None if rng.random() < 0.1 else Standing(
            stored=tuple((c.profile_id, c.score) for c in ranking.candidates), stored_limit=top_k,
            scored=ranking.scored, quantiles=tuple(score_quantiles(ranking.scores))))
    floor = rng.choice([0, me.daily_rate - rng.randint(0, 300)])
    shown = [None if s is None else s.head(me.id) for s in standings] if heads else standings
    coach = Coach(profile=me, index=MissionIndex(missions, vocabulary=VOCAB), standings=shown,
                  rate_floor=max(floor, 0), mobility_max=MOBILITY_MAX, today=TODAY)
    return people, missions, standings, coach


class _Population:
    """A world's profiles, ranked again with one of them changed. The index of each changed profile is built from
    every profile, as a fresh ranking builds it, once for all the missions it is ranked for."""

    def __init__(self, people):
        self.people, self._indexes = people, {}

    def reranked(self, profile, mission):
        """The profile's (score, rank) when the whole population is ranked again with it changed; None: excluded."""
        key = repr(profile)  # the features are not hashable; their repr holds every field
        if key not in self._indexes:
            self._indexes[key] = ProfileIndex.from_profiles(
                [profile if p.id == profile.id else p for p in self.people], vocabulary=VOCAB)
        ranking = rank(mission=mission, index=self._indexes[key], top_k=len(self.people), explain_top=0)
        return next(((c.score, c.rank) for c in ranking.candidates if c.profile_id == profile.id), None)


def _in_top10(standing, found) -> bool:
    return standing is not None and found is not None and found[1] <= 10


def _band(found) -> int:
    return len(BAND_CODES) if found is None else BAND_CODES.index(band_for(found[0]))


def _check_suggestions(people, missions, standings, coach) -> Counter:
    """Every suggestion's promise against the population ranked again; what was suggested, counted."""
    me, seen, reranked = people[0], Counter(), _Population(people).reranked
    for i, mission in enumerate(missions):
        before = reranked(me, mission)
        for s in coach.suggestions(i):
            after = reranked(s.change.apply(me), mission)
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
            if s.change.kind == "combined":
                assert len(s.change.parts) > 1 and s.lifts_exclusion
                assert not any(c.lifts_exclusion for c in coach.suggestions(i) if c.change.kind != "combined")
                for k in range(len(s.change.parts)):  # every part is needed
                    rest = Change("combined", parts=s.change.parts[:k] + s.change.parts[k + 1:])
                    assert reranked(rest.apply(me), mission) is None
            for part in s.change.parts or (s.change,):
                _within_bounds(part, me, coach)
            seen.update(goal for goal in ("lifts_exclusion", "enters_top10", "reaches_band") if getattr(s, goal))
            seen[s.change.kind] += 1
    return seen


@PROMISES
@given(rng=st.randoms(use_true_random=True))
def test_every_suggestion_gives_the_promised_score_and_position_when_the_ranking_is_run_again(rng):
    _check_suggestions(*_world(rng))


@PROMISES
@given(rng=st.randoms(use_true_random=True))
def test_every_overall_item_gains_exactly_the_missions_it_names(rng):
    # Read as the page reads the database: each mission's head of stored rows only.
    people, missions, standings, coach = _world(rng, heads=True)
    me, reranked = people[0], _Population(people).reranked
    for item in coach.overall():
        changed = item.change.apply(me)
        top10, lifted, banded = [], [], []
        for standing, mission in zip(standings, missions):
            before, after = reranked(me, mission), reranked(changed, mission)
            if before is None and after is not None:
                lifted.append(mission.id)
            if _in_top10(standing, after) and not _in_top10(standing, before):
                top10.append(mission.id)
            if before is not None and _band(after) < _band(before):
                banded.append(mission.id)
        assert (list(item.top10), list(item.lifted), list(item.banded)) == (top10, lifted, banded)
        assert top10 or lifted or banded
        _within_bounds(item.change, me, coach)


@settings(max_examples=200, deadline=None)
@given(rng=st.randoms(use_true_random=True), data=st.data())
def test_the_head_of_a_standing_tells_the_top_10_as_all_its_rows_do(rng, data):
    _, _, standings, coach = _world(rng)
    for standing in filter(None, standings):
        pid = data.draw(st.sampled_from([coach.profile.id, *(p for p, _ in standing.stored), 10_001]))
        scores = [s for _, s in standing.stored] + [0.0, 100.0]
        score = data.draw(st.sampled_from(scores) | st.floats(0, 100))
        assert standing.head(pid).top10(score=score, profile_id=pid) == standing.position(
            score=score, profile_id=pid).top10


def test_the_worlds_suggest_every_goal_and_combined_changes():
    seen = Counter()
    for seed in range(40):
        seen += _check_suggestions(*_world(random.Random(seed)))
    assert min(seen["lifts_exclusion"], seen["enters_top10"], seen["reaches_band"]) >= 20, seen
    assert seen["combined"] >= 3 and seen["diploma"] >= 3, seen


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


def test_a_diploma_promises_its_level_alone_and_a_masters_apart():
    me = dataclasses.replace(_random_profile(random.Random(5), 7), diploma_level=3, diploma_flags=0)
    plain = Change("diploma", level=5, code="plain").apply(me)
    assert (plain.diploma_level, plain.diploma_flags) == (5, 0)
    master = Change("diploma", level=5, code="master").apply(me)
    assert (master.diploma_level, master.diploma_flags) == (5, K.DIPLOMA_MASTER)


def test_a_mission_excluded_by_the_rate_and_english_gets_both_changes_together():
    rng = random.Random(11)
    me = dataclasses.replace(_random_profile(rng, 7), visible=True, roles=frozenset(K.ROLES), daily_rate=800,
                             english_written="A2", english_spoken="B2", available_from=BASE, work_modes=frozenset(
                                 K.WORK_MODES))
    mission = dataclasses.replace(_random_mission(rng, weights=False), id=1, role="amoe", daily_rate_max=600,
                                  english_written_min="B2", english_spoken_min=None, work_mode="remote", tools=(),
                                  skills=(), start_date=BASE)
    coach = Coach(profile=me, index=MissionIndex([mission], vocabulary=VOCAB), standings=[None], rate_floor=500,
                  mobility_max=MOBILITY_MAX, today=TODAY)
    (combined,) = [s for s in coach.suggestions(0) if s.change.kind == "combined"]
    assert set(combined.change.parts) == {Change("rate", number=max_accepted_rate(600)),
                                          Change("english_written", code="B2")}
    assert combined.lifts_exclusion and combined.points == combined.score > 0
