"""Real Celery workers against the real Redis and PostgreSQL (run by .ci/run)."""
import subprocess
import time

import pytest
import redis

from matching.models import RankingEntry, RankingRequest, RankingRun, RankingRunMission
from matching.nightly import nightly_chunk_rank, nightly_run_start
from matching.refresh import ranking_requests_sweep
from matching.tasks import nightly_rerank_task
from missions.models import Mission
from tests.factories import FreelancerProfileFactory, MissionFactory, ProfileSectorFactory, ProfileToolFactory
from tests.services import REDIS_HOST, Worker, redis_up, require_postgresql_and_redis, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

BROKER = f"redis://{REDIS_HOST}:6379/9"


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


def _profiles(count):
    profiles = []
    for i in range(count):
        profile = FreelancerProfileFactory(years_experience=1 + i % 20, daily_rate=400 + (i * 37) % 500)
        ProfileSectorFactory(profile=profile, years=i % 12)
        ProfileToolFactory(profile=profile, proficiency=1 + i % 4)
        profiles.append(profile)
    return profiles


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


def test_a_worker_killed_in_the_middle_of_the_nightly_job_loses_and_doubles_nothing():
    _profiles(40)
    missions = [MissionFactory() for _ in range(60)]
    redis.Redis.from_url(BROKER).flushdb()
    env = {"NIGHTLY_CHUNK_SIZE": "6", "CELERY_VISIBILITY_TIMEOUT": "3"}
    first = Worker(broker_url=BROKER, extra_env=env, name="doomed")
    second = None
    try:
        with _RealBroker(BROKER):
            nightly_rerank_task.delay()
        wait_for(lambda: RankingRunMission.objects.count() >= 8, timeout=120, interval=0.05,
                 what="the nightly run to be under way")
        first.kill()
        run = RankingRun.objects.get()
        done_at_kill = RankingRunMission.objects.count()
        assert run.status == RankingRun.Status.RUNNING and done_at_kill < len(missions)
        second = Worker(broker_url=BROKER, extra_env=env, name="rescuer")
        wait_for(lambda: RankingRun.objects.get().status != RankingRun.Status.RUNNING, timeout=180,
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
    for _ in range(30):
        MissionFactory()
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


def test_a_profile_saved_while_redis_is_down_is_ranked_by_the_sweep_once_redis_is_back(tmp_path):
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
    with _RealBroker(broker):
        started = time.monotonic()
        profile.daily_rate = 450
        profile.save()  # Redis is down: the save must still succeed, quickly
        assert time.monotonic() - started < 10
        profile.refresh_from_db()
        assert profile.daily_rate == 450
        assert RankingRequest.objects.filter(kind="profile", object_id=profile.pk, processed_at=None).exists()
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        worker = None
        try:
            wait_for(lambda: redis_up(port), timeout=20, what="Redis to come back")
            worker = Worker(broker_url=broker, name="sweep")
            assert ranking_requests_sweep(older_than_seconds=0) == 1
            wait_for(lambda: RankingEntry.objects.filter(mission=mission, profile=profile).exists(), timeout=90,
                     what="the sweep's task to rank the change")
            assert not RankingRequest.objects.filter(processed_at=None).exists()
            assert not RankingRun.objects.exists()  # no nightly run was needed
        finally:
            if worker:
                worker.stop()
            server.terminate()
            server.wait(timeout=10)
