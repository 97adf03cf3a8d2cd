"""The mission side of the engine: one profile against every open mission in one vectorised pass.

rank() scores all profiles for one mission through per-mission lookup tables; here the
profile is fixed and the missions vary, so each table is read at the profile's value
once per distinct mission parameter (or its formula evaluated with the same float64
operations per mission), and the float32 criteria and the float64 total are combined
in the same order as rank(), then the gates applied by the same apply_gates(). Every score is therefore the one rank() gives the same
mission and profile, bit for bit (tests/matching/test_freelancer_pass.py). No ORM here.
"""
from __future__ import annotations

import copy
import datetime
import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import criteria as K
from .explanations import breakdown_items
from .features import MissionFeatures, ProfileIndex, Vocabulary, reputation_score, unit_vectors
from .gates import MUST_HAVE_TABLE, apply_gates, fit_gate, seniority_table
from .reasons import explained_rows
from .scoring import _REACH, breakdown_context, weighted_points
from .tables import (
    BY_LATE,
    F32,
    LATE_WINDOW,
    SECTOR_ADJACENT,
    SECTOR_DIRECT,
    coverage_term,
    days_term,
    education_table,
    english_term,
    seniority_tables,
)
from .targets import max_accepted_rate, mission_targets

_NO_CEILING = 1 << 20  # above any uint16 rate: the rate filter cannot fail
_WORK_NEED = {"remote": K.WORK_MODE_BIT["remote"],
              "hybrid": K.WORK_MODE_BIT["on_site"] | K.WORK_MODE_BIT["hybrid"],
              "on_site": K.WORK_MODE_BIT["on_site"]}


def _distinct(values: list) -> tuple[list, np.ndarray]:
    """The distinct values in first-seen order, and each item's position among them."""
    keys: dict = {}
    of = np.array([keys.setdefault(v, len(keys)) for v in values], np.int64)
    return list(keys), of


def _objects(values: list) -> np.ndarray:
    out = np.empty(len(values), object)
    out[:] = values
    return out


def _padded(rows: list[list[int]], fill: int) -> np.ndarray:
    width = max((len(r) for r in rows), default=0)
    out = np.full((len(rows), width), fill, np.int64)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


