"""Mission serializers of the REST API.

Input is parsed here (types, defaults, an exact OpenAPI schema) and written by the page's own
service, missions.services.mission_save_and_move, whose rules (start date, weights, rows) answer
under the API's field paths. Organisation, author, dates and computed fields are output only: a
write never sets them.
"""
from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from core import fields
from missions import services
from missions.models import Mission, MissionSkill, MissionTool, QuestionnaireQuestion
from missions.weights import CRITERIA, DEFAULT_WEIGHTS
from profiles.choices import CefrLevel, Complexity, DiplomaLevel, Importance, Proficiency, ProjectScale, Role, WorkMode
from profiles.models import Sector, Skill, Tool

FORM_FIELDS = [
    "title", "description", "role", "scale", "complexity", "english_written_min", "english_spoken_min",
    "is_international", "start_date", "duration_months", "days_per_week", "work_mode", "city", "daily_rate_max",
    "min_diploma_level", "exclude_missing_must_haves",
]
MAX_ROWS = 50


# ---------------------------------------------------------------- input
class _RowInput(serializers.Serializer):
    """A row of a list sent whole: its fields stay required, and its defaults apply, in a PATCH,
    where DRF would skip them."""

    required_keys: tuple[str, ...] = ()

    def validate(self, attrs):
        missing = {key: [self.fields[key].error_messages["required"]] for key in self.required_keys if key not in attrs}
        if missing:
            raise serializers.ValidationError(missing)
        defaults = {name: field.default for name, field in self.fields.items()
                    if name not in attrs and field.default is not serializers.empty}
        return {**defaults, **attrs}


class ToolRequirementInput(_RowInput):
    required_keys = ("tool",)
    tool = serializers.SlugRelatedField(slug_field="code", queryset=Tool.objects.filter(is_active=True))
    importance = serializers.ChoiceField(choices=Importance.choices, default=Importance.MUST_HAVE)
    min_proficiency = serializers.ChoiceField(choices=Proficiency.choices, default=Proficiency.INTERMEDIATE)


class SkillRequirementInput(_RowInput):
    required_keys = ("skill",)
    skill = serializers.SlugRelatedField(slug_field="code", queryset=Skill.objects.filter(is_active=True))
    importance = serializers.ChoiceField(choices=Importance.choices, default=Importance.MUST_HAVE)


class QuestionInput(_RowInput):
    required_keys = ("text",)
    id = serializers.IntegerField(required=False, allow_null=True,
                                  help_text="An existing question's id to keep its answers; omit for a new one.")
    text = fields.CharField(max_length=500)


class WeightsInput(serializers.Serializer):
    """Criterion weights; those left out keep their current value (the default for a new mission).
    At least one weight, once merged with the current ones, must be above zero."""

    def get_fields(self):
        return {c: serializers.FloatField(required=False, min_value=0) for c in CRITERIA}


