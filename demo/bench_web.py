"""Figures for the web tier, printed by `manage.py bench_web` (`make bench-web`).

Each page and endpoint of issue 19 is requested one at a time against gunicorn on PostgreSQL, and its
median is given as a multiple of the bare /healthz/ view's on the same server in the same run (x_bare):
the machine's speed cancels out of the ratios. Then the load test (loadtest/locustfile.py) runs against
that server and its throughput is given as a share of the bare view's. Timings only: nothing here
asserts on them.
"""
from __future__ import annotations

import csv
import datetime
import io
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import psycopg2
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count

from accounts.authentication import api_token_issue
from accounts.models import Organisation, User
from core.bulk import insert_many
from demo import demo_data
from loadtest.sessions import session_log_in, sessions_log_in
from missions.models import Mission, MissionSkill, MissionTool

ROOT = Path(settings.BASE_DIR)
BENCH_ORGANISATION = "Banc d'essai des missions ouvertes"
LOCUST = ROOT / ".venv-loadtest" / "bin" / "locust"


@dataclass(frozen=True)
class Target:
    name: str
    who: str  # "anonymous", "api" (the recruiter's token), "client" or "freelancer" (a logged-in session)
    path: str


# ---------------------------------------------------------------- database
def database_create_if_missing() -> None:
    """CREATE DATABASE for the configured name when PostgreSQL does not have it yet."""
    db = settings.DATABASES["default"]
    params = {"host": db.get("HOST") or None, "port": db.get("PORT") or None, "user": db.get("USER") or None,
              "password": db.get("PASSWORD") or None, "dbname": "postgres"}
    admin = psycopg2.connect(**{k: v for k, v in params.items() if v})
    admin.autocommit = True  # CREATE DATABASE refuses to run in a transaction
    try:
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')
    finally:
        admin.close()


def seed_if_empty(*, profiles: int, missions: int, open_missions: int, log) -> dict:
    """The demo data (profiles, missions) once, then open missions of a bench organisation up to
    open_missions, ranked like any other: "missions for me" scores every open mission."""
    call_command("migrate", interactive=False, verbosity=0)
    if not demo_data.demo_already_loaded():
        log(f"Seeding {profiles} profiles and {missions} missions (once)…")
        call_command("seed_demo", profiles=profiles, missions=missions, stdout=io.StringIO())
    missing = open_missions - Mission.objects.open().count()
    if missing > 0:
        log(f"Adding {missing} open missions of another organisation and ranking them (once)…")
        _bench_missions_add(missing)
    with connection.cursor() as cursor:
        # Planner statistics, as autovacuum would have them in production after a bulk load.
        cursor.execute("VACUUM ANALYZE")
    return {"profiles": _count("profiles_freelancerprofile"), "missions": Mission.objects.count(),
            "open_missions": Mission.objects.open().count()}


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def _bench_missions_add(n: int) -> None:
    from matching.index_cache import current_index
    from matching.pipeline import missions_rank

    gen = demo_data._Generator(seed=19)
    with transaction.atomic():
        organisation, _ = Organisation.objects.get_or_create(name=BENCH_ORGANISATION,
                                                             defaults={"kind": Organisation.Kind.CLIENT})
        built = [gen.mission(organisation, i) for i in range(n)]
        created = demo_data._bulk(Mission, [m for m, _ in built])
        insert_many(MissionTool, [MissionTool(mission=m, tool=t, importance=imp, min_proficiency=p)
                                  for m, (_, d) in zip(created, built) for t, imp, p in d["tools"]])
        insert_many(MissionSkill, [MissionSkill(mission=m, skill=s, importance=imp)
                                   for m, (_, d) in zip(created, built) for s, imp in d["skills"]])
    missions_rank(missions=Mission.objects.filter(pk__in=[m.pk for m in created]).order_by("id"),
                  index=current_index())


