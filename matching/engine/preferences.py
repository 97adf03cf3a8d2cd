"""The freelancer's side of a match: does a mission fit what the freelancer would accept?

Preferences never hide anybody (DESIGN.md): a mission outside them is still scored and ranked, and is
marked with its *misses*, each a plain {"code", "params"} that renders to a sentence with the figures.
Pure data in, pure data out: no ORM, so the client's candidates and the freelancer's missions share it.

What counts as a miss, checked in this order (PREFERENCE_MISSES), an empty preference never missing:

- ``preference.rate``: the mission's daily-rate ceiling is below the freelancer's minimum (a mission without
  a ceiling says nothing of its rate: no miss);
- ``preference.sector_refused``: the mission's sector is refused;
- ``preference.sector_not_wanted``: the freelancer listed wanted sectors and the mission's is not among them
  (a refused sector is reported once, as refused; a mission without a sector misses neither);
- ``preference.duration_short`` / ``preference.duration_long``: the length, in months, outside [min, max];
- ``preference.start_early`` / ``preference.start_late``: the start date outside [earliest, latest];
- ``preference.scale``: the freelancer listed wanted scales and the mission's is not among them.

Work mode and distance are left out on purpose: the engine's hard filter reads the same profile fields
(work modes, mobility) and excludes such a mission outright, with its figures; checking them here too
would be a second copy of one rule.
"""
from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
from django.utils.translation import gettext

from .criteria import SCALE_INDEX, SCALES
from .reasons import CODE_LABELS, gettext_noop, in_language

PREFERENCE_MISSES: tuple[str, ...] = (
    "preference.rate",
    "preference.sector_refused",
    "preference.sector_not_wanted",
    "preference.duration_short",
    "preference.duration_long",
    "preference.start_early",
    "preference.start_late",
    "preference.scale",
)

# code -> French source, as the client reads it about a candidate ("son minimum")
TEMPLATES: dict[str, str] = {
    "preference.rate": gettext_noop("TJM plafond %(ceiling)s € sous son minimum de %(min_rate)s €"),
    "preference.sector_refused": gettext_noop("Secteur %(sector)s refusé"),
    "preference.sector_not_wanted": gettext_noop("Secteur %(sector)s hors des secteurs souhaités (%(wanted)s)"),
    "preference.duration_short": gettext_noop("Mission de %(months)s mois, sous son minimum de %(min_months)s mois"),
    "preference.duration_long": gettext_noop("Mission de %(months)s mois, au-delà de son maximum de %(max_months)s mois"),
    "preference.start_early": gettext_noop("Début le %(start)s, avant le %(earliest)s souhaité"),
    "preference.start_late": gettext_noop("Début le %(start)s, après le %(latest)s souhaité"),
    "preference.scale": gettext_noop("%(scale)s, hors des envergures souhaitées (%(wanted)s)"),
}
# The same misses as the freelancer reads them about themself ("votre minimum"), where the wording differs.
FREELANCER_TEMPLATES: dict[str, str] = {
    **TEMPLATES,
    "preference.rate": gettext_noop("TJM plafond %(ceiling)s € sous votre minimum de %(min_rate)s €"),
    "preference.duration_short": gettext_noop("Mission de %(months)s mois, sous votre minimum de %(min_months)s mois"),
    "preference.duration_long": gettext_noop("Mission de %(months)s mois, au-delà de votre maximum de %(max_months)s mois"),
}
VOICES = {"client": TEMPLATES, "freelancer": FREELANCER_TEMPLATES}


@dataclass(frozen=True)
class MissionPreferenceView:
    """What of a mission the preferences read; `sector` and `scale` are codes."""

    daily_rate_max: int | None
    sector: str | None
    duration_months: int
    start_date: datetime.date
    scale: str


@dataclass(frozen=True)
class ProfilePreferences:
    """A freelancer's preferences; None or an empty set means "no preference"."""

    min_daily_rate: int | None = None
    wanted_sectors: frozenset[str] = frozenset()
    refused_sectors: frozenset[str] = frozenset()
    min_mission_months: int | None = None
    max_mission_months: int | None = None
    earliest_start_date: datetime.date | None = None
    latest_start_date: datetime.date | None = None
    wanted_scales: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return self == ProfilePreferences()


