"""Plain data fed to the scoring engine: per-profile / per-mission features and a
compact columnar index over all profiles (no ORM, no Django models)."""
from __future__ import annotations

import datetime
import sys
from dataclasses import dataclass
from typing import Iterable, Mapping

import numpy as np

from .criteria import (
    CEFR_INDEX,
    ROLE_BIT,
    SCALE_INDEX,
    WORK_MODE_BIT,
    bayesian_reputation,
)


@dataclass(frozen=True)
class ProfileFeatures:
    id: int
    visible: bool
    roles: frozenset[str]
    years: int
    max_scale_handled: str | None
    sector_years: Mapping[str, int]
    tools: Mapping[str, int]  # tool code -> proficiency 1..4
    skills: frozenset[str]
    english_written: str | None
    english_spoken: str | None
    diploma_level: int  # 0 = none, else 2..8
    diploma_flags: int  # DIPLOMA_ENGINEERING | DIPLOMA_MASTER
    reputation_sum: float
    reputation_count: int
    daily_rate: int
    available_from: datetime.date
    days_per_week: int
    work_modes: frozenset[str]
    latitude: float | None
    longitude: float | None
    mobility_km: int
    # Σ weights of the recommendations (criteria.UNVERIFIED_RECOMMENDATION_WEIGHT); None: all verified.
    reputation_weight: float | None = None


@dataclass(frozen=True)
class MissionFeatures:
    id: int
    role: str
    sector: str | None
    adjacent_sectors: frozenset[str]
    scale: str
    complexity: str
    tools: tuple[tuple[str, str, int], ...]  # (code, importance, min_proficiency)
    skills: tuple[tuple[str, str], ...]  # (code, importance)
    english_written_min: str | None
    english_spoken_min: str | None
    international: bool
    start_date: datetime.date
    days_per_week: int
    work_mode: str
    latitude: float | None
    longitude: float | None
    daily_rate_max: int | None
    min_diploma_level: int | None
    exclude_missing_must_haves: bool
    weights: Mapping[str, float] | None = None


@dataclass(frozen=True)
class Vocabulary:
    """Column order of the sector / tool / skill matrices of an index."""

    sectors: tuple[str, ...]
    tools: tuple[str, ...]
    skills: tuple[str, ...]

    def __post_init__(self) -> None:
        # Positions cached once; frozen dataclass, hence object.__setattr__.
        for name in ("sectors", "tools", "skills"):
            object.__setattr__(self, f"_{name}_pos", {c: i for i, c in enumerate(getattr(self, name))})

    def position(self, kind: str, code: str) -> int | None:
        return getattr(self, f"_{kind}_pos").get(code)


# Per profile, the scalars the scoring reads (totals.py), packed so that one gather fetches them all: the keys of
# the mission's lookup tables, and the reputation criterion, which depends on the profile alone. Keys:
# seniority (max_scale + 1) × 256 + years (max_scale −1 … 3); education (diploma_flags & 3) × 256 +
# diploma_level, education_table()'s index; English min(written, ENGLISH_KEY_CAP) × (ENGLISH_KEY_CAP + 1) +
# min(spoken, ENGLISH_KEY_CAP).
SCORING = np.dtype([("seniority", "<u2"), ("education", "<u2"), ("daily_rate", "<u2"), ("english", "u1"),
                    ("days_per_week", "u1"), ("available_from", "<i4"), ("reputation", "<f4")])
# Every English target is C2 (6) or below, and a level at or above the target scores the same.
ENGLISH_KEY_CAP = 7

