"""The token endpoint's limits hold across processes: gunicorn with three workers counting in one Redis
(run by .ci/run, like the Celery integration tests).

Each worker exits after three requests (`--max-requests`), so the tries meet several processes whatever
worker the kernel hands each connection to: counters of one process would start again from zero.
"""
import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis

from tests.services import REDIS_HOST, REDIS_PORT, ROOT, database_url, require_postgresql_and_redis, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

CACHE_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/5"
ACCOUNT_LIMIT = 10  # settings: "auth_token_account" 10/hour, the documented limit per e-mail posted


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _post(url, body) -> int:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def server(tmp_path: Path):
    require_postgresql_and_redis()
    redis.Redis.from_url(CACHE_URL).flushdb()
    port = _free_port()
    access_log = tmp_path / "access.log"
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL", "CACHE_URL"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "amoe_platform.settings",
        "DATABASE_URL": database_url(),
        "CACHE_URL": CACHE_URL,
        # Every try comes from 127.0.0.1: the limit per address is raised so the one per account is met.
        "API_THROTTLE_AUTH_TOKEN": "1000/min",
        "LOG_LEVEL": "WARNING",
    })
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "amoe_platform.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "3", "--max-requests", "3", "--preload", "--access-logfile", str(access_log),
         "--access-logformat", "%(p)s %(U)s"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: process.poll() is None and _answers(base + "/healthz/"), timeout=20,
                 what="gunicorn to answer")
        yield base, access_log
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
        redis.Redis.from_url(CACHE_URL).flushdb()


def test_wrong_passwords_for_one_account_are_refused_after_the_documented_limit_by_every_worker(
        server, esn_recruiter):
    base, access_log = server
    tries = [_post(base + "/api/v1/auth/token/", {"email": esn_recruiter.email, "password": "wrong-password"})
             for _ in range(ACCOUNT_LIMIT + 5)]
    first_refusal = tries.index(429) if 429 in tries else None
    assert first_refusal == ACCOUNT_LIMIT, tries
    assert set(tries[first_refusal:]) == {429}, tries  # no wrong password is checked after the first refusal
    workers = {pid for pid, path in (line.split() for line in access_log.read_text().splitlines())
               if path == "/api/v1/auth/token/"}
    assert len(workers) >= 3, f"the tries met {len(workers)} worker processes only"
