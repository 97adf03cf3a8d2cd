"""Ranking many missions in a row: the next mission is scored while the last one is written.

Scoring is NumPy work in this thread; storing is mostly PostgreSQL's work, waited
for in a writer thread with its own connection, so the two overlap on two cores.
On other databases, or inside a transaction (whose uncommitted rows another
connection could not see), missions are ranked one after the other.
"""
import logging
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from django.db import close_old_connections, connection

from matching.features import ProfileIndex
from matching.models import RankingRun
from matching.services import StoredRanking, mission_ranking_compute, mission_ranking_store
from missions.models import Mission

logger = logging.getLogger(__name__)
_AHEAD = 2


@dataclass
class MissionOutcome:
    mission_id: int
    stored: StoredRanking | None = None
    error: Exception | None = None


def _store(mission: Mission, result, run: RankingRun | None) -> StoredRanking:
    try:
        return mission_ranking_store(mission=mission, result=result, run=run)
    finally:
        close_old_connections()


def missions_rank(*, missions: Iterable[Mission], index: ProfileIndex,
                  run: RankingRun | None = None) -> list[MissionOutcome]:
    """Rank and store each open mission; a failure is reported in its outcome and stops nothing."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return [_rank_one(mission, index, run) for mission in missions]
    outcomes: list[MissionOutcome] = []
    in_flight: deque[tuple[MissionOutcome, Future]] = deque()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ranking-writer") as writer:
        for mission in missions:
            outcome = MissionOutcome(mission_id=mission.pk)
            outcomes.append(outcome)
            try:
                result = mission_ranking_compute(mission=mission, index=index)
            except Exception as error:  # one bad mission must not stop the others
                outcome.error = error
                continue
            in_flight.append((outcome, writer.submit(_store, mission, result, run)))
            # Scoring runs ahead of writing by a few missions at most: results are large.
            while len(in_flight) > _AHEAD:
                _collect(*in_flight.popleft())
        while in_flight:
            _collect(*in_flight.popleft())
        writer.submit(connection.close)
    return outcomes


def _collect(outcome: MissionOutcome, future: Future) -> None:
    try:
        outcome.stored = future.result()
    except Exception as error:
        outcome.error = error


def _rank_one(mission: Mission, index: ProfileIndex, run: RankingRun | None) -> MissionOutcome:
    outcome = MissionOutcome(mission_id=mission.pk)
    try:
        result = mission_ranking_compute(mission=mission, index=index)
        outcome.stored = mission_ranking_store(mission=mission, result=result, run=run)
    except Exception as error:
        outcome.error = error
    return outcome
