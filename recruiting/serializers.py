"""REST API serializers: ranked candidates with their explained breakdown (and the values-built rows that
serve them), shortlist entries."""
import orjson
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core import fields
from core.api import ValidationErrorSerializer
from matching.engine.bands import BAND_CODES, band_for
from matching.engine.criteria import CRITERIA
from matching.engine.preferences import PREFERENCE_MISSES
from matching.models import RankingEntry
from profiles.serializers import ProfileSummarySerializer
from recruiting.access import shortlisted_contacts
from recruiting.dashboard import STAMP_FIELDS, entry_stamp, rendered_breakdowns, vocabulary_labels
from recruiting.models import ShortlistEntry, ShortlistMove
from recruiting.preferences import misses_for_client
from recruiting.shortlist import allowed_moves

Status = ShortlistEntry.Status


class BreakdownItemSerializer(serializers.Serializer):
    criterion = serializers.CharField(help_text=f"What the line scores: a criterion ({', '.join(CRITERIA)}) or, with "
                                                "weight 0, a gate of a newer engine; read the label.")
    label = serializers.CharField(help_text="The criterion's name in the request's language.")
    score = serializers.FloatField(min_value=0, max_value=1, help_text="How well the profile meets it, 0–1.")
    weight = serializers.FloatField(help_text="The criterion's weight for this mission.")
    points = serializers.FloatField(help_text="weight × score, four decimals; the points add up to the score "
                                              "(within the rounding).")
    reason = serializers.CharField(help_text="Why, in a sentence in the request's language.")
    reason_code = serializers.CharField(help_text="The reason's stable code (seniority.meets, tools.partial, …).")


class CandidatePreferenceMissSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=list(PREFERENCE_MISSES),
                                   help_text="Which preference of the candidate the mission falls outside of.")
    text = serializers.CharField(help_text="The miss in a sentence, with its figures, in the request's language.")
    params = serializers.DictField(help_text="Its figures: ceiling and min_rate (€), sector and wanted (codes), "
                                             "months with min_months or max_months, start with earliest or latest "
                                             "(ISO dates), scale and wanted (scale codes).")


class CandidateSerializer(serializers.Serializer):
    """The document of one ranked candidate (the schema's; candidate_rows builds it). The score is exact (what
    `min_score` compares); the breakdown's numbers have four decimals."""

    rank = serializers.IntegerField(read_only=True)
    score = serializers.FloatField(min_value=0, max_value=100, read_only=True)
    band = serializers.ChoiceField(choices=list(BAND_CODES), read_only=True,
                                   help_text="What the score means: excellent ≥ 85, good 70–84, partial 50–69, "
                                             "weak < 50.")
    profile = ProfileSummarySerializer(read_only=True)
    breakdown = BreakdownItemSerializer(many=True, read_only=True)
    computed_at = serializers.DateTimeField(read_only=True)
    engine_version = serializers.CharField(read_only=True)
    is_new = serializers.BooleanField(read_only=True, help_text="In the top 10 now, not at the last nightly ranking.")
    shortlist_status = serializers.ChoiceField(choices=Status.choices, allow_null=True, read_only=True,
                                               help_text="Its shortlist status for this mission, if any.")
    fits_preferences = serializers.BooleanField(read_only=True, help_text="The mission fits the candidate's own "
                                                                          "preferences: a match both ways.")
    preference_misses = CandidatePreferenceMissSerializer(many=True, read_only=True,
                                                 help_text="Each way the mission falls outside the candidate's "
                                                           "preferences; empty when it fits. Never hides anybody.")


_PROFILE_FIELDS = ("id", "headline", "roles", "years_experience", "english_written", "english_spoken", "daily_rate",
                   "available_from", "days_per_week", "work_modes", "city")
_DATETIME = serializers.DateTimeField()


