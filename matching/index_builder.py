"""Builds the engine's profile index from the database.

On PostgreSQL the index is read from the packed feature records (one table,
binary COPY straight into NumPy); profiles whose record is missing are packed
again, and when most are missing every column is aggregated in SQL once and the
records rewritten. Elsewhere the index is built from plain features, which is
plenty for SQLite-sized data.
"""
import io
import logging

import numpy as np
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, OuterRef

from matching.engine.criteria import (
    CEFR_LEVELS,
    REPUTATION_PRIOR_MEAN,
    REPUTATION_PRIOR_WEIGHT,
    ROLES,
    SCALES,
    UNVERIFIED_RECOMMENDATION_WEIGHT,
    WORK_MODES,
)
from matching.engine.features import COLUMNS, STORED_SCALARS, ProfileIndex, Vocabulary
from matching.engine.packing import layout_key, pack, record_dtype, unpack
from matching.loaders import profile_change_horizon, profile_features, vocabulary_from_db
from matching.models import ProfileChange, ProfileFeatureRow
from profiles.models import FreelancerProfile

logger = logging.getLogger(__name__)
_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()
_FEATURE_ROWS_LOCK = 0x414D4F45  # advisory lock key ("AMOE") serialising writers of packed features


# Above this share of profiles without a packed record, aggregating everything in SQL beats packing one by one.
_REPACK_ALL_SHARE = 0.2


def _trusted_rows(key: str):
    """Packed records of this layout that no change may have overtaken: a build that read a profile
    while a change to it was still uncommitted packed the old features, and the change's stamp tells."""
    overtaken = ProfileChange.objects.filter(profile_id=OuterRef("profile_id"), sequence__gte=OuterRef("horizon"))
    return ProfileFeatureRow.objects.filter(layout=key).exclude(Exists(overtaken))


def build_profile_index(*, capacity_margin: float = 0.1) -> ProfileIndex:
    vocabulary = vocabulary_from_db()
    if connection.vendor != "postgresql":
        ids = FreelancerProfile.objects.order_by("id").values_list("id", flat=True)
        return ProfileIndex.from_profiles(profile_features(ids), vocabulary=vocabulary)
    horizon = profile_change_horizon()  # before any read: what commits later is stamped at or above it
    key = layout_key(vocabulary)
    total = FreelancerProfile.objects.count()
    packed = _trusted_rows(key).count()
    if total - packed > _REPACK_ALL_SHARE * total:
        index = _build_from_postgresql(vocabulary, capacity_margin)
        store_feature_rows(index=index, ids=None, horizon=horizon)
        return index
    index = _from_feature_rows(vocabulary, key, int(total * (1 + capacity_margin)))
    missing = list(
        FreelancerProfile.objects.exclude(id__in=_trusted_rows(key).values("profile_id")).values_list("id", flat=True)
    )
    for features in profile_features(missing):
        index.upsert(features)
    store_feature_rows(index=index, ids=missing, horizon=horizon)
    return index


def _from_feature_rows(vocabulary: Vocabulary, key: str, capacity: int) -> ProfileIndex:
    dtype = record_dtype(vocabulary)
    rows = _copy_rows(
        f"SELECT r.profile_id::int8, r.packed FROM matching_profilefeaturerow r WHERE r.layout = '{key}' "
        "AND NOT EXISTS (SELECT 1 FROM matching_profilechange c WHERE c.profile_id = r.profile_id "
        "AND c.sequence >= r.horizon) ORDER BY r.profile_id",
        [("ids", ">i8"), ("record", dtype)],
    )
    return unpack(ids=rows["ids"].astype(np.int64), records=rows["record"], vocabulary=vocabulary, capacity=capacity)


