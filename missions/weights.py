"""A mission's criterion weights: the criteria, their defaults, and validation with field-level errors.

They belong to the mission (its `weights` field); the matching engine reads them from here.
"""
from __future__ import annotations

import math
from numbers import Real
from typing import Mapping

from django.utils.translation import gettext_lazy as _

CRITERIA: tuple[str, ...] = (
    "seniority", "sector", "tools", "skills", "english", "education", "reputation", "rate", "availability",
)

DEFAULT_WEIGHTS: dict[str, float] = {
    "seniority": 21,
    "sector": 14,
    "tools": 14,
    "skills": 12,
    "english": 8,
    "education": 7,
    "reputation": 13,
    "rate": 6,
    "availability": 5,
}


class WeightsError(ValueError):
    """Invalid weights; `errors` maps a criterion (or "__all__") to a message."""

    def __init__(self, errors: Mapping[str, object]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


def merged_weights(overrides: Mapping[str, object] | None) -> dict[str, float]:
    """The defaults with the overrides applied; WeightsError when an override is not acceptable."""
    merged: dict[str, float] = dict(DEFAULT_WEIGHTS)
    errors: dict[str, object] = {}
    for key, value in (overrides or {}).items():
        if key not in DEFAULT_WEIGHTS:
            errors[key] = _("Critère inconnu.")
        # bool is an int subclass but True as a weight is almost surely a bug.
        elif isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(float(value)):
            errors[key] = _("Le poids doit être un nombre fini.")
        elif value < 0:
            errors[key] = _("Le poids ne peut pas être négatif.")
        else:
            merged[key] = float(value)
    if not errors and not any(merged.values()):
        errors["__all__"] = _("Au moins un critère doit avoir un poids strictement positif.")
    if errors:
        raise WeightsError(errors)
    return merged


def validate_weights(overrides: Mapping[str, object] | None) -> None:
    """Raise WeightsError when overrides are not acceptable (for forms / API)."""
    merged_weights(overrides)
