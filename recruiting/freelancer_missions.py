"""Missions for me, live: every open mission scored for one freelancer at request time, for the page and the API.

The scores are the client's (matching.engine.freelancer_pass reproduces rank() bit for bit); the position
among a mission's candidates comes from its stored ranking (matching.engine.positions). The missions that
rank the freelancer come in two parts: those that fit their preferences (matching.engine.preferences)
first, then the others, each part best score first.

Building the open missions' index is most of the cost (queries and a Python loop over every mission), so
each process keeps the last one built (open_missions) and checks before each use, with one query, that it
still stands for the database. The page's own missions, with what only shows (organisation, labels), are
read fresh for the page shown.

What a page or the API answers is kept whole in the shared cache (cached_answer), under a key made of
everything it was computed from, read in one query (answer_stamp) before anything else: so an answer is
never older than its key, and any committed change gives the next request a new key.
"""
from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import get_language

from core.answer_cache import times_sum_sql
from matching.engine.criteria import EXCLUSION_REASONS
from matching.engine.features import ProfileIndex, Vocabulary
from matching.engine.freelancer_pass import MissionIndex, MissionsPass, missions_pass
from matching.engine.positions import Position, position_of
from matching.engine.preferences import PreferenceColumns, ProfilePreferences, preference_fit
from matching.loaders import (
    mission_features,
    mission_preference_view,
    missions_with_features_loaded,
    profile_features,
    vocabulary_from_db,
)
from matching.models import SHOWN_VERSION_ID, MissionRanking, ProfileChange, RankingEntry, ShownVersion
from missions.models import Mission
from profiles.models import FreelancerProfile, Sector
from recruiting.dashboard import vocabulary_version
from recruiting.models import ShortlistEntry
from recruiting.preferences import profile_preferences

ANSWER_TTL = 3600  # only to free memory: a key that still matches is never stale
T = TypeVar("T")


@dataclass(frozen=True)
class OpenMissions:
    """Every open mission as the engine and the preferences read it, position i being the same mission in
    each column; `stamp` and `vocabulary` say which database state it was built from."""

    stamp: tuple
    vocabulary: Vocabulary
    index: MissionIndex
    preferences: PreferenceColumns
    sectors: np.ndarray  # sector code per mission, "" for none
    work_modes: np.ndarray
    starts: np.ndarray  # start date ordinals

    def __len__(self) -> int:
        return len(self.index)


_lock = threading.Lock()
_cache: dict[str, OpenMissions | None] = {"open": None}


def _stamp_sql() -> str:
    """One row that changes whenever an open mission is published, edited (its row is saved after its
    requirements: missions.services), closed, filled or deleted, or a sector's neighbours change: the
    count, the sum of the ids and of the modification times of the open missions (a sum, not a maximum,
    so that a save committed after a later one still changes it), and the adjacency rows."""
    mission = Mission._meta.db_table
    adjacency = Sector.adjacent.through
    left, right = (f.column for f in adjacency._meta.fields if f.is_relation)
    adjacent = (f"(SELECT COUNT(*) || ':' || COALESCE(SUM({left} * 65536 + {right}), 0) "
                f"FROM {adjacency._meta.db_table})")
    return (f"SELECT COUNT(*), COALESCE(SUM(id), 0), {times_sum_sql('updated_at')}, {adjacent} FROM {mission} "
            f"WHERE status = %s")


def _stamp() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql(), [Mission.Status.OPEN])
        return (connection.alias, *cursor.fetchone())


