"""Celery tasks of the recruiting workspace (matching.tasks says how tasks are written)."""
from celery import shared_task

from matching.tasks import TASK_OPTIONS


@shared_task(**TASK_OPTIONS, time_limit=600)
def send_freelancer_digests_task() -> int:
    """Daily: the digest of new top-10 missions to the freelancers who opted in."""
    from recruiting.alerts import freelancers_send_digests

    return freelancers_send_digests()
