"""Fixed-width binary records of a profile's features, one per profile.

The database keeps one record per profile (ProfileFeatureRow) so that a process
builds its index by reading a single table, instead of aggregating every
profile's sectors, tools, skills, diplomas, experiences and recommendations.
"""
import hashlib

import numpy as np

from matching.engine.criteria import ENGINE_VERSION
from matching.engine.features import COLUMNS, MATRICES, STORED_SCALARS, ProfileIndex, Vocabulary

# From the index's column specification, little-endian; matrices as bytes (skills 0/1).
_SCALARS = [(name, np.dtype(COLUMNS[name][0]).newbyteorder("<").str) for name in STORED_SCALARS]


def record_dtype(vocabulary: Vocabulary) -> np.dtype:
    widths = {"sectors": len(vocabulary.sectors), "tools": len(vocabulary.tools), "skills": len(vocabulary.skills)}
    return np.dtype(_SCALARS + [(name, "u1", (widths[COLUMNS[name][1]],)) for name in MATRICES])


def layout_key(vocabulary: Vocabulary) -> str:
    """Changes whenever the record layout does: records of another layout are ignored."""
    text = repr((ENGINE_VERSION, _SCALARS, vocabulary.sectors, vocabulary.tools, vocabulary.skills))
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def pack(index: ProfileIndex) -> np.ndarray:
    records = np.zeros(len(index), dtype=record_dtype(index.vocabulary))
    for name, _ in _SCALARS:
        records[name] = getattr(index, name)
    for name in MATRICES:
        records[name] = getattr(index, name)
    return records


def unpack(*, ids: np.ndarray, records: np.ndarray, vocabulary: Vocabulary, capacity: int | None = None) -> ProfileIndex:
    columns = {name: records[name] for name in STORED_SCALARS + MATRICES}
    columns["skills"] = records["skills"].astype(bool)
    return ProfileIndex.from_arrays(vocabulary=vocabulary, ids=ids, capacity=capacity, **columns)
