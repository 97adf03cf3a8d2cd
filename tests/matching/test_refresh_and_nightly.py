import datetime
from unittest import mock

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test import override_settings

from matching.models import MissionRanking, RankingEntry, RankingRequest, RankingRun, TopTenEntry
from matching.nightly import nightly_chunk_rank, nightly_run_start
from matching.refresh import ranking_requests_sweep
from matching.tasks import nightly_rerank_task, process_ranking_request_task
from missions.models import Mission
from recruiting.models import DigestSubscription
from tests.factories import (
    FreelancerProfileFactory,
    MembershipFactory,
    MissionFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)




def _profile(years=5, rate=600):
    profile = FreelancerProfileFactory(years_experience=years, daily_rate=rate)
    ProfileSectorFactory(profile=profile, years=years)
    ProfileToolFactory(profile=profile)
    return profile


def test_publishing_a_mission_ranks_it_on_commit():
    profile = _profile()
    mission = MissionFactory(status=Mission.Status.DRAFT)
    assert not RankingEntry.objects.filter(mission=mission).exists()
    mission.status = Mission.Status.OPEN
    mission.save()
    assert list(RankingEntry.objects.filter(mission=mission).values_list("profile_id", flat=True)) == [profile.pk]
    assert not RankingRequest.objects.filter(processed_at=None).exists()


def test_a_profile_edit_reaches_the_rankings_it_can_change():
    mission = MissionFactory(daily_rate_max=500)
    profile = _profile(rate=900)
    assert not RankingEntry.objects.filter(mission=mission, profile=profile).exists()
    profile.daily_rate = 450
    profile.save()
    assert RankingEntry.objects.filter(mission=mission, profile=profile).exists()


def test_several_saves_before_the_task_runs_lead_to_one_ranking_of_the_last_one():
    mission = MissionFactory(daily_rate_max=500)
    profile = _profile(rate=900)
    with mock.patch.object(process_ranking_request_task, "apply_async") as broker, transaction.atomic():
        for rate in (450, 950, 480):
            profile.daily_rate = rate
            profile.save()
    (queued,) = broker.call_args_list  # one message for the worker
    process_ranking_request_task.apply(args=queued.kwargs["args"])
    entry = RankingEntry.objects.select_related("mission__ranking").get(mission=mission, profile=profile)
    (rate,) = [item for item in entry.explained() if item["criterion"] == "rate"]
    assert rate["reason"]["params"]["rate"] == 480
    assert not RankingRequest.objects.filter(processed_at=None).exists()


def test_a_save_that_arrives_while_its_request_is_being_ranked_is_ranked_again():
    from matching import pipeline

    mission = MissionFactory(daily_rate_max=500)
    profile = _profile(rate=900)
    real_rescore = pipeline.profile_rescore
    saves_during_ranking = []

    def rescore_while_the_freelancer_saves(*, profile_id):
        ranked = real_rescore(profile_id=profile_id)
        if not saves_during_ranking:  # the request is being processed: its first ranking is done, not recorded
            profile.daily_rate = 950
            profile.save()
            saves_during_ranking.append(profile.daily_rate)
        return ranked

    with mock.patch.object(pipeline, "profile_rescore", side_effect=rescore_while_the_freelancer_saves):
        profile.daily_rate = 450
        profile.save()
    assert saves_during_ranking == [950]
    assert not RankingEntry.objects.filter(mission=mission, profile=profile).exists()  # 950: over the ceiling
    assert not RankingRequest.objects.filter(processed_at=None).exists()


def test_when_the_broker_is_down_the_save_succeeds_and_the_sweep_ranks_it_later():
    mission = MissionFactory(daily_rate_max=500)
    profile = _profile(rate=900)
    with mock.patch("matching.tasks.process_ranking_request_task.apply_async", side_effect=ConnectionError("down")):
        profile.daily_rate = 450
        profile.save()
    profile.refresh_from_db()
    assert profile.daily_rate == 450
    assert not RankingEntry.objects.filter(mission=mission, profile=profile).exists()
    assert RankingRequest.objects.filter(kind="profile", object_id=profile.pk, processed_at=None).exists()
    assert ranking_requests_sweep(older_than_seconds=0) == 1
    assert RankingEntry.objects.filter(mission=mission, profile=profile).exists()
    assert not RankingRequest.objects.filter(processed_at=None).exists()


def test_the_nightly_run_ranks_every_open_mission_and_records_its_figures():
    for years in (2, 6, 12):
        _profile(years)
    missions = [MissionFactory() for _ in range(4)]
    MissionFactory(status=Mission.Status.CLOSED)
    with override_settings(NIGHTLY_CHUNK_SIZE=3):
        nightly_rerank_task.delay()
    run = RankingRun.objects.get()
    assert run.status == RankingRun.Status.SUCCEEDED
    assert (run.missions_total, run.missions_done, run.failures) == (4, 4, 0)
    assert run.rows_written == 12 and run.profiles_scored == 12
    assert run.finished_at >= run.started_at
    assert set(run.missions.values_list("mission_id", flat=True)) == {m.pk for m in missions}


