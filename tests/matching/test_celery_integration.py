"""Real Celery workers against the real Redis and PostgreSQL (run by .ci/run)."""
import logging
import os
import subprocess
import time

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection, transaction

from matching.models import RankingEntry, RankingRequest, RankingRun, RankingRunMission
from matching.nightly import nightly_chunk_rank, nightly_run_start
from matching.refresh import ranking_requests_sweep
from matching.tasks import nightly_rerank_task
from missions.models import Mission
from tests.factories import FreelancerProfileFactory, MissionFactory, ProfileSectorFactory, ProfileToolFactory
from tests.services import REDIS_HOST, Worker, redis_up, require_postgresql_and_redis, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# A Redis database of their own, flushed by each test (AMOE_TEST_REDIS_DB when several suites share a server).
BROKER = f"redis://{REDIS_HOST}:6379/{os.environ.get('AMOE_TEST_REDIS_DB', '9')}"
DEFAULT_DEBOUNCE = django_settings.RANKING_DEBOUNCE_SECONDS  # read before the fixture below sets 0


@pytest.fixture(autouse=True)
def services(settings):
    require_postgresql_and_redis()
    settings.RANKING_DEBOUNCE_SECONDS = 0


class _RealBroker:
    """Switch this process's Celery app from in-process tasks to a real broker, and back."""

    def __init__(self, url: str):
        from amoe_platform.celery_app import app

        self.app, self.url = app, url
        # The app reads Django settings under the CELERY_ namespace: keys carry the prefix.
        self.saved = (app.conf["CELERY_TASK_ALWAYS_EAGER"], app.conf["CELERY_BROKER_URL"])

    def _set(self, eager, url):
        self.app.conf["CELERY_TASK_ALWAYS_EAGER"] = eager
        self.app.conf["CELERY_BROKER_URL"] = url
        self.app._pool = None
        self.app.amqp._producer_pool = None

    def __enter__(self):
        self._set(False, self.url)
        assert not self.app.conf.task_always_eager and self.app.conf.broker_url == self.url
        return self

    def __exit__(self, *exc):
        self._set(*self.saved)


@transaction.atomic  # one re-ranking request per profile, processed on commit, rather than one per row saved
def _profiles(count):
    profiles = []
    for i in range(count):
        profile = FreelancerProfileFactory(years_experience=1 + i % 20, daily_rate=400 + (i * 37) % 500)
        ProfileSectorFactory(profile=profile, years=i % 12)
        ProfileToolFactory(profile=profile, proficiency=1 + i % 4)
        profiles.append(profile)
    return profiles


@transaction.atomic
def _open_missions(count):
    return [MissionFactory() for _ in range(count)]


def _snapshot():
    return sorted(RankingEntry.objects.values_list("mission_id", "profile_id", "rank", "score"))


def test_a_real_worker_ranks_a_published_mission():
    profiles = _profiles(5)
    mission = MissionFactory(status=Mission.Status.DRAFT)
    redis.Redis.from_url(BROKER).flushdb()
    worker = Worker(broker_url=BROKER, name="publish")
    try:
        with _RealBroker(BROKER):
            mission.status = Mission.Status.OPEN
            mission.save()
            wait_for(lambda: RankingEntry.objects.filter(mission=mission).exists(), timeout=90,
                     what="the worker to write the ranking")
        assert RankingEntry.objects.filter(mission=mission).count() == len(profiles)
        assert not RankingRequest.objects.filter(processed_at=None).exists()
    finally:
        worker.stop()


def test_with_the_default_debounce_a_mission_edited_right_after_publishing_is_ranked_as_last_saved(settings):
    """What users get: the task waits RANKING_DEBOUNCE_SECONDS on the broker, then ranks the latest state."""
    assert DEFAULT_DEBOUNCE > 0
    settings.RANKING_DEBOUNCE_SECONDS = DEFAULT_DEBOUNCE
    cheap = FreelancerProfileFactory(daily_rate=450)
    FreelancerProfileFactory(daily_rate=750)
    mission = MissionFactory(status=Mission.Status.DRAFT, daily_rate_max=800)
    redis.Redis.from_url(BROKER).flushdb()
    worker = Worker(broker_url=BROKER, name="debounce", extra_env={"RANKING_DEBOUNCE_SECONDS": str(DEFAULT_DEBOUNCE)})
    try:
        with _RealBroker(BROKER):
            mission.status = Mission.Status.OPEN
            mission.save()
            mission.daily_rate_max = 500
            mission.save()
            wait_for(lambda: RankingEntry.objects.filter(mission=mission).exists()
                     and not RankingRequest.objects.filter(processed_at=None).exists(), timeout=90,
                     what="the worker to rank the mission once the debounce is over")
        assert list(RankingEntry.objects.filter(mission=mission).values_list("profile_id", flat=True)) == [cheap.pk]
    finally:
        worker.stop()


def _backends_waiting_for(pid: int) -> int:
    with connection.cursor() as cursor:  # pg_locks, not pg_stat_activity: that one is frozen for the transaction
        cursor.execute("SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted AND %s = ANY(pg_blocking_pids(pid))",
                       [pid])
        return cursor.fetchone()[0]


