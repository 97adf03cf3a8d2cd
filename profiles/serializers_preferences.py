"""The freelancer's own preferences through the API: a plain input serializer whose save goes through
profile_update, so the model's rules (ranges, order of the bounds, a sector both wanted and refused) answer
the API as they answer the editor, field by field, and a refused change saves nothing."""
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from profiles.choices import ProjectScale, WorkMode
from profiles.models import DAILY_RATE_MAX, MISSION_MONTHS_MAX, MISSION_MONTHS_MIN, MOBILITY_KM_MAX, Sector
from profiles.services import profile_update

# API name -> model field, where they differ (the recruiters' view names the mobility max_distance_km).
_FIELD_OF = {"max_distance_km": "mobility_km"}


# Codes, not an enum: the vocabulary is data, and one enum per field would be a duplicate in the schema.
@extend_schema_field({"type": "array", "items": {"type": "string", "description": "A sector code (GET /api/v1/sectors/)"}})
class _SectorCodes(serializers.ListField):
    child = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.filter(is_active=True))


class PreferencesInput(serializers.Serializer):
    """Fields left out keep their value; null or [] means "no preference"."""

    min_daily_rate = serializers.IntegerField(min_value=0, max_value=DAILY_RATE_MAX, allow_null=True, required=False)
    wanted_sectors = _SectorCodes(required=False, help_text="Sector codes; [] : every sector suits me.")
    refused_sectors = _SectorCodes(required=False, help_text="Sector codes, none of them wanted.")
    work_modes = serializers.ListField(child=serializers.ChoiceField(choices=WorkMode.choices), required=False)
    max_distance_km = serializers.IntegerField(min_value=0, max_value=MOBILITY_KM_MAX, required=False,
                                               help_text="How far I travel for on-site work.")
    min_mission_months = serializers.IntegerField(min_value=MISSION_MONTHS_MIN, max_value=MISSION_MONTHS_MAX,
                                                  allow_null=True, required=False)
    max_mission_months = serializers.IntegerField(min_value=MISSION_MONTHS_MIN, max_value=MISSION_MONTHS_MAX,
                                                  allow_null=True, required=False,
                                                  help_text="At least min_mission_months.")
    earliest_start_date = serializers.DateField(allow_null=True, required=False)
    latest_start_date = serializers.DateField(allow_null=True, required=False,
                                              help_text="On or after earliest_start_date.")
    wanted_scales = serializers.ListField(child=serializers.ChoiceField(choices=ProjectScale.choices), required=False,
                                          help_text="[] : every scale suits me.")

    def save(self, *, profile):
        """Apply the changes through profile_update; its refusals become field errors and nothing is saved."""
        fields = {_FIELD_OF.get(name, name): value for name, value in self.validated_data.items()}
        try:
            return profile_update(profile=profile, **fields)
        except DjangoValidationError as error:
            api_name = {model: api for api, model in _FIELD_OF.items()}
            raise serializers.ValidationError({
                api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else api_name.get(key, key): messages
                for key, messages in error.message_dict.items()
            }) from None
