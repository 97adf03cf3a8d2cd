"""Ranking many missions in a row: the next missions are scored while the last ones are written.

Scoring is NumPy and Python work in this thread; storing is partly Python (rows in
COPY format) and mostly PostgreSQL's work, done in writer threads, each with its own
connection. Two writers let one prepare its rows while PostgreSQL writes the other's,
so that on two cores scoring, preparing and writing overlap. Missions are stored a
few at a time, each batch in one transaction: a fixed number of queries per batch
instead of per mission. On other databases, or inside a transaction (whose
uncommitted rows another connection could not see), batches are stored in this thread.
"""
import logging
import queue
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import close_old_connections, connection

from matching.engine.features import ProfileIndex
from matching.engine.scoring import RankResult
from matching.models import RankingRun
from matching.services import StoredRanking, mission_ranking_compute, missions_ranking_store
from missions.models import Mission

logger = logging.getLogger(__name__)
BATCH = 10
WRITERS = 2


@dataclass
class MissionOutcome:
    mission_id: int
    stored: StoredRanking | None = None
    error: Exception | None = None


Batch = list[tuple[MissionOutcome, Mission, RankResult]]


def missions_rank(*, missions: Iterable[Mission], index: ProfileIndex,
                  run: RankingRun | None = None) -> list[MissionOutcome]:
    """Rank and store each open mission; a failure is reported in its outcome and stops nothing."""
    outcomes: list[MissionOutcome] = []
    batches = _scored_batches(missions, index, outcomes)
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        for batch in batches:
            _store(batch, run)
        return outcomes
    # Bounded: scored results wait in memory until a writer takes them.
    pending: queue.Queue[Batch | None] = queue.Queue(maxsize=WRITERS)
    writers = [threading.Thread(target=_writer, args=(pending, run), name=f"ranking-writer-{i}", daemon=True)
               for i in range(WRITERS)]
    for writer in writers:
        writer.start()
    try:
        for batch in batches:
            _hand_over(pending, batch, writers)
    finally:
        for _ in writers:
            try:
                _hand_over(pending, None, writers)
            except RuntimeError:
                break
        for writer in writers:
            writer.join()
    return outcomes


def _hand_over(pending: queue.Queue, item: Batch | None, writers: list[threading.Thread]) -> None:
    """Queue an item for the writers, without waiting forever if none is left to take it."""
    while any(writer.is_alive() for writer in writers):
        try:
            pending.put(item, timeout=1)
            return
        except queue.Full:
            continue
    raise RuntimeError("every ranking writer has stopped")


def _scored_batches(missions: Iterable[Mission], index: ProfileIndex,
                    outcomes: list[MissionOutcome]) -> Iterator[Batch]:
    batch: Batch = []
    for mission in missions:
        outcome = MissionOutcome(mission_id=mission.pk)
        outcomes.append(outcome)
        try:
            batch.append((outcome, mission, mission_ranking_compute(mission=mission, index=index)))
        except Exception as error:  # one bad mission must not stop the others
            outcome.error = error
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _store(batch: Batch, run: RankingRun | None) -> None:
    try:
        stored = missions_ranking_store(rankings=[(mission, result) for _, mission, result in batch], run=run)
    except Exception as error:
        if len(batch) == 1:
            batch[0][0].error = error
            return
        # One bad mission must not sink the others: store them one by one to find it.
        for item in batch:
            _store([item], run)
        return
    for (outcome, _, _), result in zip(batch, stored):
        outcome.stored = result


def _writer(pending: queue.Queue, run: RankingRun | None) -> None:
    try:
        while (batch := pending.get()) is not None:
            try:
                _store(batch, run)
                close_old_connections()
            except Exception:  # _store reports per mission; this is a bug, and the other batches must go on
                logger.exception("Storing a batch of rankings failed")
    finally:
        connection.close()
