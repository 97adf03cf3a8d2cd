"""Fixed-width binary records of a profile's features, one per profile.

The database keeps one record per profile (ProfileFeatureRow) so that a process
builds its index by reading a single table, instead of aggregating every
profile's sectors, tools, skills, diplomas, experiences and recommendations.
"""
import hashlib

import numpy as np

from matching.engine.criteria import ENGINE_VERSION
from matching.engine.features import ProfileIndex, Vocabulary

_SCALARS = [
    ("visible", "u1"), ("roles", "u1"), ("years", "u1"), ("max_scale", "i1"), ("english_written", "u1"),
    ("english_spoken", "u1"), ("diploma_level", "u1"), ("diploma_flags", "u1"), ("reputation", "<f4"),
    ("reputation_count", "<u2"), ("daily_rate", "<u2"), ("available_from", "<i4"), ("days_per_week", "u1"),
    ("work_modes", "u1"), ("lat", "<f4"), ("lon", "<f4"), ("mobility_km", "<u2"),
]


def record_dtype(vocabulary: Vocabulary) -> np.dtype:
    return np.dtype(_SCALARS + [
        ("sector_years", "u1", (len(vocabulary.sectors),)),
        ("tools", "u1", (len(vocabulary.tools),)),
        ("skills", "u1", (len(vocabulary.skills),)),
    ])


def layout_key(vocabulary: Vocabulary) -> str:
    """Changes whenever the record layout does: records of another layout are ignored."""
    text = repr((ENGINE_VERSION, _SCALARS, vocabulary.sectors, vocabulary.tools, vocabulary.skills))
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def pack(index: ProfileIndex) -> np.ndarray:
    records = np.zeros(len(index), dtype=record_dtype(index.vocabulary))
    for name, _ in _SCALARS:
        records[name] = getattr(index, name)
    for name in ("sector_years", "tools", "skills"):
        records[name] = getattr(index, name)
    return records


def unpack(*, ids: np.ndarray, records: np.ndarray, vocabulary: Vocabulary, capacity: int | None = None) -> ProfileIndex:
    columns = {name: records[name] for name, _ in _SCALARS}
    columns["sector_years"] = records["sector_years"]
    columns["tools"] = records["tools"]
    columns["skills"] = records["skills"].astype(bool)
    return ProfileIndex.from_arrays(vocabulary=vocabulary, ids=ids, capacity=capacity, **columns)
