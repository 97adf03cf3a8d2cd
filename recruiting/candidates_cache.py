"""A mission's ranked candidates, as the API's JSON page and as the page's ranked section, kept whole in the shared
cache (core.answer_cache).

The key holds everything those answers are computed from, read after the permission check in one query and one
cache round trip:
- the mission's ranking computed_at: every re-ranking (the outbox, the nightly run, a freelancer's preferences)
  rewrites the header with the rows;
- the shortlist entries of the user's organisations (count and modification times) and those organisations: a
  candidate's shortlist status, and the contacts a shortlist unlocks for that organisation only;
- the profiles' search version (profiles.api_search): it moves on commit of any change to a profile or its
  account, so a profile hidden or deactivated (which leaves RankingEntry.objects.shown() at once) and a name,
  rate or city edited show at the next request;
- the vocabulary version (labels in the reasons and misses), the engine versions (retired ones are not shown),
  the language, the mission's status and last edit, and what the caller passes (the request's URL: filters,
  ordering, page, size, and the host the API's next/previous links are built on).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from accounts.models import Membership
from core.answer_cache import answer_cached, answer_key, ids_list_sql, times_sum_sql
from matching.engine.criteria import ENGINE_VERSIONS
from matching.models import MissionRanking
from missions.models import Mission
from profiles.api_search import SEARCH_VERSION_KEY, search_version
from recruiting.dashboard import VOCABULARY_VERSION_KEY, vocabulary_version
from recruiting.models import ShortlistEntry

T = TypeVar("T")


def candidates_stamp(*, mission: Mission, user) -> tuple:
    """In one query: the mission's ranking computed_at (None before its first ranking), the count and summed
    modification times of the shortlist entries of the user's organisations, and those organisations' ids."""
    memberships = f"(SELECT organisation_id FROM {Membership._meta.db_table} WHERE user_id = %s)"
    sql = (f"SELECT (SELECT computed_at FROM {MissionRanking._meta.db_table} WHERE mission_id = %s), s.*, "
           f"{ids_list_sql('organisation_id', Membership._meta.db_table, 'user_id = %s')} "
           f"FROM (SELECT COUNT(*), {times_sum_sql('e.updated_at')} FROM {ShortlistEntry._meta.db_table} e "
           f"JOIN {Mission._meta.db_table} m ON m.id = e.mission_id WHERE m.organisation_id IN {memberships}) s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [mission.pk, user.pk, user.pk])
        return tuple(cursor.fetchone())


def _versions() -> tuple[str, str]:
    # One round trip for both versions; a missing one is created by its own function.
    found = cache.get_many([SEARCH_VERSION_KEY, VOCABULARY_VERSION_KEY])
    return (found.get(SEARCH_VERSION_KEY) or search_version(),
            found.get(VOCABULARY_VERSION_KEY) or vocabulary_version())


def candidates_cached(kind: str, *, mission: Mission, user, url: str, build: Callable[[], T]) -> T:
    """build()'s answer (the caller's kind: "api", "page") for the mission, the user and the request's URL, from
    the shared cache or built and kept there. Call it only once the user may see the mission."""
    stamp = candidates_stamp(mission=mission, user=user)
    parts = (kind, connection.alias, mission.pk, mission.organisation_id, mission.status,
             mission.updated_at.isoformat(), stamp, _versions(), ENGINE_VERSIONS, get_language(), url)
    return answer_cached(answer_key("candidates", parts), build)
