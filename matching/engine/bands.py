"""Score bands: what a score means to a recruiter, the same on every page, in the API and in counts."""
from __future__ import annotations

from django.utils.translation import gettext

from .reasons import gettext_noop

# (code, lowest score of the band, French label), best first: a score belongs to the first band it reaches.
BANDS: tuple[tuple[str, float, str], ...] = (
    ("excellent", 85.0, gettext_noop("Excellent")),
    ("good", 70.0, gettext_noop("Bon")),
    ("partial", 50.0, gettext_noop("Partiel")),
    ("weak", 0.0, gettext_noop("Faible")),
)
BAND_CODES: tuple[str, ...] = tuple(code for code, _, _ in BANDS)
BAND_FLOOR: dict[str, float] = {code: floor for code, floor, _ in BANDS}
_LABELS: dict[str, str] = {code: label for code, _, label in BANDS}


def band_for(score: float) -> str:
    """The band code of a score on the 0–100 scale."""
    for code, floor, _ in BANDS:
        if score >= floor:
            return code
    return BANDS[-1][0]


def band_label(code: str) -> str:
    """The band's name in the active language."""
    return gettext(_LABELS[code])


def next_band(code: str) -> str | None:
    """The band just above, or None for the best one."""
    i = BAND_CODES.index(code)
    return BAND_CODES[i - 1] if i > 0 else None
