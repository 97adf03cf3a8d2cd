"""Schemathesis against a running server, as a client meets it: gunicorn on seeded demo data, the real
throttle rates, the demo recruiter's token from POST /api/v1/auth/token/, every check, and the stateful
links of the schema (create a mission, read its candidates, shortlist the best one, read, move and
remove its entry).

The server gets a database of its own: a PostgreSQL database next to the suite's when the suite runs on
PostgreSQL (in CI, AMOE_REQUIRE_SERVICES=1, it must), a SQLite file otherwise. Every scope keeps its real
limit but the per-user one (600 a minute), raised for this server: the run never meant to reach it, and
paced under it the run's some 700 requests waited 45 s for a new minute. Throttling still answers where a
scope's own limit is lower (the token endpoint). A few examples per operation (the in-process run in
test_schemathesis.py fuzzes each one much longer), and the coverage phase (boundary values of every field,
some 450 requests) only for POST /api/v1/missions/. The hooks and settings it uses are
tests/api/live_hooks.py and tests/api/schemathesis.toml.
"""
import json
import os
import socket
import subprocess
import sys
import urllib.request
import uuid

import psycopg2
import pytest
from django.db import connection

from tests.services import ROOT, _missing, wait_for

pytestmark = pytest.mark.services

EXAMPLES_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_LIVE_EXAMPLES", "8"))
USER_RATE = "100000/min"  # see the docstring: the only limit changed
THROWAWAY_TOKENS = 15
RECRUITER = {"email": "recruiter@example.com", "password": "demo-pass-2026"}


@pytest.fixture
def server_database(tmp_path):
    """A DATABASE_URL for the server: its own PostgreSQL database (dropped afterwards), or a SQLite file."""
    if connection.vendor != "postgresql":
        if os.environ.get("AMOE_REQUIRE_SERVICES"):
            _missing("PostgreSQL (set DATABASE_URL)")
        yield f"sqlite:///{tmp_path / 'live.sqlite3'}"
        return
    s = connection.settings_dict
    name = f"amoe_live_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(dbname="postgres", user=s["USER"], password=s["PASSWORD"] or None,
                             host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    try:
        yield f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(database_url: str) -> dict:
    # Production-like: DEBUG off, the default throttle rates but the per-user one, tasks in-process (publishing
    # ranks at once).
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("API_THROTTLE_") and k not in {"REDIS_URL", "CELERY_BROKER_URL", "DEBUG"}}
    env.update({"DJANGO_SETTINGS_MODULE": "amoe_platform.settings", "DATABASE_URL": database_url,
                "DEBUG": "false", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT), "API_THROTTLE_USER": USER_RATE})
    return env


def _seeded_database(env: dict) -> list[str]:
    """Migrate and seed the demo data in one process; the recruiter's throwaway tokens, for DELETE
    /api/v1/auth/token/ to revoke (see live_hooks)."""
    script = ("import django, json; django.setup()\n"
              "from django.core.management import call_command\n"
              "from accounts.authentication import api_token_issue\n"
              "from accounts.models import User\n"
              "call_command('migrate', interactive=False, verbosity=0)\n"
              "call_command('seed_demo', profiles=200, missions=10, verbosity=0)\n"
              f"user = User.objects.get(email={RECRUITER['email']!r})\n"
              f"print(json.dumps([api_token_issue(user=user)[1] for _ in range({THROWAWAY_TOKENS})]))")
    output = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True,
                            text=True, timeout=300).stdout
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture
def live_server_url(server_database, tmp_path):
    env = _server_env(server_database)
    env["AMOE_THROWAWAY_TOKENS"] = " ".join(_seeded_database(env))
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "amoe_platform.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--access-logfile", "-"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _up(url), timeout=60, what="the server")
        yield url, env
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz/", timeout=2):
            return True
    except OSError:
        return False


def _recruiter_token(url: str) -> str:
    request = urllib.request.Request(f"{url}/api/v1/auth/token/", data=json.dumps(RECRUITER).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["token"]


def test_a_running_server_answers_every_operation_as_its_schema_says(live_server_url, tmp_path):
    url, env = live_server_url
    env = {**env, "AMOE_API_TOKEN": _recruiter_token(url), "SCHEMATHESIS_HOOKS": "tests.api.live_hooks"}
    run = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "--config-file", str(ROOT / "tests/api/schemathesis.toml"),
         "run", f"{url}/api/schema/?format=json", "--checks", "all", "--max-examples", str(EXAMPLES_PER_OPERATION),
         "--seed", "2026", "--workers", "1", "--no-shrink",
         "--report", "junit", "--report-dir", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
    assert "Stateful" in run.stdout and "23 selected" in run.stdout
