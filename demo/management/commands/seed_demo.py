import time

from django.core.management.base import BaseCommand, CommandError

from demo import demo_data


class Command(BaseCommand):
    help = "Load realistic, reproducible French demo data and the three demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--profiles", type=int, default=500)
        parser.add_argument("--missions", type=int, default=30,
                            help="Open missions; the first eight are made for the demo freelancer (ranked or excluded).")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the demo data is already there.")
        parser.add_argument("--no-rank", action="store_true", help="Do not rank the demo missions afterwards.")

    def handle(self, *args, profiles, missions, seed, if_empty, no_rank, **options):
        if profiles < 1 or missions < 0:
            raise CommandError("--profiles must be at least 1 and --missions at least 0.")
        if demo_data.demo_already_loaded():
            if if_empty:
                self.stdout.write("Demo data already loaded; nothing to do.")
                return
            raise CommandError("Demo data is already loaded (demo logins exist). Use a fresh database.")
        started = time.perf_counter()
        summary = demo_data.seed_demo(profiles=profiles, missions=missions, seed=seed)
        self.stdout.write(
            f"Loaded {summary.profiles} profiles, {summary.missions} missions and {summary.organisations} "
            f"organisations in {time.perf_counter() - started:.1f} s."
        )
        if not no_rank:
            from matching.services import rank_all_open_missions

            started = time.perf_counter()
            done = rank_all_open_missions()
            self.stdout.write(f"Ranked {done} open missions in {time.perf_counter() - started:.1f} s.")
        self.stdout.write(
            f"Demo logins (password {demo_data.DEMO_PASSWORD}): {demo_data.DEMO_FREELANCER}, "
            f"{demo_data.DEMO_CLIENT}, {demo_data.DEMO_RECRUITER}"
        )
