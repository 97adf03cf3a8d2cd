"""The coach, from the database: the profile, the open missions, their stored rankings and the freelancer's own
minimum rate, handed to the engine's coach (matching.engine.coach), and its changes put into words.

Every figure is the engine's: the score of the changed profile from missions_pass(), its position from the
mission's stored ranking. The wording suggests facts only as "if you have…": nothing is changed until the
freelancer edits the profile, which each suggestion links to, at the right section.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from matching.engine.bands import band_label
from matching.engine.coach import TOP, Change, Coach, OverallItem, Standing, Suggestion
from matching.engine.features import ProfileFeatures
from matching.engine.freelancer_pass import MissionIndex
from matching.loaders import profile_features
from matching.models import MissionRanking, RankingEntry
from profiles.choices import CefrLevel, Proficiency, ProjectScale, WorkMode
from profiles.models import MOBILITY_KM_MAX, FreelancerProfile
from recruiting.freelancer_missions import MissionsForMe, open_missions

# The editor's section, and the field or list it opens at, for each kind of change.
SECTION_OF = {
    "tool": ("tools", "tools-forms"),
    "skill": ("skills", "id_profile-skills"),
    "english_written": ("english", "id_profile-english_written"),
    "english_spoken": ("english", "id_profile-english_spoken"),
    "english": ("english", "id_profile-english_written"),
    "rate": ("availability", "id_profile-daily_rate"),
    "mobility": ("availability", "id_profile-mobility_km"),
    "work_mode": ("availability", "id_profile-work_modes"),
    "availability": ("availability", "id_profile-available_from"),
    "project": ("experience", "experience-forms"),
    "diploma": ("diplomas", "diplomas-forms"),
}


@dataclass(frozen=True)
class CoachResult:
    rankable: bool  # False: a hidden, inactive profile or one without a daily rate gets no suggestion
    items: list[OverallItem]


def _headers(mission_ids: Sequence[int]) -> dict[int, tuple[int, list[float]]]:
    return {mission_id: (scored, quantiles) for mission_id, scored, quantiles in MissionRanking.objects.filter(
        mission__in=mission_ids).values_list("mission_id", "profiles_scored", "score_quantiles")}


def _standings(mission_ids: Sequence[int]) -> list[Standing | None]:
    """Each mission's stored ranking as position_of() reads it, rows best first (None: never ranked): two
    queries."""
    stored: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for mission_id, profile_id, score in RankingEntry.objects.shown().filter(
            mission__in=mission_ids).order_by("mission_id", "rank").values_list("mission_id", "profile_id", "score"):
        stored[mission_id].append((profile_id, score))
    headers = _headers(mission_ids)
    return [None if pk not in headers else Standing(
        stored=tuple(stored[pk]), stored_limit=settings.RANKING_TOP_K, scored=headers[pk][0],
        quantiles=tuple(headers[pk][1])) for pk in mission_ids]


def _standing_heads(mission_ids: Sequence[int], *, profile_id: int) -> list[Standing | None]:
    """Each mission's stored ranking as far as the top 10 needs it (Standing.top10), through the (mission, rank)
    index instead of every stored row: per header, the rank of its (TOP + 1)-th shown row and its lowest shown
    score; then the shown rows up to the highest such rank, and the profile's own; the count of shown rows only
    where every row past the head ties with it. None: never ranked."""
    shown = RankingEntry.objects.shown()
    of_mission = shown.filter(mission=OuterRef("mission_id"))
    headers = {mission_id: rest for mission_id, *rest in MissionRanking.objects.filter(mission__in=mission_ids).annotate(
        head_end=Subquery(of_mission.order_by("rank").values("rank")[TOP:TOP + 1]),
        lowest=Subquery(of_mission.order_by("-rank").values("score")[:1]),
    ).values_list("mission_id", "profiles_scored", "head_end", "lowest")}
    ends = [end for _, end, _ in headers.values() if end is not None]
    short = [pk for pk, (_, end, _) in headers.items() if end is None]  # TOP + 1 shown rows or fewer: all of them
    rows: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for mission_id, pid, score, rank in shown.filter(mission__in=list(headers)).filter(
            Q(rank__lte=max(ends, default=0)) | Q(mission__in=short) | Q(profile_id=profile_id)).order_by(
            "mission_id", "rank").values_list("mission_id", "profile_id", "score", "rank"):
        end = headers[mission_id][1]
        if end is None or rank <= end or pid == profile_id:
            rows[mission_id].append((pid, score))
    ties = [pk for pk, (_, end, lowest) in headers.items() if end is not None and rows[pk][TOP][1] == lowest]
    counts = dict(shown.filter(mission__in=ties).values("mission_id").annotate(n=Count("id")).values_list(
        "mission_id", "n")) if ties else {}
    out = []
    for pk in mission_ids:
        if pk not in headers:
            out.append(None)
            continue
        scored, end, lowest = headers[pk]
        # No quantiles: they place a score beyond the stored rows, never in the top 10.
        standing = Standing(stored=tuple(rows[pk]), stored_limit=settings.RANKING_TOP_K, scored=scored, quantiles=())
        if end is not None:
            count = counts.get(pk)
            standing = dataclasses.replace(standing, lowest=lowest, complete=None if count is None else (
                count < settings.RANKING_TOP_K or count >= scored))
        out.append(standing)
    return out


def _coach(*, profile: FreelancerProfile, features: ProfileFeatures, index: MissionIndex,
           standings: list[Standing | None]) -> Coach:
    return Coach(profile=features, index=index, standings=standings, rate_floor=profile.min_daily_rate or 0,
                 mobility_max=MOBILITY_KM_MAX, today=timezone.localdate())


def profile_coach(*, profile: FreelancerProfile, limit: int = 12) -> CoachResult:
    """The changes that would gain the profile the most open missions, most top-10 entries first."""
    (features,) = profile_features([profile.pk])
    if not features.visible:
        return CoachResult(rankable=False, items=[])
    index = open_missions().index
    standings = _standing_heads(index.ids.tolist(), profile_id=profile.pk)
    coach = _coach(profile=profile, features=features, index=index, standings=standings)
    return CoachResult(rankable=True, items=coach.overall(limit=limit))


def mission_suggestions(*, profile: FreelancerProfile, live: MissionsForMe,
                        positions: Sequence[int]) -> dict[int, list[Suggestion]]:
    """Per mission id, the suggestions for the missions at `positions` of a missions-for-me result (the page
    shown): only their stored rankings are read, so only their positions are promised."""
    if not live.rankable or not positions:
        return {}
    index = live.open.index
    shown = sorted(set(positions))
    page = dict(zip(shown, _standings([int(index.ids[i]) for i in shown])))
    (features,) = profile_features([profile.pk])
    coach = _coach(profile=profile, features=features, index=index,
                   standings=[page.get(i) for i in range(len(index))])
    return {int(index.ids[i]): coach.suggestions(i) for i in positions}


# ---------------------------------------------------------------- words and links
def change_text(change: Change, *, profile: FreelancerProfile, labels: dict[str, str]) -> str:
    """The change as a condition the freelancer checks ("Si vous maîtrisez …"), never as a claim to make."""
    kind = change.kind
    if kind == "tool":
        return _("Si vous maîtrisez %(tool)s au niveau « %(level)s »") % {
            "tool": labels.get(change.code, change.code), "level": Proficiency(change.level).label}
    if kind == "skill":
        return _("Si vous avez la compétence « %(skill)s »") % {"skill": labels.get(change.code, change.code)}
    if kind == "english_written":
        return _("Si votre anglais écrit atteint %(level)s") % {"level": CefrLevel(change.code).label}
    if kind == "english_spoken":
        return _("Si votre anglais oral atteint %(level)s") % {"level": CefrLevel(change.code).label}
    if kind == "english":
        return _("Si votre anglais écrit et oral atteint %(level)s") % {"level": CefrLevel(change.code).label}
    if kind == "rate":
        return _("Si vous acceptez un TJM de %(rate)s € (%(cost)s € de moins par jour)") % {
            "rate": change.number, "cost": (profile.daily_rate or 0) - change.number}
    if kind == "mobility":
        return _("Si vous pouvez vous déplacer jusqu'à %(km)s km") % {"km": change.number}
    if kind == "work_mode":
        if change.number == profile.mobility_km or change.code == WorkMode.REMOTE:
            return _("Si vous acceptez le mode de travail « %(mode)s »") % {"mode": WorkMode(change.code).label}
        return _("Si vous acceptez le mode de travail « %(mode)s » jusqu'à %(km)s km") % {
            "mode": WorkMode(change.code).label, "km": change.number}
    if kind == "availability":
        return _("Si vous pouvez être disponible dès le %(date)s") % {"date": formats.date_format(change.date)}
    if kind == "project":
        return _("Si vous avez déjà mené un projet de cette envergure : %(scale)s") % {
            "scale": ProjectScale(change.code).label}
    if kind == "combined":
        texts = [change_text(part, profile=profile, labels=labels) for part in change.parts]
        rest = [text[:1].lower() + text[1:] for text in texts[1:]]  # "Si vous …, et si vous …"
        return _("%(first)s et %(others)s") % {"first": ", ".join([texts[0], *rest[:-1]]), "others": rest[-1]}
    if change.code == "master":
        return _("Si vous avez un master ou un diplôme d'ingénieur (bac+%(level)s)") % {"level": change.level}
    if change.code == "plain":
        return _("Si vous avez un diplôme de niveau bac+%(level)s (autre qu'un master ou un diplôme d'ingénieur)") % {
            "level": change.level}
    return _("Si vous avez un diplôme de niveau bac+%(level)s") % {"level": change.level}


def change_link(change: Change) -> str:
    """The editor's section where the freelancer would make the change, opened at the field (a combined
    change: its first part's; each part carries its own)."""
    if change.kind == "combined":
        return change_link(change.parts[0])
    section, anchor = SECTION_OF[change.kind]
    return f"{reverse('freelancer:profile_edit', args=[section])}#{anchor}"


