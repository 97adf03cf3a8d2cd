"""Celery tasks: thin interfaces that take ids, call one service, and retry on infrastructure errors.

Every task is safe to run twice: rankings are replaced whole, run records are
written with them, and requests are marked done with a guarded update.
"""
import logging

from celery import shared_task
from django.db import DatabaseError, InterfaceError
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

RETRYABLE = (DatabaseError, InterfaceError, BrokerError, ConnectionError)
TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": RETRYABLE,
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(**TASK_OPTIONS, time_limit=120)
def withdraw_hidden_profile_task(profile_id: int) -> list[int]:
    from matching.services import hidden_profile_withdraw

    return hidden_profile_withdraw(profile_id=profile_id)


@shared_task(**TASK_OPTIONS, time_limit=600, soft_time_limit=570)
def process_ranking_request_task(request_id: int) -> str:
    from matching.refresh import ranking_request_process

    return ranking_request_process(request_id=request_id)


@shared_task(**TASK_OPTIONS, time_limit=120)
def sweep_ranking_requests_task() -> int:
    """Every few minutes: enqueue the re-ranking requests that were never enqueued or never ran."""
    from matching.refresh import ranking_requests_sweep

    return ranking_requests_sweep()


@shared_task(**TASK_OPTIONS, time_limit=120)
def nightly_rerank_task() -> str:
    """Nightly at 02:30 Europe/Paris: re-rank every open mission, in chunks spread over the workers."""
    from matching.nightly import nightly_run_start

    start = nightly_run_start()
    if start.run is None:
        logger.warning("Nightly re-ranking not started: %s", start.refused_because)
        return f"not started: {start.refused_because}"
    for chunk in start.chunks:
        rank_missions_chunk_task.delay(start.run.pk, chunk)
    return f"run {start.run.pk}: {len(start.chunks)} chunks enqueued"


@shared_task(**TASK_OPTIONS, time_limit=1800, soft_time_limit=1700)
def rank_missions_chunk_task(run_id: int, mission_ids: list[int]) -> int:
    from matching.nightly import nightly_chunk_rank

    return nightly_chunk_rank(run_id=run_id, mission_ids=mission_ids)
