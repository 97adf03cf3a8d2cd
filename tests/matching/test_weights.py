"""Criterion weights: defaults, field-level validation, normalisation."""
from __future__ import annotations

import math

import pytest

from matching.engine.criteria import CRITERIA, DEFAULT_WEIGHTS
from matching.engine.weights import WeightsError, normalise_weights, validate_weights


def test_defaults_cover_every_criterion_and_sum_to_100():
    assert tuple(DEFAULT_WEIGHTS) == CRITERIA
    assert sum(DEFAULT_WEIGHTS.values()) == 100


def test_defaults_normalise_to_their_share():
    weights = normalise_weights(None)
    assert math.isclose(sum(weights.values()), 1.0)
    assert weights["seniority"] == pytest.approx(0.21)


def test_overrides_are_merged_and_normalised():
    weights = normalise_weights({"seniority": 0, "rate": 27})
    assert weights["seniority"] == 0
    assert weights["rate"] == pytest.approx(27 / 100)  # 100 - 21 - 6 + 27
    assert math.isclose(sum(weights.values()), 1.0)


def test_english_doubles_on_international_missions():
    weights = normalise_weights(None, international=True)
    assert weights["english"] == pytest.approx(16 / 108)
    assert math.isclose(sum(weights.values()), 1.0)


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"rate": -1}, "rate", "négatif"),
        ({"tools": float("nan")}, "tools", "fini"),
        ({"tools": float("inf")}, "tools", "fini"),
        ({"skills": "12"}, "skills", "fini"),
        ({"charisma": 5}, "charisma", "inconnu"),
        (dict.fromkeys(CRITERIA, 0), "__all__", "strictement positif"),
    ],
)
def test_invalid_weights_are_refused_with_field_level_messages(overrides, field, fragment):
    with pytest.raises(WeightsError) as caught:
        validate_weights(overrides)
    assert set(caught.value.errors) == {field}
    assert fragment in str(caught.value.errors[field])
    with pytest.raises(ValueError):  # WeightsError is a ValueError for generic callers
        normalise_weights(overrides)


def test_several_bad_fields_are_reported_together():
    with pytest.raises(WeightsError) as caught:
        validate_weights({"rate": -2, "english": float("nan"), "luck": 1})
    assert set(caught.value.errors) == {"rate", "english", "luck"}