def store_feature_rows(*, index: ProfileIndex, ids: list[int] | None, horizon: int) -> None:
    """Write the packed records of the given profiles (all when ids is None), replacing older ones;
    `horizon` is the change horizon taken before the features were read."""
    if connection.vendor != "postgresql" or (ids is not None and not ids):
        return
    records = pack(index)
    all_ids = index.ids
    if ids is not None:
        rows = np.fromiter((index.row_of(i) for i in ids), dtype=np.int64, count=len(ids))
        records, all_ids = records[rows], all_ids[rows]
    key = layout_key(index.vocabulary)
    text = "".join(f"{pid}\t{key}\t\\\\x{record.tobytes().hex()}\t{horizon}\n"
                   for pid, record in zip(all_ids.tolist(), records))
    try:
        # Several workers may build at once: one writer at a time, and a failed write only costs speed.
        with transaction.atomic(), connection.cursor() as cursor, connection.wrap_database_errors:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_FEATURE_ROWS_LOCK])
            if ids is None:
                cursor.execute("DELETE FROM matching_profilefeaturerow")
            else:
                cursor.execute("DELETE FROM matching_profilefeaturerow WHERE profile_id = ANY(%s)", [list(ids)])
            cursor.cursor.copy_expert(
                "COPY matching_profilefeaturerow (profile_id, layout, packed, horizon) FROM STDIN", io.StringIO(text))
    except DatabaseError:
        logger.warning("Could not store packed profile features; the next build packs them again.", exc_info=True)


def _copy_rows(sql: str, fields: list[tuple[str, object]]) -> np.ndarray:
    """Run a binary COPY of a query whose columns are all fixed-width and NOT NULL."""
    buffer = io.BytesIO()
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY ({sql}) TO STDOUT WITH (FORMAT binary)", buffer)
    raw = buffer.getbuffer()[19:-2]  # 19-byte header, 2-byte trailer
    dtype = [("count", ">i2")]
    for name, kind in fields:
        dtype += [(f"{name}_len", ">i4"), (name, kind)]
    dtype = np.dtype(dtype)
    if len(raw) % dtype.itemsize:
        raise ValueError("COPY returned rows of unexpected width (a NULL or a record of another layout?)")
    return np.frombuffer(raw, dtype=dtype)


def _mask_sql(column: str, codes: tuple[str, ...]) -> str:
    terms = [f"(CASE WHEN {column} @> '[\"{code}\"]'::jsonb THEN {1 << i} ELSE 0 END)" for i, code in enumerate(codes)]
    return " | ".join(terms)


def _scalar_sql() -> dict[str, tuple[str, str]]:
    """Per stored scalar of the index's column specification but `visible`, its SQL and its COPY type."""
    cefr = "ARRAY[" + ",".join(f"'{c}'" for c in CEFR_LEVELS) + "]::varchar[]"
    prior = f"{float(REPUTATION_PRIOR_WEIGHT)}::float8"
    return {
        "roles": (_mask_sql("p.roles", ROLES), "int2"),
        "years": ("LEAST(p.years_experience, 255)", "int2"),
        "max_scale": ("COALESCE(e.max_scale, -1)", "int2"),
        "english_written": (f"COALESCE(array_position({cefr}, p.english_written), 0)", "int2"),
        "english_spoken": (f"COALESCE(array_position({cefr}, p.english_spoken), 0)", "int2"),
        "diploma_level": ("COALESCE(d.level, 0)", "int2"),
        "diploma_flags": ("COALESCE(d.flags, 0)", "int2"),
        # criteria.bayesian_reputation in float8, as ProfileIndex.upsert computes it, then float4.
        "reputation": (f"({prior} * {float(REPUTATION_PRIOR_MEAN)}::float8 + COALESCE(r.total, 0)::float8) "
                       f"/ ({prior} + COALESCE(r.weight, 0)::float8)", "float4"),
        "reputation_count": ("LEAST(COALESCE(r.n, 0), 65535)", "int4"),
        "daily_rate": ("LEAST(COALESCE(p.daily_rate, 0), 65535)", "int4"),
        "available_from": ("COALESCE(p.available_from, p.created_at::date) - DATE '1970-01-01'", "int4"),
        "days_per_week": ("p.days_per_week", "int2"),
        "work_modes": (_mask_sql("p.work_modes", WORK_MODES), "int2"),
        "lat": ("COALESCE(p.latitude, 'NaN')", "float4"),
        "lon": ("COALESCE(p.longitude, 'NaN')", "float4"),
        "mobility_km": ("LEAST(p.mobility_km, 65535)", "int4"),
    }


_COPY_TYPES = {"int2": ">i2", "int4": ">i4", "float4": ">f4"}


