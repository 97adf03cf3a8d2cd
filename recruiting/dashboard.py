"""Read services for the client pages: dashboard rows, filtered candidates, explained breakdowns.

Every function runs a fixed number of queries whatever the number of rows (no N+1).
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language, ngettext_lazy

from core.answer_cache import answer_cached, answer_key, times_sum_sql, version_token, version_token_move
from matching.engine.bands import BAND_CODES, BAND_FLOOR, band_label
from matching.engine.criteria import CRITERIA, EXCLUSION_REASONS
from matching.engine.reasons import GATE_LABELS, gate_label, render_reason
from matching.models import MissionRanking, RankingEntry
from missions.criteria import Criterion
from missions.models import Mission
from profiles.api_search import SEARCH_VERSION_KEY, search_version
from profiles.models import Sector, Skill, Tool
from recruiting import stamps
from recruiting.models import ShortlistEntry

# "%(count)s …" sentences per hard-filter reason; ngettext_lazy picks the plural from "count" when formatted.
EXCLUSION_PHRASES = {
    "hidden": ngettext_lazy("%(count)s profil masqué ou inactif", "%(count)s profils masqués ou inactifs", "count"),
    "role": ngettext_lazy("%(count)s ne propose pas ce rôle", "%(count)s ne proposent pas ce rôle", "count"),
    "availability": ngettext_lazy("%(count)s non disponible à temps", "%(count)s non disponibles à temps", "count"),
    "work_mode": ngettext_lazy("%(count)s incompatible avec le mode de travail ou trop loin",
                               "%(count)s incompatibles avec le mode de travail ou trop loin", "count"),
    "rate": ngettext_lazy("%(count)s au-dessus de votre plafond de TJM", "%(count)s au-dessus de votre plafond de TJM",
                          "count"),
    "english": ngettext_lazy("%(count)s sous le niveau d'anglais requis", "%(count)s sous le niveau d'anglais requis",
                             "count"),
    "must_have": ngettext_lazy("%(count)s sans un outil ou une compétence indispensable",
                               "%(count)s sans un outil ou une compétence indispensable", "count"),
}
DEFAULT_MIN_SCORE = 70


def exclusion_summary(counts: dict[str, int] | None) -> list[str]:
    """Plain-words counts of excluded profiles per hard-filter reason, biggest first; zeros left out."""
    counts = counts or {}
    ordered = sorted((r for r in EXCLUSION_REASONS if counts.get(r)), key=lambda r: (-counts[r], EXCLUSION_REASONS.index(r)))
    out = []
    for reason in ordered:
        out.append(EXCLUSION_PHRASES[reason] % {"count": counts[reason]})
    return out


VOCABULARY_VERSION_KEY = "vocabulary-labels:version"
LABELS_TTL = 24 * 3600
RENDERED_TTL = 24 * 3600


def vocabulary_labels() -> dict[str, str]:
    """Code → label in the active language, for sectors, tools and skills: from the shared cache, or three
    queries when a vocabulary changed since (the version moves on commit of any change)."""
    key = f"vocabulary-labels:{vocabulary_version()}:{get_language()}"
    labels = cache.get(key)
    if labels is None:
        labels = {}
        for model in (Sector, Tool, Skill):
            for item in model.objects.only("code", "label_fr", "label_en"):
                labels[item.code] = item.label
        cache.set(key, labels, LABELS_TTL)
    return labels


def vocabulary_version() -> str:
    """A token that changes whenever a sector, tool or skill is saved or deleted: part of every cache key
    that holds a label, so no process reads a label that another one has changed."""
    return version_token(VOCABULARY_VERSION_KEY)


# The versions every cached client answer reads with it (core.answer_cache.answer_cached): the profiles' search
# version (a profile hidden, deleted or edited) and the vocabulary's (labels).
ANSWER_VERSIONS = {SEARCH_VERSION_KEY: search_version, VOCABULARY_VERSION_KEY: vocabulary_version}


def _vocabulary_changed(**kwargs) -> None:
    version_token_move(VOCABULARY_VERSION_KEY)


for _model in (Sector, Tool, Skill):
    post_save.connect(_vocabulary_changed, sender=_model, dispatch_uid=f"vocabulary-labels-{_model.__name__}")
    post_delete.connect(_vocabulary_changed, sender=_model, dispatch_uid=f"vocabulary-labels-{_model.__name__}-del")


@dataclass(frozen=True)
class EntryStamp:
    """What a stored entry's rendered breakdown depends on besides the language and the labels: the row
    (rewritten with a new computed_at) and its ranking's header (weights and the mission's figures)."""

    id: int
    computed_at: datetime.datetime
    ranking_computed_at: datetime.datetime | None
    engine_version: str

    def key(self, kind: str, version: str) -> str:
        ranking = self.ranking_computed_at.timestamp() if self.ranking_computed_at else 0
        return (f"rendered:{kind}:{get_language()}:{version}:{self.engine_version}:{self.id}:"
                f"{self.computed_at.timestamp()}:{ranking}")


STAMP_FIELDS = ("id", "computed_at", "mission__ranking__computed_at", "engine_version")


def entry_stamp(row: dict) -> EntryStamp:
    return EntryStamp(id=row["id"], computed_at=row["computed_at"],
                      ranking_computed_at=row["mission__ranking__computed_at"], engine_version=row["engine_version"])


def rendered_breakdowns(stamps: list[EntryStamp], *, kind: str, render) -> dict[int, object]:
    """Entry id → render(rows) of its explained breakdown, from the shared cache; the entries missing from
    it are read in one query, rendered once and cached for every process. Stored rankings only change by
    being rewritten, which changes the stamp, so nothing has to be invalidated."""
    version = vocabulary_version()
    keys = {stamp.key(kind, version): stamp.id for stamp in stamps}
    found = cache.get_many(list(keys))
    out = {keys[key]: value for key, value in found.items()}
    missing = [entry_id for key, entry_id in keys.items() if key not in found]
    if missing:
        labels = vocabulary_labels()
        fresh = {e.pk: render(explained_breakdown(e.explained(), labels=labels)) for e in
                 RankingEntry.objects.filter(pk__in=missing).select_related("mission__ranking")}
        cache.set_many({key: fresh[entry_id] for key, entry_id in keys.items() if entry_id in fresh}, RENDERED_TTL)
        out.update(fresh)
    return out


@dataclass
class CriterionRow:
    criterion: str
    label: str
    score: float  # 0–1
    percent: int
    points: float
    weight: float
    reason: str
    reason_code: str


def explained_breakdown(items: list[dict], *, labels: dict[str, str]) -> list[CriterionRow]:
    """A breakdown (RankingEntry.explained()) as display rows: label, percent for the bar, points, reason in
    plain words."""
    rows = []
    for item in items or []:
        criterion = item["criterion"]
        # A gate's line (engine version 2) names itself: it is not one of the mission's weighted criteria.
        label = gate_label(criterion) if criterion in GATE_LABELS else str(Criterion(criterion).label)
        rows.append(CriterionRow(
            criterion=criterion, label=label,
            score=item["score"], percent=round(100 * item["score"]), points=item["points"], weight=item["weight"],
            reason=_reason_text(item.get("reason"), labels), reason_code=(item.get("reason") or {}).get("code", ""),
        ))
    rows.sort(key=lambda r: CRITERIA.index(r.criterion) if r.criterion in CRITERIA else len(CRITERIA))
    return rows


def _reason_text(reason: dict | None, labels: dict[str, str]) -> str:
    if not reason:
        return ""
    try:
        return render_reason(reason, labels=labels)
    except KeyError:  # a reason code newer than this code (a rolling deploy): the numbers still show
        return ""


# ---------------------------------------------------------------- dashboard
@dataclass
class DashboardRow:
    mission: Mission
    above: int
    ranked: int
    progress: dict[str, int] = field(default_factory=dict)
    bands: dict[str, int] = field(default_factory=dict)

    @property
    def shortlisted_total(self) -> int:
        return sum(self.progress.values())

    @property
    def progress_steps(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in workflow order, statuses with nobody left out."""
        return [(value, label, self.progress[value]) for value, label in ShortlistEntry.Status.choices
                if self.progress.get(value)]

    @property
    def band_counts(self) -> list[tuple[str, str, int]]:
        """(band, label, count), best band first, every band shown (0 included) so columns line up."""
        return [(code, band_label(code), self.bands.get(code, 0)) for code in BAND_CODES]


