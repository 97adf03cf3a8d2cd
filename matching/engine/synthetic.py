"""Plausible random profiles and missions for benchmarks and demos (vectorised)."""
from __future__ import annotations

import datetime

import numpy as np

from . import criteria as K
from .features import MissionFeatures, ProfileIndex, Vocabulary

_CITIES = np.array(  # (lat, lon) of large French cities, weighted below by size
    [(48.857, 2.352), (45.764, 4.836), (43.296, 5.370), (43.605, 1.444), (47.218, -1.554),
     (43.710, 7.262), (48.573, 7.752), (43.611, 3.877), (44.838, -0.579), (50.629, 3.057),
     (48.117, -1.678), (49.258, 4.032), (45.188, 5.724), (47.322, 5.041), (49.443, 1.100),
     (47.394, 0.685), (45.778, 3.087), (48.692, 6.184), (43.125, 5.930), (47.902, 1.909)]
)
_CITY_WEIGHTS = np.array([30, 8, 7, 6, 5, 4, 4, 4, 5, 5, 3, 2, 3, 2, 2, 2, 2, 2, 2, 2], float)


def default_vocabulary() -> Vocabulary:
    return Vocabulary(
        sectors=("industrie", "architecture", "immobilier", "btp", "informatique"),
        tools=(
            "excel", "google_sheets", "outlook", "teams", "powerpoint", "sap", "oracle_erp", "sage",
            "ms_project", "primavera", "planisware", "jira", "confluence", "trello", "maximo", "coswin",
            "jmeter", "loadrunner", "neoload", "selenium", "hp_alm", "testlink", "revit", "autocad",
            "archicad", "sql_server", "postgresql", "git",
        ),
        skills=(
            "budgeting", "specifications", "acceptance_testing", "planning", "reporting",
            "performance_testing", "risk_management", "supply_chain", "financial_management",
            "modelling", "databases", "development_tools", "contract_management", "change_management",
        ),
    )


def _pick_mask(rng: np.random.Generator, *, n: int, width: int, low: int, high: int) -> np.ndarray:
    """Boolean [n, width] with between low and high (inclusive) True per row."""
    high = min(high, width)
    low = min(low, high)
    keys = rng.random((n, width), dtype=np.float32)
    keys *= np.linspace(0.6, 1.4, width, dtype=np.float32)  # earlier codes a bit more common
    counts = rng.integers(low, high + 1, n)
    if width == 0:
        return np.zeros((n, 0), bool)
    thresholds = np.sort(keys, axis=1)[np.arange(n), np.maximum(counts, 1) - 1]
    mask = keys <= thresholds[:, None]
    mask[counts == 0] = False
    return mask


