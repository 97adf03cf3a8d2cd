import json

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo import bench_web


class Command(BaseCommand):
    help = (
        "Measure pages and API against gunicorn on PostgreSQL, one request at a time (median, p95, and the median "
        "as a multiple of the bare /healthz/ view's), then the load test's throughput against the bare view's. "
        "Seeds the database once when it is empty. Prints one JSON object, last line."
    )

    def add_arguments(self, parser):
        parser.add_argument("--profiles", type=int, default=10_000)
        parser.add_argument("--missions", type=int, default=200, help="Missions of the demo data.")
        parser.add_argument("--open-missions", type=int, default=1_000,
                            help="Open missions in all, for missions for me: a bench organisation's make up the rest.")
        parser.add_argument("--repeats", type=int, default=30)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument("--ports", default="8601-8620", help="The range to take a free loopback port from.")
        parser.add_argument("--load-users", type=int, default=50)
        parser.add_argument("--load-seconds", type=int, default=60, help="0 skips the load test.")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("bench_web measures PostgreSQL: set DATABASE_URL (make bench-web does).")
        try:
            low, high = (int(p) for p in options["ports"].split("-"))
        except ValueError:
            raise CommandError("--ports is a range such as 8601-8620.") from None
        if options["profiles"] < 1 or options["repeats"] < 1 or options["workers"] < 1:
            raise CommandError("--profiles, --repeats and --workers must be positive.")
        figures = bench_web.run(
            profiles=options["profiles"], missions=options["missions"], open_missions=options["open_missions"],
            repeats=options["repeats"], workers=options["workers"], ports=(low, high),
            load_users=options["load_users"], load_seconds=options["load_seconds"],
            log=lambda line: self.stderr.write(line),
        )
        self.stdout.write(json.dumps(figures))
