"""Freelancers' preferences as the recruiting side reads them. The loaders live in matching.loaders, where
rankings are stored with each row's misses; the freelancer's missions, the alerts and the client's candidates
all read them from there. Rendering the stored misses for the client is here."""
from __future__ import annotations

from collections.abc import Mapping

from django.db.models import QuerySet

from matching.engine.preferences import ProfilePreferences, preference_miss_text
from matching.loaders import profiles_preferences
from matching.models import RankingEntry
from profiles.models import FreelancerProfile

# The candidates' orderings, on the page and in the API: the client's own ranking, or those who fit both ways
# first (the freelancer's preferences), each group in the client's order.
ORDER_RANK, ORDER_MUTUAL = "rank", "mutual"
ORDERINGS = (ORDER_RANK, ORDER_MUTUAL)


def profile_preferences(profile: FreelancerProfile) -> ProfilePreferences:
    return profiles_preferences([profile.pk])[profile.pk]


def candidates_narrowed(entries: QuerySet[RankingEntry], *, fits: bool | None = None,
                        ordering: str | None = None) -> QuerySet[RankingEntry]:
    """Stored entries narrowed to those that fit (or miss) the freelancer's preferences, and ordered: read
    from the columns written with the ranking, so it costs no query of its own."""
    if fits is not None:
        entries = entries.filter(fits_preferences=fits)
    if ordering == ORDER_MUTUAL:
        entries = entries.order_by("-fits_preferences", "rank")
    return entries


def misses_for_client(misses: list[dict] | None, *, labels: Mapping[str, str]) -> list[dict]:
    """The stored misses of a row as {code, text, params}, the text in the active language, speaking of the
    candidate; a code newer than this code (a rolling deploy) keeps its params and an empty text."""
    out = []
    for miss in misses or ():
        try:
            text = preference_miss_text(miss, voice="client", labels=labels)
        except KeyError:
            text = ""
        out.append({"code": miss["code"], "text": text, "params": miss.get("params") or {}})
    return out