def _band_filter(code: str) -> Q:
    i = BAND_CODES.index(code)
    within = Q(score__gte=BAND_FLOOR[code])
    return within & Q(score__lt=BAND_FLOOR[BAND_CODES[i - 1]]) if i else within


def dashboard_stamp(user) -> tuple[str, ...]:
    """What the user's dashboard table depends on in the database, in one query: their organisations, their missions
    (how many, their summed edit and ranking times) and these missions' shortlist entries (how many, their summed
    modification times). Sums, not maxima: a row saved earlier but committed later still moves them."""
    sql = (f"SELECT COUNT(*) || ':' || {times_sum_sql('m.updated_at')} || ':' || {times_sum_sql('r.computed_at')}, "
           f"{stamps.shortlists_stamp_sql()}, {stamps.organisations_list_sql()} "
           f"FROM {Mission._meta.db_table} m LEFT JOIN {MissionRanking._meta.db_table} r ON r.mission_id = m.id "
           f"WHERE m.organisation_id IN {stamps.their_organisations_sql()}")
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, user.pk, user.pk])
        return tuple(map(str, cursor.fetchone()))


def dashboard_table_cached(*, user, min_score: float, build: Callable[[], str]) -> str:
    """build()'s table for the user at this threshold, from the shared cache or built and kept there, under the
    dashboard's stamp, the language, and the profiles' search version (a profile hidden, deleted or deactivated
    leaves every count at once) and the vocabulary's (sector labels): a table seen before costs one query and
    one cache round trip."""
    parts = (user.pk, min_score, get_language(), dashboard_stamp(user))
    return answer_cached(answer_key("dashboard", parts), build,
                         versions=ANSWER_VERSIONS)


