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

from django.conf import settings
from django.db import close_old_connections, connection

from matching.engine.features import ProfileIndex
from matching.engine.scoring import RankResult, explain
from matching.index_cache import current_index
from matching.loaders import mission_features, missions_with_features_loaded, profile_features
from matching.models import MissionRanking, RankingEntry, RankingRun
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


def profile_rescore(*, profile_id: int) -> list[int]:
    """Re-score one profile against every open mission; re-rank together the missions where its place can
    change, with the index synced once.

    A mission is re-ranked when the profile is in its stored ranking now, or would
    score at least the last stored candidate (or the ranking is not full yet).
    Returns the ids of the missions re-ranked. A mission that fails does not stop the
    others; its error is raised afterwards, so that the task retries.
    """
    index = current_index()
    features = profile_features([profile_id])
    ranked = set(MissionRanking.objects.filter(mission__status=Mission.Status.OPEN).values_list("mission_id", flat=True))
    present = set(RankingEntry.objects.filter(profile_id=profile_id).values_list("mission_id", flat=True))
    last_scores = dict(
        RankingEntry.objects.filter(mission_id__in=ranked, rank=settings.RANKING_TOP_K)
        .values_list("mission_id", "score")
    )
    todo = []
    for mission in missions_with_features_loaded(Mission.objects.open().order_by("id")):
        must_rerank = mission.pk in present or mission.pk not in ranked
        if not must_rerank and features:
            explanation = explain(mission=mission_features(mission), profile=features[0], vocabulary=index.vocabulary)
            threshold = last_scores.get(mission.pk)
            must_rerank = explanation.score is not None and (threshold is None or explanation.score >= threshold)
        if must_rerank:
            todo.append(mission)
    outcomes = missions_rank(missions=todo, index=index)
    failed = [outcome.error for outcome in outcomes if outcome.error is not None]
    if failed:
        raise failed[0]
    return [outcome.mission_id for outcome in outcomes]


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