def preference_misses(mission: MissionPreferenceView, prefs: ProfilePreferences) -> list[dict]:
    """Every way the mission falls outside the preferences, in PREFERENCE_MISSES order; [] when it fits."""
    misses = []
    ceiling = mission.daily_rate_max
    if prefs.min_daily_rate is not None and ceiling is not None and ceiling < prefs.min_daily_rate:
        misses.append({"code": "preference.rate", "params": {"ceiling": ceiling, "min_rate": prefs.min_daily_rate}})
    if mission.sector is not None:
        if mission.sector in prefs.refused_sectors:
            misses.append({"code": "preference.sector_refused", "params": {"sector": mission.sector}})
        elif prefs.wanted_sectors and mission.sector not in prefs.wanted_sectors:
            misses.append({"code": "preference.sector_not_wanted",
                           "params": {"sector": mission.sector, "wanted": sorted(prefs.wanted_sectors)}})
    months = mission.duration_months
    if prefs.min_mission_months is not None and months < prefs.min_mission_months:
        misses.append({"code": "preference.duration_short",
                       "params": {"months": months, "min_months": prefs.min_mission_months}})
    if prefs.max_mission_months is not None and months > prefs.max_mission_months:
        misses.append({"code": "preference.duration_long",
                       "params": {"months": months, "max_months": prefs.max_mission_months}})
    start = mission.start_date
    if prefs.earliest_start_date is not None and start < prefs.earliest_start_date:
        misses.append({"code": "preference.start_early",
                       "params": {"start": start.isoformat(), "earliest": prefs.earliest_start_date.isoformat()}})
    if prefs.latest_start_date is not None and start > prefs.latest_start_date:
        misses.append({"code": "preference.start_late",
                       "params": {"start": start.isoformat(), "latest": prefs.latest_start_date.isoformat()}})
    if prefs.wanted_scales and mission.scale not in prefs.wanted_scales:
        misses.append({"code": "preference.scale", "params": {
            "scale": mission.scale, "wanted": sorted(prefs.wanted_scales, key=lambda s: SCALE_INDEX.get(s, 99))}})
    return misses


class PreferenceColumns:
    """Many missions as columns, built once, so that one profile's fit over all of them is a few array
    comparisons (preference_fit); the misses themselves are then worked out for the few missions shown."""

    def __init__(self, missions: Sequence[MissionPreferenceView]) -> None:
        self.missions = tuple(missions)
        m = self.missions
        self.ceiling = np.array([-1 if x.daily_rate_max is None else x.daily_rate_max for x in m], np.int64)
        self.sector = np.array([x.sector or "" for x in m], object)
        self.months = np.array([x.duration_months for x in m], np.int64)
        self.start = np.array([x.start_date.toordinal() for x in m], np.int64)
        self.scale = np.array([SCALE_INDEX.get(x.scale, -1) for x in m], np.int64)

    def __len__(self) -> int:
        return len(self.missions)

    def misses(self, i: int, prefs: ProfilePreferences) -> list[dict]:
        return preference_misses(self.missions[i], prefs)


def preference_fit(columns: PreferenceColumns, prefs: ProfilePreferences) -> np.ndarray:
    """Per mission, True when preference_misses() would find nothing: the same rules, vectorised."""
    fits = np.ones(len(columns), bool)
    if prefs.min_daily_rate is not None:
        fits &= ~((columns.ceiling >= 0) & (columns.ceiling < prefs.min_daily_rate))
    if prefs.refused_sectors or prefs.wanted_sectors:
        has_sector = columns.sector != ""
        refused = np.isin(columns.sector, list(prefs.refused_sectors))
        fits &= ~(has_sector & refused)
        if prefs.wanted_sectors:
            fits &= ~has_sector | np.isin(columns.sector, list(prefs.wanted_sectors))
    if prefs.min_mission_months is not None:
        fits &= columns.months >= prefs.min_mission_months
    if prefs.max_mission_months is not None:
        fits &= columns.months <= prefs.max_mission_months
    if prefs.earliest_start_date is not None:
        fits &= columns.start >= prefs.earliest_start_date.toordinal()
    if prefs.latest_start_date is not None:
        fits &= columns.start <= prefs.latest_start_date.toordinal()
    if prefs.wanted_scales:
        fits &= np.isin(columns.scale, [SCALE_INDEX[s] for s in prefs.wanted_scales if s in SCALE_INDEX])
    return fits


# ---------------------------------------------------------------- rendering
def _translate(source: str) -> str:
    try:
        return gettext(source)
    except (AppRegistryNotReady, ImproperlyConfigured):  # translation machinery not set up (scripts, bare tests)
        return source


def _format(key: str, value, *, labels: Mapping[str, str], french: bool) -> str:
    if key == "sector":
        return labels.get(value, value)
    if key == "scale":
        return _translate(CODE_LABELS[value]) if value in CODE_LABELS else value
    if key == "wanted":
        named = [_translate(CODE_LABELS[v]).lower() if v in SCALES else labels.get(v, v) for v in value]
        return ", ".join(named)
    if key in ("start", "earliest", "latest"):
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y") if french else value
    return str(value)


def preference_miss_text(miss: Mapping, *, voice: str = "client", language: str | None = None,
                         labels: Mapping[str, str] | None = None) -> str:
    """A sentence for one miss, with its figures, in `language` (the active one by default).

    voice: "client" speaks of the candidate ("sous son minimum"), "freelancer" to them ("sous votre minimum").
    labels: vocabulary code -> label, for sectors (codes are shown as they are otherwise).
    """
    code, params = miss["code"], dict(miss.get("params") or {})
    source = VOICES[voice][code]

    def render(lang: str) -> str:
        french = not lang.lower().startswith("en")  # French dates; English ISO dates, as reasons.py does
        return _translate(source) % {k: _format(k, v, labels=labels or {}, french=french) for k, v in params.items()}

    return in_language(render, language)