# ---------------------------------------------------------------- what is measured
def targets() -> list[Target]:
    recruiter = User.objects.get(email=demo_data.DEMO_RECRUITER)
    client = User.objects.get(email=demo_data.DEMO_CLIENT)
    api_mission = _most_ranked_mission(recruiter)
    page_mission = _most_ranked_mission(client)
    compared = "&".join(f"p={pid}" for pid in page_mission.ranking_entries.order_by("rank")
                        .values_list("profile_id", flat=True)[:3])
    soon = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    return [
        Target("bare_view", "anonymous", "/healthz/"),
        Target("candidates_api_25", "api", f"/api/v1/missions/{api_mission.pk}/candidates/?page_size=25"),
        Target("candidates_api_100", "api", f"/api/v1/missions/{api_mission.pk}/candidates/?page_size=100"),
        Target("profiles_search_25_sector", "api", "/api/v1/profiles/?page_size=25&sector=btp"),
        Target("profiles_search_25_all_filters", "api",
               "/api/v1/profiles/?page_size=25&sector=btp&tool=ms_project&skill=planning&english_written_min=B1"
               f"&english_spoken_min=B1&min_years=3&max_daily_rate=900&available_before={soon}&work_mode=hybrid"
               "&ordering=-years_experience"),
        Target("profiles_search_25_text", "api", "/api/v1/profiles/?page_size=25&q=pilotage&ordering=daily_rate"),
        Target("profiles_search_25_page_40", "api", "/api/v1/profiles/?page_size=25&page=40"),
        Target("profile_detail", "api",
               f"/api/v1/profiles/{api_mission.ranking_entries.order_by('rank')[0].profile_id}/"),
        Target("ranked_candidates_page", "client", f"/missions/{page_mission.pk}/"),
        Target("comparison_page", "client", f"/missions/{page_mission.pk}/compare/?{compared}"),
        Target("client_dashboard", "client", "/missions/"),
        Target("missions_for_me", "freelancer", "/freelancer/missions/"),
    ]


def _most_ranked_mission(user: User) -> Mission:
    return (Mission.objects.of_organisations(user).open().annotate(n=Count("ranking_entries"))
            .order_by("-n", "id").first())


def api_token() -> str:
    recruiter = User.objects.get(email=demo_data.DEMO_RECRUITER)
    return api_token_issue(user=recruiter, name="bench_web")[1]


