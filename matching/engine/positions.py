"""Where a score stands among a ranking's candidates, from the stored top K and a compact distribution.

A stored ranking keeps its top K rows; beyond them, its header keeps score_quantiles: the scores found at
evenly spaced positions (0 … N-1, at most 101 of them) of all N scored candidates, best first. Between two
neighbouring quantiles lie at most N/100 candidates, so a position read from them is off by at most half
that: within 1 % of the candidate count. With N ≤ 101 every score is kept and the position is exact.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

QUANTILES = 101


def _positions(count: int, kept: int) -> np.ndarray:
    return np.round(np.linspace(0, count - 1, kept)).astype(np.int64)


def score_quantiles(scores: np.ndarray | None) -> list[float]:
    """The distribution kept with a ranking's header (exact floats, best first)."""
    if scores is None or len(scores) == 0:
        return []
    ordered = np.sort(np.asarray(scores, np.float64))[::-1]
    return ordered.take(_positions(len(ordered), min(len(ordered), QUANTILES))).tolist()


@dataclass(frozen=True)
class Position:
    rank: int | None  # None: beyond the stored top K, and no distribution to place the score
    candidates: int
    exact: bool

    @property
    def top10(self) -> bool:
        return self.rank is not None and self.exact and self.rank <= 10


def position_of(*, score: float, profile_id: int, stored: Sequence[tuple[int, float]], stored_limit: int,
                scored: int, quantiles: Sequence[float]) -> Position:
    """The rank that `score` takes among a ranking's candidates.

    `stored` holds the ranking's rows as (profile id, score), `stored_limit` how many rows a ranking
    keeps, `scored` how many candidates it scored. Exact where the score reaches the stored rows (ties
    go to the lower profile id, as in rank()); else read from the quantiles.
    """
    others = [(pid, s) for pid, s in stored if pid != profile_id]
    above = sum(1 for pid, s in others if s > score or (s == score and pid < profile_id))
    complete = len(stored) < stored_limit or len(stored) >= scored
    # A candidate left out of the stored rows scores below their lowest score, or ties with it and has a
    # higher id than every stored row with that score.
    lowest = min(s for _, s in stored) if stored else None
    if complete or score > lowest or (score == lowest and any(pid == profile_id for pid, _ in stored)):
        return Position(rank=above + 1, candidates=max(scored, above + 1), exact=True)
    if not quantiles:
        return Position(rank=None, candidates=scored, exact=False)
    values = np.asarray(quantiles, np.float64)
    positions = _positions(scored, len(values))
    higher = values > score
    low = int(positions[higher].max()) + 1 if higher.any() else 0  # at least this many score higher
    high = int(positions[~higher].min()) if (~higher).any() else scored  # at most this many
    rank = max((low + high) // 2, len(others)) + 1  # beyond the stored rows, which all score higher
    return Position(rank=rank, candidates=max(scored, rank), exact=False)