def dashboard_rows(*, user, min_score: float = DEFAULT_MIN_SCORE) -> list[DashboardRow]:
    """The user's organisations' missions with candidates above min_score, per score band, and shortlist
    counts per status: three queries whatever the number of missions."""
    missions = list(Mission.objects.of_organisations(user).select_related("organisation", "sector")
                    .order_by("-created_at", "-id"))
    ids = [m.pk for m in missions]
    # One grouped pass over the missions' rows (a correlated subquery per mission and count took seconds).
    counts = {
        row.pop("mission_id"): row for row in
        RankingEntry.objects.shown().filter(mission_id__in=ids).order_by().values("mission_id").annotate(
            ranked=Count("id"), above=Count("id", filter=Q(score__gte=min_score)),
            **{f"band_{code}": Count("id", filter=_band_filter(code)) for code in BAND_CODES},
        )
    }
    progress: dict[int, dict[str, int]] = defaultdict(dict)
    for mission_id, status, n in (
        ShortlistEntry.objects.filter(mission__in=ids).order_by()
        .values_list("mission_id", "status").annotate(n=Count("id"))
    ):
        progress[mission_id][status] = n
    rows = []
    for mission in missions:
        found = counts.get(mission.pk, {})
        rows.append(DashboardRow(mission=mission, above=found.get("above", 0), ranked=found.get("ranked", 0),
                                 progress=progress[mission.pk],
                                 bands={code: found.get(f"band_{code}", 0) for code in BAND_CODES}))
    return rows


# ---------------------------------------------------------------- mission page
@dataclass(frozen=True)
class CandidateFilters:
    min_score: float | None = None
    available_by: datetime.date | None = None
    work_mode: str | None = None
    max_rate: int | None = None


def candidate_entries(*, mission: Mission, filters: CandidateFilters) -> QuerySet[RankingEntry]:
    """The mission's stored ranking, best first, narrowed by the page's filters."""
    entries = RankingEntry.objects.shown().filter(mission=mission).order_by("rank")
    if filters.min_score is not None:
        entries = entries.filter(score__gte=filters.min_score)
    if filters.available_by is not None:
        entries = entries.filter(Q(profile__available_from__isnull=True) | Q(profile__available_from__lte=filters.available_by))
    if filters.max_rate is not None:
        entries = entries.filter(profile__daily_rate__lte=filters.max_rate)
    return entries


def candidate_ids(entries: QuerySet[RankingEntry], work_mode: str | None) -> list[int]:
    """The entries' ids in rank order (at most RANKING_TOP_K): what the page paginates. Work modes are a JSON
    list, filtered in Python so SQLite and PostgreSQL agree."""
    if not work_mode:
        return list(entries.values_list("id", flat=True))
    return [entry_id for entry_id, modes in entries.values_list("id", "profile__work_modes") if work_mode in (modes or [])]


def candidate_page_entries(ids: list[int]) -> list[RankingEntry]:
    """The page's entries with their profiles, in rank order; their breakdowns are rendered apart
    (rendered_breakdowns), so the breakdown column is left unread."""
    return list(RankingEntry.objects.filter(pk__in=ids).select_related("profile__user", "mission__ranking")
                .defer("breakdown").order_by("rank"))


def stamp_of(entry: RankingEntry) -> EntryStamp:
    ranking = entry.mission.ranking if hasattr(entry.mission, "ranking") else None
    return EntryStamp(id=entry.pk, computed_at=entry.computed_at, engine_version=entry.engine_version,
                      ranking_computed_at=ranking.computed_at if ranking else None)


def band_labels() -> dict[str, str]:
    """Band code → label in the active language, translated once per request rather than once per row."""
    return {code: band_label(code) for code in BAND_CODES}


def mission_ranking_header(mission: Mission) -> MissionRanking | None:
    return MissionRanking.objects.filter(mission=mission).first()


def shortlist_by_profile(mission: Mission) -> dict[int, ShortlistEntry]:
    return {e.profile_id: e for e in ShortlistEntry.objects.filter(mission=mission)}