# The index's one column specification: name -> (dtype, matrix kind or None, fill value for spare rows).
# The packed records (packing.py) and the PostgreSQL build (matching.index_builder) read it.
COLUMNS: dict[str, tuple[type | np.dtype, str | None, object]] = {
    "ids": (np.int64, None, -1),
    "visible": (np.uint8, None, 0),
    "roles": (np.uint8, None, 0),
    "years": (np.uint8, None, 0),
    "max_scale": (np.int8, None, -1),
    "sector_years": (np.uint8, "sectors", 0),
    "tools": (np.uint8, "tools", 0),
    "skills": (np.bool_, "skills", False),
    "english_written": (np.uint8, None, 0),
    "english_spoken": (np.uint8, None, 0),
    "diploma_level": (np.uint8, None, 0),
    "diploma_flags": (np.uint8, None, 0),
    "reputation": (np.float32, None, 0.0),
    "reputation_count": (np.uint16, None, 0),
    "daily_rate": (np.uint16, None, 0),
    "available_from": (np.int32, None, 0),
    "days_per_week": (np.uint8, None, 0),
    "work_modes": (np.uint8, None, 0),
    "lat": (np.float32, None, np.nan),
    "lon": (np.float32, None, np.nan),
    "mobility_km": (np.uint16, None, 0),
    # Derived from lat/lon (never passed in): unit vectors, so that reach tests
    # are a few multiply-adds instead of trigonometry over every row.
    "ux": (np.float32, None, np.nan),
    "uy": (np.float32, None, np.nan),
    "uz": (np.float32, None, np.nan),
    # Derived from the scalars above (never passed in): see SCORING.
    "scoring": (SCORING, None, 0),
}
DERIVED = ("ux", "uy", "uz", "scoring")
# Per-profile scalars that are stored (not the id, not derived), in specification order.
STORED_SCALARS: tuple[str, ...] = tuple(name for name, (_, kind, _) in COLUMNS.items()
                                        if kind is None and name != "ids" and name not in DERIVED)
MATRICES: tuple[str, ...] = tuple(name for name, (_, kind, _) in COLUMNS.items() if kind is not None)


