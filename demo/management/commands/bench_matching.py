import json

from django.core.management.base import BaseCommand, CommandError

from demo import benchmark


class Command(BaseCommand):
    help = (
        "Measure the matching engine: ranking time, index build and update, one profile against 10,000 open "
        "missions (freelancer_missions_ms), nightly throughput, memory. "
        "Uses the database's profiles when it holds at least --profiles of them, synthetic ones otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("--profiles", type=int, default=100_000)
        parser.add_argument("--missions", type=int, default=100, help="Missions ranked for the nightly figure.")
        parser.add_argument("--repeats", type=int, default=30)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--no-store", action="store_true", help="Rank without writing rankings.")
        parser.add_argument("--json", action="store_true", help="Print the figures as one JSON object, last line.")

    def handle(self, *args, profiles, missions, repeats, seed, no_store, **options):
        if profiles < 1 or repeats < 1 or missions < 0:
            raise CommandError("--profiles and --repeats must be positive, --missions not negative.")
        as_json = options["json"]
        figures = benchmark.run(profiles=profiles, missions=missions, repeats=repeats, seed=seed, store=not no_store)
        if as_json:
            self.stdout.write(json.dumps(figures))
        else:
            for key, value in figures.items():
                self.stdout.write(f"{key:>26}: {value}")
