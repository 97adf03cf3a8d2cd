"""rank()'s best k, found among the scores above a floor, are those a full sort gives: best first, ties to the
lower profile id."""
from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching.engine.scoring import _best
from tests.matching.test_engine_properties import PROPERTY


@PROPERTY
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 5000), k=st.integers(0, 80),
       distinct=st.sampled_from([2, 10, 1000, None]))
def test_the_best_k_are_those_of_a_full_sort(seed, n, k, distinct):
    rng = np.random.default_rng(seed)
    # Few distinct values: ties everywhere, the ids decide.
    total = rng.integers(0, distinct, n) * 0.5 if distinct else rng.random(n) * 100
    ids = rng.permutation(np.arange(1, 10 * n + 2))[: max(n, 1) + 5].astype(np.int64)
    rows = np.sort(rng.choice(len(ids), n, replace=False))
    expected = np.lexsort((ids.take(rows), -total))[: min(k, n)]
    assert _best(total, ids, rows, k).tolist() == expected.tolist()
