"""Vectorised scoring: hard filters as masks, criteria as arrays, top-k ranking.

Per row, only table gathers and correctly rounded arithmetic touch a score, so
a value never depends on array length or SIMD path: explain() on a one-row
index reproduces rank() bit for bit. No per-profile Python loop except for the
explained top candidates.

The score is the weighted total of the criteria, then scaled by the gates
(gates.py), each written in the breakdown as its own line of points.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from . import criteria as K
from .bands import band_for
from .explanations import BreakdownContext, breakdown_items
from .features import (
    COLUMNS,
    MissionFeatures,
    ProfileFeatures,
    ProfileIndex,
    Vocabulary,
    reputation_score,
    unit_vectors,
)
from .gates import MUST_HAVE_TABLE, apply_gates, fit_gate, seniority_table
from .parallel import chunk_bounds, map_chunks
from .reasons import exclusion_reasons, explained_rows, reason_context
from .tables import (
    BY_LATE,
    F32,
    LATE_WINDOW,
    SECTOR_ADJACENT,
    SECTOR_DIRECT,
    coverage_denominator,
    coverage_term,
    coverage_weight,
    days_term,
    education_table,
    english_term,
    rate_table,
    seniority_tables,
)
from .targets import MissionTargets, max_accepted_rate, mission_targets
from .totals import RowTotals
from .weights import normalise_weights

_REMOTE = K.WORK_MODE_BIT["remote"]
_ON_SITE = K.WORK_MODE_BIT["on_site"]
_HYBRID = K.WORK_MODE_BIT["hybrid"]


@dataclass(frozen=True)
class Candidate:
    profile_id: int
    rank: int
    score: float
    # Explained candidates only: per criterion in CRITERIA order, [score, reason code, the profile's
    # reason params]; the mission's part is the ranking's context (explanations.py).
    explained: list[list] | None = None
    context: BreakdownContext | None = None

    @property
    def breakdown(self) -> list[dict] | None:
        if self.explained is None:
            return None
        return breakdown_items(self.context, self.explained)

    @property
    def band(self) -> str:
        """excellent, good, partial or weak (bands.py)."""
        return band_for(self.score)


@dataclass(frozen=True)
class RankResult:
    candidates: list[Candidate]
    excluded: dict[str, int]
    excluded_total: int
    scored: int
    context: BreakdownContext | None = None
    engine_version: str = K.ENGINE_VERSION
    # Every scored candidate's score (float64, unordered): the header's distribution (matching.engine.positions).
    scores: np.ndarray | None = None


@dataclass(frozen=True)
class Explanation:
    profile_id: int
    excluded_reasons: list[dict]
    score: float | None
    breakdown: list[dict]


# ---------------------------------------------------------------- filters
# Squared chord between unit vectors that a mobility of m km allows, per m (uint16):
# chord = 2·sin(d / 2R). Half the globe or more reaches everywhere.
_HALF = np.arange(65536) / (2 * K.EARTH_RADIUS_KM)
_REACH = np.where(_HALF < np.pi / 2, 4 * np.sin(np.minimum(_HALF, np.pi / 2)) ** 2, np.inf).astype(np.float32)


def _work_mode_fails(mission: MissionFeatures, index: ProfileIndex) -> np.ndarray:
    modes = index.work_modes
    if mission.work_mode == "remote":
        return (modes & _REMOTE) == 0
    need = _ON_SITE | _HYBRID if mission.work_mode == "hybrid" else _ON_SITE
    fails = (modes & need) == 0
    if mission.latitude is None or mission.longitude is None:
        return fails
    x0, y0, z0 = (v[0] for v in unit_vectors([mission.latitude], [mission.longitude]))
    # Few multiply-adds over all rows beat trigonometry plus gather/scatter on a subset;
    # NaN (unknown location) compares False, i.e. within reach.
    chord = index.ux - x0
    chord *= chord
    for column, origin in ((index.uy, y0), (index.uz, z0)):
        delta = column - origin
        delta *= delta
        chord += delta
    fails |= chord > _REACH.take(index.mobility_km)
    return fails


def exclusion_masks(*, mission: MissionFeatures, index: ProfileIndex,
                    targets: MissionTargets | None = None) -> dict[str, np.ndarray | None]:
    """Per reason, a boolean array (True = fails) over all rows; None = cannot fail."""
    targets = targets or mission_targets(mission)
    masks: dict[str, np.ndarray | None] = dict.fromkeys(K.EXCLUSION_REASONS)
    masks["hidden"] = index.visible == 0
    masks["role"] = (index.roles & K.ROLE_BIT.get(mission.role, 0)) == 0
    masks["availability"] = index.available_from > mission.start_date.toordinal() + K.AVAILABILITY_TOLERANCE_DAYS
    masks["work_mode"] = _work_mode_fails(mission, index)
    if mission.daily_rate_max is not None:
        masks["rate"] = index.daily_rate > max_accepted_rate(mission.daily_rate_max)
    english = None
    for column, code in ((index.english_written, mission.english_written_min), (index.english_spoken, mission.english_spoken_min)):
        if code:
            below = column < K.CEFR_INDEX[code]
            english = below if english is None else english | below
    masks["english"] = english
    if mission.exclude_missing_must_haves and targets.must_have_count:
        masks["must_have"] = missing_must_haves(targets, index, np.arange(len(index))) > 0
    return masks


def missing_must_haves(targets: MissionTargets, index: ProfileIndex, rows: np.ndarray) -> np.ndarray:
    """Per row, how many must-haves are missing (uint8): a tool below its level, or a skill."""
    missing = np.zeros(len(rows), np.uint8)
    for code, threshold in targets.must_tools:
        missing += _column(index.tools, index.vocabulary.position("tools", code), rows) < threshold
    for code in targets.must_skills:
        missing += _column(index.skills, index.vocabulary.position("skills", code), rows) == 0
    return missing


# ---------------------------------------------------------------- criteria
def _column(matrix: np.ndarray, pos: int | None, rows: np.ndarray) -> np.ndarray:
    """uint8 values of one vocabulary column for the rows (zeros if unknown code)."""
    if pos is None:
        return np.zeros(len(rows), np.uint8)
    return matrix[:, pos].take(rows).view(np.uint8)


def _coverage(mission: MissionFeatures, index: ProfileIndex, rows: np.ndarray, kind: str) -> np.ndarray:
    """Weighted coverage of the required tools or skills (must-haves count double); what a missing
    must-have costs beyond this is the must-have gate's."""
    required = mission.tools if kind == "tools" else [(c, i, 1) for c, i in mission.skills]
    if not required:
        return np.ones(len(rows), F32)
    matrix = index.tools if kind == "tools" else index.skills
    num = np.zeros(len(rows), F32)
    for code, importance, min_prof in required:
        value = _column(matrix, index.vocabulary.position(kind, code), rows)
        num += coverage_term(coverage_weight(importance), min_prof).take(value)
    num /= coverage_denominator(required)
    return num


