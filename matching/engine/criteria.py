"""Constants of the matching engine, kept in one place.

The codes (scale, complexity, CEFR, roles, work modes) and their order are plain tuples, the same as the
enums of profiles.choices, which are TextChoices and so would pull Django's database code into the engine;
tests/matching/test_engine_purity.py checks that both agree. The order matters: bits and indexes follow it.
"""
from __future__ import annotations

from missions.weights import CRITERIA, DEFAULT_WEIGHTS  # noqa: F401  (re-exported for the engine; no database code)

# Every engine version this code has known, oldest first; the last is the one that ranks. A stored ranking of
# an earlier version is never shown (matching.models.RankingEntryQuerySet.shown) and is re-ranked at deploy.
ENGINE_VERSIONS: tuple[str, ...] = ("1.0", "2.0")
ENGINE_VERSION = ENGINE_VERSIONS[-1]

SCALES: tuple[str, ...] = ("small", "medium", "large", "very_large")
COMPLEXITIES: tuple[str, ...] = ("low", "moderate", "high")
SCALE_INDEX: dict[str, int] = {code: i for i, code in enumerate(SCALES)}
COMPLEXITY_INDEX: dict[str, int] = {code: i for i, code in enumerate(COMPLEXITIES)}

# Years of experience a mission of a given scale × complexity calls for.
REQUIRED_YEARS: dict[str, dict[str, int]] = {
    "small": {"low": 2, "moderate": 3, "high": 4},
    "medium": {"low": 3, "moderate": 4, "high": 5},
    "large": {"low": 5, "moderate": 6, "high": 7},
    "very_large": {"low": 7, "moderate": 8, "high": 10},
}
# Below the need, score = (years/need) ** exponent: falls faster on big projects.
SENIORITY_EXPONENT: dict[str, float] = {"small": 1.5, "medium": 2.0, "large": 3.0, "very_large": 4.0}
# Multiplier when no past experience reached the mission's scale.
NO_SCALE_EXPERIENCE_FACTOR = 0.85

# CEFR: 0 = unknown / none, A1 = 1 … C2 = 6.
CEFR_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")
CEFR_INDEX: dict[str, int] = {code: i + 1 for i, code in enumerate(CEFR_LEVELS)}
CEFR_B1 = CEFR_INDEX["B1"]
CEFR_C1 = CEFR_INDEX["C1"]

ROLES: tuple[str, ...] = ("amoe", "amoa", "moe", "moa", "pmo", "project_manager")
ROLE_BIT: dict[str, int] = {code: 1 << i for i, code in enumerate(ROLES)}
WORK_MODES: tuple[str, ...] = ("on_site", "hybrid", "remote")
WORK_MODE_BIT: dict[str, int] = {code: 1 << i for i, code in enumerate(WORK_MODES)}

DIPLOMA_ENGINEERING = 1
DIPLOMA_MASTER = 2  # also set for a doctorate
DEFAULT_MIN_DIPLOMA_LEVEL = 2  # bac+2
# Education is graded by level (bac+n), whatever the mission asks: bac+2 < bac+3 < bac+5 (the domain's
# BTS/DUT, licence professionnelle, master). An engineering school or a technical master adds a bonus,
# larger on complex missions; below the mission's minimum the score falls as (level / minimum)².
EDUCATION_BY_LEVEL: tuple[float, ...] = (0.0, 0.3, 0.6, 0.7, 0.75, 0.85, 0.85, 0.85, 0.9)
EDUCATION_FLAG_BONUS = {False: 0.05, True: 0.15}  # keyed by "complex mission"

EXCLUSION_REASONS: tuple[str, ...] = (
    "hidden",
    "role",
    "availability",
    "work_mode",
    "rate",
    "english",
    "must_have",
)

AVAILABILITY_TOLERANCE_DAYS = 30
RATE_TOLERANCE = 0.10
ADJACENT_SECTOR_FACTOR = 0.5
SECTOR_SATURATION_YEARS = 5
# The prior is the middle of the 1–5 scale (a newcomer scores 0.5, neutral) and weighs as one verified
# recommendation: evidence soon outweighs it.
REPUTATION_PRIOR_MEAN = 3.0
REPUTATION_PRIOR_WEIGHT = 1.0
# A recommendation whose collaboration the freelancer has not confirmed counts for a quarter of one:
# an organisation could otherwise write its own "proof" (it sets the shortlist statuses itself).
UNVERIFIED_RECOMMENDATION_WEIGHT = 0.25
INTERNATIONAL_ENGLISH_FACTOR = 2
EARTH_RADIUS_KM = 6371.0

# Gates: factors in [0, 1] on the weighted total, where a recruiter would rule a candidate out in spirit.
# They do not depend on the mission's weights (a client's weights move criteria points, not gates).
GATES: tuple[str, ...] = ("seniority", "must_have", "fit")
# Below the years the mission calls for: factor ((years + 1) / (required + 1)) ** exponent, steeper as the scale grows
# (a beginner on a very large project ends below 50; a year short on a small one costs little).
SENIORITY_GATE_EXPONENT: dict[str, float] = {"small": 0.1, "medium": 0.3, "large": 0.5, "very_large": 0.6}
# Per missing must-have (a tool below its required level, or a skill): one missing caps the score at 55.
MUST_HAVE_GATE = 0.55
# Fit = mean of the sector, tools and skills criteria the mission asks for. No fit at all caps the score at
# FIT_GATE_FLOOR × 100; from FIT_GATE_ENOUGH on, the gate is open.
FIT_GATE_FLOOR = 0.45
FIT_GATE_ENOUGH = 0.5


def bayesian_reputation(*, rating_sum: float, count: float) -> float:
    """Mean rating shrunk towards the prior so newcomers are neutral, not zero.

    `rating_sum` and `count` are weighted: an unverified recommendation adds
    UNVERIFIED_RECOMMENDATION_WEIGHT × its rating and UNVERIFIED_RECOMMENDATION_WEIGHT to the count."""
    return (REPUTATION_PRIOR_WEIGHT * REPUTATION_PRIOR_MEAN + rating_sum) / (
        REPUTATION_PRIOR_WEIGHT + count
    )
