import json
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from matching.models import RankingRun
from matching.tasks import nightly_rerank_task
from profiles.models import FreelancerProfile


class Command(BaseCommand):
    help = (
        "Time the nightly re-ranking on the running Celery workers (start them with `make worker`): "
        "enqueues the nightly job, waits for its run to finish, prints its figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=int, default=3600)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, timeout, **options):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError("Set REDIS_URL (or CELERY_BROKER_URL) and start workers: this measures real workers.")
        stats = nightly_rerank_task.app.control.inspect(timeout=2).stats() or {}
        processes = sum(s.get("pool", {}).get("max-concurrency", 0) for s in stats.values())
        if not processes:
            raise CommandError("No Celery worker answered; start one with `make worker`.")
        previous = RankingRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        nightly_rerank_task.delay()
        deadline = time.monotonic() + timeout
        run = None
        while time.monotonic() < deadline:
            run = RankingRun.objects.filter(pk__gt=previous).order_by("pk").first()
            if run and run.status != RankingRun.Status.RUNNING:
                break
            time.sleep(0.5)
        else:
            raise CommandError("The nightly run did not finish in time.")
        seconds = (run.finished_at - run.started_at).total_seconds()
        figures = {
            "workers": len(stats), "worker_processes": processes, "status": run.status,
            "missions": run.missions_done, "profiles": FreelancerProfile.objects.count(),
            "rows_written": run.rows_written, "failures": run.failures, "seconds": round(seconds, 1),
            "missions_per_s": round(run.missions_done / seconds, 1) if seconds else None,
        }
        if options["json"]:
            self.stdout.write(json.dumps(figures))
        else:
            for key, value in figures.items():
                self.stdout.write(f"{key:>18}: {value}")