# ---------------------------------------------------------------- server
def free_port(low: int, high: int) -> int:
    for port in range(low, high + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port between {low} and {high}.")


def server_env() -> dict[str, str]:
    """Production-like: DEBUG off, PostgreSQL, the shared Redis cache, throttles out of the way (the bench
    measures the server, not the rate limits). Plain HTTP, so not DJANGO_ENV=production (secure-only
    cookies), as in loadtest/run.sh."""
    return {**os.environ, "DEBUG": "0", "API_THROTTLE_USER": "1000000/min", "API_THROTTLE_ANON": "1000000/min",
            "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}


class Server:
    def __init__(self, *, port: int, workers: int, log_path: Path):
        self.base = f"http://127.0.0.1:{port}"
        self._log = open(log_path, "ab")
        self._process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "amoe_platform.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
            cwd=ROOT, env=server_env(), stdout=self._log, stderr=self._log, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base}/healthz/", timeout=2).read()
                return
            except OSError:
                if self._process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer on {self.base} (see {log_path}).")

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
        self._log.close()


# ---------------------------------------------------------------- clients
class Browser:
    """A session (its cookie sent with each request), one new connection per request (gunicorn's sync workers
    close them)."""

    def __init__(self, base: str, headers: dict[str, str] | None = None):
        self.base = base
        self.headers = headers or {}

    def get(self, path: str) -> tuple[int, bytes]:
        request = urllib.request.Request(self.base + path, headers=self.headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()

    def log_in(self, email: str, password: str) -> None:
        self.headers["Cookie"] = f"sessionid={session_log_in(self.base, email, password)}"


def browsers(base: str, token: str) -> dict[str, Browser]:
    client, freelancer = Browser(base), Browser(base)
    client.log_in(demo_data.DEMO_CLIENT, demo_data.DEMO_PASSWORD)
    freelancer.log_in(demo_data.DEMO_FREELANCER, demo_data.DEMO_PASSWORD)
    return {"anonymous": Browser(base), "api": Browser(base, {"Authorization": f"Token {token}"}),
            "client": client, "freelancer": freelancer}


def measure(browser: Browser, path: str, *, repeats: int, warmup: int = 3) -> dict:
    for _ in range(warmup):
        browser.get(path)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        status, _ = browser.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}.")
    return {"median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(float(np.percentile(np.asarray(timings), 95)), 2)}


# ---------------------------------------------------------------- load test
def load_test(*, base: str, token: str, users: int, seconds: int, workdir: Path) -> dict:
    """loadtest/locustfile.py as `make loadtest` runs it, against this server: the client pages and API mix,
    then the bare view alone; throughput in requests per second and the share of the bare view's."""
    if not LOCUST.exists():
        return {"skipped": f"{LOCUST.relative_to(ROOT)} missing: `make .venv-loadtest/bin/locust` installs it"}
    # One session per client user (half of them: the locustfile weighs both kinds alike), logged in through the
    # form before the clock starts.
    sessions = sessions_log_in(base, demo_data.DEMO_CLIENT, demo_data.DEMO_PASSWORD, users // 2)
    env = {**os.environ, "AMOE_API_TOKEN": token, "AMOE_CLIENT_SESSIONS": ",".join(sessions)}
    figures = {}
    for run, classes in (("app", ["ClientBrowser", "ApiUser"]), ("reference", ["HealthUser"])):
        prefix = workdir / run
        before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
        subprocess.run([str(LOCUST), "-f", str(ROOT / "loadtest" / "locustfile.py"), "--host", base, "--headless",
                        "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--csv", str(prefix),
                        "--only-summary", *classes], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after, wall = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic() - started
        # The load generator shares the machine with the server: its CPU time says how much of it it took.
        client_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        with open(f"{prefix}_stats.csv", newline="") as stats:
            total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
        figures[run] = {"requests_per_s": round(float(total["Requests/s"]), 1),
                        "requests": int(total["Request Count"]), "failures": int(total["Failure Count"]),
                        "median_ms": float(total["Median Response Time"] or 0),
                        "p95_ms": float(total["95%"] or 0),
                        "load_generator_cpu_share": round(client_cpu / (wall * (os.cpu_count() or 1)), 2)}
    reference = figures["reference"]["requests_per_s"] or 1
    return {"method": {"tool": "locust (one process, headless)", "users": users, "spawn_rate_per_s": users,
                       "seconds": seconds, "wait_s": "0 to 0.1 between a user's requests",
                       "logins": "one session per client user, through the log-in form before the measured minute",
                       "reference": "the bare /healthz/ view, same tool, users, duration and server, right after"},
            "app": figures["app"], "bare_view": figures["reference"],
            "throughput_ratio": round(figures["app"]["requests_per_s"] / reference, 3)}


# ---------------------------------------------------------------- the whole run
def machine() -> dict:
    return {"cpus": os.cpu_count(), "cpu": _cpu_model(), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "database": connection.vendor}


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor()
    found = re.search(r"model name\s*:\s*(.+)", text)
    return found.group(1).strip() if found else platform.processor()


def run(*, profiles: int, missions: int, open_missions: int, repeats: int, workers: int, ports: tuple[int, int],
        load_users: int, load_seconds: int, log) -> dict:
    database_create_if_missing()
    seeded = seed_if_empty(profiles=profiles, missions=missions, open_missions=open_missions, log=log)
    measured = targets()
    token = api_token()
    workdir = Path(tempfile.mkdtemp(prefix="bench_web_"))
    connection.close()  # the server and the load test have the database to themselves
    server = Server(port=free_port(*ports), workers=workers, log_path=workdir / "gunicorn.log")
    try:
        sessions = browsers(server.base, token)
        results = {}
        for target in measured:
            log(f"Measuring {target.name}…")
            try:
                results[target.name] = measure(sessions[target.who], target.path, repeats=repeats)
            except urllib.error.HTTPError as error:  # one broken page leaves the others' figures standing
                results[target.name] = {"error": f"HTTP {error.code}"}
        bare = results["bare_view"]["median_ms"]
        for figures in results.values():
            if "median_ms" in figures:
                figures["x_bare"] = round(figures["median_ms"] / bare, 1)
        load = {"skipped": "--no-load"} if load_seconds <= 0 else None
        if load is None:
            log(f"Load test: {load_users} users, {load_seconds} s, then the bare view…")
            load = load_test(base=server.base, token=token, users=load_users, seconds=load_seconds, workdir=workdir)
    finally:
        server.stop()
    shutil.rmtree(workdir, ignore_errors=True)
    return {"machine": machine(), "gunicorn_workers": workers, "repeats": repeats, "data": seeded,
            "paths": {t.name: t.path for t in measured}, "requests": results, "load_test": load}