def candidate_rows(*, mission, entry_ids: list[int], user) -> list[dict]:
    """CandidateSerializer's documents for these entries of the mission, in the order of entry_ids, built from
    values: three queries (entries with their profiles, shortlist, contacts) whatever their number; each
    breakdown is serialized once and kept in the shared cache (recruiting.dashboard.rendered_breakdowns), the
    preference misses stored with the row are put in words here (no query: the labels are cached)."""
    if not entry_ids:
        return []
    order = {entry_id: i for i, entry_id in enumerate(entry_ids)}
    rows = sorted(
        RankingEntry.objects.filter(pk__in=entry_ids, mission=mission).values(
            "rank", "score", "profile_id", "mission__ranking__top10_entered", "fits_preferences",
            "preference_misses", *STAMP_FIELDS, *(f"profile__{name}" for name in _PROFILE_FIELDS),
            "profile__user__first_name", "profile__user__last_name", "profile__user__email", "profile__user__phone"),
        key=lambda row: order[row["id"]],
    )
    profile_ids = [row["profile_id"] for row in rows]
    shortlisted = dict(ShortlistEntry.objects.filter(mission=mission, profile_id__in=profile_ids)
                       .values_list("profile_id", "status"))
    contacts = shortlisted_contacts(user, profile_ids)
    breakdowns = rendered_breakdowns([entry_stamp(row) for row in rows], kind="api", render=_breakdown_json)
    labels = vocabulary_labels() if any(row["preference_misses"] for row in rows) else {}
    out = []
    for row in rows:
        profile_id = row["profile_id"]
        visible = profile_id in contacts
        profile = {name: row[f"profile__{name}"] for name in _PROFILE_FIELDS}
        profile["name"] = f"{row['profile__user__first_name']} {row['profile__user__last_name']}".strip()
        profile["email"] = row["profile__user__email"] if visible else None
        profile["phone"] = (row["profile__user__phone"] or None) if visible else None
        out.append({
            "rank": row["rank"], "score": row["score"], "band": band_for(row["score"]), "profile": profile,
            "breakdown": orjson.Fragment(breakdowns.get(row["id"], b"[]")),
            "computed_at": _DATETIME.to_representation(row["computed_at"]), "engine_version": row["engine_version"],
            "is_new": profile_id in (row["mission__ranking__top10_entered"] or ()),
            "shortlist_status": shortlisted.get(profile_id),
            "fits_preferences": row["fits_preferences"],
            "preference_misses": misses_for_client(row["preference_misses"], labels=labels),
        })
    return out


def _breakdown_json(rows) -> bytes:
    return orjson.dumps([{"criterion": row.criterion, "label": row.label, "score": round(row.score, 4),
                          "weight": round(row.weight, 4), "points": round(row.points, 4), "reason": row.reason,
                          "reason_code": row.reason_code} for row in rows])


class RankAcceptedSerializer(serializers.Serializer):
    mission = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["queued"])


class ShortlistMoveSerializer(serializers.ModelSerializer):
    from_status = serializers.ChoiceField(choices=Status.choices, allow_blank=True, read_only=True,
                                          help_text="Empty for the entry's first status.")
    moved_by = serializers.SerializerMethodField()

    class Meta:
        model = ShortlistMove
        fields = ["from_status", "to_status", "note", "moved_by", "moved_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_moved_by(self, move):
        return (move.moved_by.get_full_name() or move.moved_by.email) if move.moved_by else None


class ShortlistEntrySerializer(serializers.ModelSerializer):
    """Context: `contact_visible_ids` (a shortlisted profile's contact shows to its organisation)."""

    profile_id = serializers.IntegerField(read_only=True)
    profile = ProfileSummarySerializer(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    allowed_moves = serializers.SerializerMethodField(help_text="The statuses this entry may move to now.")
    added_by = serializers.SerializerMethodField()
    history = ShortlistMoveSerializer(source="moves", many=True, read_only=True)

    class Meta:
        model = ShortlistEntry
        fields = ["id", "profile_id", "profile", "status", "status_label", "note", "allowed_moves", "added_by",
                  "created_at", "updated_at", "history"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Status.choices)))
    def get_allowed_moves(self, entry):
        return list(allowed_moves(entry.status))

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_added_by(self, entry):
        return (entry.added_by.get_full_name() or entry.added_by.email) if entry.added_by else None


class ShortlistAddInput(serializers.Serializer):
    profile = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="The id of a profile among the mission's ranked "
                                                              "candidates (GET …/candidates/); any other is refused.")
    note = fields.CharField(max_length=2000, allow_blank=True, default="")


class ShortlistUpdateInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False,
                                     help_text="Move to this status; see allowed_moves.")
    note = fields.CharField(max_length=2000, allow_blank=True, required=False)


class ShortlistMoveErrorSerializer(ValidationErrorSerializer):
    allowed = serializers.ListField(
        child=serializers.ChoiceField(choices=Status.choices), required=False,
        help_text="On a refused move: the statuses the entry may move to.",
    )
