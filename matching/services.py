"""Ranking services: compute a mission's ranking with the engine and store it."""
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from matching.bulk import insert_many
from matching.index_cache import current_index
from matching.loaders import mission_features, profile_features
from matching.models import MissionRanking, RankingEntry
from matching.scoring import Explanation, RankResult, explain, rank
from missions.models import Mission
from profiles.models import FreelancerProfile

logger = logging.getLogger(__name__)
# Extra candidates computed beyond K, so that profiles deleted since the index
# was synced can be dropped without leaving the stored ranking short.
_MARGIN = 20


def mission_ranking_compute(*, mission: Mission) -> RankResult:
    top_k = settings.RANKING_TOP_K
    return rank(mission=mission_features(mission), index=current_index(), top_k=top_k + _MARGIN)


@transaction.atomic
def mission_ranking_store(*, mission: Mission, result: RankResult) -> int:
    """Replace the mission's stored ranking in one transaction; returns the rows written.

    Readers see the old ranking or the new one, never a mix: the delete and the
    inserts commit together, and the mission row lock serialises two rankers.
    """
    Mission.objects.select_for_update().filter(pk=mission.pk).first()
    candidate_ids = [c.profile_id for c in result.candidates]
    still_rankable = set(
        FreelancerProfile.objects.visible().filter(id__in=candidate_ids).values_list("id", flat=True)
    )
    kept = [c for c in result.candidates if c.profile_id in still_rankable][: settings.RANKING_TOP_K]
    computed_at = timezone.now()
    RankingEntry.objects.filter(mission=mission).delete()
    insert_many(RankingEntry, [
        RankingEntry(mission=mission, profile_id=c.profile_id, rank=position, score=round(c.score, 4),
                     breakdown=c.breakdown or [], engine_version=result.engine_version, computed_at=computed_at)
        for position, c in enumerate(kept, start=1)
    ])
    MissionRanking.objects.update_or_create(
        mission=mission,
        defaults={
            "engine_version": result.engine_version,
            "computed_at": computed_at,
            "profiles_considered": result.scored + result.excluded_total,
            "profiles_scored": result.scored,
            "excluded_total": result.excluded_total,
            "excluded_counts": result.excluded,
        },
    )
    return len(kept)


def mission_rank(*, mission_id: int) -> int | None:
    """Rank one open mission and store the result; None when the mission is not open."""
    mission = Mission.objects.select_related("sector").filter(pk=mission_id).first()
    if mission is None or not mission.is_open:
        return None
    result = mission_ranking_compute(mission=mission)
    return mission_ranking_store(mission=mission, result=result)


def rank_all_open_missions() -> int:
    """Rank every open mission in turn; returns how many were ranked."""
    done = 0
    for mission_id in Mission.objects.open().order_by("id").values_list("id", flat=True):
        if mission_rank(mission_id=mission_id) is not None:
            done += 1
    return done


def mission_profile_explain(*, mission: Mission, profile: FreelancerProfile) -> Explanation:
    """Why this profile is (or is not) ranked for this mission, for any pair."""
    (features,) = profile_features([profile.pk])
    return explain(mission=mission_features(mission), profile=features, vocabulary=current_index().vocabulary)


