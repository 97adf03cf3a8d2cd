"""Criterion weights: defaults, validation with field-level errors, normalisation."""
from __future__ import annotations

import math
from numbers import Real
from typing import Mapping

from django.utils.translation import gettext_lazy as _

from .criteria import CRITERIA, DEFAULT_WEIGHTS, INTERNATIONAL_ENGLISH_FACTOR


class WeightsError(ValueError):
    """Invalid weights; `errors` maps a criterion (or "__all__") to a message."""

    def __init__(self, errors: Mapping[str, object]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


def _check(overrides: Mapping[str, object] | None) -> dict[str, float]:
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
    _check(overrides)


def normalise_weights(overrides: Mapping[str, float] | None, *, international: bool = False) -> dict[str, float]:
    """Defaults merged with overrides, English boosted when international, sum 1."""
    merged = _check(overrides)
    if international:
        merged["english"] *= INTERNATIONAL_ENGLISH_FACTOR
    total = sum(merged[c] for c in CRITERIA)
    return {c: merged[c] / total for c in CRITERIA}
