"""Every scored row's score and nothing else: what rank() computes for all the rows a mission keeps.

criteria_scores() and gated_scores() (scoring.py) give each criterion's score and each gate's factor and points,
which only the explained rows need. Here a criterion's points, its score × its weight, are read from a float64
table built per mission (the float32 score criteria_scores() computes, for every value the criterion's small
integer inputs can take, times the weight), added in CRITERIA order, and the gates are applied with the
operations of apply_gates(): each row's score is criteria_scores() and gated_scores()'s to the last bit
(tests/matching/test_engine_totals.py), for a fraction of their passes over memory. Rows go through in blocks
whose temporaries stay in the CPU's cache, in buffers that each thread keeps from one ranking to the next.
"""
from __future__ import annotations

import threading
from collections.abc import Mapping

import numpy as np

from .features import ENGLISH_KEY_CAP, SCORING, MissionFeatures, ProfileIndex, Vocabulary
from .gates import FIT_FLOOR, FIT_SLOPE, MUST_HAVE_TABLE, seniority_table
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
from .targets import MUST, MissionTargets, max_accepted_rate

# Rows per block: a block's few float64 and float32 temporaries fit in a core's cache, and a ranking's
# hundred-odd NumPy calls per block stay a small part of its time.
BLOCK = 32_768
_F64 = np.float64
_U8 = np.uint8
# take() into a buffer: mode "raise" copies through a temporary, and "wrap" is the fastest of the others; every
# key below is within its table (for rows that passed the filters, see RowTotals), so nothing wraps.
_WRAP = "wrap"


class _Buffers(threading.local):
    """One block's temporaries, made once per thread. NumPy's loops are fastest when both operands are arrays
    of one dtype (a scalar operand, or mixed dtypes, go through slower loops): hence keys are widened into
    arrays of their final dtype, and the constants of minimum() and maximum() are arrays too."""

    def __init__(self) -> None:
        self.record = np.empty(BLOCK, SCORING)
        self.term = np.empty(BLOCK, _F64)
        self.factor = np.empty(BLOCK, _F64)
        self.sector = np.empty(BLOCK, F32)
        self.tools = np.empty(BLOCK, F32)
        self.skills = np.empty(BLOCK, F32)
        self.f32 = np.empty(BLOCK, F32)
        self.u8 = np.empty(BLOCK, _U8)
        self.missing = np.empty(BLOCK, _U8)
        self.flags = np.empty(BLOCK, bool)
        self.late = np.empty(BLOCK, np.int32)
        self.days = np.empty(BLOCK, np.int32)
        self.key = np.empty(BLOCK, np.intp)
        self.seniority_key = np.empty(BLOCK, np.intp)
        self.f32_one = np.ones(BLOCK, F32)
        self.i32_zero = np.zeros(BLOCK, np.int32)
        self.late_cap = np.full(BLOCK, LATE_WINDOW, np.int32)
        self.days_cap = np.empty(BLOCK, np.int32)


_buffers = _Buffers()


def _points(scores: np.ndarray, points: float) -> np.ndarray:
    """A criterion's points per value of its inputs: float64(score) × points, as total_scores() multiplies."""
    out = np.multiply(scores, points, dtype=_F64)
    out.flags.writeable = False
    return out


def _add_points(total: np.ndarray, scores: np.ndarray, points: float, term: np.ndarray) -> None:
    """total += float64(scores) × points: total_scores()'s product, as a float32 widens exactly."""
    np.copyto(term, scores)
    term *= points
    total += term


def _add_lookup(total: np.ndarray, table: np.ndarray, key: np.ndarray, b) -> None:
    """total += table[key], the key widened to intp first (take() would, through a temporary)."""
    index = b.key[: len(key)]
    np.copyto(index, key)
    total += np.take(table, index, out=b.term[: len(key)], mode=_WRAP)


