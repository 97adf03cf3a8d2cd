"""The nightly re-ranking of every open mission, fanned out in chunks across workers."""
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone

from matching.models import ProfileFeatureRow, RankingEntry, RankingRun, RankingRunMission
from missions.models import Mission

logger = logging.getLogger(__name__)


@dataclass
class NightlyStart:
    run: RankingRun | None
    chunks: list[list[int]]
    refused_because: str = ""


def nightly_run_start(*, kind: str = RankingRun.Kind.NIGHTLY) -> NightlyStart:
    """Open a run, or say why not: one nightly run at a time, a crashed one expiring after a while."""
    now = timezone.now()
    expiry = now - timedelta(seconds=settings.NIGHTLY_LOCK_EXPIRY_SECONDS)
    RankingRun.objects.filter(kind=kind, status=RankingRun.Status.RUNNING, started_at__lt=expiry).update(
        status=RankingRun.Status.FAILED, finished_at=now, errors=["lock expired: the run never finished"]
    )
    mission_ids = list(Mission.objects.open().order_by("id").values_list("id", flat=True))
    try:
        with transaction.atomic():
            run = RankingRun.objects.create(kind=kind, started_at=now, missions_total=len(mission_ids))
            # The night reconciles: features are aggregated again from the tables, catching any
            # change that reached the database behind the receivers' back.
            ProfileFeatureRow.objects.all().delete()
    except IntegrityError:
        running = RankingRun.objects.filter(kind=kind, status=RankingRun.Status.RUNNING).first()
        since = f" since {running.started_at:%Y-%m-%d %H:%M:%S}" if running else ""
        return NightlyStart(run=None, chunks=[], refused_because=f"another nightly run is running{since}")
    size = settings.NIGHTLY_CHUNK_SIZE
    chunks = [mission_ids[i:i + size] for i in range(0, len(mission_ids), size)]
    if not chunks:
        nightly_run_finish_if_done(run_id=run.pk)
    return NightlyStart(run=run, chunks=chunks)


def nightly_chunk_rank(*, run_id: int, mission_ids: list[int]) -> int:
    """Rank a chunk of the run's missions; missions already done in this run are skipped."""
    from matching.index_cache import current_index
    from matching.loaders import missions_with_features_loaded
    from matching.notifications import owners_notify_new_top10
    from matching.pipeline import missions_rank

    run = RankingRun.objects.get(pk=run_id)
    index = current_index(built_after=run.started_at)  # built for this run, synced once for the chunk
    already = set(RankingRunMission.objects.filter(run=run, mission_id__in=mission_ids)
                  .values_list("mission_id", flat=True))
    todo = [mission_id for mission_id in mission_ids if mission_id not in already]
    missions = missions_with_features_loaded(Mission.objects.open().filter(pk__in=todo).order_by("id"))
    outcomes = missions_rank(missions=list(missions), index=index, run=run)
    ranked = {outcome.mission_id for outcome in outcomes}
    for mission_id in todo:
        if mission_id not in ranked:  # closed since the run started: counts as done, nothing to rank
            RankingRunMission.objects.get_or_create(run=run, mission_id=mission_id,
                                                    defaults={"done_at": timezone.now()})
    done = 0
    for outcome in outcomes:
        if outcome.error is not None:
            logger.error("Nightly ranking of mission %s failed", outcome.mission_id, exc_info=outcome.error)
            _record_failure(run_id=run_id, mission_id=outcome.mission_id, error=outcome.error)
            continue
        owners_notify_new_top10(mission_id=outcome.mission_id)
        done += 1
    nightly_run_finish_if_done(run_id=run_id)
    return done


@transaction.atomic
def _record_failure(*, run_id: int, mission_id: int, error: Exception) -> None:
    run = RankingRun.objects.select_for_update().get(pk=run_id)
    run.failures += 1
    run.errors = [*run.errors, {"mission": mission_id, "error": f"{type(error).__name__}: {error}"}][-100:]
    run.save(update_fields=["failures", "errors"])


def nightly_run_finish_if_done(*, run_id: int) -> bool:
    """Close the run once every mission is done or failed, with its figures."""
    run = RankingRun.objects.get(pk=run_id)
    totals = RankingRunMission.objects.filter(run_id=run_id).aggregate(
        scored=Sum("profiles_scored"), rows=Sum("rows_written")
    )
    done = RankingRunMission.objects.filter(run_id=run_id).count()
    if done + run.failures < run.missions_total:
        RankingRun.objects.filter(pk=run_id).update(missions_done=done)
        return False
    status = RankingRun.Status.SUCCEEDED if run.failures == 0 else RankingRun.Status.PARTIAL
    closed = RankingRun.objects.filter(pk=run_id, status=RankingRun.Status.RUNNING).update(
        status=status, finished_at=timezone.now(), missions_done=done,
        profiles_scored=totals["scored"] or 0, rows_written=totals["rows"] or 0,
    )
    if closed:
        reclaim_rewritten_rankings()
    return bool(closed)


def reclaim_rewritten_rankings() -> None:
    """The night has rewritten every stored ranking: reclaim the old rows now rather than at autovacuum's
    pace (or never, on a server where it is off), so tomorrow's run and the day's readers find a compact
    table. Plain VACUUM blocks neither reads nor writes."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {RankingEntry._meta.db_table}")