class MissionInput(serializers.Serializer):
    """POST creates (title and start_date required); PATCH changes only the fields sent.

    tools, skills and questions, when sent, replace the mission's whole list. Sending a
    status moves the mission through its lifecycle (draft → open → filled → closed; never back
    to draft). A closed mission accepts no other change.
    """

    title = fields.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, required=False, default="")
    role = serializers.ChoiceField(choices=Role.choices, default=Role.AMOE)
    sector = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.filter(is_active=True),
                                          allow_null=True, default=None)
    scale = serializers.ChoiceField(choices=ProjectScale.choices, default=ProjectScale.MEDIUM)
    complexity = serializers.ChoiceField(choices=Complexity.choices, default=Complexity.MODERATE)
    english_written_min = serializers.ChoiceField(choices=CefrLevel.choices, allow_blank=True, default="")
    english_spoken_min = serializers.ChoiceField(choices=CefrLevel.choices, allow_blank=True, default="")
    is_international = serializers.BooleanField(default=False)
    start_date = serializers.DateField(help_text="Today or later (checked on creation and when changed); an open "
                                                 "mission's start date must not be past when it is published.")
    duration_months = serializers.IntegerField(min_value=1, max_value=60, default=6)
    days_per_week = serializers.IntegerField(min_value=1, max_value=5, default=5)
    work_mode = serializers.ChoiceField(choices=WorkMode.choices, default=WorkMode.HYBRID)
    city = fields.CharField(max_length=100, allow_blank=True, default="")
    daily_rate_max = serializers.IntegerField(min_value=0, max_value=10000, allow_null=True, default=None)
    min_diploma_level = serializers.ChoiceField(choices=DiplomaLevel.choices, allow_null=True, default=None)
    exclude_missing_must_haves = serializers.BooleanField(default=False)
    weights = WeightsInput(required=False)
    tools = ToolRequirementInput(many=True, required=False, max_length=MAX_ROWS, help_text="Each tool once.")
    skills = SkillRequirementInput(many=True, required=False, max_length=MAX_ROWS, help_text="Each skill once.")
    questions = QuestionInput(many=True, required=False, max_length=MAX_ROWS, help_text="Each text once.")
    status = serializers.ChoiceField(choices=Mission.Status.choices, required=False,
                                     help_text="Move the mission to this status: open (from draft), filled (from open), "
                                               "closed (from any other).")

    def validate(self, attrs):
        """The context's `mission` (unsaved for a creation) with the sent values on top, and its parts:
        the lists sent, the current ones otherwise."""
        mission: Mission = self.context["mission"]
        if mission.pk and mission.status == Mission.Status.CLOSED and set(attrs) - {"status"}:
            raise serializers.ValidationError(_("Une mission clôturée ne se modifie plus."), code="closed")
        for name in (*FORM_FIELDS, "sector"):
            if name in attrs:
                setattr(mission, name, attrs[name])
        mission.weights = {**(mission.weights or {}), **attrs.get("weights", {})}
        current = _current_rows(mission)
        return {"mission": mission, "status": attrs.get("status"),
                **{name: attrs[name] if name in attrs else current[name] for name in current}}

    def create(self, validated_data):
        """Save and move the mission (save(by=user)); the service's refusals as field errors."""
        try:
            return services.mission_save_and_move(
                mission=validated_data["mission"], by=validated_data["by"], tools=validated_data["tools"],
                skills=validated_data["skills"], questions=validated_data["questions"],
                status=validated_data["status"],
            )
        except services.MissionStateError as error:
            raise serializers.ValidationError({"status": [str(error)]}) from None
        except DjangoValidationError as error:
            raise serializers.ValidationError({
                api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key: messages
                for key, messages in error.message_dict.items()
            }) from None


class MissionCreateInput(MissionInput):
    """A new mission starts as a draft; it may be published or closed at once."""

    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in (Mission.Status.DRAFT, Mission.Status.OPEN, Mission.Status.CLOSED)],
        required=False, help_text="draft (the default), open to publish it, closed.")


def _current_rows(mission: Mission) -> dict[str, list[dict]]:
    if not mission.pk:
        return {"tools": [], "skills": [], "questions": []}
    return {
        "tools": [{"tool": r.tool, "importance": r.importance, "min_proficiency": r.min_proficiency}
                  for r in mission.tool_requirements.all()],
        "skills": [{"skill": r.skill, "importance": r.importance} for r in mission.skill_requirements.all()],
        "questions": [{"id": q.pk, "text": q.text} for q in mission.questions.all()],
    }


# ---------------------------------------------------------------- output
class OrganisationSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class MissionToolSerializer(serializers.ModelSerializer):
    tool = serializers.CharField(source="tool.code", read_only=True)
    label = serializers.CharField(source="tool.label", read_only=True)

    class Meta:
        model = MissionTool
        fields = ["tool", "label", "importance", "min_proficiency"]


class MissionSkillSerializer(serializers.ModelSerializer):
    skill = serializers.CharField(source="skill.code", read_only=True)
    label = serializers.CharField(source="skill.label", read_only=True)

    class Meta:
        model = MissionSkill
        fields = ["skill", "label", "importance"]


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuestionnaireQuestion
        fields = ["id", "text"]


class WeightsSerializer(serializers.Serializer):
    def get_fields(self):
        return {c: serializers.FloatField(read_only=True) for c in CRITERIA}


class MissionSerializer(serializers.ModelSerializer):
    organisation = OrganisationSummarySerializer(read_only=True)
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    # Declared: a ModelSerializer's read-only fields lose allow_blank, and the schema would refuse "".
    english_written_min = serializers.ChoiceField(choices=CefrLevel.choices, allow_blank=True, read_only=True)
    english_spoken_min = serializers.ChoiceField(choices=CefrLevel.choices, allow_blank=True, read_only=True)
    weights = serializers.SerializerMethodField(help_text="Every criterion's weight, defaults included.")
    tools = MissionToolSerializer(source="tool_requirements", many=True, read_only=True)
    skills = MissionSkillSerializer(source="skill_requirements", many=True, read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Mission
        fields = ["id", "organisation", *FORM_FIELDS[:3], "sector", *FORM_FIELDS[3:], "weights", "tools", "skills",
                  "questions", "status", "published_at", "created_at", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(WeightsSerializer)
    def get_weights(self, mission):
        return {**DEFAULT_WEIGHTS, **(mission.weights or {})}


MISSION_PREFETCH = ("tool_requirements__tool", "skill_requirements__skill", "questions")
