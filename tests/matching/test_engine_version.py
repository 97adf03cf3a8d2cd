"""Engine version 2 everywhere: stored rankings carry their version, older ones are never shown and are
re-ranked through the outbox at deploy (issue 17)."""
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from matching.engine.criteria import ENGINE_VERSION
from matching.models import MissionRanking, RankingEntry, RankingRequest
from matching.services import mission_rank
from missions.models import Mission
from tests.factories import FreelancerProfileFactory, MissionFactory, ProfileSectorFactory, RankingEntryFactory

pytestmark = pytest.mark.django_db
rerank = importlib.import_module("matching.migrations.0012_rerank_for_engine_v2")


def _header(mission, version):
    return MissionRanking.objects.create(mission=mission, engine_version=version, computed_at=timezone.now())


def test_a_ranking_stores_the_engine_version_on_its_header_and_rows():
    ProfileSectorFactory(profile=FreelancerProfileFactory(years_experience=6, daily_rate=600))
    mission = MissionFactory()
    mission_rank(mission_id=mission.pk)
    assert MissionRanking.objects.get(mission=mission).engine_version == ENGINE_VERSION == "2.0"
    assert set(RankingEntry.objects.filter(mission=mission).values_list("engine_version", flat=True)) == {"2.0"}


def test_rows_of_an_older_engine_are_never_shown():
    old = RankingEntryFactory(engine_version="1.0")
    new = RankingEntryFactory(engine_version=ENGINE_VERSION)
    shown = set(RankingEntry.objects.shown().values_list("pk", flat=True))
    assert new.pk in shown and old.pk not in shown
    assert not _header(old.mission, "1.0").is_current and _header(new.mission, ENGINE_VERSION).is_current


def test_the_deploy_asks_for_the_reranking_of_every_open_mission_not_ranked_by_version_2():
    stale, unranked, current = MissionFactory(), MissionFactory(), MissionFactory()
    closed = MissionFactory(status=Mission.Status.CLOSED)
    already = MissionFactory()
    for mission in (stale, closed, already):
        _header(mission, "1.0")
    _header(current, "2.0")
    RankingRequest.objects.update(processed_at=timezone.now())  # what saving the missions asked for is done
    RankingRequest.objects.create(kind="mission", object_id=already.pk, requested_at=timezone.now())
    rerank.record_requests(apps, None)
    pending = RankingRequest.objects.filter(kind="mission", processed_at=None)
    assert sorted(pending.values_list("object_id", flat=True)) == sorted([stale.pk, unranked.pk, already.pk])
    rerank.record_requests(apps, None)  # run again: nothing twice
    assert pending.count() == 3
