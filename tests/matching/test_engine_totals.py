"""rank() scores a chunk that keeps many rows through totals.py and explains its best through criteria_scores()
and gated_scores(), which score a chunk that keeps few: the two paths must give every kept row the same score,
bit for bit, and rank() the same result whichever path each chunk takes."""
from __future__ import annotations

import dataclasses
import random
from unittest import mock

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching.engine import scoring, totals
from matching.engine.features import MATRICES, STORED_SCALARS, ProfileIndex
from matching.engine.scoring import criteria_scores, exclusion_masks, gated_scores, rank, weighted_points
from matching.engine.synthetic import synthetic_index, synthetic_missions
from matching.engine.targets import mission_targets
from tests.matching.test_engine_parallel import crowds, everything
from tests.matching.test_engine_properties import PROPERTY, VOCAB, _random_profile, missions


def kept_rows(mission, index) -> np.ndarray:
    failing = np.zeros(len(index), bool)
    for mask in exclusion_masks(mission=mission, index=index).values():
        if mask is not None:
            failing |= mask
    return np.flatnonzero(~failing)


def both_paths(mission, index, rows) -> tuple[np.ndarray, np.ndarray]:
    """(totals.py's scores, criteria_scores() and gated_scores()'s) of the rows."""
    targets, points = mission_targets(mission), weighted_points(mission)
    fast = totals.RowTotals(mission=mission, targets=targets, points=points,
                            vocabulary=index.vocabulary).scores(index, rows)
    scores = criteria_scores(mission=mission, index=index, rows=rows, targets=targets)
    reference, _ = gated_scores(mission=mission, targets=targets, index=index, rows=rows, scores=scores,
                                points=points)
    return fast, reference


@PROPERTY
@given(people=crowds(), mission=missions(weights=True), data=st.data())
def test_every_kept_row_scores_the_same_through_both_paths(people, mission, data):
    index = ProfileIndex.from_profiles(people, vocabulary=VOCAB)
    rows = kept_rows(mission, index)
    block = data.draw(st.integers(1, len(people) + 1), label="block")
    with mock.patch.object(totals, "BLOCK", block):  # one row per block … all rows in one
        fast, reference = both_paths(mission, index, rows)
    assert fast.tobytes() == reference.tobytes()


@PROPERTY
@given(people=crowds(), mission=missions(weights=True))
def test_without_the_must_have_filter_the_must_have_gate_is_applied_to_every_row(people, mission):
    mission = dataclasses.replace(mission, exclude_missing_must_haves=False)
    index = ProfileIndex.from_profiles(people, vocabulary=VOCAB)
    fast, reference = both_paths(mission, index, kept_rows(mission, index))
    assert fast.tobytes() == reference.tobytes()


@PROPERTY
@given(people=crowds(), mission=missions(weights=True), data=st.data())
def test_rank_gives_the_same_candidates_breakdowns_and_scores_whichever_path_scores_the_chunks(people, mission, data):
    index = ProfileIndex.from_profiles(people, vocabulary=VOCAB)
    top_k = data.draw(st.integers(0, len(people) + 2), label="top_k")
    explain_top = data.draw(st.none() | st.integers(0, top_k), label="explain_top")
    chunks = data.draw(st.integers(1, 4), label="chunks")
    threshold = data.draw(st.integers(0, len(people)), label="REFERENCE_ROWS")  # some chunks one way, some the other
    results = []
    for rows in (0, threshold, len(people) + 1):  # totals.py everywhere, mixed, criteria_scores() everywhere
        with mock.patch.object(scoring, "REFERENCE_ROWS", rows):
            results.append(everything(rank(mission=mission, index=index, top_k=top_k, explain_top=explain_top,
                                           chunks=chunks)))
    assert results[0] == results[1] == results[2]


def test_a_large_synthetic_index_scores_the_same_through_both_paths_in_many_blocks():
    index = synthetic_index(n=3 * totals.BLOCK + 17, seed=4)
    for mission in synthetic_missions(m=40, seed=9, vocabulary=index.vocabulary):
        fast, reference = both_paths(mission, index, kept_rows(mission, index))
        assert fast.tobytes() == reference.tobytes(), mission.id


def test_the_scoring_records_are_derived_alike_by_a_build_by_upserts_and_after_a_removal():
    rng = random.Random(7)
    people = [_random_profile(rng, i) for i in range(1, 41)]
    upserted = ProfileIndex.from_profiles(people, vocabulary=VOCAB)
    built = ProfileIndex.from_arrays(vocabulary=VOCAB, **{name: getattr(upserted, name)
                                                          for name in ("ids", *STORED_SCALARS, *MATRICES)})
    assert built.scoring.tobytes() == upserted.scoring.tobytes()
    upserted.remove(people[0].id)  # the last row moves into its slot
    for profile in people[1:]:
        assert upserted.scoring[upserted.row_of(profile.id)] == built.scoring[built.row_of(profile.id)]