class MissionIndex:
    """Columnar arrays over open missions, positions resolved against a vocabulary (-1: unknown code).

    Built once per set of missions (a Python loop over them); the pass itself has no per-mission loop.
    """

    def __init__(self, missions: Sequence[MissionFeatures], *, vocabulary: Vocabulary) -> None:
        self.missions = tuple(missions)
        self.vocabulary = vocabulary
        m, pos = self.missions, vocabulary.position
        targets = [mission_targets(x) for x in m]
        self.ids = np.array([x.id for x in m], np.int64)
        self.role_bit = np.array([K.ROLE_BIT.get(x.role, 0) for x in m], np.int64)
        self.start = np.array([x.start_date.toordinal() for x in m], np.int64)
        self.work_need = np.array([_WORK_NEED.get(x.work_mode, _WORK_NEED["on_site"]) for x in m], np.int64)
        # Reach is tested for located on-site and hybrid missions, from the same float32 unit vectors as rank().
        self.reach_tested = np.array([x.work_mode != "remote" and x.latitude is not None and x.longitude is not None
                                      for x in m], bool)
        vectors = np.full((3, len(m)), np.nan, np.float32)
        for i in np.flatnonzero(self.reach_tested):
            vectors[:, i] = [v[0] for v in unit_vectors([m[i].latitude], [m[i].longitude])]
        self.unit = vectors
        # The missions' own figures of the exclusion reasons, as object columns (one take() per reason).
        self.text = {name: _objects([getattr(x, name) for x in m]) for name in (
            "role", "work_mode", "daily_rate_max", "english_written_min", "english_spoken_min")}
        self.text["start"] = _objects([x.start_date.isoformat() for x in m])
        self.latitude = np.array([x.latitude if told else np.nan for x, told in zip(m, self.reach_tested)], np.float64)
        self.longitude = np.array([x.longitude if told else np.nan for x, told in zip(m, self.reach_tested)], np.float64)
        self.max_rate = np.array([_NO_CEILING if x.daily_rate_max is None else max_accepted_rate(x.daily_rate_max)
                                  for x in m], np.int64)
        self.english_min = np.array([[K.CEFR_INDEX[x.english_written_min] if x.english_written_min else 0 for x in m],
                                     [K.CEFR_INDEX[x.english_spoken_min] if x.english_spoken_min else 0 for x in m]],
                                    np.int64).reshape(2, len(m))
        # Must-haves that exclude: (mission, kind 0 tool / 1 skill, position, threshold), flattened.
        must = [(i, 0, c, max(p, 1)) for i, x in enumerate(m) if x.exclude_missing_must_haves
                for c, imp, p in x.tools if imp == "must"]
        must += [(i, 1, c, 1) for i, x in enumerate(m) if x.exclude_missing_must_haves
                 for c, imp in x.skills if imp == "must"]
        self.must_code = _objects([c for _, _, c, _ in must])
        must_cols = np.array([(i, k, -1 if pos(("tools", "skills")[k], c) is None else pos(("tools", "skills")[k], c), t)
                              for i, k, c, t in must], np.int64).reshape(-1, 4)
        self.must_mission, self.must_kind, self.must_pos, self.must_threshold = must_cols.T

        self.combo = np.array([K.SCALE_INDEX[x.scale] * len(K.COMPLEXITIES) + K.COMPLEXITY_INDEX[x.complexity]
                               for x in m], np.int64)
        self.has_sector = np.array([x.sector is not None for x in m], bool)
        self.sector_pos = np.array([-1 if x.sector is None or pos("sectors", x.sector) is None
                                    else pos("sectors", x.sector) for x in m], np.int64)
        adjacent = [(i, pos("sectors", c)) for i, x in enumerate(m) if x.sector is not None
                    for c in sorted(x.adjacent_sectors - {x.sector}) if pos("sectors", c) is not None]
        self.adjacent_mission, self.adjacent_pos = np.array(adjacent, np.int64).reshape(-1, 2).T
        self.coverage = {kind: self._coverage(kind) for kind in ("tools", "skills")}
        self.english_target = np.array([[t.english_written for t in targets], [t.english_spoken for t in targets]],
                                        np.int64).reshape(2, len(m))
        self.education_keys, self.education_of = _distinct([(t.diploma, t.complex_mission) for t in targets])
        self.fit_asked = np.array([t.fit_asked for t in targets], np.float32).reshape(len(m), 3).T
        self.has_must = np.array([t.must_have_count > 0 for t in targets], bool)
        self.ceiling = np.array([0 if x.daily_rate_max is None else x.daily_rate_max for x in m], np.int64)
        self.has_ceiling = np.array([x.daily_rate_max is not None for x in m], bool)
        self.days_keys, self.days_of = _distinct([x.days_per_week for x in m])
        points = [weighted_points(x) for x in m]
        self.points = {c: np.array([p[c] for p in points], np.float64) for c in K.CRITERIA}
        self.points_of = points  # per mission, as breakdown_context() takes them

    def _coverage(self, kind: str) -> dict[str, np.ndarray]:
        """Requirements as [missions, slots] arrays in each mission's order (empty slots: a zero term)."""
        required = [x.tools if kind == "tools" else [(c, i, 1) for c, i in x.skills] for x in self.missions]
        terms = [np.zeros(5, np.float32)]
        term_row: dict[tuple[float, int], int] = {}
        rows, positions, musts, thresholds, denominators = [], [], [], [], []
        for reqs in required:
            row, positions_i, must_i, thresholds_i = [], [], [], []
            for code, importance, min_prof in reqs:
                weight = 2.0 if importance == "must" else 1.0
                key = (weight, min_prof)
                if key not in term_row:
                    term_row[key] = len(terms)
                    terms.append(coverage_term(weight, min_prof))
                row.append(term_row[key])
                p = self.vocabulary.position(kind, code)
                positions_i.append(-1 if p is None else p)
                must_i.append(importance == "must")
                thresholds_i.append(max(min_prof, 1))
            rows.append(row)
            positions.append(positions_i)
            musts.append(must_i)
            thresholds.append(thresholds_i)
            denominators.append(sum(2.0 if imp == "must" else 1.0 for _, imp, _ in reqs) or 1.0)
        # A must-have is missing below its threshold (targets.MissionTargets.must_tools; 1 for a skill).
        return {"term_row": _padded(rows, 0), "pos": _padded(positions, -1), "must": _padded(musts, 0).astype(bool),
                "threshold": _padded(thresholds, 0),
                "denominator": np.array(denominators, np.float32), "required": np.array([bool(r) for r in required], bool),
                "terms": np.array(terms, np.float32).reshape(-1, 5)}

    def __len__(self) -> int:
        return len(self.missions)


