"""Gates: factors in [0, 1] that scale the whole weighted total, independent of the mission's weights.

rank(), explain() and the freelancer's pass (freelancer_pass.py) compute them from the same tables and with
the same float32 operations, and apply them with apply_gates(): each gate's points are
fl(fl(score × factor) − score), added to the score in GATES order, so that a breakdown's points, summed in
order, give the score to the last bit.
"""
from __future__ import annotations

import functools

import numpy as np

from . import criteria as K

_F32 = np.float32
_BYTE = np.arange(256, dtype=np.float64)
MUST_HAVE_TABLE = np.array([K.MUST_HAVE_GATE**k for k in range(256)], dtype=np.float64)
MUST_HAVE_TABLE.flags.writeable = False
FIT_SLOPE = _F32((1.0 - K.FIT_GATE_FLOOR) / K.FIT_GATE_ENOUGH)
FIT_FLOOR = _F32(K.FIT_GATE_FLOOR)
_ONE = _F32(1.0)


@functools.lru_cache(maxsize=64)
def seniority_table(scale: str, complexity: str) -> np.ndarray:
    """The seniority gate by years of experience (0 … 255) for a mission of this scale × complexity."""
    need = K.REQUIRED_YEARS[scale][complexity]
    # One year added on both sides: a first year counts, and no experience at all is not a zero.
    table = np.power(np.minimum((_BYTE + 1) / (need + 1), 1.0), K.SENIORITY_GATE_EXPONENT[scale])
    table.flags.writeable = False
    return table


def fit_gate(sector: np.ndarray, tools: np.ndarray, skills: np.ndarray, asked) -> np.ndarray | None:
    """The fit gate (float64) from the three fit criteria (float32); `asked` holds one 0/1 float32 per
    criterion (scalars for one mission, arrays over missions). None when the mission asks for none."""
    count = asked[0] + asked[1] + asked[2]
    if np.ndim(count) == 0 and count == 0:
        return None
    fit = sector * asked[0]
    fit += tools * asked[1]
    fit += skills * asked[2]
    fit /= np.maximum(count, _ONE)
    fit *= FIT_SLOPE
    fit += FIT_FLOOR
    gate = np.minimum(fit, _ONE).astype(np.float64)
    if np.ndim(count):
        gate[count == 0] = 1.0
    return gate


def apply_gates(total: np.ndarray, factors: list[np.ndarray | None]) -> tuple[np.ndarray, list[np.ndarray | None]]:
    """The gated score and each gate's points (None for a gate that does not apply), in GATES order."""
    score = total.copy()
    points: list[np.ndarray | None] = []
    for factor in factors:
        if factor is None:
            points.append(None)
            continue
        delta = score * factor
        delta -= score
        score += delta
        points.append(delta)
    return score, points
