"""Scoring one mission in chunks, in threads: the same ranking as one pass, bit for bit, in the same order."""
from __future__ import annotations

import dataclasses
import multiprocessing
import random
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from matching.engine import parallel
from matching.engine.features import ProfileIndex
from matching.engine.scoring import rank
from tests.matching.test_engine_properties import PROPERTY, VOCAB, _random_mission, _random_profile, missions, seeds


@st.composite
def crowds(draw) -> list:
    """Up to 80 profiles, some of them copies of others under another id: equal scores, so that ids decide."""
    rng = draw(seeds)
    ids = rng.sample(range(1, 10_001), draw(st.integers(1, 80)))
    people = [_random_profile(rng, i) for i in ids[: max(1, len(ids) * 2 // 3)]]
    people += [dataclasses.replace(rng.choice(people), id=i) for i in ids[len(people):]]
    rng.shuffle(people)
    return people


def everything(result) -> tuple:
    return (
        [(c.profile_id, c.rank, c.score, c.breakdown) for c in result.candidates],
        result.excluded, result.excluded_total, result.scored, result.scores.tobytes(),
    )


@PROPERTY
@given(people=crowds(), mission=missions(weights=True), data=st.data())
def test_chunked_rank_gives_the_same_candidates_scores_and_order_as_one_pass(people, mission, data):
    index = ProfileIndex.from_profiles(people, vocabulary=VOCAB)
    top_k = data.draw(st.integers(0, len(people) + 2), label="top_k")
    explain_top = data.draw(st.none() | st.integers(0, top_k), label="explain_top")
    chunks = data.draw(st.integers(2, len(people) + 3), label="chunks")
    one_pass = rank(mission=mission, index=index, top_k=top_k, explain_top=explain_top, chunks=1)
    chunked = rank(mission=mission, index=index, top_k=top_k, explain_top=explain_top, chunks=chunks)
    assert everything(chunked) == everything(one_pass)


@PROPERTY
@given(people=crowds(), mission=missions(weights=True))
def test_with_the_threshold_forced_low_small_indexes_are_ranked_in_threads_alike(people, mission):
    index = ProfileIndex.from_profiles(people, vocabulary=VOCAB)
    one_pass = rank(mission=mission, index=index, top_k=10, chunks=1)
    with mock.patch.object(parallel, "MIN_PARALLEL_ROWS", 1), mock.patch.object(parallel, "THREADS", 3):
        assert len(parallel.chunk_bounds(len(index))) == min(len(index), 3)
        threaded = rank(mission=mission, index=index, top_k=10)
    assert everything(threaded) == everything(one_pass)


def test_chunks_are_contiguous_and_cover_every_row_once():
    for rows, chunks in ((0, None), (1, 4), (10, 3), (49_999, None), (1_000_000, None), (1_000_003, 7)):
        bounds = parallel.chunk_bounds(rows, chunks)
        assert bounds[0][0] == 0 and bounds[-1][1] == rows
        assert all(stop == start for (_, stop), (start, _) in zip(bounds, bounds[1:]))
        assert all(start < stop for start, stop in bounds) or rows == 0


def test_small_indexes_are_scored_in_one_pass_and_large_ones_over_every_thread():
    assert parallel.chunk_bounds(parallel.MIN_PARALLEL_ROWS - 1) == [(0, parallel.MIN_PARALLEL_ROWS - 1)]
    with mock.patch.object(parallel, "THREADS", 2):
        assert len(parallel.chunk_bounds(parallel.MIN_PARALLEL_ROWS)) == 2
    with mock.patch.object(parallel, "THREADS", 1):
        assert parallel.chunk_bounds(1_000_000) == [(0, 1_000_000)]


def test_the_default_is_two_to_four_threads_or_the_configured_number(monkeypatch):
    monkeypatch.delenv("AMOE_ENGINE_THREADS", raising=False)
    assert 2 <= parallel._default_threads() <= 4
    monkeypatch.setenv("AMOE_ENGINE_THREADS", "1")
    assert parallel._default_threads() == 1


def _rank_in_child(index, mission, out) -> None:
    out.put(everything(rank(mission=mission, index=index, top_k=10, chunks=3)))


def test_a_forked_worker_ranks_in_threads_of_its_own():
    """A Celery prefork worker is forked after the parent has ranked: the parent's pool threads are not
    in the child, which must make its own rather than wait for them."""
    rng = random.Random(19)
    index = ProfileIndex.from_profiles([_random_profile(rng, i) for i in range(1, 61)], vocabulary=VOCAB)
    mission = _random_mission(rng, weights=False)
    with mock.patch.object(parallel, "THREADS", 2):
        expected = everything(rank(mission=mission, index=index, top_k=10, chunks=3))  # the parent's pool exists
        context = multiprocessing.get_context("fork")
        out = context.Queue()
        child = context.Process(target=_rank_in_child, args=(index, mission, out))
        child.start()
        child.join(timeout=60)
        stuck = child.is_alive()
        if stuck:
            child.kill()
    assert not stuck
    assert child.exitcode == 0
    assert out.get(timeout=5) == expected