@dataclass(frozen=True)
class ReasonFigures:
    """The missions that one hard filter excludes the profile from, and their figures: `same` holds the
    params that are the profile's (one value), `varying` a list per param, aligned with `positions`."""

    code: str
    positions: np.ndarray
    same: dict
    varying: dict[str, list]

    def params(self, k: int) -> dict:
        return {**copy.deepcopy(self.same), **{key: copy.copy(column[k]) for key, column in self.varying.items()}}

    def reason_at(self, i: int) -> dict | None:
        k = int(np.searchsorted(self.positions, i))
        if k == len(self.positions) or self.positions[k] != i:
            return None
        return {"code": self.code, "params": self.params(k)}


@dataclass(frozen=True)
class MissionsPass:
    """One profile scored against every mission of an index: position i is index.missions[i]."""

    index: MissionIndex
    profiles: ProfileIndex  # the profile's row lives here
    row: int
    scores: np.ndarray  # float64, rank()'s score (also computed for excluded missions, which are never shown)
    criteria: dict[str, np.ndarray]  # float32 per criterion
    gates: list  # per gate in GATES order, None or (factors, points) over the missions (float64)
    failing: dict[str, np.ndarray | None]  # per exclusion reason, True = the mission excludes the profile
    must_missing: np.ndarray  # positions in index.must_* of the excluding must-haves the profile lacks

    @functools.cached_property
    def excluded(self) -> np.ndarray:
        out = np.zeros(len(self.index), bool)
        for mask in self.failing.values():
            if mask is not None:
                out |= mask
        return out

    def ranked(self) -> np.ndarray:
        """Positions of the missions that rank the profile, best score first (mission id breaks ties)."""
        rows = np.flatnonzero(~self.excluded)
        return rows[np.lexsort((self.index.ids.take(rows), -self.scores.take(rows)))]

    def failed_reasons(self, i: int) -> list[str]:
        return [r for r, mask in self.failing.items() if mask is not None and mask[i]]

    @functools.cached_property
    def figures(self) -> dict[str, ReasonFigures]:
        """Per failed hard filter, the excluding missions and the figures of each, column by column.

        The profile's figures are read once, the missions' from the index's columns, the distances in
        one vectorised haversine: no per-mission Python object until reasons_of() is asked for one."""
        p, row, index = self.profiles, self.row, self.index
        available = int(p.available_from[row])
        out = {}
        for reason, mask in self.failing.items():
            if mask is None or not mask.any():
                continue
            at = np.flatnonzero(mask)
            if reason == "hidden":
                same, varying = {}, {}
            elif reason == "role":
                same = {"roles": [r for r in K.ROLES if int(p.roles[row]) & K.ROLE_BIT[r]]}
                varying = {"role": index.text["role"].take(at).tolist()}
            elif reason == "availability":
                same = {"available_from": datetime.date.fromordinal(available).isoformat(),
                        "tolerance_days": K.AVAILABILITY_TOLERANCE_DAYS}
                varying = {"start": index.text["start"].take(at).tolist(),
                           "late_days": (available - index.start.take(at)).tolist()}
            elif reason == "work_mode":
                same = {"offered": [m for m in K.WORK_MODES if int(p.work_modes[row]) & K.WORK_MODE_BIT[m]],
                        "mobility_km": int(p.mobility_km[row])}
                distances = [None if d != d else d for d in self._distances(at).tolist()]
                varying = {"work_mode": index.text["work_mode"].take(at).tolist(),
                           "distance_km": [d if d is None else round(d, 1) for d in distances]}
            elif reason == "rate":
                same = {"rate": int(p.daily_rate[row])}
                varying = {"ceiling": index.text["daily_rate_max"].take(at).tolist()}
            elif reason == "english":
                same = {"written": _cefr(int(p.english_written[row])), "spoken": _cefr(int(p.english_spoken[row]))}
                varying = {"written_min": index.text["english_written_min"].take(at).tolist(),
                           "spoken_min": index.text["english_spoken_min"].take(at).tolist()}
            else:  # must_have: the codes lacking, tools then skills, each in the mission's order
                # Stable by mission: tools before skills and each in the mission's order, as flattened.
                lacking = self.must_missing[np.argsort(index.must_mission.take(self.must_missing), kind="stable")]
                codes = index.must_code.take(lacking).tolist()
                counts = np.bincount(index.must_mission.take(lacking), minlength=len(index)).take(at).tolist()
                ends = np.cumsum(counts).tolist()
                same, varying = {}, {"missing": [codes[end - c:end] for c, end in zip(counts, ends)]}
            out[reason] = ReasonFigures(code=f"exclusion.{reason}", positions=at, same=same, varying=varying)
        return out

    def reasons_of(self, i: int) -> list[dict]:
        """{"code", "params"} for each hard filter that mission i fails: reasons.exclusion_reasons' dicts."""
        return [params for figures in self.figures.values() if (params := figures.reason_at(i)) is not None]

    def _distances(self, positions: np.ndarray) -> np.ndarray:
        """reasons.distance_km from the profile to each mission (NaN where no distance is told), vectorised."""
        p, row, index = self.profiles, self.row, self.index
        lat1, lon1 = np.radians(float(p.lat[row])), float(p.lon[row])
        lat2 = np.radians(index.latitude.take(positions))
        lon2 = index.longitude.take(positions)
        a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
        return 2 * K.EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))

    def breakdown(self, i: int) -> list[dict]:
        """rank()'s explained breakdown of the profile for mission i: points add up to scores[i]."""
        mission = self.index.missions[i]
        rows = np.array([self.row], np.intp)
        columns = [[self.criteria[c][i].item()] for c in K.CRITERIA]  # exact float32 -> float
        gates = [None if g is None else ([g[0][i].item()], [g[1][i].item()]) for g in self.gates]
        explained = explained_rows(mission=mission, index=self.profiles, rows=rows, scores=columns, gates=gates)[0]
        return breakdown_items(breakdown_context(mission, self.index.points_of[i]), explained)


