"""Figures for the matching engine, printed by `manage.py bench_matching`.

Timings only: nothing here asserts on them (the machines are noisy).
"""
import datetime
import gc
import resource
import statistics
import time

import numpy as np
from django.db import connection

from matching.engine.coach import Coach, Standing
from matching.engine.criteria import CEFR_LEVELS, SCALES
from matching.engine.features import ProfileFeatures
from matching.engine.freelancer_pass import MissionIndex, missions_pass
from matching.engine.positions import score_quantiles
from matching.engine.scoring import rank
from matching.engine.synthetic import synthetic_index, synthetic_missions
from matching.index_builder import build_profile_index
from matching.loaders import missions_with_features_loaded
from matching.nightly import reclaim_rewritten_rankings
from matching.pipeline import missions_rank
from missions.models import Mission
from profiles.models import FreelancerProfile


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(*, profiles: int, missions: int, repeats: int, seed: int, store: bool) -> dict:
    figures: dict = {"profiles": profiles, "database": connection.vendor}
    db_profiles = FreelancerProfile.objects.count()
    if db_profiles >= profiles and db_profiles > 0:
        started = time.perf_counter()
        index = build_profile_index()
        figures["index_build_s"] = round(time.perf_counter() - started, 3)
        figures["index_source"] = "database"
        figures["profiles"] = len(index)
    else:
        started = time.perf_counter()
        index = synthetic_index(n=profiles, seed=seed)
        figures["index_build_s"] = None
        figures["synthetic_build_s"] = round(time.perf_counter() - started, 3)
        figures["index_source"] = "synthetic"
    figures["index_bytes_per_profile"] = round(index.nbytes_per_profile(), 1)

    mission_features = synthetic_missions(m=max(missions, 1), seed=seed, vocabulary=index.vocabulary)
    rank(mission=mission_features[0], index=index, top_k=50)  # warm-up
    # The index build's and Django's garbage is collected once in any process, not by one ranking: without this,
    # a full collection (about 100 ms at 1,000,000 profiles) landed among the timed rankings.
    gc.collect()
    # Every synthetic mission at least once: missions differ (how many profiles pass the filters, distances or
    # not), and the p95 is theirs, not that of the first 30.
    rank_repeats = max(repeats, len(mission_features))
    timings = []
    for i in range(rank_repeats):
        started = time.perf_counter()
        rank(mission=mission_features[i % len(mission_features)], index=index, top_k=50, explain_top=50)
        timings.append((time.perf_counter() - started) * 1000)
    figures["rank_ms_median"] = round(statistics.median(timings), 2)
    figures["rank_ms_p95"] = round(_percentile(timings, 95), 2)
    figures["rank_repeats"] = rank_repeats

    row = index.row_of(int(index.ids[len(index) // 2]))
    changed = ProfileFeatures(
        id=int(index.ids[row]), visible=True, roles=frozenset({"amoe"}), years=12, max_scale_handled="large",
        sector_years={"btp": 8}, tools={"ms_project": 4}, skills=frozenset({"planning"}), english_written="B2",
        english_spoken="B2", diploma_level=5, diploma_flags=1, reputation_sum=9.0, reputation_count=2,
        daily_rate=700, available_from=datetime.date.today(), days_per_week=5, work_modes=frozenset({"hybrid"}),
        latitude=45.76, longitude=4.84, mobility_km=100,
    )
    update_timings = []
    for _ in range(20):
        started = time.perf_counter()
        index.upsert(changed)
        update_timings.append((time.perf_counter() - started) * 1000)
    figures["index_update_ms"] = round(statistics.median(update_timings), 3)

    figures.update(_freelancer_missions(index=index, seed=seed, repeats=repeats))
    figures.update(_coach(index=index, seed=seed, repeats=min(repeats, 10)))
    figures.update(_nightly(index=index, missions=missions, mission_features=mission_features, store=store))
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return figures


def _freelancer_missions(*, index, seed: int, repeats: int, missions: int = 10_000) -> dict:
    """One profile against `missions` open missions ("missions for me"), the excluded ones explained with
    their figures; the mission index is built once, as a page builds it once per request."""
    features = synthetic_missions(m=missions, seed=seed + 1, vocabulary=index.vocabulary)
    started = time.perf_counter()
    mission_index = MissionIndex(features, vocabulary=index.vocabulary)
    build_ms = (time.perf_counter() - started) * 1000
    timings = []
    for i in range(repeats):
        row = (i * 7919) % len(index)
        started = time.perf_counter()
        result = missions_pass(index=mission_index, profiles=index, row=row)
        ranked, explained = result.ranked(), result.figures  # every excluded mission's reasons, with figures
        timings.append((time.perf_counter() - started) * 1000)
    return {"freelancer_missions": missions, "freelancer_missions_ranked": len(ranked),
            "freelancer_missions_excluded_by": {reason: len(f.positions) for reason, f in explained.items()},
            "freelancer_missions_ms": round(statistics.median(timings), 2),
            "freelancer_missions_ms_p95": round(_percentile(timings, 95), 2),
            "freelancer_mission_index_build_ms": round(build_ms, 1)}


def _coach(*, index, seed: int, repeats: int, missions: int = 1_000) -> dict:
    """The overall coach of one profile over `missions` open missions, each with its stored top 200 from a ranking
    over the whole index (made once, not timed) read as the coach's service reads it (the head of the rows, the
    lowest score), the mission index built once."""
    features = synthetic_missions(m=missions, seed=seed + 2, vocabulary=index.vocabulary)
    standings = []
    for mission in features:
        ranking = rank(mission=mission, index=index, top_k=200, explain_top=0)
        standings.append(Standing(stored=tuple((c.profile_id, c.score) for c in ranking.candidates), stored_limit=200,
                                  scored=ranking.scored, quantiles=tuple(score_quantiles(ranking.scores))))
    mission_index = MissionIndex(features, vocabulary=index.vocabulary)
    today = datetime.date.today()
    timings, items = [], []
    for i in range(repeats):
        profile = _profile_at(index, (i * 7919 + 13) % len(index), today=today)
        heads = [standing.head(profile.id) for standing in standings]  # what the service's query reads
        started = time.perf_counter()
        coach = Coach(profile=profile, index=mission_index, standings=heads, rate_floor=0, mobility_max=2000,
                      today=today)
        items.append(len(coach.overall()))
        timings.append((time.perf_counter() - started) * 1000)
    return {"coach_missions": missions, "coach_items_median": statistics.median(items),
            "coach_ms": round(statistics.median(timings), 2), "coach_ms_p95": round(_percentile(timings, 95), 2)}


def _profile_at(index, row: int, *, today: datetime.date) -> ProfileFeatures:
    """A visible profile with the figures of one row of the index (its tools, skills, rate, place…)."""
    vocab = index.vocabulary
    levels = {c: int(index.tools[row, k]) for k, c in enumerate(vocab.tools) if index.tools[row, k]}
    written, spoken = int(index.english_written[row]), int(index.english_spoken[row])
    return ProfileFeatures(
        id=int(index.ids[row]), visible=True, roles=frozenset({"amoe"}), years=int(index.years[row]),
        max_scale_handled=None if index.max_scale[row] < 0 else SCALES[int(index.max_scale[row])],
        sector_years={c: int(index.sector_years[row, k]) for k, c in enumerate(vocab.sectors)
                      if index.sector_years[row, k]},
        tools=levels, skills=frozenset(c for k, c in enumerate(vocab.skills) if index.skills[row, k]),
        english_written=CEFR_LEVELS[written - 1] if written else None, english_spoken=CEFR_LEVELS[spoken - 1] if spoken else None,
        diploma_level=int(index.diploma_level[row]), diploma_flags=int(index.diploma_flags[row]),
        reputation_sum=0.0, reputation_count=0, daily_rate=int(index.daily_rate[row]),
        available_from=max(datetime.date.fromordinal(int(index.available_from[row])), today),
        days_per_week=int(index.days_per_week[row]), work_modes=frozenset({"hybrid"}),
        latitude=float(index.lat[row]) if index.lat[row] == index.lat[row] else None,
        longitude=float(index.lon[row]) if index.lon[row] == index.lon[row] else None,
        mobility_km=int(index.mobility_km[row]),
    )


def _nightly(*, index, missions: int, mission_features, store: bool) -> dict:
    """Rank `missions` missions over the index; with `store`, also write their rows (real open missions)."""
    if missions <= 0:
        return {"nightly_missions": 0}
    real = list(missions_with_features_loaded(Mission.objects.open().order_by("id"))[:missions]) if store else []
    started = time.perf_counter()
    rows = 0
    if real:
        outcomes = missions_rank(missions=real, index=index)
        rows = sum(o.stored.rows_written for o in outcomes if o.stored)
        done = sum(1 for o in outcomes if o.error is None)
    else:
        for features in mission_features[:missions]:
            rank(mission=features, index=index, top_k=200)
        done = min(missions, len(mission_features))
    elapsed = time.perf_counter() - started
    if real:
        reclaim_rewritten_rankings()  # as the nightly run does, so that the next benchmark starts from the same state
    return {
        "nightly_missions": done,
        "nightly_stored": bool(real),
        "nightly_rows_written": rows,
        "nightly_s": round(elapsed, 2),
        "nightly_missions_per_s": round(done / elapsed, 1) if elapsed else None,
    }
