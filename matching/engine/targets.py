"""What a mission asks, computed once from its features: the scoring, the gates, the hard filters and the
reason builder all read this value, so that a rule about the mission's expectations lives in one place."""
from __future__ import annotations

import math
from dataclasses import dataclass

from . import criteria as K
from .features import MissionFeatures

MUST = "must"


@dataclass(frozen=True)
class MissionTargets:
    required_years: int  # for the mission's scale × complexity
    scale_index: int
    english_written: int  # CEFR index aimed at (the mission's minimum, at least B1, C1 when international)
    english_spoken: int
    diploma: int  # the minimum bac+n expected
    complex_mission: bool  # high complexity or a large scale: engineering school / master valued more
    ceiling: int | None  # the daily rate band's top
    must_tools: tuple[tuple[str, int], ...]  # (code, proficiency below which the tool is missing)
    must_skills: tuple[str, ...]
    # (sector, tools, skills): which of the three fit criteria the mission asks for (the fit gate's mean)
    fit_asked: tuple[bool, bool, bool]

    @property
    def must_have_count(self) -> int:
        return len(self.must_tools) + len(self.must_skills)


def max_accepted_rate(ceiling: int) -> int:
    """Highest whole daily rate still accepted: ceiling + tolerance, without float fuzz."""
    return math.floor(ceiling * (1 + K.RATE_TOLERANCE) + 1e-6)


def mission_targets(mission: MissionFeatures) -> MissionTargets:
    floor = K.CEFR_C1 if mission.international else K.CEFR_B1
    scale_index = K.SCALE_INDEX[mission.scale]
    return MissionTargets(
        required_years=K.REQUIRED_YEARS[mission.scale][mission.complexity],
        scale_index=scale_index,
        english_written=max(K.CEFR_INDEX.get(mission.english_written_min or "", 0), floor),
        english_spoken=max(K.CEFR_INDEX.get(mission.english_spoken_min or "", 0), floor),
        diploma=K.DEFAULT_MIN_DIPLOMA_LEVEL if mission.min_diploma_level is None else mission.min_diploma_level,
        complex_mission=mission.complexity == "high" or scale_index >= K.SCALE_INDEX["large"],
        ceiling=mission.daily_rate_max,
        must_tools=tuple((code, max(level, 1)) for code, importance, level in mission.tools if importance == MUST),
        must_skills=tuple(code for code, importance in mission.skills if importance == MUST),
        fit_asked=(mission.sector is not None, bool(mission.tools), bool(mission.skills)),
    )