def _cefr(level: int) -> str | None:
    return K.CEFR_LEVELS[level - 1] if level > 0 else None


def _profile_row(profiles: ProfileIndex, row: int, name: str, *, sentinel) -> np.ndarray:
    """One vocabulary row of the profile with a trailing sentinel, so that position -1 reads it."""
    values = getattr(profiles, name)[row]
    return np.append(values, np.array([sentinel], values.dtype))


def missions_pass(*, index: MissionIndex, profiles: ProfileIndex, row: int) -> MissionsPass:
    """Hard filters, criteria and scores of the profile at `row` of `profiles` for every mission of `index`.

    `profiles` must use the mission index's vocabulary (positions are shared)."""
    if profiles.vocabulary != index.vocabulary:
        raise ValueError("the profile and mission indexes use different vocabularies")
    n = len(index)
    p = {name: getattr(profiles, name)[row] for name in (
        "visible", "roles", "years", "max_scale", "english_written", "english_spoken", "diploma_level",
        "diploma_flags", "daily_rate", "available_from", "days_per_week", "work_modes", "mobility_km",
        "ux", "uy", "uz")}
    sector_years = _profile_row(profiles, row, "sector_years", sentinel=0)
    tools = _profile_row(profiles, row, "tools", sentinel=0)
    skills = _profile_row(profiles, row, "skills", sentinel=False).view(np.uint8)
    available = int(p["available_from"])

    failing: dict[str, np.ndarray | None] = dict.fromkeys(K.EXCLUSION_REASONS)
    must_missing = np.empty(0, np.int64)
    failing["hidden"] = np.full(n, p["visible"] == 0)
    failing["role"] = (index.role_bit & int(p["roles"])) == 0
    failing["availability"] = available > index.start + K.AVAILABILITY_TOLERANCE_DAYS
    work = (index.work_need & int(p["work_modes"])) == 0
    # Same float32 operations, in the same order, as scoring._work_mode_fails; NaN compares False.
    chord = p["ux"] - index.unit[0]
    chord *= chord
    for axis, profile_axis in ((1, p["uy"]), (2, p["uz"])):
        delta = profile_axis - index.unit[axis]
        delta *= delta
        chord += delta
    work |= index.reach_tested & (chord > _REACH[int(p["mobility_km"])])
    failing["work_mode"] = work
    if index.has_ceiling.any():
        failing["rate"] = int(p["daily_rate"]) > index.max_rate
    english_levels = (int(p["english_written"]), int(p["english_spoken"]))
    if index.english_min.any():
        failing["english"] = (english_levels[0] < index.english_min[0]) | (english_levels[1] < index.english_min[1])
    if len(index.must_mission):
        have = np.empty(len(index.must_pos), np.uint8)
        is_tool = index.must_kind == 0
        have[is_tool] = tools.take(index.must_pos[is_tool])
        have[~is_tool] = skills.take(index.must_pos[~is_tool])
        must_missing = np.flatnonzero(have < index.must_threshold)
        failing["must_have"] = np.bincount(index.must_mission.take(must_missing), minlength=n).astype(bool)

    scores, missing = _criteria(index=index, profiles=profiles, row=row, p=p, sector_years=sector_years,
                                tools=tools, skills=skills)
    first, *rest = K.CRITERIA
    total = np.multiply(scores[first], index.points[first], dtype=np.float64)
    term = np.empty_like(total)
    for c in rest:
        total += np.multiply(scores[c], index.points[c], out=term, dtype=np.float64)
    seniority = np.array([seniority_table(s, c)[int(p["years"])] for s in K.SCALES for c in K.COMPLEXITIES])
    must = MUST_HAVE_TABLE.take(missing)
    must[~index.has_must] = 1.0
    fit = fit_gate(scores["sector"], scores["tools"], scores["skills"], index.fit_asked)
    factors = [seniority.take(index.combo), must, fit]
    total, points = apply_gates(total, factors)
    # A gate that cannot apply to a mission has factor 1 there: its points are 0 and it is not explained.
    return MissionsPass(index=index, profiles=profiles, row=row, scores=total, criteria=scores, failing=failing,
                        must_missing=must_missing, gates=list(zip(factors, points)))