def _unacknowledged_since(broker) -> list[float]:
    """When each message that no worker has acknowledged was handed to a worker (kombu's Redis ack emulation)."""
    return [at for _, at in broker.zrange("unacked_index", 0, -1, withscores=True)]


def test_a_worker_killed_in_the_middle_of_the_nightly_job_loses_and_doubles_nothing():
    _profiles(40)
    missions = _open_missions(60)
    broker = redis.Redis.from_url(BROKER)
    broker.flushdb()
    visibility_timeout = 1
    env = {"NIGHTLY_CHUNK_SIZE": "6", "CELERY_VISIBILITY_TIMEOUT": str(visibility_timeout)}
    first = Worker(broker_url=BROKER, extra_env=env, name="doomed")
    second = None
    try:
        # A mission halfway through is locked here, as a long edit would: the worker stops at its batch,
        # in the middle of the run, and is killed there.
        with transaction.atomic():
            Mission.objects.select_for_update().get(pk=missions[len(missions) // 2].pk)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                (pid,) = cursor.fetchone()
            with _RealBroker(BROKER):
                nightly_rerank_task.delay()
            wait_for(lambda: _backends_waiting_for(pid) > 0, timeout=120,
                     what="the nightly run to reach the locked mission")
            first.kill()
            run = RankingRun.objects.get()
            done_at_kill = RankingRunMission.objects.count()
        assert run.status == RankingRun.Status.RUNNING and done_at_kill < len(missions)
        (delivered_at,) = _unacknowledged_since(broker)  # the chunk the worker died in, kept by the broker
        # Kombu's Redis transport hands a dead worker's messages out again once they are older than the visibility
        # timeout, looking when a worker starts and then only every 100 s: the rescuer starts once the chunk is that
        # old, so that the crash is recovered as a restarted worker recovers it, without the 100 s wait.
        time.sleep(max(0.0, delivered_at + visibility_timeout + 0.5 - time.time()))
        second = Worker(broker_url=BROKER, extra_env=env, name="rescuer")
        wait_for(lambda: RankingRun.objects.get().status != RankingRun.Status.RUNNING, timeout=60,
                 what="the nightly run to complete after the crash")
        run = RankingRun.objects.get()
        assert run.status == RankingRun.Status.SUCCEEDED, run.errors
        assert run.missions_done == len(missions) == RankingRunMission.objects.filter(run=run).count()
        assert run.rows_written == RankingEntry.objects.count()
        after_crash = _snapshot()
    finally:
        first.kill() if first.process.poll() is None else None
        if second:
            second.stop()
    # A clean run, in this process, writes exactly the same rows.
    clean = nightly_run_start()
    for chunk in clean.chunks:
        nightly_chunk_rank(run_id=clean.run.pk, mission_ids=chunk)
    assert _snapshot() == after_crash


def test_two_nightly_runs_started_together_one_runs_and_the_other_says_why():
    _profiles(20)
    _open_missions(30)
    redis.Redis.from_url(BROKER).flushdb()
    worker = Worker(broker_url=BROKER, concurrency=2, name="pair")
    try:
        with _RealBroker(BROKER):
            nightly_rerank_task.delay()
            nightly_rerank_task.delay()
        wait_for(lambda: "not started: another nightly run is running" in worker.output(), timeout=90,
                 what="the second run to refuse")
        wait_for(lambda: RankingRun.objects.filter(status=RankingRun.Status.SUCCEEDED).exists(), timeout=90,
                 what="the first run to finish")
        assert RankingRun.objects.count() == 1
    finally:
        worker.stop()


def test_a_profile_saved_while_redis_is_down_is_ranked_by_the_sweep_once_redis_is_back(tmp_path, caplog):
    port = 6391
    command = ["redis-server", "--port", str(port), "--bind", REDIS_HOST, "--save", "", "--appendonly", "no",
               "--dir", str(tmp_path)]
    broker = f"redis://{REDIS_HOST}:{port}/0"
    mission = MissionFactory(daily_rate_max=500)
    (profile,) = _profiles(1)
    profile.daily_rate = 900
    profile.save()
    assert not RankingEntry.objects.filter(mission=mission, profile=profile).exists()
    assert not redis_up(port)
    with _RealBroker(broker), caplog.at_level(logging.WARNING, logger="matching.refresh"):
        profile.daily_rate = 450
        profile.save()  # Redis is down: the save succeeds, the request waits for the sweep
        profile.refresh_from_db()
        assert profile.daily_rate == 450
        assert "stays pending for the sweep" in caplog.text
        assert RankingRequest.objects.filter(kind="profile", object_id=profile.pk, processed_at=None).exists()
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        worker = None
        try:
            wait_for(lambda: redis_up(port), timeout=20, what="Redis to come back")
            worker = Worker(broker_url=broker, name="sweep")
            assert ranking_requests_sweep(older_than_seconds=0) == 1
            # The task commits the ranking, then marks its request done: wait for both.
            wait_for(lambda: RankingEntry.objects.filter(mission=mission, profile=profile).exists()
                     and not RankingRequest.objects.filter(processed_at=None).exists(), timeout=90,
                     what="the sweep's task to rank the change and mark its request done")
            assert not RankingRun.objects.exists()  # no nightly run was needed
        finally:
            if worker:
                worker.stop()
            server.terminate()
            server.wait(timeout=10)
