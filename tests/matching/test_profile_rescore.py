"""Re-scoring a profile goes through the batch pipeline: the index is synced once, the missions where the
profile's place can change are ranked together."""
from unittest import mock

import pytest

from matching import index_cache, pipeline
from matching.models import RankingEntry
from matching.pipeline import profile_rescore
from tests.factories import FreelancerProfileFactory, MissionFactory, ProfileSectorFactory, ProfileToolFactory

pytestmark = pytest.mark.django_db


def test_one_index_sync_and_one_batch_for_every_mission_to_rerank():
    missions = [MissionFactory() for _ in range(4)]
    profile = FreelancerProfileFactory(years_experience=8, daily_rate=500)
    ProfileSectorFactory(profile=profile, years=8)
    ProfileToolFactory(profile=profile)
    index_cache.current_index()  # built; what follows only syncs it
    with mock.patch.object(index_cache, "_sync", wraps=index_cache._sync) as sync, \
            mock.patch.object(index_cache, "_rebuild", wraps=index_cache._rebuild) as rebuild, \
            mock.patch.object(pipeline, "missions_rank", wraps=pipeline.missions_rank) as batch:
        reranked = profile_rescore(profile_id=profile.pk)
    assert reranked == [m.pk for m in missions]
    assert (sync.call_count, rebuild.call_count, batch.call_count) == (1, 0, 1)
    assert [m.pk for m in batch.call_args.kwargs["missions"]] == reranked
    assert set(RankingEntry.objects.filter(profile=profile).values_list("mission_id", flat=True)) == set(reranked)


def test_a_mission_that_fails_stops_neither_the_others_nor_the_retry():
    missions = [MissionFactory() for _ in range(3)]
    profile = FreelancerProfileFactory(years_experience=8, daily_rate=500)
    real_compute = pipeline.mission_ranking_compute

    def compute(*, mission, index):
        if mission.pk == missions[1].pk:
            raise RuntimeError("boom")
        return real_compute(mission=mission, index=index)

    with mock.patch.object(pipeline, "mission_ranking_compute", side_effect=compute), \
            pytest.raises(RuntimeError, match="boom"):
        profile_rescore(profile_id=profile.pk)
    ranked = set(RankingEntry.objects.filter(profile=profile).values_list("mission_id", flat=True))
    assert ranked == {missions[0].pk, missions[2].pk}