def criteria_scores(*, mission: MissionFeatures, index: ProfileIndex, rows: np.ndarray,
                    targets: MissionTargets | None = None) -> dict[str, np.ndarray]:
    """Each criterion in [0, 1] (float32) for the given rows, in CRITERIA order."""
    targets = targets or mission_targets(mission)
    vocab, n = index.vocabulary, len(rows)
    out: dict[str, np.ndarray] = {}
    by_years, by_scale = seniority_tables(mission.scale, mission.complexity)
    out["seniority"] = by_years.take(index.years.take(rows)) * by_scale.take(index.max_scale.take(rows))

    if mission.sector is None:
        out["sector"] = np.ones(n, F32)
    else:
        # sqrt(min(max(d, a/2), 5)/5) = max(f(d), f(a/2)): f is non-decreasing.
        sector = SECTOR_DIRECT.take(_column(index.sector_years, vocab.position("sectors", mission.sector), rows))
        adjacent = [vocab.position("sectors", c) for c in sorted(mission.adjacent_sectors - {mission.sector})]
        for pos in adjacent:
            if pos is not None:
                np.maximum(sector, SECTOR_ADJACENT.take(_column(index.sector_years, pos, rows)), out=sector)
        out["sector"] = sector

    out["tools"] = _coverage(mission, index, rows, "tools")
    out["skills"] = _coverage(mission, index, rows, "skills")

    english = np.zeros(n, F32)
    for column, target in ((index.english_written, targets.english_written),
                           (index.english_spoken, targets.english_spoken)):
        english += english_term(target).take(column.take(rows))
    out["english"] = english

    education = index.diploma_flags.take(rows).astype(np.intp)
    education &= 3
    education *= 256
    education += index.diploma_level.take(rows)
    out["education"] = education_table(targets.diploma, targets.complex_mission).take(education)

    out["reputation"] = reputation_score(index.reputation.take(rows))
    out["rate"] = rate_table(targets.ceiling).take(index.daily_rate.take(rows))

    late = np.clip(index.available_from.take(rows) - mission.start_date.toordinal(), 0, LATE_WINDOW)
    out["availability"] = BY_LATE.take(late) + days_term(mission.days_per_week).take(index.days_per_week.take(rows))
    return out