def open_missions() -> OpenMissions:
    """The open missions' index, rebuilt only when the stamp or the vocabulary says the database moved.

    The stamp is read before the missions: what commits in between makes the next stamp differ, so a
    change is seen by the first request that starts after its commit."""
    stamp, vocabulary = _stamp(), vocabulary_from_db()
    cached = _cache["open"]
    if cached is not None and cached.stamp == stamp and cached.vocabulary == vocabulary:
        return cached
    with _lock:
        missions = list(missions_with_features_loaded(Mission.objects.open().order_by("id")))
        built = OpenMissions(
            stamp=stamp, vocabulary=vocabulary,
            index=MissionIndex([mission_features(m) for m in missions], vocabulary=vocabulary),
            preferences=PreferenceColumns([mission_preference_view(m) for m in missions]),
            sectors=np.array([m.sector.code if m.sector_id else "" for m in missions], object),
            work_modes=np.array([m.work_mode for m in missions], object),
            starts=np.array([m.start_date.toordinal() for m in missions], np.int64),
        )
        _cache["open"] = built
        return built


def answer_stamp(*, profile: FreelancerProfile) -> tuple:
    """In one query, what an answer about the profile's missions is computed from: the open missions (_stamp),
    every stored ranking (a re-ranking moves its computed_at), the profile's own change stamp
    (matching.index_cache: its features), the shown version (matching.models.ShownVersion: any profile hidden,
    deactivated or deleted leaves the rankings' shown rows at once, without a re-ranking) and the profile's
    shortlist entries. Each part is an index read or a sum over rows bounded by the open missions, never over
    every profile; each is moved by a change in the writing transaction, so one that commits after the stamp
    was read gives the next request a different stamp."""
    rankings, entries = MissionRanking._meta.db_table, ShortlistEntry._meta.db_table
    sql = (f"SELECT * FROM ({_stamp_sql()}) AS m, "
           f"(SELECT COUNT(*), {times_sum_sql('computed_at')} FROM {rankings}) AS r, "
           f"(SELECT (SELECT sequence FROM {ProfileChange._meta.db_table} WHERE profile_id = %s), "
           f"(SELECT value FROM {ShownVersion._meta.db_table} WHERE id = %s)) AS c, "
           f"(SELECT COUNT(*), {times_sum_sql('updated_at')} FROM {entries} WHERE profile_id = %s) AS s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [Mission.Status.OPEN, profile.pk, SHOWN_VERSION_ID, profile.pk])
        return (connection.alias, *cursor.fetchone())


def cached_answer(kind: str, *, profile: FreelancerProfile, params: QueryDict, build: Callable[[], T]) -> T:
    """build()'s answer from the shared cache, or built and kept there. The key holds answer_stamp(), the
    profile row's own modification time (its preferences and what its completeness reads: related rows
    move it, matching.receivers), the vocabulary's version, the language, the day (availability is
    measured against it) and the request's parameters."""
    parts = (kind, profile.pk, profile.updated_at.isoformat(), answer_stamp(profile=profile), vocabulary_version(),
             get_language(), timezone.localdate().isoformat(), sorted(params.lists()))
    key = "missions-for-me:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    answer = cache.get(key)
    if answer is None:
        answer = build()
        cache.set(key, answer, ANSWER_TTL)
    return answer


@dataclass(frozen=True)
class RankedMission:
    mission: Mission
    score: float
    position: Position | None  # None: the mission has no stored ranking yet
    breakdown: list[dict]
    preference_misses: list[dict]  # [] when the mission fits the freelancer's preferences

    @property
    def fits_preferences(self) -> bool:
        return not self.preference_misses


@dataclass(frozen=True)
class ExcludedMission:
    mission: Mission
    reason: str  # the first failed filter, in EXCLUSION_REASONS order: the group it is listed under
    reasons: list[dict]  # every failed filter, {"code", "params"} with the figures
    preference_misses: list[dict]

    @property
    def fits_preferences(self) -> bool:
        return not self.preference_misses


@dataclass(frozen=True)
class MissionsForMe:
    rankable: bool  # False: hidden, inactive or without a daily rate; then both lists are empty
    ranked: list[int]  # positions in open, those that fit the preferences first, each part best score first
    fitting: int  # how many of `ranked` (its first ones) fit the preferences
    excluded: list[int]  # positions in open, grouped by their first failed filter
    open: OpenMissions | None
    result: MissionsPass | None
    preferences: ProfilePreferences | None

    def _missions(self, positions: list[int]) -> dict[int, Mission]:
        ids = [int(self.open.index.ids[i]) for i in positions]
        return Mission.objects.select_related("organisation", "ranking", "sector").in_bulk(ids)

    def ranked_items(self, positions: list[int]) -> list[RankedMission]:
        """The given ranked missions with breakdown, position and preference misses: two queries, for the
        missions and for their stored rows. A mission closed since the index was read is left out."""
        missions = self._missions(positions)
        stored: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for mission_id, profile_id, score in RankingEntry.objects.shown().filter(
                mission__in=list(missions)).values_list("mission_id", "profile_id", "score"):
            stored[mission_id].append((profile_id, score))
        items = []
        for i in positions:
            mission = missions.get(int(self.open.index.ids[i]))
            if mission is None or mission.status != Mission.Status.OPEN:
                continue
            score = float(self.result.scores[i])
            try:
                header = mission.ranking
            except MissionRanking.DoesNotExist:
                header = None
            if header is not None and not header.is_current:
                header = None  # an older engine's counts and distribution can't place a score of this one
            position = None if header is None else position_of(
                score=score, profile_id=self.result.profiles.ids[0].item(), stored=stored[mission.pk],
                stored_limit=settings.RANKING_TOP_K, scored=header.profiles_scored, quantiles=header.score_quantiles)
            items.append(RankedMission(mission=mission, score=score, position=position,
                                       breakdown=self.result.breakdown(i),
                                       preference_misses=self.open.preferences.misses(i, self.preferences)))
        return items

    def excluded_items(self, positions: list[int]) -> list[ExcludedMission]:
        missions = self._missions(positions)
        items = []
        for i in positions:
            mission = missions.get(int(self.open.index.ids[i]))
            if mission is None or mission.status != Mission.Status.OPEN:
                continue
            reasons = self.result.reasons_of(i)
            items.append(ExcludedMission(mission=mission, reason=reasons[0]["code"].split(".", 1)[1], reasons=reasons,
                                         preference_misses=self.open.preferences.misses(i, self.preferences)))
        return items


def missions_for_me(*, profile: FreelancerProfile, sector: str | None = None, work_mode: str | None = None,
                    min_score: float | None = None) -> MissionsForMe:
    """Every open mission (of the sector and work mode asked for) scored for the profile, ranked or excluded."""
    (features,) = profile_features([profile.pk])
    if not features.visible:
        return MissionsForMe(rankable=False, ranked=[], fitting=0, excluded=[], open=None, result=None,
                             preferences=None)
    missions = open_missions()
    preferences = profile_preferences(profile)
    result = missions_pass(index=missions.index, row=0,
                           profiles=ProfileIndex.from_profiles([features], vocabulary=missions.vocabulary))
    shown = np.ones(len(missions), bool)
    if sector:
        shown &= missions.sectors == sector
    if work_mode:
        shown &= missions.work_modes == work_mode
    fits = preference_fit(missions.preferences, preferences)
    ranked = [i for i in result.ranked().tolist() if shown[i] and (min_score is None or result.scores[i] >= min_score)]
    fitting = [i for i in ranked if fits[i]]
    first_failed = {}
    for reason in reversed(EXCLUSION_REASONS):
        for i in result.figures[reason].positions.tolist() if reason in result.figures else []:
            if shown[i]:
                first_failed[i] = EXCLUSION_REASONS.index(reason)
    excluded = sorted(first_failed, key=lambda i: (first_failed[i], missions.starts[i], missions.index.ids[i]))
    return MissionsForMe(rankable=True, ranked=fitting + [i for i in ranked if not fits[i]], fitting=len(fitting),
                         excluded=excluded, open=missions, result=result, preferences=preferences)