class _Coverage:
    """The tools' (or skills') coverage: per required code, its column and its term table; and which of them
    are must-haves, with the proficiency below which one is missing."""

    def __init__(self, required, *, kind: str, vocabulary: Vocabulary, must_thresholds) -> None:
        self.items = []  # (position, term table, must-have threshold or None), for the codes the index knows
        self.unknown_must = 0  # must-haves the index does not know: missing for every row
        thresholds = iter(must_thresholds)
        for code, importance, min_prof in required:
            threshold = next(thresholds) if importance == MUST else None
            pos = vocabulary.position(kind, code)
            if pos is None:
                # Its column reads 0: a term of +0.0, which adds nothing; a must-have missing everywhere.
                self.unknown_must += threshold is not None
            else:
                self.items.append((pos, coverage_term(coverage_weight(importance), min_prof), threshold))
        self.denominator = coverage_denominator(required)

    def score(self, matrix: np.ndarray, rows: np.ndarray, out: np.ndarray, b, missing: np.ndarray | None) -> None:
        """The coverage into `out` (float32), summed as _coverage() sums it; with `missing`, add to it the
        must-haves missing."""
        n = len(rows)
        value, key, tmp, flags = b.u8[:n], b.key[:n], b.f32[:n], b.flags[:n]
        if not self.items:
            out.fill(0)
        for i, (pos, term, threshold) in enumerate(self.items):
            np.take(matrix[:, pos].view(_U8), rows, out=value, mode=_WRAP)
            np.copyto(key, value)
            if i == 0:  # 0 + x is x
                np.take(term, key, out=out, mode=_WRAP)
            else:
                out += np.take(term, key, out=tmp, mode=_WRAP)
            if missing is not None and threshold is not None:
                missing += np.less(value, threshold, out=flags).view(_U8)
        out /= self.denominator