def test_the_nightly_run_leaves_the_rewritten_rankings_vacuumed():
    if connection.vendor != "postgresql":
        pytest.skip("VACUUM is PostgreSQL's")
    _profile()
    MissionFactory()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_reset_single_table_counters('matching_rankingentry'::regclass)")
    nightly_rerank_task.delay()
    with connection.cursor() as cursor:
        cursor.execute("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'matching_rankingentry'")
        assert cursor.fetchone()[0] >= 1


def test_a_second_nightly_run_does_not_start_while_one_is_running_and_says_why():
    MissionFactory()
    first = nightly_run_start()
    assert first.run is not None
    second = nightly_run_start()
    assert second.run is None and "another nightly run is running" in second.refused_because
    assert "not started" in nightly_rerank_task.delay().get()


def test_a_crashed_run_stops_blocking_after_the_lock_expiry():
    MissionFactory()
    crashed = nightly_run_start().run
    RankingRun.objects.filter(pk=crashed.pk).update(started_at=crashed.started_at - datetime.timedelta(hours=7))
    assert nightly_run_start().run is not None
    crashed.refresh_from_db()
    assert crashed.status == RankingRun.Status.FAILED


def test_a_chunk_run_twice_writes_the_same_rows_once():
    for years in (3, 9):
        _profile(years)
    mission = MissionFactory()
    start = nightly_run_start()
    nightly_chunk_rank(run_id=start.run.pk, mission_ids=[mission.pk])
    rows = list(RankingEntry.objects.filter(mission=mission).values_list("profile_id", "rank", "score"))
    nightly_chunk_rank(run_id=start.run.pk, mission_ids=[mission.pk])
    assert list(RankingEntry.objects.filter(mission=mission).values_list("profile_id", "rank", "score")) == rows
    run = RankingRun.objects.get(pk=start.run.pk)
    assert run.missions_done == 1 and run.rows_written == 2 and run.status == RankingRun.Status.SUCCEEDED


def test_owners_hear_once_about_each_newcomer_and_the_page_can_mark_them():
    owner = MembershipFactory(role="admin", user__email="owner@client.fr")
    mission = MissionFactory(organisation=owner.organisation)
    _profile(8)
    # No nightly ranking of the mission yet: nobody is "new since yesterday" (the owners still hear of them).
    assert MissionRanking.objects.get(mission=mission).top10_entered == []
    nightly_rerank_task.delay()
    assert [m.to for m in mail.outbox] == [["owner@client.fr"]]
    assert MissionRanking.objects.get(mission=mission).top10_entered == []
    mail.outbox.clear()
    RankingRun.objects.update(status=RankingRun.Status.SUCCEEDED)
    nightly_rerank_task.delay()
    assert mail.outbox == []
    assert MissionRanking.objects.get(mission=mission).top10_entered == []
    second = _profile(10)
    assert MissionRanking.objects.get(mission=mission).top10_entered == [second.pk]
    nightly_rerank_task.delay()
    assert len(mail.outbox) == 1 and "10 ans d'expérience" in mail.outbox[0].body
    assert TopTenEntry.objects.filter(mission=mission).count() == 2


def test_subscribed_freelancers_get_a_daily_digest_of_new_top10_missions():
    from recruiting.tasks import send_freelancer_digests_task

    profile = _profile(8)
    silent = _profile(9)
    DigestSubscription.objects.create(profile=profile)
    mission = MissionFactory(title="AMOE hôpital de Lyon")
    mail.outbox.clear()
    assert send_freelancer_digests_task.delay().get() == 1
    assert mail.outbox[-1].to == [profile.user.email] and mission.title in mail.outbox[-1].body
    assert all(silent.user.email not in m.to for m in mail.outbox)
    assert send_freelancer_digests_task.delay().get() == 0


def test_the_nightly_run_catches_a_change_made_behind_the_receivers_back():
    from profiles.models import FreelancerProfile

    mission = MissionFactory()
    profile = _profile(6)
    nightly_rerank_task.delay()
    assert RankingEntry.objects.filter(mission=mission, profile=profile).exists()
    RankingRun.objects.update(status=RankingRun.Status.SUCCEEDED)
    FreelancerProfile.objects.filter(pk=profile.pk).update(is_visible=False)  # no signal, no updated_at
    nightly_rerank_task.delay()
    assert not RankingEntry.objects.filter(mission=mission, profile=profile).exists()