def unit_vectors(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """float32 (x, y, z) on the unit sphere; NaN stays NaN (unknown location)."""
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    lam = np.radians(np.asarray(lon, dtype=np.float64))
    cos_phi = np.cos(phi)
    return (
        (cos_phi * np.cos(lam)).astype(np.float32),
        (cos_phi * np.sin(lam)).astype(np.float32),
        np.sin(phi).astype(np.float32),
    )


def reputation_score(reputation):
    """The reputation criterion (float32 in [0, 1]) from the Bayesian mean on the 1–5 scale: of an array, or of
    one float32 (an upsert's, where Python's min and max cost a fraction of NumPy's clip)."""
    score = (reputation - np.float32(1.0)) * np.float32(0.25)
    if np.ndim(score) == 0:
        return min(max(score, np.float32(0.0)), np.float32(1.0))
    return np.clip(score, np.float32(0.0), np.float32(1.0), out=score)


def _scoring_records(cols: dict[str, np.ndarray], n: int) -> None:
    """The scoring records of rows 0 … n − 1 from their stored columns (SCORING)."""
    out, rows = cols["scoring"][:n], slice(0, n)
    seniority = (cols["max_scale"][rows].view(np.uint8) + np.uint8(1)).astype(np.uint16)  # −1 (255) wraps to 0
    out["seniority"] = seniority * 256 + cols["years"][rows]
    out["education"] = (cols["diploma_flags"][rows] & 3).astype(np.uint16) * 256 + cols["diploma_level"][rows]
    written, spoken = (np.minimum(cols[name][rows], ENGLISH_KEY_CAP) for name in ("english_written", "english_spoken"))
    out["english"] = written * (ENGLISH_KEY_CAP + 1) + spoken
    for name in ("daily_rate", "days_per_week", "available_from"):
        out[name] = cols[name][rows]
    out["reputation"] = reputation_score(cols["reputation"][rows])


def _scoring_record(cols: dict[str, np.ndarray], row: int) -> tuple:
    """One row's scoring record, as _scoring_records() makes it, in plain integers: an upsert costs a few
    microseconds, which NumPy's calls on one-row arrays would multiply (tests/matching/test_engine_totals.py
    holds the two alike)."""
    value = {name: int(cols[name][row]) for name in ("years", "max_scale", "diploma_flags", "diploma_level",
                                                     "english_written", "english_spoken", "daily_rate",
                                                     "days_per_week", "available_from")}
    cap = ENGLISH_KEY_CAP
    return (
        (value["max_scale"] + 1) % 256 * 256 + value["years"],
        (value["diploma_flags"] & 3) * 256 + value["diploma_level"],
        value["daily_rate"],
        min(value["english_written"], cap) * (cap + 1) + min(value["english_spoken"], cap),
        value["days_per_week"],
        value["available_from"],
        reputation_score(cols["reputation"][row]),
    )


def _clip(value: float, hi: int) -> int:
    return int(min(max(value, 0), hi))


class ProfileIndex:
    """Columnar arrays, one row per profile, with spare capacity for cheap upserts.

    Public attributes (views over the live rows) are named after COLUMNS; the
    2-D matrices are Fortran-ordered so that one vocabulary column is contiguous.
    """

    def __init__(self, *, vocabulary: Vocabulary, columns: dict[str, np.ndarray], size: int) -> None:
        self.vocabulary = vocabulary
        self._cols = columns
        self._n = size
        ids = columns["ids"][:size]
        self._row_of: dict[int, int] = dict(zip(ids.tolist(), range(size)))
        if len(self._row_of) != size:
            raise ValueError("duplicate profile ids in index")

    # ---- construction -------------------------------------------------
    @classmethod
    def from_arrays(cls, *, vocabulary: Vocabulary, capacity: int | None = None, **arrays: np.ndarray) -> "ProfileIndex":
        """Build from one array per column (cast to the dtype below, copied).

        ids int64 profile pk; visible uint8 0/1; roles uint8 bitmask (bit i = i-th
        Role); years uint8; max_scale int8 (index in ProjectScale, -1 none);
        sector_years uint8 [N,S] years per vocabulary sector; tools uint8 [N,T]
        proficiency 0 (absent) .. 4; skills bool [N,K]; english_written /
        english_spoken uint8 CEFR 0 (none) .. 6 (C2); diploma_level uint8 0..8;
        diploma_flags uint8 (1 engineering, 2 master/doctorate); reputation
        float32 Bayesian mean (criteria.bayesian_reputation); reputation_count
        uint16; daily_rate uint16 euros (clipped to 65535); available_from
        int32 date.toordinal(); days_per_week uint8 1..5; work_modes uint8
        bitmask (bit i = i-th WorkMode); lat, lon float32 degrees (NaN unknown);
        mobility_km uint16 (how far the freelancer travels). Unit vectors
        ux/uy/uz and the scoring records are derived here. Spare capacity defaults to n/8 + 1024 rows.
        """
        missing = set(COLUMNS) - set(DERIVED) - set(arrays)
        extra = set(arrays) - (set(COLUMNS) - set(DERIVED))
        if missing or extra:
            raise TypeError(f"missing columns {sorted(missing)}, unexpected {sorted(extra)}")
        n = len(arrays["ids"])
        cap = max(n + n // 8 + 1024, capacity or 0)
        cols = _allocate(vocabulary, cap)
        for name, arr in arrays.items():
            arr = np.asarray(arr)
            if arr.shape[0] != n:
                raise ValueError(f"column {name} has {arr.shape[0]} rows, expected {n}")
            cols[name][:n] = arr
        # Computed from the stored float32 coordinates, exactly as upsert() does.
        for name, values in zip(("ux", "uy", "uz"), unit_vectors(cols["lat"][:n], cols["lon"][:n])):
            cols[name][:n] = values
        _scoring_records(cols, n)
        return cls(vocabulary=vocabulary, columns=cols, size=n)

    @classmethod
    def from_profiles(cls, profiles: Iterable[ProfileFeatures], *, vocabulary: Vocabulary, capacity: int | None = None) -> "ProfileIndex":
        index = cls(vocabulary=vocabulary, columns=_allocate(vocabulary, max(capacity or 0, 16)), size=0)
        for profile in profiles:
            index.upsert(profile)
        return index

    # ---- mutation -------------------------------------------------------
    def upsert(self, profile: ProfileFeatures) -> None:
        """Rewrite the profile's row in place, or append one (amortised growth)."""
        row = self._row_of.get(profile.id)
        if row is None:
            if self._n == len(self._cols["ids"]):
                self._grow(self._n + self._n // 2 + 1024)
            row = self._n
            self._n += 1
            self._row_of[profile.id] = row
        c, vocab = self._cols, self.vocabulary
        c["ids"][row] = profile.id
        c["visible"][row] = bool(profile.visible)
        c["roles"][row] = sum(ROLE_BIT.get(r, 0) for r in profile.roles)
        c["years"][row] = _clip(profile.years, 255)
        c["max_scale"][row] = SCALE_INDEX.get(profile.max_scale_handled, -1) if profile.max_scale_handled else -1
        for name, kind, values in (("sector_years", "sectors", profile.sector_years), ("tools", "tools", profile.tools)):
            c[name][row, :] = 0
            for code, value in values.items():
                pos = vocab.position(kind, code)
                if pos is not None:  # unknown codes are ignored: vocabulary is fixed per index
                    c[name][row, pos] = _clip(value, 255 if kind == "sectors" else 4)
        c["skills"][row, :] = False
        for code in profile.skills:
            pos = vocab.position("skills", code)
            if pos is not None:
                c["skills"][row, pos] = True
        c["english_written"][row] = CEFR_INDEX.get(profile.english_written or "", 0)
        c["english_spoken"][row] = CEFR_INDEX.get(profile.english_spoken or "", 0)
        c["diploma_level"][row] = _clip(profile.diploma_level, 8)
        c["diploma_flags"][row] = profile.diploma_flags & 3
        weight = profile.reputation_count if profile.reputation_weight is None else profile.reputation_weight
        c["reputation"][row] = bayesian_reputation(rating_sum=profile.reputation_sum, count=weight)
        c["reputation_count"][row] = _clip(profile.reputation_count, 65535)
        c["daily_rate"][row] = _clip(profile.daily_rate, 65535)
        c["available_from"][row] = profile.available_from.toordinal()
        c["days_per_week"][row] = _clip(profile.days_per_week, 7)
        c["work_modes"][row] = sum(WORK_MODE_BIT.get(m, 0) for m in profile.work_modes)
        known = profile.latitude is not None and profile.longitude is not None
        c["lat"][row] = profile.latitude if known else np.nan
        c["lon"][row] = profile.longitude if known else np.nan
        c["mobility_km"][row] = _clip(profile.mobility_km, 65535)
        for name, values in zip(("ux", "uy", "uz"), unit_vectors(c["lat"][row : row + 1], c["lon"][row : row + 1])):
            c[name][row] = values[0]
        c["scoring"][row] = _scoring_record(c, row)

    def remove(self, profile_id: int) -> bool:
        """Drop a profile: the last row moves into its slot (O(1), keeps rows dense)."""
        row = self._row_of.pop(profile_id, None)
        if row is None:
            return False
        last = self._n - 1
        for name, arr in self._cols.items():
            if row != last:
                arr[row] = arr[last]
            arr[last] = COLUMNS[name][2]
        if row != last:
            self._row_of[int(self._cols["ids"][row])] = row
        self._n = last
        return True

    def _grow(self, capacity: int) -> None:
        new = _allocate(self.vocabulary, max(capacity, 16))
        for name, arr in self._cols.items():
            new[name][: self._n] = arr[: self._n]
        self._cols = new

    # ---- access ----------------------------------------------------------
    def __len__(self) -> int:
        return self._n

    def __contains__(self, profile_id: object) -> bool:
        return profile_id in self._row_of

    def __getattr__(self, name: str) -> np.ndarray:
        cols = self.__dict__.get("_cols")
        if cols is not None and name in cols:
            return cols[name][: self._n]
        raise AttributeError(name)

    def row_of(self, profile_id: int) -> int | None:
        return self._row_of.get(profile_id)

    @property
    def capacity(self) -> int:
        return len(self._cols["ids"])

    def nbytes_per_profile(self) -> float:
        """Bytes per live profile: arrays (spare capacity included) + id→row dict."""
        arrays = sum(a.nbytes for a in self._cols.values())
        # Keys and values are ints above 256 for most rows: 28 bytes each.
        mapping = sys.getsizeof(self._row_of) + 56 * self._n
        return (arrays + mapping) / max(self._n, 1)


def _allocate(vocabulary: Vocabulary, capacity: int) -> dict[str, np.ndarray]:
    widths = {"sectors": len(vocabulary.sectors), "tools": len(vocabulary.tools), "skills": len(vocabulary.skills)}
    cols = {}
    for name, (dtype, kind, fill) in COLUMNS.items():
        shape = (capacity,) if kind is None else (capacity, widths[kind])
        cols[name] = np.full(shape, fill, dtype=dtype, order="F")
    return cols
