"""The criteria's lookup tables: a criterion's float32 score for each value its small integer input can take.

Small integer inputs (years, proficiency, CEFR, diploma, rate, days) go through per-mission lookup tables: one
gather per column, exact and identical for any number of rows. Criteria are float32 in [0, 1]; the total is
float64. rank()'s two paths (scoring.py, totals.py) and the freelancer's pass (freelancer_pass.py) read the same
tables, so that a score is the same whichever way it was computed.
"""
from __future__ import annotations

import functools

import numpy as np

from . import criteria as K
from .targets import MUST

F32 = np.float32
BYTE = np.arange(256, dtype=np.float64)
_LEVELS = np.arange(5, dtype=np.float64)  # tool proficiency 0 (absent) … 4


def table(values: np.ndarray) -> np.ndarray:
    out = np.asarray(values, dtype=F32)
    out.flags.writeable = False
    return out


def _power(r: np.ndarray, p: float) -> np.ndarray:
    # Products and sqrt only (no pow): correctly rounded, hence reproducible.
    if p == 1.5:
        return r * np.sqrt(r)
    out = r.copy()
    for _ in range(int(p) - 1):
        out *= r
    return out


@functools.lru_cache(maxsize=64)
def seniority_tables(scale: str, complexity: str) -> tuple[np.ndarray, np.ndarray]:
    """(by years, by max_scale): the seniority score is their float32 product."""
    need = K.REQUIRED_YEARS[scale][complexity]
    by_years = table(_power(np.minimum(BYTE / need, 1.0), K.SENIORITY_EXPONENT[scale]))
    # Indexed by max_scale: 0..3, and -1 (no experience) wraps to the last slot.
    scale_i = K.SCALE_INDEX[scale]
    by_scale = np.ones(len(K.SCALES) + 1)
    if scale_i > 0:
        by_scale[:scale_i] = by_scale[-1] = K.NO_SCALE_EXPERIENCE_FACTOR
    return by_years, table(by_scale)


@functools.lru_cache(maxsize=64)
def education_table(required: int, complex_mission: bool) -> np.ndarray:
    """Education by diploma_flags × 256 + diploma_level: graded by level, the engineering / master bonus,
    and the fall below the mission's minimum."""
    levels = np.array(K.EDUCATION_BY_LEVEL + (K.EDUCATION_BY_LEVEL[-1],) * (256 - len(K.EDUCATION_BY_LEVEL)))
    below = np.ones(256) if required <= 0 else np.where(BYTE >= required, 1.0, (BYTE / max(required, 1)) ** 2)
    bonus = K.EDUCATION_FLAG_BONUS[complex_mission]
    by_flags = [np.minimum(levels + (bonus if flags & 3 else 0.0), 1.0) * below for flags in range(4)]
    return table(np.concatenate(by_flags))


@functools.lru_cache(maxsize=256)
def rate_table(ceiling: int | None) -> np.ndarray:
    """The rate score by daily rate (0 … 65535)."""
    rate = np.arange(65536, dtype=np.float64)
    if ceiling is None:
        return table(np.ones_like(rate))
    if ceiling <= 0:
        return table(rate <= 0)
    low = 0.8 * ceiling
    under = np.minimum(1.0 - 0.4 * (rate - low) / (ceiling - low), 1.0)  # 1 … 0.6
    over = 0.6 - 0.6 * (rate - ceiling) / (ceiling * K.RATE_TOLERANCE)  # 0.6 … 0
    return table(np.clip(np.where(rate <= ceiling, under, over), 0.0, 1.0))


def _sector_score(years: np.ndarray) -> np.ndarray:
    return np.sqrt(np.minimum(years, K.SECTOR_SATURATION_YEARS) / K.SECTOR_SATURATION_YEARS)


SECTOR_DIRECT = table(_sector_score(BYTE))
SECTOR_ADJACENT = table(_sector_score(K.ADJACENT_SECTOR_FACTOR * BYTE))


def coverage_weight(importance: str) -> float:
    """A required tool's (or skill's) weight in the coverage: a must-have counts double."""
    return 2.0 if importance == MUST else 1.0


def coverage_denominator(required) -> np.float32:
    """The sum of the weights of the (code, importance, min_prof) required, which the coverage's numerator is
    divided by."""
    return F32(sum(coverage_weight(importance) for _, importance, _ in required))


@functools.lru_cache(maxsize=64)
def coverage_term(weight: float, min_prof: int) -> np.ndarray:
    """One required tool's (or skill's) share of the coverage's numerator, by proficiency (0 … 4)."""
    return table(weight * np.minimum(_LEVELS / max(min_prof, 1), 1.0))


@functools.lru_cache(maxsize=16)
def english_term(target: int) -> np.ndarray:
    """Half the English score (written or spoken) by CEFR level, against the level aimed at."""
    return table(0.5 * np.minimum(BYTE / target, 1.0))


# The availability score is the sum of two parts: by days late (clipped to 0 … LATE_WINDOW), by days a week.
LATE_WINDOW = K.AVAILABILITY_TOLERANCE_DAYS + 1
BY_LATE = table(0.7 * (1.0 - np.arange(LATE_WINDOW + 1) / LATE_WINDOW))


@functools.lru_cache(maxsize=16)
def days_term(days_per_week: int) -> np.ndarray:
    return table(0.3 * np.minimum(BYTE / max(days_per_week, 1), 1.0))