def _criteria(*, index: MissionIndex, profiles: ProfileIndex, row: int, p, sector_years, tools, skills) -> dict:
    n, out = len(index), {}
    combos = [seniority_tables(s, c) for s in K.SCALES for c in K.COMPLEXITIES]
    by_years = np.array([t[0][int(p["years"])] for t in combos], np.float32)
    by_scale = np.array([t[1][int(p["max_scale"])] for t in combos], np.float32)
    out["seniority"] = by_years.take(index.combo) * by_scale.take(index.combo)

    sector = SECTOR_DIRECT.take(sector_years.take(index.sector_pos))
    np.maximum.at(sector, index.adjacent_mission, SECTOR_ADJACENT.take(sector_years.take(index.adjacent_pos)))
    sector[~index.has_sector] = F32(1.0)
    out["sector"] = sector

    missing = np.zeros(n, np.int64)
    for kind, values in (("tools", tools), ("skills", skills)):
        cov = index.coverage[kind]
        have = values.take(cov["pos"])
        terms = cov["terms"][cov["term_row"], have]
        num = np.zeros(n, np.float32)
        for j in range(terms.shape[1]):  # each mission's requirements added in its order, as rank() does
            num += terms[:, j]
        num /= cov["denominator"]
        num[~cov["required"]] = F32(1.0)
        out[kind] = num
        missing += np.count_nonzero(cov["must"] & (have < cov["threshold"]), axis=1)

    english = np.zeros(n, np.float32)
    for axis, level in enumerate((int(p["english_written"]), int(p["english_spoken"]))):
        by_target = np.array([english_term(t)[level] if t else 0 for t in range(len(K.CEFR_LEVELS) + 1)], np.float32)
        english += by_target.take(index.english_target[axis])
    out["english"] = english

    at = (int(p["diploma_flags"]) & 3) * 256 + int(p["diploma_level"])
    by_key = np.array([education_table(*key)[at] for key in index.education_keys], np.float32)
    out["education"] = by_key.take(index.education_of)

    out["reputation"] = np.repeat(reputation_score(profiles.reputation[row : row + 1]), n)

    out["rate"] = _rate_scores(int(p["daily_rate"]), index)

    late = np.clip(int(p["available_from"]) - index.start, 0, LATE_WINDOW)
    by_days = np.array([days_term(d)[int(p["days_per_week"])] for d in index.days_keys], np.float32)
    out["availability"] = BY_LATE.take(late) + by_days.take(index.days_of)
    return out, missing


def _rate_scores(rate: int, index: MissionIndex) -> np.ndarray:
    """tables.rate_table(ceiling)[rate] for every mission: the same float64 formula, per ceiling."""
    ceiling = index.ceiling.astype(np.float64)
    positive = index.has_ceiling & (index.ceiling > 0)
    safe = np.where(positive, ceiling, 1.0)
    r = float(rate)
    low = 0.8 * safe
    under = np.minimum(1.0 - 0.4 * (r - low) / (safe - low), 1.0)
    over = 0.6 - 0.6 * (r - safe) / (safe * K.RATE_TOLERANCE)
    value = np.clip(np.where(r <= safe, under, over), 0.0, 1.0)
    value = np.where(positive, value, np.where(index.has_ceiling, float(rate <= 0), 1.0))
    return value.astype(np.float32)
