"""Ranking services: compute a mission's ranking with the engine and store it."""
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from core.bulk import insert_rows
from matching.engine.features import ProfileIndex
from matching.engine.positions import score_quantiles
from matching.engine.preferences import ProfilePreferences, preference_misses
from matching.engine.scoring import Explanation, RankResult, explain, rank
from matching.index_cache import current_index
from matching.loaders import (
    mission_features,
    missions_preference_views,
    missions_with_features_loaded,
    profile_features,
    profiles_preferences,
)
from matching.models import (
    MissionRanking,
    RankingEntry,
    RankingRequest,
    RankingRun,
    RankingRunMission,
    TopTenEntry,
    shown_version_bump,
)
from matching.refresh import ranking_request_record
from missions.models import Mission
from profiles.models import FreelancerProfile

logger = logging.getLogger(__name__)
# Extra candidates computed beyond K, so that profiles deleted since the index
# was synced can be dropped without leaving the stored ranking short.
_MARGIN = 20
TOP_N = 10
_ENTRY_COLUMNS = ["mission_id", "profile_id", "rank", "score", "breakdown", "engine_version", "computed_at",
                  "preference_misses", "fits_preferences"]
_NO_PREFERENCES = ProfilePreferences()
_HEADER_FIELDS = ["engine_version", "computed_at", "profiles_considered", "profiles_scored", "excluded_total",
                  "excluded_counts", "top10_entered", "nightly_top10", "weights", "reason_context", "score_quantiles"]


def mission_ranking_compute(*, mission: Mission, index: ProfileIndex | None = None) -> RankResult:
    top_k = settings.RANKING_TOP_K
    return rank(mission=mission_features(mission), index=index or current_index(), top_k=top_k + _MARGIN)


@dataclass
class StoredRanking:
    rows_written: int
    profiles_scored: int
    entered_top10: list[int] = field(default_factory=list)
    left_top10: list[int] = field(default_factory=list)
    skipped: bool = False


def missions_lock(mission_ids) -> None:
    """Lock these missions' rows until the transaction ends, always in id order: whoever rewrites rankings
    of several missions at once (a batch, a profile's withdrawal) then cannot deadlock with another."""
    list(Mission.objects.select_for_update().filter(pk__in=mission_ids).order_by("pk").values_list("pk", flat=True))


def mission_ranking_store(*, mission: Mission, result: RankResult, run: RankingRun | None = None) -> StoredRanking:
    """Replace one mission's stored ranking in one transaction (see missions_ranking_store)."""
    return missions_ranking_store(rankings=[(mission, result)], run=run)[0]


