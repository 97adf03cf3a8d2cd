"""Access to the real PostgreSQL, Redis and worker processes for integration tests.

Outside CI a missing service skips these tests; in CI (AMOE_REQUIRE_SERVICES=1) it fails them.
"""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def _missing(what: str):
    if os.environ.get("AMOE_REQUIRE_SERVICES"):
        pytest.fail(f"{what} is required here (AMOE_REQUIRE_SERVICES=1) and is not available")
    pytest.skip(f"{what} is not available")


def redis_up(port: int = REDIS_PORT) -> bool:
    try:
        with socket.create_connection((REDIS_HOST, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def require_postgresql_and_redis():
    if connection.vendor != "postgresql":
        _missing("PostgreSQL (set DATABASE_URL)")
    if not redis_up():
        _missing(f"Redis on {REDIS_HOST}:{REDIS_PORT}")


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """A real Celery worker process on the test database and a given broker."""

    def __init__(self, *, broker_url: str, concurrency: int = 1, extra_env: dict | None = None, name: str = "w1"):
        env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}}
        env.update({
            "DJANGO_SETTINGS_MODULE": "amoe_platform.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            "RANKING_DEBOUNCE_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            **(extra_env or {}),
        })
        self.log_path = Path(f"/tmp/amoe-worker-{name}-{os.getpid()}.log")
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "amoe_platform", "worker", "--pool=prefork",
             f"--concurrency={concurrency}", f"--hostname={name}@%h", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def kill(self):
        """SIGKILL the worker and its pool processes at once, as a crash would."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        self.log.close()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text()


def wait_for(predicate, *, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
