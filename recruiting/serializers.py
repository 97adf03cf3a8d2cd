"""REST API serializers: ranked candidates with their explained breakdown, shortlist entries."""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core import fields
from core.api import ValidationErrorSerializer
from matching.engine.criteria import CRITERIA
from matching.models import RankingEntry
from profiles.serializers import ProfileSummarySerializer
from recruiting.dashboard import explained_breakdown
from recruiting.models import ShortlistEntry, ShortlistMove
from recruiting.shortlist import allowed_moves

Status = ShortlistEntry.Status


class BreakdownItemSerializer(serializers.Serializer):
    criterion = serializers.ChoiceField(choices=list(CRITERIA))
    label = serializers.CharField(help_text="The criterion's name in the request's language.")
    score = serializers.FloatField(min_value=0, max_value=1, help_text="How well the profile meets it, 0–1.")
    weight = serializers.FloatField(help_text="The criterion's weight for this mission.")
    points = serializers.FloatField(help_text="weight × score, four decimals; the points add up to the score "
                                              "(within the rounding).")
    reason = serializers.CharField(help_text="Why, in a sentence in the request's language.")
    reason_code = serializers.CharField(help_text="The reason's stable code (seniority.meets, tools.partial, …).")


class CandidateSerializer(serializers.ModelSerializer):
    """A stored ranking entry, read with select_related("mission__ranking"). Context: `labels` (vocabulary
    code → label), `newcomers` (profile ids new in the top 10 since the last nightly run), `shortlisted`
    (profile id → status), `contact_visible_ids`. The score is exact (what `min_score` compares); the
    breakdown's numbers have four decimals."""

    score = serializers.FloatField(min_value=0, max_value=100)
    profile = ProfileSummarySerializer(read_only=True)
    breakdown = serializers.SerializerMethodField()
    is_new = serializers.SerializerMethodField(help_text="In the top 10 now, not at the last nightly ranking.")
    shortlist_status = serializers.SerializerMethodField(help_text="Its shortlist status for this mission, if any.")

    class Meta:
        model = RankingEntry
        fields = ["rank", "score", "profile", "breakdown", "computed_at", "engine_version", "is_new",
                  "shortlist_status"]
        read_only_fields = fields

    @extend_schema_field(BreakdownItemSerializer(many=True))
    def get_breakdown(self, entry):
        rows = explained_breakdown(entry.explained(), labels=self.context.get("labels", {}))
        return [{"criterion": row.criterion, "label": row.label, "score": round(row.score, 4),
                 "weight": round(row.weight, 4), "points": round(row.points, 4), "reason": row.reason,
                 "reason_code": row.reason_code} for row in rows]

    @extend_schema_field(serializers.BooleanField())
    def get_is_new(self, entry):
        return entry.profile_id in self.context.get("newcomers", ())

    @extend_schema_field(serializers.ChoiceField(choices=Status.choices, allow_null=True))
    def get_shortlist_status(self, entry):
        return self.context.get("shortlisted", {}).get(entry.profile_id)


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