def gate_factors(*, mission: MissionFeatures, targets: MissionTargets, index: ProfileIndex, rows: np.ndarray,
                 scores: dict[str, np.ndarray]) -> list[np.ndarray | None]:
    """Per gate in GATES order, its factor (float64) for the rows; None where it cannot apply."""
    seniority = seniority_table(mission.scale, mission.complexity).take(index.years.take(rows))
    must = MUST_HAVE_TABLE.take(missing_must_haves(targets, index, rows)) if targets.must_have_count else None
    asked = tuple(F32(a) for a in targets.fit_asked)
    fit = fit_gate(scores["sector"], scores["tools"], scores["skills"], asked)
    return [seniority, must, fit]


def weighted_points(mission: MissionFeatures) -> dict[str, float]:
    """Normalised weights × 100: the points a criterion scoring 1 is worth."""
    weights = normalise_weights(mission.weights, international=mission.international)
    points = {c: weights[c] * 100.0 for c in K.CRITERIA}
    # Scores are summed in CRITERIA order; a perfect profile must sum to 100, not 100.00000000000001
    # (rounding is monotonic, so no score can then exceed 100).
    largest = max(K.CRITERIA, key=lambda c: points[c])
    while functools.reduce(float.__add__, (points[c] for c in K.CRITERIA), 0.0) > 100.0:
        points[largest] = math.nextafter(points[largest], 0.0)
    return points


def total_scores(scores: dict[str, np.ndarray], points: dict[str, float]) -> np.ndarray:
    # float64, summed in CRITERIA order: the order the breakdown's points add up in.
    first, *rest = K.CRITERIA
    total = np.multiply(scores[first], points[first], dtype=np.float64)
    term = np.empty_like(total)
    for c in rest:
        total += np.multiply(scores[c], points[c], out=term, dtype=np.float64)
    return total


def breakdown_context(mission: MissionFeatures, points: dict[str, float]) -> BreakdownContext:
    return BreakdownContext(weights=points, reasons=reason_context(mission))


def gated_scores(*, mission: MissionFeatures, targets: MissionTargets, index: ProfileIndex, rows: np.ndarray,
                 scores: dict[str, np.ndarray], points: dict[str, float]):
    """The score of each row (float64), and per gate its (factors, points) or None."""
    factors = gate_factors(mission=mission, targets=targets, index=index, rows=rows, scores=scores)
    total, gate_points = apply_gates(total_scores(scores, points), factors)
    return total, [None if f is None else (f, p) for f, p in zip(factors, gate_points)]


def _explained_best(*, mission: MissionFeatures, targets: MissionTargets, points: dict[str, float],
                    index: ProfileIndex, parts: list[_Chunk], order: np.ndarray) -> list[list[list]]:
    """The explained rows of the best rows, `order` indexing the chunks' tops put end to end. Each from the
    criteria and gates of the chunk that scored it where it kept them, else from criteria_scores() and
    gated_scores() run again for these rows: totals.py gave their score alone, and those give the same score
    to the last bit, so the breakdown's points add up to it."""
    chunk_of = np.concatenate([np.full(len(p.top), j) for j, p in enumerate(parts)]).take(order)
    position = np.concatenate([p.top for p in parts]).take(order)
    explained: list = [None] * len(order)
    again: list[tuple[np.ndarray, np.ndarray]] = []  # (positions in order, rows) scored by totals.py
    for j, part in enumerate(parts):
        mine = np.flatnonzero(chunk_of == j)
        if not len(mine):
            continue
        at = position.take(mine)
        rows = part.rows.take(at)
        if part.criteria is None:
            again.append((mine, rows))
            continue
        scores, gates = part.criteria
        scores = {c: s.take(at) for c, s in scores.items()}
        gates = [None if g is None else (g[0].take(at), g[1].take(at)) for g in gates]
        for i, row in zip(mine.tolist(), _explained(mission, index, rows, scores, gates)):
            explained[i] = row
    if again:
        mine, rows = (np.concatenate(a) for a in zip(*again))
        scores = criteria_scores(mission=mission, index=index, rows=rows, targets=targets)
        _, gates = gated_scores(mission=mission, targets=targets, index=index, rows=rows, scores=scores,
                                points=points)
        for i, row in zip(mine.tolist(), _explained(mission, index, rows, scores, gates)):
            explained[i] = row
    return explained


