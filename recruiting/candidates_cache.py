"""A mission's ranked candidates, as the API's JSON page and as the mission page's content, kept whole in the shared
cache (core.answer_cache).

The key holds everything those answers are computed from, read with the permission check (one query: the mission
of one of the user's organisations) and with the answer (one cache round trip):
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
from dataclasses import dataclass
from typing import TypeVar

from django.db import connection
from django.http import Http404
from django.utils.translation import get_language

from core.answer_cache import answer_cached, answer_key
from matching.engine.criteria import ENGINE_VERSIONS
from matching.models import MissionRanking
from missions.models import Mission
from recruiting import stamps
from recruiting.dashboard import ANSWER_VERSIONS

T = TypeVar("T")


@dataclass(frozen=True)
class StampedMission:
    """A mission the user may see (its organisation is one of theirs), with what its candidates' answers depend on
    in the database."""

    pk: int
    organisation_id: int
    # Its status and last edit, its ranking's computed_at, the shortlists of the user's organisations, those
    # organisations.
    stamp: tuple[str, ...]


def mission_stamped(user, pk) -> StampedMission:
    """The mission if the user belongs to its organisation (Http404 otherwise, as missions.access), in one plain
    query with its ranking's computed_at (none before its first ranking), the count and summed modification times
    of the shortlist entries of the user's organisations, and those organisations' ids."""
    sql = (f"SELECT m.id, m.organisation_id, m.status, m.updated_at, "
           f"(SELECT computed_at FROM {MissionRanking._meta.db_table} WHERE mission_id = m.id), "
           f"{stamps.shortlists_stamp_sql()}, {stamps.organisations_list_sql()} "
           f"FROM {Mission._meta.db_table} m WHERE m.id = %s AND m.organisation_id IN {stamps.their_organisations_sql()}")
    if not user.is_authenticated:
        raise Http404("No such mission.")
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, user.pk, pk, user.pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such mission.")
    return StampedMission(pk=row[0], organisation_id=row[1], stamp=tuple(map(str, row[2:])))


def candidates_cached(kind: str, *, mission: StampedMission, url: str, build: Callable[[], T]) -> T:
    """build()'s answer (the caller's kind: "api", "mission-page") for the mission and the request's URL, from the shared
    cache or built and kept there."""
    parts = (kind, connection.alias, mission.pk, mission.organisation_id, mission.stamp, ENGINE_VERSIONS,
             get_language(), url)
    return answer_cached(answer_key("candidates", parts), build, versions=ANSWER_VERSIONS)
