"""Whole answers (a JSON page, a rendered fragment) kept in the shared cache under a key made of what they depend on.

The caller reads that state first (a stamp: a narrow query, cache versions), then the data: what commits in
between gives the next request another key, so an answer is never older than its key and nothing has to be
invalidated. Only answers that were built are kept: an exception (a 400, a 404) leaves nothing behind.
"""
from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping
from typing import TypeVar

from django.core.cache import cache
from django.db import connection, transaction

T = TypeVar("T")

ANSWER_TTL = 3600


def answer_key(namespace: str, parts: tuple) -> str:
    """A short cache key for parts of any length (their repr, hashed)."""
    return f"{namespace}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"


def version_token(key: str) -> str:
    """The token kept under `key`, created when missing: an evicted token reads as a new one, so what was kept
    under the old one is built again, never served stale."""
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, None)
        token = cache.get(key)
    return token


def version_token_move(key: str) -> None:
    """Gives `key` a new token once the transaction commits: a reader between the change and the commit would
    otherwise keep the old rows under the new token."""
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, None))


def cache_forget(keys: list[str]) -> None:
    """Deletes keys now and again once the transaction commits: a reader that read the rows before the change
    cannot leave them cached past the commit."""
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def answer_cached(key: str, build: Callable[[], T], *, versions: Mapping[str, Callable[[], str]] | None = None,
                  ttl: int = ANSWER_TTL) -> T:
    """build()'s answer from the shared cache, or built and kept there. `versions` (cache key → the function that
    creates it when missing) are tokens the answer also depends on: read in the same round trip as the answer
    and kept beside it, an answer kept under other versions is built again."""
    versions = versions or {}
    found = cache.get_many([*versions, key])
    current = tuple(found.get(name) or create() for name, create in versions.items())
    held = found.get(key)
    if held is not None and held[0] == current:
        return held[1]
    answer = build()
    cache.set(key, (current, answer), ttl)
    return answer


def times_sum_sql(column: str) -> str:
    """An SQL text expression that sums a datetime column exactly: a sum, not a maximum, so that a row saved earlier
    but committed later still changes it."""
    return {
        "postgresql": f"COALESCE(SUM(EXTRACT(EPOCH FROM {column})), 0)::text",
        # Stored as 'YYYY-MM-DD HH:MM:SS.ffffff': whole seconds and microseconds, summed exactly apart.
        "sqlite": f"(COALESCE(SUM(strftime('%%s', {column})), 0) || '.' || "
                  f"COALESCE(SUM(CAST(substr({column}, 21) AS INTEGER)), 0))",
    }[connection.vendor]


def ids_list_sql(column: str, table: str, where: str) -> str:
    """A SELECT of one value (for a scalar subquery): the column's values of the table's rows matching `where`,
    sorted, comma-separated."""
    if connection.vendor == "postgresql":
        return f"SELECT string_agg({column}::text, ',' ORDER BY {column}) FROM {table} WHERE {where}"
    return f"SELECT group_concat({column}) FROM (SELECT {column} FROM {table} WHERE {where} ORDER BY {column})"