def _explained(mission, index, rows: np.ndarray, scores, gates) -> list[list[list]]:
    """The explained rows of the given profile rows, from their criteria's scores and their gates."""
    columns = [scores[c].tolist() for c in K.CRITERIA]  # exact float32 -> float
    gate_columns = [None if g is None else (g[0].tolist(), g[1].tolist()) for g in gates]
    return explained_rows(mission=mission, index=index, rows=rows, scores=columns, gates=gate_columns)


# ---------------------------------------------------------------- chunks
class _Rows:
    """Rows start … stop − 1 of an index, read as an index by the filters, the criteria and the gates."""

    def __init__(self, index: ProfileIndex, start: int, stop: int) -> None:
        self.vocabulary = index.vocabulary
        self._columns = {name: getattr(index, name)[start:stop] for name in COLUMNS}
        self._n = stop - start

    def __len__(self) -> int:
        return self._n

    def __getattr__(self, name: str) -> np.ndarray:
        try:
            return self.__dict__["_columns"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass(frozen=True)
class _Chunk:
    excluded: dict[str, int]
    rows: np.ndarray  # the chunk's scored rows, numbered in the whole index
    total: np.ndarray  # their scores
    top: np.ndarray  # positions in rows / total of the chunk's best k, best first
    # Per criterion its scores, and the gates, of the rows, where criteria_scores() scored them; None where
    # totals.py did (scores alone).
    criteria: tuple[dict[str, np.ndarray], list] | None


# Below this many kept rows in a chunk, criteria_scores() and gated_scores() cost less than totals.py does
# and then scoring the explained rows again: measured up to about 20,000 rows at 100,000 profiles (their
# columns in cache), and 5,000 at 1,000,000.
REFERENCE_ROWS = 16_384


# Scores per group whose maxima bound the k-th best score from below (_best).
_GROUP = 64


def _kth_floor(total: np.ndarray, k: int) -> float:
    """A score no higher than the k-th best: the k-th best of the maxima of groups of _GROUP scores, as k
    different scores reach it; −inf when there are fewer than k groups. Group j holds the scores j, j + groups,
    j + 2 × groups…: a maximum of rows of contiguous scores, which NumPy does in one vectorised pass."""
    groups = len(total) // _GROUP
    if groups < k:
        return -np.inf
    maxima = total[: groups * _GROUP].reshape(_GROUP, groups).max(axis=0)
    return np.partition(maxima, groups - k)[groups - k]


def _best(total: np.ndarray, ids: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k best scores, best first, ties to the lower id (position i is row rows[i] of ids)."""
    k = max(0, min(k, len(total)))
    if k == 0:
        return np.empty(0, np.intp)
    # The few scores above a floor hold the best k: the k-th best is found among them, not among all.
    pool = np.flatnonzero(total >= _kth_floor(total, k))
    scores = total.take(pool)
    # Keep everything tied with the k-th score so ids decide the boundary.
    kept = scores >= np.partition(scores, len(scores) - k)[len(scores) - k]
    pool, scores = pool[kept], scores[kept]
    return pool[np.lexsort((ids.take(rows.take(pool)), -scores))][:k]


def _chunk_pass(*, mission: MissionFeatures, targets: MissionTargets, points: dict[str, float],
                index: ProfileIndex, start: int, stop: int, k: int) -> _Chunk:
    part = index if (start, stop) == (0, len(index)) else _Rows(index, start, stop)
    masks = exclusion_masks(mission=mission, index=part, targets=targets)
    excluded = {r: (0 if m is None else int(np.count_nonzero(m))) for r, m in masks.items()}
    failing = None
    for m in masks.values():
        if m is not None:
            failing = m if failing is None else failing | m
    rows = np.arange(len(part)) if failing is None else np.flatnonzero(~failing)
    if len(rows) < REFERENCE_ROWS:
        scores = criteria_scores(mission=mission, index=part, rows=rows, targets=targets)
        total, gates = gated_scores(mission=mission, targets=targets, index=part, rows=rows, scores=scores,
                                    points=points)
        criteria = scores, gates
    else:
        totals = RowTotals(mission=mission, targets=targets, points=points, vocabulary=index.vocabulary)
        total = totals.scores(part, rows)
        criteria = None
    top = _best(total, part.ids, rows, k)
    if start:
        rows += start
    return _Chunk(excluded=excluded, rows=rows, total=total, top=top, criteria=criteria)


# ---------------------------------------------------------------- public API
def rank(*, mission: MissionFeatures, index: ProfileIndex, top_k: int = 200, explain_top: int | None = None,
         chunks: int | None = None) -> RankResult:
    """The best `top_k` profiles for the mission, best first (ties to the lower profile id), the first
    `explain_top` (all by default) with their breakdown.

    The rows are scored in `chunks` contiguous chunks (by default: by the index's size and
    parallel.THREADS), in threads; each chunk's best k are merged. A row's score does not depend on
    the chunk it is scored in (see the module's docstring), so the result is the same whatever the chunking.
    A chunk that keeps many rows scores them through totals.py, which computes the score alone, and its explained
    rows through criteria_scores() and gated_scores(), which give the same score to the last bit; a chunk that
    keeps few, through the latter alone.
    """
    points = weighted_points(mission)
    targets = mission_targets(mission)
    k = max(0, top_k)
    parts = map_chunks(
        lambda bounds: _chunk_pass(mission=mission, targets=targets, points=points, index=index,
                                   start=bounds[0], stop=bounds[1], k=k),
        chunk_bounds(len(index), chunks),
    )
    excluded = {r: sum(p.excluded[r] for p in parts) for r in parts[0].excluded}
    scored = sum(len(p.rows) for p in parts)
    best_rows = np.concatenate([p.rows.take(p.top) for p in parts])
    best_totals = np.concatenate([p.total.take(p.top) for p in parts])
    order = _best(best_totals, index.ids, best_rows, k)
    top_rows, top_totals = best_rows.take(order), best_totals.take(order)

    n_explain = len(order) if explain_top is None else max(0, min(explain_top, len(order)))
    context = breakdown_context(mission, points)
    explained = _explained_best(mission=mission, targets=targets, points=points, index=index, parts=parts,
                                order=order[:n_explain])
    ids, totals = index.ids.take(top_rows).tolist(), top_totals.tolist()
    candidates = [
        Candidate(profile_id=ids[i], rank=i + 1, score=totals[i], explained=explained[i], context=context)
        if i < n_explain else Candidate(profile_id=ids[i], rank=i + 1, score=totals[i])
        for i in range(len(order))
    ]
    return RankResult(
        candidates=candidates,
        excluded=excluded,
        excluded_total=len(index) - scored,
        scored=scored,
        context=context,
        scores=parts[0].total if len(parts) == 1 else np.concatenate([p.total for p in parts]),
    )


def _vocabulary_for(mission: MissionFeatures, profile: ProfileFeatures) -> Vocabulary:
    sectors = set(profile.sector_years) | set(mission.adjacent_sectors) | ({mission.sector} if mission.sector else set())
    tools = set(profile.tools) | {code for code, _, _ in mission.tools}
    skills = set(profile.skills) | {code for code, _ in mission.skills}
    return Vocabulary(sectors=tuple(sorted(sectors)), tools=tuple(sorted(tools)), skills=tuple(sorted(skills)))


def explain(*, mission: MissionFeatures, profile: ProfileFeatures, vocabulary: Vocabulary | None = None) -> Explanation:
    """Exclusions, score and breakdown of one pair, through the same code as rank()."""
    index = ProfileIndex.from_profiles([profile], vocabulary=vocabulary or _vocabulary_for(mission, profile))
    targets = mission_targets(mission)
    masks = exclusion_masks(mission=mission, index=index, targets=targets)
    failed = [r for r, m in masks.items() if m is not None and bool(m[0])]
    rows = np.zeros(1, np.intp)
    scores = criteria_scores(mission=mission, index=index, rows=rows, targets=targets)
    points = weighted_points(mission)
    total, gates = gated_scores(mission=mission, targets=targets, index=index, rows=rows, scores=scores,
                                points=points)
    explained = _explained(mission, index, rows, scores, gates)[0]
    return Explanation(
        profile_id=profile.id,
        excluded_reasons=exclusion_reasons(mission=mission, index=index, row=0, reasons=failed),
        score=None if failed else float(total[0]),
        breakdown=breakdown_items(breakdown_context(mission, points), explained),
    )

