"""The re-ranking outbox: changes recorded in their own transaction, enqueued on commit.

A save never waits on the broker and never fails because of it: when Redis is
down the request stays pending and the periodic sweep enqueues it later.
"""
import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from matching.models import RankingRequest

logger = logging.getLogger(__name__)


def ranking_request_record(*, kind: str, object_id: int) -> None:
    """Record (or refresh) the pending request in the caller's transaction; enqueue it once, on commit."""
    now = timezone.now()
    if RankingRequest.objects.filter(kind=kind, object_id=object_id, processed_at=None).update(requested_at=now):
        return  # already pending: a task is queued, several saves lead to one re-ranking
    try:
        with transaction.atomic():
            request = RankingRequest.objects.create(kind=kind, object_id=object_id, requested_at=now)
    except IntegrityError:
        return  # a concurrent save recorded it first
    transaction.on_commit(lambda: ranking_request_enqueue(request_id=request.pk))


def hidden_profile_withdrawal_enqueue(*, profile_id: int) -> None:
    """On commit, enqueue the removal of a profile no longer shown from the stored rankings. Pages already
    leave it out (RankingEntry.objects.shown()); if the broker is down, the profile's re-ranking request,
    recorded in the same transaction and swept, re-ranks the missions it was in, which drops it too."""
    from matching.tasks import withdraw_hidden_profile_task

    def enqueue():
        try:
            withdraw_hidden_profile_task.delay(profile_id)
        except Exception:
            logger.warning("Could not enqueue the withdrawal of profile %s; its re-ranking request will drop it.",
                           profile_id, exc_info=True)

    transaction.on_commit(enqueue)


def ranking_request_enqueue(*, request_id: int, countdown: int | None = None) -> bool:
    from matching.tasks import process_ranking_request_task

    try:
        process_ranking_request_task.apply_async(
            args=[request_id],
            countdown=settings.RANKING_DEBOUNCE_SECONDS if countdown is None else countdown,
        )
    except Exception:  # the broker is down or unreachable: the sweep will enqueue it
        logger.warning("Could not enqueue ranking request %s; it stays pending for the sweep.", request_id,
                       exc_info=True)
        return False
    return True


def ranking_request_process(*, request_id: int) -> str:
    """Run the re-ranking a request asks for; mark it done unless a newer save came in meanwhile."""
    from matching.pipeline import profile_rescore
    from matching.services import mission_rank

    request = RankingRequest.objects.filter(pk=request_id, processed_at=None).first()
    if request is None:
        return "already processed"
    started = timezone.now()
    if request.kind == RankingRequest.Kind.MISSION:
        mission_rank(mission_id=request.object_id)
    else:
        profile_rescore(profile_id=request.object_id)
    done = RankingRequest.objects.filter(pk=request_id, processed_at=None, requested_at__lte=started).update(
        processed_at=timezone.now()
    )
    if not done and RankingRequest.objects.filter(pk=request_id, processed_at=None).exists():
        # Saved again while we ranked: rank once more so the latest change counts.
        ranking_request_enqueue(request_id=request_id)
        return "changed meanwhile, enqueued again"
    return "processed"


def ranking_requests_sweep(*, older_than_seconds: int | None = None, limit: int = 1000) -> int:
    """Enqueue the requests left pending (broker down at save time, task lost); returns how many."""
    age = settings.RANKING_SWEEP_AFTER_SECONDS if older_than_seconds is None else older_than_seconds
    cutoff = timezone.now() - timedelta(seconds=age)
    pending = RankingRequest.objects.filter(processed_at=None, requested_at__lte=cutoff).order_by("requested_at")
    enqueued = 0
    for request_id in pending.values_list("id", flat=True)[:limit]:
        if ranking_request_enqueue(request_id=request_id, countdown=0):
            enqueued += 1
    return enqueued
