"""Criterion weights as the engine uses them: validated (missions.weights), then normalised."""
from __future__ import annotations

from typing import Mapping

from missions.weights import CRITERIA, WeightsError, merged_weights, validate_weights

from .criteria import INTERNATIONAL_ENGLISH_FACTOR

__all__ = ["WeightsError", "normalise_weights", "validate_weights"]


def normalise_weights(overrides: Mapping[str, float] | None, *, international: bool = False) -> dict[str, float]:
    """Defaults merged with overrides, English boosted when international, sum 1."""
    merged = merged_weights(overrides)
    if international:
        merged["english"] *= INTERNATIONAL_ENGLISH_FACTOR
    total = sum(merged[c] for c in CRITERIA)
    return {c: merged[c] / total for c in CRITERIA}
