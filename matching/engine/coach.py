"""The coach: the smallest changes to a profile that would lift an exclusion, enter a mission's top 10 or
reach the next score band, each measured by re-scoring the changed profile with the engine.

Nothing here scores: every figure comes from missions_pass() on the profile with one change applied
(dataclasses.replace), every position from position_of() on the mission's stored ranking, every band from
bands.band_for(). So a promise is what the ranking would compute, whatever the engine's arithmetic.

A change is a step on a ladder ordered from the least to the most demanding (a tool at each level, the daily
rate one euro lower at a time, the availability one day earlier…). Long ladders are probed on a few rungs
first; the exact rung a mission needs is then found by bisection between two probed rungs, every probe a full
pass over the missions, cached, so that missions needing the same rung share it. Bisection assumes that a
more demanding rung never undoes a gain (the engine's monotony: a higher tool level, a lower rate, an earlier
date… never lowers a score nor adds an exclusion); where it would, the rung found still holds its promise,
since every promise is read from the rung's own pass. By the same assumption a ladder whose most demanding
rung gains nothing is left after that one pass.

A mission that no single change lets in (excluded by two filters, or missing two must-haves) gets a combined
change: for each blocker, the least demanding rung that clears it alone (the filters read separate fields, so
the rungs do not interfere), the parts then applied together and the result read from one pass like any other.
"""
from __future__ import annotations

import dataclasses
import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from . import criteria as K
from .bands import BAND_CODES, BAND_FLOOR, band_for, next_band
from .features import ProfileFeatures, ProfileIndex
from .freelancer_pass import MissionIndex, missions_pass
from .positions import Position, position_of

PROBED_RUNGS = 8  # rungs probed on a long ladder before bisection
TOP = 10
GOALS = ("lifts_exclusion", "enters_top10", "reaches_band")


@dataclass(frozen=True)
class Standing:
    """A mission's stored ranking as position_of() reads it.

    With `lowest` set, `stored` holds only the head of the stored rows (the first TOP + 1, best first) and then
    the profile's own row if it lies beyond them; `lowest` is the lowest score of all the stored rows and
    `complete` position_of's condition on their count (fewer than the ranking keeps, or every scored
    candidate), None where the rows past the head score below its last, so that it cannot matter. That is
    enough to tell whether a score enters the top 10 (top10()), not to place it further down (position())."""

    stored: tuple[tuple[int, float], ...]  # (profile id, score), best first, as rankings keep them
    stored_limit: int
    scored: int
    quantiles: tuple[float, ...]
    lowest: float | None = None
    complete: bool | None = None

    def position(self, *, score: float, profile_id: int) -> Position:
        if self.lowest is not None:
            raise ValueError("a standing read as its head places only the top 10")
        return position_of(score=score, profile_id=profile_id, stored=self.stored, stored_limit=self.stored_limit,
                           scored=self.scored, quantiles=self.quantiles)

    def top10(self, *, score: float, profile_id: int) -> bool:
        """position(...).top10, also from the head alone: at most TOP others come first, all of them in the head,
        and the rank is exact by position_of's conditions on all the stored rows. Past that first test the score
        reaches the head's TOP-th other, so it beats `lowest` unless every row from there on ties with it."""
        if self.lowest is None:
            return self.position(score=score, profile_id=profile_id).top10
        above = sum(1 for pid, s in self.stored if pid != profile_id and (s > score or (s == score and pid < profile_id)))
        if above >= TOP:
            return False
        own = any(pid == profile_id for pid, _ in self.stored)
        return score > self.lowest or (score == self.lowest and (own or bool(self.complete)))

    def head(self, profile_id: int) -> Standing:
        """This standing as read from the database for the overall list: the head, the profile's own row, the
        lowest score and the completeness where it can matter (recruiting.coach reads the same in SQL)."""
        rows = self.stored
        if self.lowest is not None or len(rows) <= TOP + 1:
            return self
        lowest = min(s for _, s in rows)
        complete = len(rows) < self.stored_limit or len(rows) >= self.scored
        return dataclasses.replace(
            self, stored=rows[:TOP + 1] + tuple(r for r in rows[TOP + 1:] if r[0] == profile_id), quantiles=(),
            lowest=lowest, complete=complete if lowest == rows[TOP][1] else None)

    def tenth_other(self, profile_id: int) -> float:
        """The 10th best score of the other candidates: a score below it cannot be in the top 10."""
        others = [s for pid, s in self.stored[:TOP + 1] if pid != profile_id]
        return others[TOP - 1] if len(others) >= TOP else -math.inf


