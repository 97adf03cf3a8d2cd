"""Output serializers of the vocabularies and the freelancer profiles (REST API).

Labels follow the request's language (VocabularyItem.label). E-mail and phone are null
unless the view lists the profile in the `contact_visible_ids` context: profiles does not
know about shortlists, so the view decides (see profiles/api.py).
"""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from profiles.choices import CefrLevel, ProjectScale, Role, WorkMode
from profiles.models import (
    Certification,
    Diploma,
    Experience,
    FreelancerProfile,
    ProfileSector,
    ProfileTool,
    Sector,
    Skill,
    Tool,
)


class SectorSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Sector
        fields = ["code", "label"]


class ToolSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Tool
        fields = ["code", "label", "category"]


class SkillSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Skill
        fields = ["code", "label"]


class ProfileSectorSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="sector.code", read_only=True)
    label = serializers.CharField(source="sector.label", read_only=True)

    class Meta:
        model = ProfileSector
        fields = ["code", "label", "years"]


class ProfileToolSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="tool.code", read_only=True)
    label = serializers.CharField(source="tool.label", read_only=True)

    class Meta:
        model = ProfileTool
        fields = ["code", "label", "proficiency"]


class DiplomaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Diploma
        fields = ["kind", "level", "title", "school", "year"]


class CertificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Certification
        fields = ["name", "issuer", "year"]


class ExperienceSerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Experience
        fields = ["client", "sector", "role", "scale", "start_date", "end_date", "description"]


class ProfilePreferencesSerializer(serializers.ModelSerializer):
    """What the freelancer would accept. Null or an empty list means "no preference"; preferences never hide a
    profile, they only tell who would accept a mission."""

    wanted_sectors = SectorSerializer(many=True, read_only=True)
    refused_sectors = SectorSerializer(many=True, read_only=True)
    work_modes = serializers.ListField(child=serializers.ChoiceField(choices=WorkMode.choices), read_only=True)
    max_distance_km = serializers.IntegerField(source="mobility_km", read_only=True,
                                               help_text="How far the freelancer travels for on-site work.")
    wanted_scales = serializers.ListField(child=serializers.ChoiceField(choices=ProjectScale.choices),
                                          read_only=True)

    class Meta:
        model = FreelancerProfile
        fields = ["min_daily_rate", "wanted_sectors", "refused_sectors", "work_modes", "max_distance_km",
                  "min_mission_months", "max_mission_months", "earliest_start_date", "latest_start_date",
                  "wanted_scales"]
        read_only_fields = fields


class ProfileSummarySerializer(serializers.ModelSerializer):
    """What a ranking or a shortlist shows of a profile."""

    name = serializers.CharField(source="user.get_full_name", read_only=True)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), read_only=True)
    work_modes = serializers.ListField(child=serializers.ChoiceField(choices=WorkMode.choices), read_only=True)
    # Declared: a ModelSerializer's read-only fields lose allow_blank, and the schema would refuse "".
    english_written = serializers.ChoiceField(choices=CefrLevel.choices, allow_blank=True, read_only=True)
    english_spoken = serializers.ChoiceField(choices=CefrLevel.choices, allow_blank=True, read_only=True)
    email = serializers.SerializerMethodField(help_text="Null unless the profile is on a shortlist of your organisation.")
    phone = serializers.SerializerMethodField(help_text="Null unless the profile is on a shortlist of your organisation.")

    class Meta:
        model = FreelancerProfile
        fields = [
            "id", "name", "headline", "roles", "years_experience", "english_written", "english_spoken",
            "daily_rate", "available_from", "days_per_week", "work_modes", "city", "email", "phone",
        ]
        read_only_fields = fields

    def _contact_visible(self, profile) -> bool:
        return profile.pk in self.context.get("contact_visible_ids", ())

    @extend_schema_field(serializers.EmailField(allow_null=True))
    def get_email(self, profile):
        return profile.user.email if self._contact_visible(profile) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_phone(self, profile):
        return (profile.user.phone or None) if self._contact_visible(profile) else None


class ProfileListSerializer(ProfileSummarySerializer):
    """A search result: the summary with sectors, tools and skills."""

    sectors = ProfileSectorSerializer(source="sector_years", many=True, read_only=True)
    tools = ProfileToolSerializer(source="tool_levels", many=True, read_only=True)
    skills = SkillSerializer(many=True, read_only=True)
    preferences = ProfilePreferencesSerializer(source="*", read_only=True)

    class Meta(ProfileSummarySerializer.Meta):
        fields = [*ProfileSummarySerializer.Meta.fields, "summary", "mobility_km", "sectors", "tools", "skills",
                  "preferences", "updated_at"]
        read_only_fields = fields


class ProfileDetailSerializer(ProfileListSerializer):
    diplomas = DiplomaSerializer(many=True, read_only=True)
    certifications = CertificationSerializer(many=True, read_only=True)
    experiences = ExperienceSerializer(many=True, read_only=True)

    class Meta(ProfileListSerializer.Meta):
        fields = [*ProfileListSerializer.Meta.fields, "diplomas", "certifications", "experiences"]
        read_only_fields = fields

