"""The labelled evaluation of the engine: pairwise judgments and graded candidate lists written from the
domain source (labelled.json beside this file), scored by the engine itself (no database).

A pair is right when the better profile scores strictly above the worse one (a profile a hard filter
excludes scores below every ranked one). NDCG@10 is computed on each graded list ranked by rank().
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import math
from pathlib import Path

from matching.engine import criteria as K
from matching.engine.features import MissionFeatures, ProfileFeatures, ProfileIndex, Vocabulary
from matching.engine.scoring import explain, rank

LABELLED = Path(__file__).with_name("labelled.json")
_FLAGS = {None: 0, "engineering": K.DIPLOMA_ENGINEERING, "master": K.DIPLOMA_MASTER}


@dataclasses.dataclass(frozen=True)
class PairOutcome:
    mission: str
    why: str
    better: float | None
    worse: float | None

    @property
    def right(self) -> bool:
        return self.better is not None and (self.worse is None or self.better > self.worse)


def _mission(data: dict, name: str, start: datetime.date) -> MissionFeatures:
    spec = {**data["base_mission"], **data["missions"][name]}
    return MissionFeatures(
        id=1, start_date=start,
        adjacent_sectors=frozenset(spec.pop("adjacent_sectors")),
        tools=tuple(tuple(t) for t in spec.pop("tools")),
        skills=tuple(tuple(s) for s in spec.pop("skills")),
        **spec,
    )


def _profile(data: dict, parts: list[dict], start: datetime.date, profile_id: int = 1) -> ProfileFeatures:
    spec: dict = dict(data["base_profile"])
    for part in parts:
        spec.update(part)
    recommendations = spec.pop("recommendations")
    weights = [1.0 if verified else K.UNVERIFIED_RECOMMENDATION_WEIGHT for _, verified in recommendations]
    return ProfileFeatures(
        id=profile_id, visible=True,
        roles=frozenset(spec.pop("roles")),
        skills=frozenset(spec.pop("skills")),
        work_modes=frozenset(spec.pop("work_modes")),
        diploma_flags=_FLAGS[spec.pop("diploma_flags")],
        available_from=start + datetime.timedelta(days=spec.pop("available_in_days")),
        reputation_sum=math.fsum(rating * w for (rating, _), w in zip(recommendations, weights)),
        reputation_count=len(recommendations),
        reputation_weight=math.fsum(weights),
        **spec,
    )


def _vocabulary(profiles: list[ProfileFeatures], mission: MissionFeatures) -> Vocabulary:
    sectors = {s for p in profiles for s in p.sector_years} | set(mission.adjacent_sectors) | {mission.sector} - {None}
    tools = {t for p in profiles for t in p.tools} | {t for t, _, _ in mission.tools}
    skills = {s for p in profiles for s in p.skills} | {s for s, _ in mission.skills}
    return Vocabulary(sectors=tuple(sorted(sectors)), tools=tuple(sorted(tools)), skills=tuple(sorted(skills)))


def _dcg(grades: list[int]) -> float:
    return math.fsum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def evaluation_run(path: Path = LABELLED) -> dict:
    """Pairwise accuracy, NDCG@10 (mean over the graded lists) and the pairs the engine gets wrong."""
    data = json.loads(path.read_text(encoding="utf-8"))
    start = datetime.date.fromisoformat(data["start_date"])
    outcomes = []
    for pair in data["pairs"]:
        mission = _mission(data, pair["mission"], start)
        scores = [explain(mission=mission, profile=_profile(data, [pair["common"], pair[side]], start)).score
                  for side in ("better", "worse")]
        outcomes.append(PairOutcome(mission=pair["mission"], why=pair["why"], better=scores[0], worse=scores[1]))
    ndcg = {}
    for graded in data["graded"]:
        mission = _mission(data, graded["mission"], start)
        profiles = [_profile(data, [c["profile"]], start, profile_id=i + 1) for i, c in enumerate(graded["candidates"])]
        grade = {p.id: c["grade"] for p, c in zip(profiles, graded["candidates"])}
        result = rank(mission=mission, index=ProfileIndex.from_profiles(profiles, vocabulary=_vocabulary(profiles, mission)),
                      top_k=len(profiles))
        ranked = [grade[c.profile_id] for c in result.candidates][:10]
        ranked += [grade[p.id] for p in profiles if p.id not in {c.profile_id for c in result.candidates}][: 10 - len(ranked)]
        ideal = _dcg(sorted(grade.values(), reverse=True)[:10])
        ndcg[graded["mission"]] = round(_dcg(ranked) / ideal, 4) if ideal else 1.0
    right = sum(o.right for o in outcomes)
    return {
        "engine_version": K.ENGINE_VERSION,
        "pairs": len(outcomes),
        "pairwise_accuracy": round(right / len(outcomes), 4) if outcomes else 1.0,
        "ndcg_at_10": round(math.fsum(ndcg.values()) / len(ndcg), 4) if ndcg else 1.0,
        "ndcg_at_10_by_mission": ndcg,
        "wrong": [{"mission": o.mission, "why": o.why, "better": o.better, "worse": o.worse}
                  for o in outcomes if not o.right],
    }
