"""Filters of GET /api/v1/profiles/. An unknown code, level, mode or ordering answers 400
(django-filter validates every value), never an empty list."""
from django import forms
from django.db.models import Exists, OuterRef, Q
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from profiles.choices import CefrLevel, WorkMode
from profiles.models import FreelancerProfile, ProfileSector, ProfileTool, Sector, Skill, Tool

CEFR_ORDER = list(CefrLevel.values)


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(filters.NumberFilter):
    field_class = forms.IntegerField


@extend_schema_field(OpenApiTypes.STR)
class CodeFilter(filters.ModelMultipleChoiceFilter):
    """Vocabulary codes, repeatable; every one must match (conjoined). Each code is an EXISTS on the link
    table rather than a join: no duplicate rows, so neither DISTINCT nor a count over the whole row."""

    def __init__(self, *, model, relation: str, link, owner: str, target: str, **kwargs):
        super().__init__(field_name=f"{relation}__code", to_field_name="code", queryset=model.objects.all(),
                         conjoined=True, **kwargs)
        self.link, self.owner, self.target = link, owner, target

    def filter(self, qs, value):
        for item in set(value or ()):
            qs = qs.filter(Exists(self.link.objects.filter(**{self.owner: OuterRef("pk"), self.target: item.pk})))
        return qs


class StableOrderingFilter(filters.OrderingFilter):
    """Ordering with the id as the last key, so pages never overlap on ties."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "id") if value else qs


def _cefr_at_least(field: str):
    def method(queryset, name, value):
        return queryset.filter(**{f"{field}__in": CEFR_ORDER[CEFR_ORDER.index(value):]})
    return method


class ProfileFilter(filters.FilterSet):
    sector = CodeFilter(
        model=Sector, relation="sectors", link=ProfileSector, owner="profile_id", target="sector_id",
        help_text="Sector code; repeat for several, all must match.",
    )
    tool = CodeFilter(
        model=Tool, relation="tools", link=ProfileTool, owner="profile_id", target="tool_id",
        help_text="Tool code; repeat for several, all must match.",
    )
    skill = CodeFilter(
        model=Skill, relation="skills", link=FreelancerProfile.skills.through, owner="freelancerprofile_id",
        target="skill_id",
        help_text="Skill code; repeat for several, all must match.",
    )
    english_written_min = filters.ChoiceFilter(choices=CefrLevel.choices, method=_cefr_at_least("english_written"),
                                               help_text="Written English at least this CEFR level.")
    english_spoken_min = filters.ChoiceFilter(choices=CefrLevel.choices, method=_cefr_at_least("english_spoken"),
                                              help_text="Spoken English at least this CEFR level.")
    min_years = IntegerFilter(field_name="years_experience", lookup_expr="gte", min_value=0, max_value=60,
                              help_text="At least this many years of experience.")
    max_daily_rate = IntegerFilter(field_name="daily_rate", lookup_expr="lte", min_value=0, max_value=1_000_000,
                                   help_text="Daily rate (€, excl. VAT) at most this; profiles without a rate are left out.")
    available_before = filters.DateFilter(method="filter_available_before",
                                          help_text="Available on or before this date (no date given: available now).")
    work_mode = filters.ChoiceFilter(choices=WorkMode.choices, method="filter_work_mode",
                                     help_text="Profiles that accept this work mode.")
    q = filters.CharFilter(method="filter_text", max_length=200,
                           help_text="Words that must all appear in the headline or the summary.")
    ordering = StableOrderingFilter(fields=("years_experience", "daily_rate", "available_from"),
                                    help_text="Sort key; prefix with - for descending.")

    class Meta:
        model = FreelancerProfile
        fields: list[str] = []

    def filter_available_before(self, queryset, name, value):
        return queryset.filter(Q(available_from__isnull=True) | Q(available_from__lte=value))

    def filter_work_mode(self, queryset, name, value):
        # work_modes is a JSON list; matching its text keeps SQLite and PostgreSQL alike.
        return queryset.filter(work_modes__icontains=f'"{value}"')

    def filter_text(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(headline__icontains=word) | Q(summary__icontains=word))
        return queryset