@transaction.atomic
def missions_ranking_store(*, rankings: list[tuple[Mission, RankResult]],
                           run: RankingRun | None = None) -> list[StoredRanking]:
    """Replace the stored rankings of several missions in one transaction, one result per mission.

    Readers see the old ranking or the new one, never a mix: the deletes and the
    inserts commit together, and the mission row locks (taken in id order) serialise
    two rankers. Within a run, each mission's run record is written in the same
    transaction, so a task retried after a crash skips what it already stored. Storing
    several missions at once costs a fixed number of queries, whatever their number.
    """
    if connection.vendor == "postgresql":
        # Rankings are derived data that the outbox and the nightly run recompute: no need to wait
        # for the disk flush at commit (a crash can lose only the last instants, never mix rows).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
    mission_ids = [mission.pk for mission, _ in rankings]
    missions_lock(mission_ids)
    done = set()
    if run is not None:
        done = set(RankingRunMission.objects.filter(run=run, mission_id__in=mission_ids)
                   .values_list("mission_id", flat=True))
    todo = [(mission, result) for mission, result in rankings if mission.pk not in done]
    todo_ids = [mission.pk for mission, _ in todo]
    still_rankable = set(FreelancerProfile.objects.rankable().filter(
        id__in={c.profile_id for _, result in todo for c in result.candidates}).values_list("id", flat=True))
    previous = {r.mission_id: r for r in MissionRanking.objects.filter(mission_id__in=todo_ids)}
    previous_top10: dict[int, list[int]] = {mission_id: [] for mission_id in todo_ids}
    for mission_id, profile_id in (RankingEntry.objects.filter(mission_id__in=todo_ids, rank__lte=TOP_N)
                                   .order_by("mission_id", "rank").values_list("mission_id", "profile_id")):
        previous_top10[mission_id].append(profile_id)

    # "New since yesterday" needs a yesterday: a mission no nightly run has ranked yet shows no newcomers.
    ranked_by_night = set(RankingRunMission.objects.filter(mission_id__in=todo_ids, run__kind=RankingRun.Kind.NIGHTLY)
                          .values_list("mission_id", flat=True))
    computed_at = timezone.now()
    kept_by_mission = {mission.pk: [c for c in result.candidates if c.profile_id in still_rankable]
                       [: settings.RANKING_TOP_K] for mission, result in todo}
    # The freelancer's side of each row, from the missions as locked above: four queries for the whole batch.
    views = missions_preference_views(todo_ids)
    preferences = profiles_preferences({c.profile_id for kept in kept_by_mission.values() for c in kept})
    rows, headers, top10_entries, run_records, stored = [], [], [], [], {}
    for mission, result in todo:
        kept = kept_by_mission[mission.pk]
        for position, candidate in enumerate(kept, start=1):
            prefs = preferences.get(candidate.profile_id, _NO_PREFERENCES)
            misses = [] if prefs.empty else preference_misses(views[mission.pk], prefs)
            rows.append((mission.pk, candidate.profile_id, position, candidate.score, candidate.explained or [],
                         result.engine_version, computed_at, misses, not misses))
        before = previous_top10[mission.pk]
        new_top10 = [c.profile_id for c in kept[:TOP_N]]
        entered = [pid for pid in new_top10 if pid not in before]
        left = [pid for pid in before if pid not in new_top10]
        header = previous.get(mission.pk)
        # "New since yesterday": in the top 10 now, not in it at the last nightly run.
        last_night = header.nightly_top10 if header is not None else []
        headers.append(MissionRanking(
            mission=mission, engine_version=result.engine_version, computed_at=computed_at,
            profiles_considered=result.scored + result.excluded_total, profiles_scored=result.scored,
            excluded_total=result.excluded_total, excluded_counts=result.excluded,
            top10_entered=[pid for pid in new_top10 if pid not in last_night] if mission.pk in ranked_by_night else [],
            nightly_top10=new_top10 if run is not None else last_night,
            weights=dict(result.context.weights) if result.context else {},
            reason_context=dict(result.context.reasons) if result.context else {},
            score_quantiles=score_quantiles(result.scores),
        ))
        top10_entries += [TopTenEntry(mission=mission, profile_id=pid, entered_at=computed_at) for pid in entered]
        if run is not None:
            run_records.append(RankingRunMission(
                run=run, mission=mission, done_at=computed_at, profiles_scored=result.scored, rows_written=len(kept),
                entered_top10=entered, left_top10=left))
        stored[mission.pk] = StoredRanking(rows_written=len(kept), profiles_scored=result.scored,
                                           entered_top10=entered, left_top10=left)
    if todo:
        RankingEntry.objects.filter(mission_id__in=todo_ids).delete()
        insert_rows(RankingEntry, _ENTRY_COLUMNS, rows)
        MissionRanking.objects.bulk_create(headers, update_conflicts=True, unique_fields=["mission"],
                                           update_fields=_HEADER_FIELDS)
        TopTenEntry.objects.bulk_create(top10_entries, ignore_conflicts=True)
        RankingRunMission.objects.bulk_create(run_records)
    skipped = StoredRanking(rows_written=0, profiles_scored=0, skipped=True)
    return [stored.get(mission.pk, skipped) for mission, _ in rankings]


def mission_rank(*, mission_id: int, run: RankingRun | None = None, index: ProfileIndex | None = None) -> int | None:
    """Rank one open mission and store the result; the rows written, or None when the mission is not open.

    A caller ranking many missions in a row passes the index it synced once.
    """
    mission = missions_with_features_loaded(Mission.objects.filter(pk=mission_id)).first()
    if mission is None or not mission.is_open:
        return None
    if run is not None and RankingRunMission.objects.filter(run=run, mission=mission).exists():
        return 0
    result = mission_ranking_compute(mission=mission, index=index)
    return mission_ranking_store(mission=mission, result=result, run=run).rows_written


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


def hidden_profile_withdraw(*, profile_id: int) -> list[int]:
    """profile_rankings_withdraw, for a profile that is still not shown when the task runs (hidden,
    deactivated or deleted): shown again meanwhile, its re-ranking request puts it back where it belongs."""
    if FreelancerProfile.objects.visible().filter(pk=profile_id).exists():
        return []
    return profile_rankings_withdraw(profile_id=profile_id)


def profile_rankings_withdraw(*, profile_id: int) -> list[int]:
    """Take a profile that is no longer shown out of every stored ranking now, and ask for the re-ranking
    of the open missions it was in (so ranks and counts close up). Returns those missions' ids."""
    mission_ids = list(RankingEntry.objects.filter(profile_id=profile_id).values_list("mission_id", flat=True))
    if not mission_ids:
        return []
    with transaction.atomic():
        missions_lock(mission_ids)  # as storing rankings does: deleting across missions could otherwise deadlock
        RankingEntry.objects.filter(profile_id=profile_id).delete()
        shown_version_bump()  # shown again since it was checked, its rows would have left the pages unrecorded
    TopTenEntry.objects.filter(profile_id=profile_id, owners_notified_at=None, freelancer_notified_at=None).delete()
    open_ids = list(Mission.objects.filter(pk__in=mission_ids, status=Mission.Status.OPEN).values_list("pk", flat=True))
    for mission_id in open_ids:
        ranking_request_record(kind=RankingRequest.Kind.MISSION, object_id=mission_id)
    return sorted(mission_ids)
