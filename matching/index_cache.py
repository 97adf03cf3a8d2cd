"""The profile index each process keeps in memory, kept in step with the database.

Before every use it folds in the profiles changed since its last sync (edits touch
`updated_at`); it is rebuilt whole when the vocabulary changes or when it is
older than RANKING_INDEX_MAX_AGE seconds, so that deletions are caught too.
"""
import threading
import time

from django.conf import settings
from django.utils import timezone

from matching.features import ProfileIndex
from matching.index_builder import build_profile_index
from matching.loaders import profile_features, profile_ids_changed_since, vocabulary_from_db

_lock = threading.Lock()
_state: dict = {"index": None, "synced_at": None, "built_at": None, "built_monotonic": 0.0}


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
    synced_at = timezone.now()
    index = build_profile_index()
    _state.update(index=index, synced_at=synced_at, built_at=synced_at, built_monotonic=time.monotonic())
    return index


def _sync(index: ProfileIndex) -> None:
    synced_at = timezone.now()
    changed = profile_ids_changed_since(_state["synced_at"])
    for features in profile_features(changed):
        index.upsert(features)
    _state["synced_at"] = synced_at


def forget_profile(profile_id: int) -> None:
    """Drop a deleted profile from this process's index at once."""
    with _lock:
        if _state["index"] is not None:
            _state["index"].remove(profile_id)


def reset() -> None:
    with _lock:
        _state.update(index=None, synced_at=None, built_at=None, built_monotonic=0.0)
