"""The in-memory profile index: what a ranking sees after profiles change, are created behind the receivers'
back, are deleted, or after staff change the vocabulary."""
import threading
from unittest import mock

import pytest
from django.db import connection, transaction

from matching.models import RankingEntry
from matching.services import mission_rank
from profiles.models import FreelancerProfile, Tool
from tests.factories import (
    FreelancerProfileFactory,
    MissionFactory,
    MissionToolFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _ranked(mission) -> list[int]:
    mission_rank(mission_id=mission.pk)
    return list(RankingEntry.objects.filter(mission=mission).order_by("rank").values_list("profile_id", flat=True))


def _profile(rate=600):
    profile = FreelancerProfileFactory(daily_rate=rate)
    ProfileSectorFactory(profile=profile, years=5)
    return profile


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_just_after_a_sync_is_found_by_the_next_sync():
    """The save's transaction writes before the sync reads and commits after it: the next ranking sees it."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time: a write cannot be pending while another connection reads")
    mission = MissionFactory(daily_rate_max=500)
    profile = _profile(rate=900)
    assert _ranked(mission) == []  # the index is built, the profile too expensive
    written, commit = threading.Event(), threading.Event()
    errors = []

    def save_and_wait_before_commit():
        try:
            with transaction.atomic():
                pending = FreelancerProfile.objects.get(pk=profile.pk)
                pending.daily_rate = 450
                pending.save()
                written.set()
                assert commit.wait(timeout=60)
        except Exception as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    # No task on commit: the ranking below, not a re-ranking in the saving thread, must find the change.
    with mock.patch("matching.refresh.ranking_request_enqueue"):
        saver = threading.Thread(target=save_and_wait_before_commit)
        saver.start()
        try:
            assert written.wait(timeout=60)
            assert _ranked(mission) == []  # this sync runs while the change is written and not committed
        finally:
            commit.set()
            saver.join(timeout=60)
    assert not errors and not saver.is_alive()
    assert _ranked(mission) == [profile.pk]


def test_an_edit_saved_in_the_same_transaction_reaches_the_next_ranking():
    mission = MissionFactory(daily_rate_max=500)
    profile = _profile(rate=900)
    assert _ranked(mission) == []
    profile.daily_rate = 450
    profile.save()
    assert _ranked(mission) == [profile.pk]
    profile.daily_rate = 950
    profile.save()
    assert _ranked(mission) == []


def test_a_deleted_profile_leaves_the_index_at_the_next_sync():
    mission = MissionFactory()
    kept, deleted = _profile(), _profile()
    assert set(_ranked(mission)) == {kept.pk, deleted.pk}
    deleted.user.delete()
    assert _ranked(mission) == [kept.pk]


def test_a_profile_created_behind_the_receivers_back_is_ranked_once_the_index_reaches_its_maximum_age(settings):
    mission = MissionFactory()
    seen = _profile()
    assert _ranked(mission) == [seen.pk]
    # A bulk import sends no signal: nothing tells the index, only a rebuild finds it.
    imported = FreelancerProfile.objects.bulk_create([FreelancerProfileFactory.build(user=UserFactory())])[0]
    assert _ranked(mission) == [seen.pk]
    settings.RANKING_INDEX_MAX_AGE = 0
    assert set(_ranked(mission)) == {seen.pk, imported.pk}


def test_a_tool_staff_add_counts_for_rankings_without_waiting_for_the_maximum_age():
    mission = MissionFactory()
    with_tool, without = _profile(), _profile()
    _ranked(mission)  # the index is built with the vocabulary of the day
    bim = Tool.objects.create(code="bim_collab", label_fr="BIM Collab", label_en="BIM Collab", category="modelling")
    ProfileToolFactory(profile=with_tool, tool=bim, proficiency=4)
    MissionToolFactory(mission=mission, tool=bim, importance="must", min_proficiency=2)
    assert _ranked(mission) == [with_tool.pk, without.pk]
    scores = dict(RankingEntry.objects.filter(mission=mission).values_list("profile_id", "score"))
    assert scores[with_tool.pk] > scores[without.pk]


def test_a_build_that_read_a_profile_before_its_change_committed_does_not_leave_stale_packed_features():
    """A slow build packs the old features and writes them after the change committed (and after the
    change dropped the packed record): later builds must not trust that record."""
    if connection.vendor != "postgresql":
        pytest.skip("packed feature records are a PostgreSQL path")
    from matching import index_cache
    from matching.index_builder import build_profile_index, store_feature_rows
    from matching.loaders import profile_change_horizon

    mission = MissionFactory(daily_rate_max=500)
    MissionToolFactory(mission=mission)
    profile = _profile(rate=600)  # over the ceiling: excluded
    build_profile_index()
    horizon = profile_change_horizon()
    stale = build_profile_index()  # what the slow build read: the rate of 600
    profile.daily_rate = 450
    profile.save()  # commits: drops the packed record and stamps the change
    store_feature_rows(index=stale, ids=[profile.pk], horizon=horizon)  # the slow build writes late
    index_cache.reset()
    assert profile.pk in _ranked(mission)
