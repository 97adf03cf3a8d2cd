"""Data for the small server-rendered charts of the client pages (no JavaScript, no chart library).

The mission page shows how the stored scores of its ranked candidates spread over 0–100: a histogram
whose bars are computed here, geometry included, so the template only draws rectangles.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from matching.models import RankingEntry

# The SVG's drawing area, in viewBox units; the template scales it to the page width.
CHART_WIDTH = 320
CHART_HEIGHT = 80
AXIS_HEIGHT = 16
TICK_EVERY = 20  # axis labels at 0, 20, … 100
BAR_GAP = 4
LABEL_SPACE = 14  # room above the tallest bar for its count


@dataclass(frozen=True)
class Bucket:
    low: int  # inclusive
    high: int  # exclusive, except the last bucket which holds 100
    count: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Tick:
    x: float
    label: int
    anchor: str  # SVG text-anchor: the end labels stay inside the drawing


@dataclass(frozen=True)
class ScoreDistribution:
    buckets: list[Bucket]
    total: int
    median: float | None
    bucket_width: int
    ticks: list[Tick]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT + AXIS_HEIGHT
    baseline: int = CHART_HEIGHT

    @property
    def tallest(self) -> Bucket | None:
        """The fullest bucket (the highest scores win a tie), for the chart's one-sentence summary."""
        return max(self.buckets, key=lambda b: (b.count, b.low)) if self.total else None


def score_buckets(scores: Iterable[float], *, bucket_width: int = 10) -> ScoreDistribution:
    """Count scores (0–100) in buckets of bucket_width points and lay the bars out; 100 falls in the last bucket."""
    if bucket_width <= 0 or 100 % bucket_width:
        raise ValueError("bucket_width must divide 100")
    n = 100 // bucket_width
    counts = [0] * n
    values = sorted(min(100.0, max(0.0, float(s))) for s in scores)
    for value in values:
        counts[min(int(value // bucket_width), n - 1)] += 1
    peak = max(counts) or 1
    slot = CHART_WIDTH / n
    buckets = []
    for i, count in enumerate(counts):
        height = round((CHART_HEIGHT - LABEL_SPACE) * count / peak, 1)
        buckets.append(Bucket(
            low=i * bucket_width, high=(i + 1) * bucket_width, count=count,
            x=round(i * slot + BAR_GAP / 2, 1), y=round(CHART_HEIGHT - height, 1),
            width=round(slot - BAR_GAP, 1), height=height,
        ))
    ticks = [Tick(x=round(CHART_WIDTH * score / 100, 1), label=score,
                  anchor="start" if score == 0 else "end" if score == 100 else "middle")
             for score in range(0, 101, TICK_EVERY)]
    return ScoreDistribution(buckets=buckets, total=len(values), median=_median(values), bucket_width=bucket_width,
                             ticks=ticks)


def _median(sorted_values: list[float]) -> float | None:
    if not sorted_values:
        return None
    mid = len(sorted_values) // 2
    if len(sorted_values) % 2:
        return sorted_values[mid]
    return (sorted_values[mid - 1] + sorted_values[mid]) / 2


def mission_score_distribution(*, mission, bucket_width: int = 10) -> ScoreDistribution:
    """The distribution of the mission's stored candidate scores (one query)."""
    scores = RankingEntry.objects.shown().filter(mission=mission).values_list("score", flat=True)
    return score_buckets(scores, bucket_width=bucket_width)
