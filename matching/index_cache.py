"""The profile index each process keeps in memory, kept in step with the database.

Before every use the index folds in the profiles changed since its last sync; it is
rebuilt whole when the vocabulary changes, when it is older than RANKING_INDEX_MAX_AGE
seconds, or when the nightly run asks for an index built after it started.

Which profiles changed is read from ProfileChange: one row per profile, stamped by
`profile_change_record` in the transaction that changes the profile's features. The
stamp is not a clock reading, nor an id drawn from a sequence: both are taken before the
transaction commits, so a change stamped before a sync but committed just after it would
look older than the sync and stay missed until the next rebuild. Each sync instead takes a
*horizon*, a stamp below which no transaction can still commit, before it reads:

- PostgreSQL: the stamp is the writing transaction's id (`pg_current_xact_id()`), the
  horizon the xmin of the current snapshot (`pg_current_snapshot()`). Every transaction
  with a smaller id has ended, so a committed one is visible to the reads that follow;
  one still running has an id at or above the horizon and is read at the next sync.
  Rows at or above the horizon are read again at each sync until the horizon passes them
  (folding a profile twice is harmless): a long transaction on the server makes syncs
  re-read more, never miss.
- SQLite runs one writer at a time: the stamp is the largest stamp plus one, taken under
  the write lock, so stamps commit in order and the horizon is the largest one plus one.

A rebuild takes the horizon before it reads, so what commits during the build is folded
in at the next sync. A deleted profile keeps its row (no foreign key): the sync drops it.
"""
import threading
import time

from django.conf import settings
from django.db import connection
from django.utils import timezone

from matching.engine.features import ProfileIndex
from matching.index_builder import build_profile_index
from matching.loaders import profile_change_horizon, profile_features, profile_ids_changed_since, vocabulary_from_db

_lock = threading.Lock()
_state: dict = {"index": None, "horizon": None, "built_at": None, "built_monotonic": 0.0}

_STAMP_SQL = {
    "postgresql": "pg_current_xact_id()::text::bigint",
    "sqlite": "(SELECT COALESCE(MAX(sequence), 0) + 1 FROM matching_profilechange)",
}


def profile_change_record(*, profile_id: int) -> None:
    """Stamp the profile as changed, in the caller's transaction (after the change itself)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO matching_profilechange (profile_id, sequence) VALUES (%s, {_STAMP_SQL[connection.vendor]}) "
            "ON CONFLICT (profile_id) DO UPDATE SET sequence = excluded.sequence",
            [profile_id],
        )


def current_index(*, built_after=None) -> ProfileIndex:
    """The index, synced; rebuilt whole when it was built before `built_after` (the nightly reconciliation)."""
    with _lock:
        index = _state["index"]
        max_age = getattr(settings, "RANKING_INDEX_MAX_AGE", 3600)
        stale = index is None or time.monotonic() - _state["built_monotonic"] > max_age
        stale = stale or (built_after is not None and _state["built_at"] < built_after)
        if not stale and index.vocabulary != vocabulary_from_db():
            stale = True
        if stale:
            return _rebuild()
        _sync(index)
        return index


def _rebuild() -> ProfileIndex:
    horizon, built_at = profile_change_horizon(), timezone.now()
    index = build_profile_index()
    _state.update(index=index, horizon=horizon, built_at=built_at, built_monotonic=time.monotonic())
    return index


def _sync(index: ProfileIndex) -> None:
    horizon = profile_change_horizon()
    changed = profile_ids_changed_since(_state["horizon"])
    found = profile_features(changed)
    for features in found:
        index.upsert(features)
    for profile_id in set(changed) - {features.id for features in found}:
        index.remove(profile_id)  # deleted
    _state["horizon"] = horizon


def reset() -> None:
    with _lock:
        _state.update(index=None, horizon=None, built_at=None, built_monotonic=0.0)