@dataclass(frozen=True)
class Change:
    """One change to a profile. kind: tool (code, level), skill (code), english_written / english_spoken /
    english (code: a CEFR level; english raises both to it), rate (number: euros a day), mobility (number: km),
    work_mode (code: the mode accepted, number: the mobility in km), availability (date), project (code: the
    scale of a past project), diploma (level: bac+level; code "master": a master's or an engineering degree
    at that level, "plain": a diploma that is neither, where the profile has none of them; None: the profile
    already has one, kept), combined (parts: changes made together)."""

    kind: str
    code: str | None = None
    level: int | None = None
    number: int | None = None
    date: datetime.date | None = None
    parts: tuple[Change, ...] = ()

    def apply(self, profile: ProfileFeatures) -> ProfileFeatures:
        """The profile with this change made, everything else as it is."""
        replace = dataclasses.replace
        if self.kind == "combined":
            for part in self.parts:
                profile = part.apply(profile)
            return profile
        if self.kind == "tool":
            return replace(profile, tools={**profile.tools, self.code: self.level})
        if self.kind == "skill":
            return replace(profile, skills=profile.skills | {self.code})
        if self.kind in ("english_written", "english_spoken"):
            return replace(profile, **{self.kind: self.code})
        if self.kind == "english":
            return replace(profile, english_written=_higher_cefr(profile.english_written, self.code),
                           english_spoken=_higher_cefr(profile.english_spoken, self.code))
        if self.kind == "rate":
            return replace(profile, daily_rate=self.number)
        if self.kind == "mobility":
            return replace(profile, mobility_km=self.number)
        if self.kind == "work_mode":
            return replace(profile, work_modes=profile.work_modes | {self.code}, mobility_km=self.number)
        if self.kind == "availability":
            return replace(profile, available_from=self.date)
        if self.kind == "project":
            return replace(profile, max_scale_handled=self.code)
        if self.kind == "diploma":
            flags = profile.diploma_flags | K.DIPLOMA_MASTER if self.code == "master" else profile.diploma_flags
            return replace(profile, diploma_level=self.level, diploma_flags=flags)
        raise ValueError(f"unknown change {self.kind}")

    def params(self) -> dict:
        """The change as plain JSON data: kind, and the fields it sets."""
        out: dict = {"kind": self.kind}
        for name in ("code", "level", "number"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.date is not None:
            out["date"] = self.date.isoformat()
        if self.parts:
            out["parts"] = [part.params() for part in self.parts]
        return out


def _higher_cefr(current: str | None, code: str) -> str:
    return code if K.CEFR_INDEX.get(current or "", 0) < K.CEFR_INDEX[code] else current


@dataclass(frozen=True)
class Ladder:
    """The changes of one group (a tool, the rate…), least demanding first, made on demand (the rate alone
    has hundreds of rungs), and the rungs probed first."""

    group: tuple[str, str]  # (kind, code)
    size: int
    rung: Callable[[int], Change]

    @classmethod
    def of(cls, group: tuple[str, str], changes: Sequence[Change]) -> Ladder:
        changes = tuple(changes)
        return cls(group, len(changes), changes.__getitem__)

    @property
    def probed(self) -> list[int]:
        n = self.size
        if n <= PROBED_RUNGS:
            return list(range(n))
        return sorted({round((k + 1) * (n - 1) / PROBED_RUNGS) for k in range(PROBED_RUNGS)} | {0})


@dataclass(frozen=True)
class Outcome:
    """One change's effect on every mission (arrays indexed like the mission index)."""

    scores: np.ndarray
    excluded: np.ndarray
    failing: dict[str, np.ndarray | None]  # per hard filter, as missions_pass() gives it
    lifts_exclusion: np.ndarray
    enters_top10: np.ndarray
    reaches_band: np.ndarray

    def gains(self) -> tuple[int, int, int]:
        return (int(self.enters_top10.sum()), int(self.lifts_exclusion.sum()), int(self.reaches_band.sum()))

    def achieves(self, goal: str) -> np.ndarray:
        return getattr(self, goal)


@dataclass(frozen=True)
class Suggestion:
    """A change for one mission and what it would do there: the engine's score, the points gained (an
    excluded mission had none, so all of them), the position in the mission's stored ranking."""

    change: Change
    score: float
    points: float
    position: Position | None
    band: str
    lifts_exclusion: bool
    enters_top10: bool
    reaches_band: bool


@dataclass(frozen=True)
class OverallItem:
    """A change and the missions it gains: ids of those it would put in the top 10, lift, or move up a band."""

    change: Change
    top10: tuple[int, ...]
    lifted: tuple[int, ...]
    banded: tuple[int, ...]

    @property
    def gains(self) -> tuple[int, int, int]:
        return (len(self.top10), len(self.lifted), len(self.banded))


class Coach:
    """Changes for one profile against every mission of a mission index.

    `standings[i]` is mission i's stored ranking (None: not ranked yet, so no position can be promised).
    `rate_floor`: the lowest daily rate to suggest (the freelancer's own minimum); `mobility_max`: the
    highest mobility the profile accepts; `today`: no availability before it."""

    def __init__(self, *, profile: ProfileFeatures, index: MissionIndex, standings: Sequence[Standing | None],
                 rate_floor: int, mobility_max: int, today: datetime.date) -> None:
        if len(standings) != len(index):
            raise ValueError("one standing per mission")
        self.profile, self.index, self.standings = profile, index, list(standings)
        self.rate_floor, self.mobility_max, self.today = rate_floor, mobility_max, today
        self._scratch = ProfileIndex.from_profiles([profile], vocabulary=index.vocabulary)
        self._outcomes: dict[Change, Outcome] = {}
        self._base = base = missions_pass(index=index, profiles=self._scratch, row=0)
        self.scores, self.excluded = base.scores, base.excluded.copy()
        self.has_standing = np.array([s is not None for s in self.standings], bool)
        self.tenth = np.array([s.tenth_other(profile.id) if s is not None else math.inf for s in self.standings])
        self.top10 = np.zeros(len(index), bool)
        for i in np.flatnonzero(~self.excluded & (self.scores >= self.tenth)).tolist():
            self.top10[i] = self.standings[i].top10(score=float(self.scores[i]), profile_id=profile.id)
        codes = [band_for(s) for s in self.scores.tolist()]
        self.band = np.where(self.excluded, len(BAND_CODES), np.array([BAND_CODES.index(c) for c in codes], np.int64))
        floors = [BAND_FLOOR[n] if (n := next_band(c)) else math.inf for c in codes]
        self.next_floor = np.where(self.excluded, math.inf, np.array(floors, np.float64).reshape(-1))
        self.ladders = self._ladders() if profile.visible else []

    # ---------------------------------------------------------------- evaluation
    def outcome(self, change: Change) -> Outcome:
        """The change's effect on every mission, from one pass of the changed profile (cached)."""
        cached = self._outcomes.get(change)
        if cached is not None:
            return cached
        self._scratch.upsert(change.apply(self.profile))
        result = missions_pass(index=self.index, profiles=self._scratch, row=0)
        scores, excluded = result.scores, result.excluded.copy()
        ranked = ~excluded
        top10 = np.zeros(len(scores), bool)
        for i in np.flatnonzero(ranked & ~self.top10 & (scores >= self.tenth)).tolist():
            top10[i] = self.standings[i].top10(score=float(scores[i]), profile_id=self.profile.id)
        banded = np.zeros(len(scores), bool)
        for i in np.flatnonzero(ranked & ~self.excluded & (scores >= self.next_floor)).tolist():
            banded[i] = BAND_CODES.index(band_for(float(scores[i]))) < self.band[i]
        out = Outcome(scores=scores, excluded=excluded, failing=result.failing, lifts_exclusion=self.excluded & ranked, enters_top10=top10,
                      reaches_band=banded)
        self._outcomes[change] = out
        return out

    def _least(self, ladder: Ladder, achieved) -> int | None:
        """The least demanding rung for which achieved(outcome) holds: the first probed rung that does,
        then bisection down to the probed rung below it."""
        if not achieved(self.outcome(ladder.rung(ladder.size - 1))):
            return None
        previous = -1
        for k in ladder.probed:
            if achieved(self.outcome(ladder.rung(k))):
                low, high = previous, k  # achieved at high, not at low (or low is the profile as it is)
                while high - low > 1:
                    mid = (low + high) // 2
                    if achieved(self.outcome(ladder.rung(mid))):
                        high = mid
                    else:
                        low = mid
                return high
            previous = k
        return None

    # ---------------------------------------------------------------- candidate changes
    def _ladders(self) -> list[Ladder]:
        p, missions = self.profile, self.index.missions
        ladders = []
        levels: dict[str, set[int]] = {}
        for m in missions:
            for code, _, min_prof in m.tools:
                levels.setdefault(code, set()).add(max(min_prof, 1))
        for code in sorted(levels):
            have = p.tools.get(code, 0)
            wanted = sorted(level for level in levels[code] if level > have)
            if wanted and self.index.vocabulary.position("tools", code) is not None:
                ladders.append(Ladder.of(("tool", code), [Change("tool", code=code, level=v) for v in wanted]))
        skills = sorted({code for m in missions for code, _ in m.skills} - set(p.skills))
        for code in skills:
            if self.index.vocabulary.position("skills", code) is not None:
                ladders.append(Ladder.of(("skill", code), [Change("skill", code=code)]))
        lowest = min(p.english_written or "", p.english_spoken or "", key=lambda c: K.CEFR_INDEX.get(c, 0))
        for kind, current in (("english_written", p.english_written), ("english_spoken", p.english_spoken),
                              ("english", lowest)):
            above = [c for c in K.CEFR_LEVELS if K.CEFR_INDEX[c] > K.CEFR_INDEX.get(current or "", 0)]
            if above:
                ladders.append(Ladder.of((kind, ""), [Change(kind, code=c) for c in above]))
        rate, km, located = p.daily_rate, p.mobility_km, p.latitude is not None and p.longitude is not None
        if rate > self.rate_floor:
            ladders.append(Ladder(("rate", ""), rate - self.rate_floor, lambda k: Change("rate", number=rate - 1 - k)))
        if located and km < self.mobility_max:
            ladders.append(Ladder(("mobility", ""), self.mobility_max - km,
                                  lambda k: Change("mobility", number=km + 1 + k)))
        for mode in K.WORK_MODES:
            if mode not in p.work_modes:
                size = max(self.mobility_max - km, 0) + 1 if located and mode != "remote" else 1
                ladders.append(Ladder(("work_mode", mode), size,
                                      lambda k, mode=mode: Change("work_mode", code=mode, number=km + k)))
        if p.available_from > self.today:
            start = p.available_from
            ladders.append(Ladder(("availability", ""), (start - self.today).days,
                                  lambda k: Change("availability", date=start - datetime.timedelta(days=k + 1))))
        handled = K.SCALE_INDEX.get(p.max_scale_handled or "", -1)
        if handled < len(K.SCALES) - 1:
            ladders.append(Ladder.of(("project", ""), [Change("project", code=s) for s in K.SCALES[handled + 1:]]))
        # A master's or an engineering degree adds a bonus that another diploma of the same level does not: where
        # the profile has neither, the level alone is promised for "another diploma" and the degree apart.
        flagged = bool(p.diploma_flags & (K.DIPLOMA_ENGINEERING | K.DIPLOMA_MASTER))
        if p.diploma_level < 8:
            ladders.append(Ladder.of(("diploma", ""), [Change("diploma", level=v, code=None if flagged else "plain")
                                                        for v in range(max(p.diploma_level + 1, 2), 9)]))
        if not flagged:
            ladders.append(Ladder.of(("diploma", "master"), [Change("diploma", level=v, code="master")
                                                              for v in range(max(p.diploma_level, 5), 9)]))
        return ladders

    # ---------------------------------------------------------------- per mission
    def goals(self, i: int) -> list[str]:
        """What mission i can still give the profile."""
        goals = []
        if self.excluded[i]:
            goals.append("lifts_exclusion")
        if self.has_standing[i] and not self.top10[i]:
            goals.append("enters_top10")
        if not self.excluded[i] and self.next_floor[i] != math.inf:
            goals.append("reaches_band")
        return goals

    def suggestions(self, i: int, *, limit: int = 6) -> list[Suggestion]:
        """For mission i (its position in the index), per group and goal the least demanding change that
        reaches the goal, lifted exclusions first, then top 10 entries, then bands, most points first."""
        if not self.profile.visible:
            return []
        found: dict[Change, Suggestion] = {}
        for goal in self.goals(i):
            for ladder in self.ladders:
                rung = self._least(ladder, lambda o, goal=goal: bool(o.achieves(goal)[i]))
                if rung is not None and ladder.rung(rung) not in found:
                    found[ladder.rung(rung)] = self._suggestion(i, ladder.rung(rung))
        if self.excluded[i] and not any(s.lifts_exclusion for s in found.values()):
            combined = self._combined(i)
            if combined is not None and self.outcome(combined).lifts_exclusion[i]:
                found[combined] = self._suggestion(i, combined)
        ordered = sorted(found.values(), key=lambda s: (not s.lifts_exclusion, not s.enters_top10,
                                                        not s.reaches_band, -s.points))
        return ordered[:limit]

    def _combined(self, i: int) -> Change | None:
        """For a mission that no single change lets in: per blocker, the least demanding rung that clears it
        alone (each missing must-have at the level the mission asks), all of them together; None where a
        blocker has no rung (a role not offered, an unknown code, a rate floor above the ceiling…)."""
        parts: list[Change] = []
        for reason, mask in self._base.failing.items():
            if mask is None or not mask[i]:
                continue
            if reason == "must_have":
                index, lacking = self.index, self._base.must_missing
                for k in lacking[index.must_mission.take(lacking) == i].tolist():
                    if index.must_pos[k] < 0:
                        return None
                    code = str(index.must_code[k])
                    parts.append(Change("tool", code=code, level=int(index.must_threshold[k])) if index.must_kind[k] == 0
                                 else Change("skill", code=code))
                continue
            cleared = None
            for ladder in self.ladders:
                rung = self._least(ladder, lambda o, reason=reason: not o.failing[reason][i])
                if rung is not None:
                    cleared = ladder.rung(rung)
                    break
            if cleared is None:
                return None
            parts.append(cleared)
        parts = list(dict.fromkeys(parts))
        return Change("combined", parts=tuple(parts)) if len(parts) > 1 else None

    def _suggestion(self, i: int, change: Change) -> Suggestion:
        o = self.outcome(change)
        score = float(o.scores[i])
        standing = self.standings[i]
        return Suggestion(
            change=change, score=score,
            points=score if self.excluded[i] else score - float(self.scores[i]),
            position=None if standing is None else standing.position(score=score, profile_id=self.profile.id),
            band=band_for(score), lifts_exclusion=bool(o.lifts_exclusion[i]), enters_top10=bool(o.enters_top10[i]),
            reaches_band=bool(o.reaches_band[i]))

    # ---------------------------------------------------------------- overall
    def overall(self, *, limit: int = 12, steps_per_group: int = 2) -> list[OverallItem]:
        """The changes that gain the most missions, most top-10 entries first: per group, each probed rung
        that gains more than the rungs below it, brought down to the least demanding rung with the same
        gains. A group keeps at most `steps_per_group` steps (the first and the last, then ones between)."""
        if not self.profile.visible:
            return []
        candidates: list[tuple[tuple[int, int, int], int, Ladder, int, int]] = []
        for n, ladder in enumerate(self.ladders):
            if not any(self.outcome(ladder.rung(ladder.size - 1)).gains()):
                continue
            steps, best, previous = [], (0, 0, 0), -1
            for k in ladder.probed:
                gains = self.outcome(ladder.rung(k)).gains()
                if gains > best and all(g >= b for g, b in zip(gains, best)):
                    steps.append((gains, previous, k))
                    best = gains
                previous = k
            if len(steps) > steps_per_group:
                steps = [steps[0], steps[-1], steps[len(steps) // 2]][:steps_per_group]
            candidates += [(gains, n, ladder, low, high) for gains, low, high in steps]
        candidates.sort(key=lambda c: (tuple(-g for g in c[0]), c[4], c[1]))
        items = []
        for gains, _, ladder, low, high in candidates[:limit]:
            while high - low > 1:  # the least demanding rung that gains at least as much
                mid = (low + high) // 2
                if all(g >= b for g, b in zip(self.outcome(ladder.rung(mid)).gains(), gains)):
                    high = mid
                else:
                    low = mid
            items.append(self._item(ladder.rung(high)))
        items.sort(key=lambda item: tuple(-g for g in item.gains))
        return items

    def _item(self, change: Change) -> OverallItem:
        o, ids = self.outcome(change), self.index.ids
        return OverallItem(change=change, top10=tuple(ids[o.enters_top10].tolist()),
                           lifted=tuple(ids[o.lifts_exclusion].tolist()), banded=tuple(ids[o.reaches_band].tolist()))
