"""From the database to the engine's plain data: mission and profile features, freelancers' preferences and
what of a mission they read, vocabulary."""
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection
from django.db.models import Case, Count, F, FloatField, Sum, Value, When

from matching.engine.criteria import (
    DIPLOMA_ENGINEERING,
    DIPLOMA_MASTER,
    SCALE_INDEX,
    SCALES,
    UNVERIFIED_RECOMMENDATION_WEIGHT,
)
from matching.engine.features import MissionFeatures, ProfileFeatures, Vocabulary
from matching.engine.preferences import MissionPreferenceView, ProfilePreferences
from matching.models import ProfileChange
from missions.models import Mission, Recommendation
from profiles.models import Diploma, Experience, FreelancerProfile, ProfileSector, ProfileTool, Sector, Skill, Tool

DIPLOMA_FLAGS = {"engineering": DIPLOMA_ENGINEERING, "master": DIPLOMA_MASTER, "doctorate": DIPLOMA_MASTER}


def vocabulary_from_db() -> Vocabulary:
    """Every vocabulary code, in primary-key order (stable as staff add entries)."""
    return Vocabulary(
        sectors=tuple(Sector.objects.order_by("id").values_list("code", flat=True)),
        tools=tuple(Tool.objects.order_by("id").values_list("code", flat=True)),
        skills=tuple(Skill.objects.order_by("id").values_list("code", flat=True)),
    )


def missions_with_features_loaded(queryset):
    """Missions with everything mission_features reads, in a fixed number of queries."""
    return queryset.select_related("sector").prefetch_related(
        "tool_requirements__tool", "skill_requirements__skill", "sector__adjacent"
    )


def mission_features(mission: Mission) -> MissionFeatures:
    # .all() and Python sorting so that prefetched relations are used when present.
    tool_reqs = sorted(mission.tool_requirements.all(), key=lambda req: req.tool_id)
    skill_reqs = sorted(mission.skill_requirements.all(), key=lambda req: req.skill_id)
    sector = mission.sector
    return MissionFeatures(
        id=mission.pk,
        role=mission.role,
        sector=sector.code if sector else None,
        adjacent_sectors=frozenset(s.code for s in sector.adjacent.all()) if sector else frozenset(),
        scale=mission.scale,
        complexity=mission.complexity,
        tools=tuple((req.tool.code, req.importance, req.min_proficiency) for req in tool_reqs),
        skills=tuple((req.skill.code, req.importance) for req in skill_reqs),
        english_written_min=mission.english_written_min or None,
        english_spoken_min=mission.english_spoken_min or None,
        international=mission.is_international,
        start_date=mission.start_date,
        days_per_week=mission.days_per_week,
        work_mode=mission.work_mode,
        latitude=mission.latitude,
        longitude=mission.longitude,
        daily_rate_max=mission.daily_rate_max,
        min_diploma_level=mission.min_diploma_level,
        exclude_missing_must_haves=mission.exclude_missing_must_haves,
        weights=mission.weights or None,
    )