def synthetic_index(*, n: int, seed: int = 0, vocabulary: Vocabulary | None = None, today: datetime.date | None = None) -> ProfileIndex:
    rng = np.random.default_rng(seed)
    vocab = vocabulary or default_vocabulary()
    today = today or datetime.date.today()
    S, T, Kn = len(vocab.sectors), len(vocab.tools), len(vocab.skills)

    years = np.minimum(rng.gamma(2.0, 4.5, n), 30).astype(np.uint8)
    roles = (rng.random((n, len(K.ROLES))) < np.array([0.7, 0.3, 0.2, 0.1, 0.25, 0.35])[: len(K.ROLES)]) @ (1 << np.arange(len(K.ROLES)))
    roles = np.where(roles == 0, 1, roles).astype(np.uint8)
    max_scale = np.clip(years // 6 + rng.integers(-1, 2, n), -1, 3).astype(np.int8)
    max_scale[years == 0] = -1

    sectors = _pick_mask(rng, n=n, width=S, low=1, high=3)
    sector_years = (rng.random((n, S), dtype=np.float32) * (years[:, None] + 1)).astype(np.uint8)
    sector_years = np.where(sectors, np.minimum(np.maximum(sector_years, 1), np.maximum(years, 1)[:, None]), 0)
    tools = np.where(_pick_mask(rng, n=n, width=T, low=3, high=10), rng.integers(1, 5, (n, T), dtype=np.uint8), 0)
    skills = _pick_mask(rng, n=n, width=Kn, low=3, high=8)

    written = rng.choice(np.arange(7, dtype=np.uint8), n, p=[0.05, 0.03, 0.1, 0.3, 0.3, 0.15, 0.07])
    spoken = np.clip(written.astype(np.int16) + rng.integers(-1, 2, n), 0, 6).astype(np.uint8)
    level = rng.choice(np.array([0, 2, 3, 4, 5, 6, 8], np.uint8), n, p=[0.03, 0.15, 0.2, 0.1, 0.45, 0.02, 0.05])
    flags = np.where(level >= 5, np.where(rng.random(n) < 0.45, K.DIPLOMA_ENGINEERING, K.DIPLOMA_MASTER), 0)
    flags = np.where(level == 8, K.DIPLOMA_MASTER, flags).astype(np.uint8)

    count = np.minimum(rng.poisson(1.5, n), 60).astype(np.uint16)
    rating_sum = count * rng.uniform(3.0, 5.0, n)
    reputation = K.bayesian_reputation(rating_sum=rating_sum, count=count).astype(np.float32)
    rate = np.clip(350 + years.astype(np.float64) * 18 + rng.normal(0, 90, n), 350, 1100).astype(np.uint16)

    city = rng.choice(len(_CITIES), n, p=_CITY_WEIGHTS / _CITY_WEIGHTS.sum())
    lat = (_CITIES[city, 0] + rng.normal(0, 0.25, n)).astype(np.float32)
    lon = (_CITIES[city, 1] + rng.normal(0, 0.35, n)).astype(np.float32)
    unknown = rng.random(n) < 0.03
    lat[unknown] = np.nan
    lon[unknown] = np.nan
    modes = rng.integers(1, 1 << len(K.WORK_MODES), n).astype(np.uint8)

    return ProfileIndex.from_arrays(
        vocabulary=vocab,
        ids=np.arange(1, n + 1, dtype=np.int64),
        visible=(rng.random(n) < 0.97).astype(np.uint8),
        roles=roles, years=years, max_scale=max_scale,
        sector_years=sector_years, tools=tools, skills=skills,
        english_written=written, english_spoken=spoken,
        diploma_level=level, diploma_flags=flags,
        reputation=reputation, reputation_count=count, daily_rate=rate,
        available_from=(today.toordinal() + rng.integers(-60, 120, n)).astype(np.int32),
        days_per_week=rng.choice(np.arange(1, 6, dtype=np.uint8), n, p=[0.03, 0.07, 0.15, 0.25, 0.5]),
        work_modes=modes, lat=lat, lon=lon,
        mobility_km=rng.choice(np.array([0, 20, 50, 100, 200, 500, 1000], np.uint16), n, p=[0.05, 0.15, 0.3, 0.2, 0.15, 0.1, 0.05]),
    )


def synthetic_missions(*, m: int, seed: int, vocabulary: Vocabulary | None = None, today: datetime.date | None = None) -> list[MissionFeatures]:
    rng = np.random.default_rng(seed)
    vocab = vocabulary or default_vocabulary()
    today = today or datetime.date.today()
    missions = []
    for i in range(m):
        sector = str(rng.choice(vocab.sectors)) if vocab.sectors and rng.random() < 0.9 else None
        adjacent = frozenset(str(s) for s in rng.choice(vocab.sectors, int(rng.integers(0, 3)), replace=False)) - {sector} if vocab.sectors else frozenset()
        tools = tuple((str(c), "must" if rng.random() < 0.4 else "nice", int(rng.integers(1, 5))) for c in rng.choice(vocab.tools, min(len(vocab.tools), int(rng.integers(0, 6))), replace=False))
        skills = tuple((str(c), "must" if rng.random() < 0.4 else "nice") for c in rng.choice(vocab.skills, min(len(vocab.skills), int(rng.integers(0, 5))), replace=False))
        located = rng.random() < 0.9
        city = _CITIES[rng.integers(len(_CITIES))]
        international = bool(rng.random() < 0.2)
        missions.append(MissionFeatures(
            id=i + 1, role=str(rng.choice(K.ROLES, p=[0.5, 0.15, 0.1, 0.05, 0.1, 0.1])),
            sector=sector, adjacent_sectors=adjacent,
            scale=str(rng.choice(K.SCALES)), complexity=str(rng.choice(K.COMPLEXITIES)),
            tools=tools, skills=skills,
            english_written_min=str(rng.choice(["B1", "B2", "C1"])) if international or rng.random() < 0.2 else None,
            english_spoken_min=str(rng.choice(["B1", "B2"])) if international else None,
            international=international,
            start_date=today + datetime.timedelta(days=int(rng.integers(0, 90))),
            days_per_week=int(rng.integers(2, 6)),
            work_mode=str(rng.choice(K.WORK_MODES)),
            latitude=float(city[0]) if located else None, longitude=float(city[1]) if located else None,
            daily_rate_max=int(rng.integers(5, 12)) * 100 if rng.random() < 0.7 else None,
            min_diploma_level=int(rng.choice([2, 3, 5])) if rng.random() < 0.5 else None,
            exclude_missing_must_haves=bool(rng.random() < 0.3),
        ))
    return missions
