"""Scoring one mission over several chunks of the index at once, in a small pool of threads.

NumPy releases the GIL inside its loops, so threads scoring contiguous chunks of rows share the
work of one ranking. The pool is created at first use, and again in a forked child (a Celery
prefork worker, a gunicorn worker): a child inherits the parent's pool object but none of its
threads, so work handed to it would wait forever.
"""
from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many rows, one pass in the caller's thread: handing work to threads costs more than it saves
# (at 100,000 rows, about 1 ms of work, two threads measured slower, and much slower on a busy machine).
MIN_PARALLEL_ROWS = 200_000


def _default_threads() -> int:
    """AMOE_ENGINE_THREADS if set (1 turns threading off), else the CPUs this process may use, 2 to 4."""
    configured = os.environ.get("AMOE_ENGINE_THREADS", "").strip()
    if configured:
        threads = int(configured)
        if threads < 1:
            raise ValueError(f"AMOE_ENGINE_THREADS must be a positive integer, not {configured!r}")
        return threads
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return min(max(cpus, 2), 4)


THREADS = _default_threads()

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_pool_pid: int | None = None


def chunk_bounds(rows: int, chunks: int | None = None) -> list[tuple[int, int]]:
    """Contiguous (start, stop) ranges covering rows 0 … rows − 1, in order. Without `chunks`: one
    range below MIN_PARALLEL_ROWS, else one per thread (smaller chunks, for cache, measured slower: each
    costs its own few hundred NumPy calls)."""
    if chunks is None:
        chunks = 1 if rows < MIN_PARALLEL_ROWS else THREADS
    chunks = max(1, min(chunks, rows))
    edges = [rows * i // chunks for i in range(chunks + 1)]
    return list(zip(edges[:-1], edges[1:]))


def _executor() -> ThreadPoolExecutor:
    global _pool, _pool_pid
    with _lock:
        if _pool is None or _pool_pid != os.getpid():
            _pool = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="amoe-engine")
            _pool_pid = os.getpid()
        return _pool


def map_chunks(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """fn over the items, results in the items' order.

    The caller's thread works too, taking the next item as the pool's threads do: on a busy machine,
    where a pool thread may wait for a CPU, the caller goes on with the items nobody has taken, and
    waits only for items a pool thread has started.
    """
    if len(items) == 1 or THREADS == 1:
        return [fn(item) for item in items]
    results: list = [None] * len(items)
    errors: list[BaseException] = []
    taken = itertools.count()  # next() on a count is atomic under the GIL
    done = [threading.Event() for _ in items]

    def work() -> None:
        for i in iter(taken.__next__, None):
            if i >= len(items):
                return
            try:
                results[i] = fn(items[i])
            except BaseException as error:  # handed to the caller, which raises it
                errors.append(error)
            finally:
                done[i].set()

    pool = _executor()
    for _ in range(min(THREADS, len(items)) - 1):
        pool.submit(work)
    work()
    for event in done:
        event.wait()
    if errors:
        raise errors[0]
    return results