class RowTotals:
    """One mission's tables; scores(index, rows) gives the score of each of the rows, which must have passed the
    mission's hard filters (exclusion_masks): the rate table stops at the highest rate the rate filter keeps,
    and with the must-have filter on the must-have gate is left out."""

    def __init__(self, *, mission: MissionFeatures, targets: MissionTargets, points: Mapping[str, float],
                 vocabulary: Vocabulary) -> None:
        # Seniority and its gate by the record's key, (max_scale + 1) × 256 + years: by_scale's last slot is
        # max_scale −1's.
        by_years, by_scale = seniority_tables(mission.scale, mission.complexity)
        slots = by_scale.take([-1, 0, 1, 2, 3])
        self.seniority = _points((slots[:, None] * by_years[None, :]).ravel(), points["seniority"])
        self.seniority_gate = np.tile(seniority_table(mission.scale, mission.complexity), len(slots))

        self.has_sector = mission.sector is not None
        self.sector = None if mission.sector is None else vocabulary.position("sectors", mission.sector)
        self.adjacent = [pos for pos in (vocabulary.position("sectors", c)
                                         for c in sorted(mission.adjacent_sectors - {mission.sector}))
                         if pos is not None]
        self.tools = _Coverage(mission.tools, kind="tools", vocabulary=vocabulary,
                               must_thresholds=[t for _, t in targets.must_tools]) if mission.tools else None
        self.skills = _Coverage([(c, i, 1) for c, i in mission.skills], kind="skills", vocabulary=vocabulary,
                                must_thresholds=[1] * len(targets.must_skills)) if mission.skills else None
        # With the must-have filter on, every row kept has them all: the gate's factor is 1, and
        # score × 1 − score adds exactly 0.
        self.must_gate = bool(targets.must_have_count) and not mission.exclude_missing_must_haves
        self.unknown_must = sum(c.unknown_must for c in (self.tools, self.skills) if c is not None)

        # English by the record's key, written level × (cap + 1) + spoken level, each capped.
        levels = np.arange(ENGLISH_KEY_CAP + 1)
        english = np.zeros((ENGLISH_KEY_CAP + 1) ** 2, F32)
        english += english_term(targets.english_written).take(np.repeat(levels, ENGLISH_KEY_CAP + 1))
        english += english_term(targets.english_spoken).take(np.tile(levels, ENGLISH_KEY_CAP + 1))
        self.english = _points(english, points["english"])
        self.education = _points(education_table(targets.diploma, targets.complex_mission), points["education"])
        # Rate by daily rate, up to the highest the rate filter keeps; None without a ceiling (score 1).
        self.rate = None if targets.ceiling is None else _points(
            rate_table(targets.ceiling)[: max(max_accepted_rate(targets.ceiling), 0) + 1], points["rate"])
        # Availability by days late (0 … LATE_WINDOW) × (cap + 1) + days a week, capped where days_term stops
        # growing.
        self.days_cap = min(max(mission.days_per_week, 1), 255)
        by_days = days_term(mission.days_per_week)[: self.days_cap + 1]
        self.availability = _points((BY_LATE[:, None] + by_days[None, :]).ravel(), points["availability"])
        self.start = mission.start_date.toordinal()
        self.points = points

        self.fit_asked = targets.fit_asked
        self.fit_count = F32(sum(targets.fit_asked))

    def scores(self, index: ProfileIndex, rows: np.ndarray) -> np.ndarray:
        total = np.empty(len(rows), _F64)
        for start in range(0, len(rows), BLOCK):
            stop = min(start + BLOCK, len(rows))
            self._block(index, rows[start:stop], total[start:stop])
        return total

    def _block(self, index: ProfileIndex, rows: np.ndarray, total: np.ndarray) -> None:
        n, b, points = len(rows), _buffers, self.points
        term, f32, u8, key = b.term[:n], b.f32[:n], b.u8[:n], b.key[:n]
        record = np.take(index.scoring, rows, out=b.record[:n], mode=_WRAP)

        # Criteria, in CRITERIA order: total = seniority's points, then += each one's.
        seniority_key = b.seniority_key[:n]
        np.copyto(seniority_key, record["seniority"])
        np.take(self.seniority, seniority_key, out=total, mode=_WRAP)

        sector = b.sector[:n]
        if self.has_sector:
            if self.sector is None:
                sector.fill(SECTOR_DIRECT[0])
            else:
                np.copyto(key, np.take(index.sector_years[:, self.sector], rows, out=u8, mode=_WRAP))
                np.take(SECTOR_DIRECT, key, out=sector, mode=_WRAP)
            for pos in self.adjacent:
                np.copyto(key, np.take(index.sector_years[:, pos], rows, out=u8, mode=_WRAP))
                np.maximum(sector, np.take(SECTOR_ADJACENT, key, out=f32, mode=_WRAP), out=sector)
            _add_points(total, sector, points["sector"], term)
        else:
            total += points["sector"]  # score 1

        missing = b.missing[:n] if self.must_gate else None
        if missing is not None:
            missing.fill(self.unknown_must)
        coverage = {}
        for name, matrix, plan in (("tools", index.tools, self.tools), ("skills", index.skills, self.skills)):
            if plan is None:
                total += points[name]  # nothing required: score 1
                continue
            coverage[name] = getattr(b, name)[:n]
            plan.score(matrix, rows, coverage[name], b, missing)
            _add_points(total, coverage[name], points[name], term)

        _add_lookup(total, self.english, record["english"], b)
        _add_lookup(total, self.education, record["education"], b)
        _add_points(total, record["reputation"], points["reputation"], term)
        if self.rate is None:
            total += points["rate"]
        else:
            _add_lookup(total, self.rate, record["daily_rate"], b)

        late = np.subtract(record["available_from"], np.int32(self.start), out=b.late[:n])
        np.maximum(late, b.i32_zero[:n], out=late)  # np.clip(late, 0, LATE_WINDOW), as criteria_scores()
        np.minimum(late, b.late_cap[:n], out=late)
        late *= np.int32(self.days_cap + 1)
        days, days_cap = b.days[:n], b.days_cap[:n]
        np.copyto(days, record["days_per_week"])
        days_cap.fill(self.days_cap)
        late += np.minimum(days, days_cap, out=days)
        _add_lookup(total, self.availability, late, b)

        # Gates, in GATES order, each as apply_gates() applies it.
        factor = b.factor[:n]
        _apply(total, np.take(self.seniority_gate, seniority_key, out=factor, mode=_WRAP), term)
        if missing is not None:
            np.copyto(key, missing)
            _apply(total, np.take(MUST_HAVE_TABLE, key, out=factor, mode=_WRAP), term)
        if self.fit_count:
            _apply(total, self._fit(sector, coverage, factor, b.f32_one[:n]), term)

    def _fit(self, sector: np.ndarray, coverage: dict, out: np.ndarray, one: np.ndarray):
        """fit_gate()'s factor, computed in the first asked criterion's buffer (its last use). fit_gate() sums
        score × asked (1 or 0) over the three criteria: × 1 is the score itself, and a criterion not asked for
        adds × 0, +0.0, which changes nothing; so only those asked are added, and a division by a count of 1 is
        left out."""
        fit, *others = [s for a, s in zip(self.fit_asked, (sector, coverage.get("tools"), coverage.get("skills"))) if a]
        for scores in others:
            fit += scores
        if self.fit_count > 1:
            fit /= self.fit_count
        fit *= FIT_SLOPE
        fit += FIT_FLOOR
        np.minimum(fit, one, out=fit)
        np.copyto(out, fit)
        return out


def _apply(score: np.ndarray, factor: np.ndarray, delta: np.ndarray) -> None:
    """apply_gates() for one gate, in place: score += score × factor − score."""
    np.multiply(score, factor, out=delta)
    delta -= score
    score += delta
