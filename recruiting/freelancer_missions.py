"""Missions for me, live: every open mission scored for one freelancer at request time, for the page and the API.

The scores are the client's (matching.engine.freelancer_pass reproduces rank() bit for bit); the position
among a mission's candidates comes from its stored ranking (matching.engine.positions). A fixed number of
queries whatever the number of missions: the missions with their requirements, the profile's
features, the vocabulary, and for the page shown, the stored rows of its missions.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings

from matching.engine.criteria import EXCLUSION_REASONS
from matching.engine.features import ProfileIndex
from matching.engine.freelancer_pass import MissionIndex, MissionsPass, missions_pass
from matching.engine.positions import Position, position_of
from matching.loaders import mission_features, missions_with_features_loaded, profile_features, vocabulary_from_db
from matching.models import MissionRanking, RankingEntry
from missions.models import Mission
from profiles.models import FreelancerProfile


@dataclass(frozen=True)
class RankedMission:
    mission: Mission
    score: float
    position: Position | None  # None: the mission has no stored ranking yet
    breakdown: list[dict]


@dataclass(frozen=True)
class ExcludedMission:
    mission: Mission
    reason: str  # the first failed filter, in EXCLUSION_REASONS order: the group it is listed under
    reasons: list[dict]  # every failed filter, {"code", "params"} with the figures


@dataclass(frozen=True)
class MissionsForMe:
    rankable: bool  # False: hidden, inactive or without a daily rate; then both lists are empty
    ranked: list[int]  # positions in missions, best score first
    excluded: list[int]  # positions in missions, grouped by their first failed filter
    missions: list[Mission]
    result: MissionsPass | None

    def ranked_items(self, positions: list[int]) -> list[RankedMission]:
        """The given ranked missions with breakdown and position: one query for their stored rows."""
        missions = [self.missions[i] for i in positions]
        stored: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for mission_id, profile_id, score in RankingEntry.objects.shown().filter(
                mission__in=missions).values_list("mission_id", "profile_id", "score"):
            stored[mission_id].append((profile_id, score))
        items = []
        for i, mission in zip(positions, missions):
            score = float(self.result.scores[i])
            try:
                header = mission.ranking
            except MissionRanking.DoesNotExist:
                header = None
            position = None if header is None else position_of(
                score=score, profile_id=self.result.profiles.ids[0].item(), stored=stored[mission.pk],
                stored_limit=settings.RANKING_TOP_K, scored=header.profiles_scored, quantiles=header.score_quantiles)
            items.append(RankedMission(mission=mission, score=score, position=position,
                                       breakdown=self.result.breakdown(i)))
        return items

    def excluded_items(self, positions: list[int]) -> list[ExcludedMission]:
        items = []
        for i in positions:
            reasons = self.result.reasons_of(i)
            items.append(ExcludedMission(mission=self.missions[i], reason=reasons[0]["code"].split(".", 1)[1],
                                         reasons=reasons))
        return items


def missions_for_me(*, profile: FreelancerProfile, sector: str | None = None, work_mode: str | None = None,
                    min_score: float | None = None) -> MissionsForMe:
    """Every open mission (of the sector and work mode asked for) scored for the profile, ranked or excluded."""
    (features,) = profile_features([profile.pk])
    queryset = Mission.objects.open().select_related("organisation", "ranking").order_by("id")
    if sector:
        queryset = queryset.filter(sector__code=sector)
    if work_mode:
        queryset = queryset.filter(work_mode=work_mode)
    if not features.visible:
        return MissionsForMe(rankable=False, ranked=[], excluded=[], missions=[], result=None)
    missions = list(missions_with_features_loaded(queryset))
    vocabulary = vocabulary_from_db()
    result = missions_pass(index=MissionIndex([mission_features(m) for m in missions], vocabulary=vocabulary),
                           profiles=ProfileIndex.from_profiles([features], vocabulary=vocabulary), row=0)
    ranked = [i for i in result.ranked().tolist() if min_score is None or result.scores[i] >= min_score]
    first_failed = {}
    for reason in reversed(EXCLUSION_REASONS):
        for i in result.figures[reason].positions.tolist() if reason in result.figures else []:
            first_failed[i] = EXCLUSION_REASONS.index(reason)
    excluded = sorted(first_failed, key=lambda i: (first_failed[i], missions[i].start_date, missions[i].pk))
    return MissionsForMe(rankable=True, ranked=ranked, excluded=excluded, missions=missions, result=result)