def profile_features(profile_ids: Iterable[int]) -> list[ProfileFeatures]:
    """Features of the given profiles, in a fixed number of queries whatever their count."""
    ids = list(profile_ids)
    profiles = FreelancerProfile.objects.filter(id__in=ids).with_rankable().order_by("id")
    sectors, tools, skills = defaultdict(dict), defaultdict(dict), defaultdict(set)
    for pid, code, years in ProfileSector.objects.filter(profile_id__in=ids).values_list(
        "profile_id", "sector__code", "years"
    ):
        sectors[pid][code] = years
    for pid, code, proficiency in ProfileTool.objects.filter(profile_id__in=ids).values_list(
        "profile_id", "tool__code", "proficiency"
    ):
        tools[pid][code] = proficiency
    for pid, code in FreelancerProfile.skills.through.objects.filter(freelancerprofile_id__in=ids).values_list(
        "freelancerprofile_id", "skill__code"
    ):
        skills[pid].add(code)
    diplomas = defaultdict(lambda: [0, 0])
    for pid, kind, level in Diploma.objects.filter(profile_id__in=ids).values_list("profile_id", "kind", "level"):
        diplomas[pid][0] = max(diplomas[pid][0], level)
        diplomas[pid][1] |= DIPLOMA_FLAGS.get(kind, 0)
    max_scale = defaultdict(lambda: -1)
    for pid, scale in Experience.objects.filter(profile_id__in=ids).values_list("profile_id", "scale"):
        max_scale[pid] = max(max_scale[pid], SCALE_INDEX.get(scale, -1))
    weight = Case(When(verified=True, then=Value(1.0)), default=Value(UNVERIFIED_RECOMMENDATION_WEIGHT),
                  output_field=FloatField())
    reputation = {
        row["profile_id"]: (row["total"], row["count"], row["weight"])
        for row in Recommendation.objects.filter(profile_id__in=ids).values("profile_id")
        .annotate(total=Sum(F("rating") * weight, output_field=FloatField()), count=Count("id"), weight=Sum(weight))
    }
    features = []
    for p in profiles:
        rating_sum, rating_count, rating_weight = reputation.get(p.pk, (0, 0, 0))
        scale = max_scale[p.pk]
        features.append(ProfileFeatures(
            id=p.pk,
            visible=p.rankable,  # profiles.querysets.RANKABLE
            roles=frozenset(p.roles or ()),
            years=p.years_experience,
            max_scale_handled=SCALES[scale] if scale >= 0 else None,
            sector_years=dict(sectors[p.pk]),
            tools=dict(tools[p.pk]),
            skills=frozenset(skills[p.pk]),
            english_written=p.english_written or None,
            english_spoken=p.english_spoken or None,
            diploma_level=diplomas[p.pk][0],
            diploma_flags=diplomas[p.pk][1],
            reputation_sum=float(rating_sum or 0),
            reputation_count=rating_count or 0,
            reputation_weight=float(rating_weight or 0),
            daily_rate=p.daily_rate or 0,
            available_from=p.available_from or p.created_at.date(),
            days_per_week=p.days_per_week,
            work_modes=frozenset(p.work_modes or ()),
            latitude=p.latitude,
            longitude=p.longitude,
            mobility_km=p.mobility_km,
        ))
    return features


_PREFERENCE_FIELDS = ("id", "min_daily_rate", "min_mission_months", "max_mission_months", "earliest_start_date",
                      "latest_start_date", "wanted_scales")
_MISSION_VIEW_FIELDS = ("id", "daily_rate_max", "sector__code", "duration_months", "start_date", "scale")


def profiles_preferences(profile_ids: Iterable[int]) -> dict[int, ProfilePreferences]:
    """Each profile's preferences, in three queries whatever their number."""
    ids = list(profile_ids)
    sectors = {"wanted_sectors": defaultdict(set), "refused_sectors": defaultdict(set)}
    for name, by_profile in sectors.items():
        through = getattr(FreelancerProfile, name).through
        for profile_id, code in through.objects.filter(freelancerprofile_id__in=ids).values_list(
                "freelancerprofile_id", "sector__code"):
            by_profile[profile_id].add(code)
    out = {}
    for row in FreelancerProfile.objects.filter(id__in=ids).values(*_PREFERENCE_FIELDS):
        pk = row.pop("id")
        out[pk] = ProfilePreferences(**row | {
            "wanted_scales": frozenset(row["wanted_scales"] or ()),
            "wanted_sectors": frozenset(sectors["wanted_sectors"][pk]),
            "refused_sectors": frozenset(sectors["refused_sectors"][pk]),
        })
    return out


def mission_preference_view(mission: Mission) -> MissionPreferenceView:
    """What the preferences read of the mission (its sector: select_related("sector") saves a query)."""
    return MissionPreferenceView(daily_rate_max=mission.daily_rate_max,
                                 sector=mission.sector.code if mission.sector_id else None,
                                 duration_months=mission.duration_months, start_date=mission.start_date,
                                 scale=mission.scale)


def missions_preference_views(mission_ids: Iterable[int]) -> dict[int, MissionPreferenceView]:
    """mission_preference_view of each mission, as the database holds it now, in one query."""
    return {row["id"]: MissionPreferenceView(daily_rate_max=row["daily_rate_max"], sector=row["sector__code"],
                                             duration_months=row["duration_months"], start_date=row["start_date"],
                                             scale=row["scale"])
            for row in Mission.objects.filter(pk__in=list(mission_ids)).values(*_MISSION_VIEW_FIELDS)}


def profile_change_horizon() -> int:
    """The stamp below which no profile change can still commit (matching.index_cache explains why)."""
    sql = {
        "postgresql": "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
        "sqlite": "SELECT COALESCE(MAX(sequence), 0) + 1 FROM matching_profilechange",
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def profile_ids_changed_since(horizon: int) -> list[int]:
    return list(ProfileChange.objects.filter(sequence__gte=horizon).values_list("profile_id", flat=True))
