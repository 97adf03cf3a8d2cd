"""Two to four candidates side by side for one mission: every criterion and the profile facts."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from matching.engine.bands import band_for
from matching.engine.criteria import CRITERIA
from matching.models import RankingEntry
from missions.criteria import Criterion
from missions.models import Mission, Recommendation
from profiles.models import Diploma, Experience, FreelancerProfile, ProfileSector, ProfileTool
from recruiting.dashboard import CriterionRow, band_labels, explained_breakdown, vocabulary_labels
from recruiting.models import ShortlistEntry
from recruiting.preferences import misses_for_client

MIN_COMPARED, MAX_COMPARED = 2, 4


@dataclass
class ComparedCandidate:
    profile: FreelancerProfile
    entry: RankingEntry | None
    shortlist: ShortlistEntry | None
    criteria: dict[str, CriterionRow]
    recommendation_count: int
    recommendation_mean: float | None
    recommendation_verified: int = 0
    band: str = ""
    band_label: str = ""
    # The freelancer's side, stored with the ranked row: [{code, text, params}], empty when the mission fits.
    preference_misses: list[dict] = field(default_factory=list)


def parse_profile_ids(values) -> list[int]:
    ids = []
    for value in values:
        try:
            pid = int(value)
        except (TypeError, ValueError):
            continue
        if pid not in ids:
            ids.append(pid)
    return ids


def comparison_build(*, mission: Mission, profile_ids: list[int]) -> list[ComparedCandidate]:
    """The candidates in the order given; only profiles ranked or shortlisted for this mission count.

    Raises ValidationError unless 2 to 4 of them remain.
    """
    ranked = {e.profile_id: e for e in RankingEntry.objects.shown().filter(mission=mission, profile_id__in=profile_ids)
              .select_related("mission__ranking")}
    shortlisted = {e.profile_id: e for e in ShortlistEntry.objects.filter(mission=mission, profile_id__in=profile_ids)}
    ids = [pid for pid in profile_ids if pid in ranked or pid in shortlisted]
    if not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
        raise ValidationError(
            _("Choisissez de %(min)s à %(max)s candidats à comparer.") % {"min": MIN_COMPARED, "max": MAX_COMPARED}
        )
    profiles = {
        p.pk: p for p in FreelancerProfile.objects.filter(pk__in=ids).select_related("user").prefetch_related(
            Prefetch("diplomas", queryset=Diploma.objects.order_by("-level", "-year")),
            Prefetch("experiences", queryset=Experience.objects.select_related("sector").order_by("-start_date")),
            Prefetch("sector_years", queryset=ProfileSector.objects.select_related("sector").order_by("-years")),
            Prefetch("tool_levels", queryset=ProfileTool.objects.select_related("tool").order_by("-proficiency")),
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("-created_at")),
        )
    }
    labels = vocabulary_labels()
    bands = band_labels()
    out = []
    for pid in ids:
        entry = ranked.get(pid)
        band = band_for(entry.score) if entry else ""
        rows = explained_breakdown(entry.explained(), labels=labels) if entry else []
        recommendations = list(profiles[pid].recommendations.all())
        out.append(ComparedCandidate(
            profile=profiles[pid], entry=entry, shortlist=shortlisted.get(pid),
            criteria={row.criterion: row for row in rows},
            recommendation_count=len(recommendations),
            recommendation_mean=(sum(r.rating for r in recommendations) / len(recommendations)) if recommendations else None,
            recommendation_verified=sum(r.verified for r in recommendations),
            band=band, band_label=bands.get(band, ""),
            preference_misses=misses_for_client(entry.preference_misses, labels=labels) if entry else [],
        ))
    return out


def criterion_rows(candidates: list[ComparedCandidate]) -> list[tuple[str, list[CriterionRow | None]]]:
    """One table row per breakdown line: its label and each candidate's cell (None when not ranked). The
    criteria in their usual order, then any other line a newer engine stores (a gate), as it comes."""
    codes = list(CRITERIA)
    for cand in candidates:
        codes += [code for code in cand.criteria if code not in codes]
    rows = []
    for code in codes:
        cells = [cand.criteria.get(code) for cand in candidates]
        label = str(Criterion(code).label) if code in CRITERIA else next(c.label for c in cells if c)
        rows.append((label, cells))
    return rows
