"""From the database to matching.engine.preferences' plain values: freelancers' preferences and what of a
mission they read. The client's candidates and the freelancer's missions both load them from here."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from matching.engine.preferences import MissionPreferenceView, ProfilePreferences
from missions.models import Mission
from profiles.models import FreelancerProfile

_FIELDS = ("id", "min_daily_rate", "min_mission_months", "max_mission_months", "earliest_start_date",
           "latest_start_date", "wanted_scales")


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
    for row in FreelancerProfile.objects.filter(id__in=ids).values(*_FIELDS):
        pk = row.pop("id")
        out[pk] = ProfilePreferences(**row | {
            "wanted_scales": frozenset(row["wanted_scales"] or ()),
            "wanted_sectors": frozenset(sectors["wanted_sectors"][pk]),
            "refused_sectors": frozenset(sectors["refused_sectors"][pk]),
        })
    return out


def profile_preferences(profile: FreelancerProfile) -> ProfilePreferences:
    return profiles_preferences([profile.pk])[profile.pk]


def mission_preference_view(mission: Mission) -> MissionPreferenceView:
    """What the preferences read of the mission (its sector: select_related("sector") saves a query)."""
    return MissionPreferenceView(daily_rate_max=mission.daily_rate_max,
                                 sector=mission.sector.code if mission.sector_id else None,
                                 duration_months=mission.duration_months, start_date=mission.start_date,
                                 scale=mission.scale)
