"""Explained scores put together from their two parts.

A breakdown item reads {criterion, score, weight, points, reason{code, params}}. Part of
it depends on the mission alone (each criterion's weight, what the mission asks: years
required, English targets, rate ceiling, start date) and part on the profile (its score
on each criterion, the reason's code, what the profile has). The engine and the stored
rankings keep the two apart, so that the mission's part is built and written once per
ranking instead of once per candidate: a stored row is about a third of the size,
which is most of what writing a ranking costs.

Stored row: one [score, code, params] per criterion in CRITERIA order, then one
[criterion, factor, code, params, points] per gate that scaled the score (gates.py), in
GATES order; the ranking's header holds the weights and the mission's reason parameters.
A gate's item reads {criterion: "gate_<gate>", score: its factor, weight: 0, points: what
it took off, reason}: its points are stored, as they are not weight × score. Scores and weights are
stored exactly as the engine computed them (JSON numbers round-trip a float), so the
points a reader recomputes, weight × score, add up to the stored score to the last bit,
and a stored score never contradicts the order of the ranks.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import criteria as K


@dataclass(frozen=True)
class BreakdownContext:
    """The mission's part of every breakdown of one ranking."""

    weights: Mapping[str, float]  # points a criterion scoring 1 is worth; they sum to 100
    reasons: Mapping[str, dict]  # per criterion, the mission's reason parameters


def breakdown_items(context: BreakdownContext, row: Sequence[Sequence]) -> list[dict]:
    """The full breakdown of one candidate from its [score, code, params] per criterion. Its points add up,
    in this order, to the engine's score."""
    items = [
        {"criterion": criterion, "score": score, "weight": context.weights[criterion],
         "points": context.weights[criterion] * score,
         "reason": {"code": f"{criterion}.{code}", "params": {**params, **context.reasons.get(criterion, {})}}}
        for criterion, (score, code, params) in zip(K.CRITERIA, row)
    ]
    items += [
        {"criterion": criterion, "score": factor, "weight": 0.0, "points": points,
         "reason": {"code": f"gate.{code}", "params": {**params, **context.reasons.get(criterion, {})}}}
        for criterion, factor, code, params, points in row[len(K.CRITERIA):]
    ]
    return items


def stored_items(row: Sequence | None, *, weights: Mapping[str, float], reasons: Mapping[str, dict]) -> list[dict]:
    """A stored row and its header's part as the full breakdown.

    A row in the full format (written by code older than this one during a rolling deploy) is
    returned as it is; a header without weights gives no breakdown rather than an error.
    """
    if not row:
        return []
    if isinstance(row[0], Mapping):
        return list(row)
    if any(c not in weights for c in K.CRITERIA):
        return []
    return breakdown_items(BreakdownContext(weights=weights, reasons=reasons), row)