def _build_from_postgresql(vocabulary: Vocabulary, capacity_margin: float) -> ProfileIndex:
    scales = "ARRAY[" + ",".join(f"'{s}'" for s in SCALES) + "]::varchar[]"
    rec_weight = f"(CASE WHEN verified THEN 1.0 ELSE {float(UNVERIFIED_RECOMMENDATION_WEIGHT)} END)"
    sql = _scalar_sql()
    names = [name for name in STORED_SCALARS if name != "visible"]  # visible: RANKABLE, below
    select = ",\n               ".join(f"({sql[name][0]})::{sql[name][1]}" for name in names)
    profile_sql = f"""
        SELECT p.id::int8,
               {select}
        FROM profiles_freelancerprofile p
        LEFT JOIN (SELECT profile_id, MAX(array_position({scales}, scale)) - 1 AS max_scale
                   FROM profiles_experience GROUP BY profile_id) e ON e.profile_id = p.id
        LEFT JOIN (SELECT profile_id, MAX(level) AS level,
                          BIT_OR(CASE kind WHEN 'engineering' THEN 1 WHEN 'master' THEN 2
                                           WHEN 'doctorate' THEN 2 ELSE 0 END) AS flags
                   FROM profiles_diploma GROUP BY profile_id) d ON d.profile_id = p.id
        LEFT JOIN (SELECT profile_id, SUM(rating * {rec_weight}) AS total, SUM({rec_weight}) AS weight,
                          COUNT(*) AS n
                   FROM missions_recommendation GROUP BY profile_id) r ON r.profile_id = p.id
        ORDER BY p.id"""
    rows = _copy_rows(profile_sql, [("ids", ">i8")] + [(name, _COPY_TYPES[sql[name][1]]) for name in names])
    ids = rows["ids"].astype(np.int64)
    n = len(ids)
    columns = {name: rows[name].astype(COLUMNS[name][0]) for name in names}
    columns["ids"] = ids
    columns["available_from"] = (rows["available_from"] + _EPOCH_ORDINAL).astype(np.int32)
    # The one definition of a rankable profile (profiles.querysets.RANKABLE), not SQL of its own.
    columns["visible"] = np.isin(ids, np.fromiter(FreelancerProfile.objects.rankable().values_list("id", flat=True),
                                                  dtype=np.int64)).astype(np.uint8)
    columns["sector_years"] = _matrix(
        ids, vocabulary.sectors, np.uint8,
        "SELECT ps.profile_id::int8, s.id::int8, LEAST(ps.years, 255)::int2 FROM profiles_profilesector ps "
        "JOIN profiles_sector s ON s.id = ps.sector_id", "profiles_sector",
    )
    columns["tools"] = _matrix(
        ids, vocabulary.tools, np.uint8,
        "SELECT pt.profile_id::int8, pt.tool_id::int8, pt.proficiency::int2 FROM profiles_profiletool pt",
        "profiles_tool",
    )
    columns["skills"] = _matrix(
        ids, vocabulary.skills, np.bool_,
        "SELECT freelancerprofile_id::int8, skill_id::int8, 1::int2 FROM profiles_freelancerprofile_skills",
        "profiles_skill",
    ).astype(np.bool_)
    return ProfileIndex.from_arrays(vocabulary=vocabulary, capacity=int(n * (1 + capacity_margin)), **columns)


def _matrix(ids: np.ndarray, codes: tuple[str, ...], dtype, sql: str, vocabulary_table: str) -> np.ndarray:
    """Scatter (profile, vocabulary item, value) rows into a dense profiles × vocabulary matrix."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, code FROM {vocabulary_table}")
        position_of_pk = {pk: codes.index(code) for pk, code in cursor.fetchall() if code in codes}
    matrix = np.zeros((len(ids), len(codes)), dtype=dtype, order="F")
    rows = _copy_rows(sql, [("profile", ">i8"), ("item", ">i8"), ("value", ">i2")])
    if len(rows) == 0 or not position_of_pk:
        return matrix
    lookup = np.full(max(position_of_pk) + 1, -1, dtype=np.int64)
    for pk, pos in position_of_pk.items():
        lookup[pk] = pos
    items = rows["item"].astype(np.int64)
    cols = np.where(items < len(lookup), lookup[np.minimum(items, len(lookup) - 1)], -1)
    row_idx = np.searchsorted(ids, rows["profile"].astype(np.int64))
    keep = (cols >= 0) & (row_idx < len(ids))
    matrix[row_idx[keep], cols[keep]] = rows["value"][keep].astype(dtype)
    return matrix