def change_data(change: Change, *, profile: FreelancerProfile, labels: dict[str, str]) -> dict:
    data = {**change.params(), "text": change_text(change, profile=profile, labels=labels),
            "edit_url": change_link(change)}
    if change.kind == "rate":
        data["cost_per_day"] = (profile.daily_rate or 0) - change.number
    if change.parts:
        data["parts"] = [change_data(part, profile=profile, labels=labels) for part in change.parts]
    return data


def suggestion_data(suggestion: Suggestion, *, profile: FreelancerProfile, labels: dict[str, str]) -> dict:
    """A suggestion as the API's `suggestions` items and the page read it."""
    position = suggestion.position
    return {
        "change": change_data(suggestion.change, profile=profile, labels=labels),
        "score": suggestion.score,
        "points": suggestion.points,
        "new_rank": position.rank if position else None,
        "rank_exact": bool(position and position.exact),
        "band": suggestion.band,
        "band_label": band_label(suggestion.band),
        "lifts_exclusion": suggestion.lifts_exclusion,
        "enters_top10": suggestion.enters_top10,
        "reaches_band": suggestion.reaches_band,
    }


def gains_text(item: OverallItem) -> str:
    """What the change would bring, in the order the list is ranked by."""
    parts = []
    if item.top10:
        parts.append(ngettext("vous ferait entrer dans le top 10 de %(count)s mission de plus",
                              "vous ferait entrer dans le top 10 de %(count)s missions de plus",
                              len(item.top10)) % {"count": len(item.top10)})
    if item.lifted:
        parts.append(ngettext("lèverait l'exclusion de %(count)s mission",
                              "lèverait l'exclusion de %(count)s missions", len(item.lifted)) % {
            "count": len(item.lifted)})
    if item.banded:
        parts.append(ngettext("ferait passer %(count)s mission dans la catégorie de score supérieure",
                              "ferait passer %(count)s missions dans la catégorie de score supérieure",
                              len(item.banded)) % {"count": len(item.banded)})
    return ", ".join(parts)


def overall_data(result: CoachResult, *, profile: FreelancerProfile, labels: dict[str, str]) -> list[dict]:
    """The overall list as the API and the page read it."""
    return [{
        "change": change_data(item.change, profile=profile, labels=labels),
        "text": _("%(change)s : %(gains)s.") % {
            "change": change_text(item.change, profile=profile, labels=labels), "gains": gains_text(item)},
        "top10_gained": len(item.top10),
        "exclusions_lifted": len(item.lifted),
        "bands_gained": len(item.banded),
        "top10_missions": list(item.top10),
        "lifted_missions": list(item.lifted),
        "banded_missions": list(item.banded),
    } for item in result.items]
