"""REST API: the vocabularies and the freelancer profiles.

Contact details: e-mail and phone show for the caller's own profile, for staff, and for
the ids that `contact_policy(user, profile_ids)` returns. profiles may not import matching,
where shortlists live, so the policy is injected where both are known: amoe_platform/api_urls.py
passes matching's rule ("on a shortlist of the caller's organisation") to `as_view()`.
"""
from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions
from rest_framework.exceptions import NotFound

from accounts.api import IsOrganisationMember, is_organisation_member
from core.api import ApiPagination, OrjsonRenderer, error_responses
from profiles import api_search
from profiles.access import get_profile_for_user
from profiles.api_filters import ProfileFilter
from profiles.models import FreelancerProfile
from profiles.serializers import (
    ProfileDetailSerializer,
    ProfileListSerializer,
    SectorSerializer,
    SkillSerializer,
    ToolSerializer,
)


def no_extra_contacts(user, profile_ids) -> set[int]:
    return set()


class _VocabularyList(generics.ListAPIView):
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        return self.serializer_class.Meta.model.objects.filter(is_active=True).order_by("code")


@extend_schema(responses={200: SectorSerializer(many=True), **error_responses(401)})
class SectorList(_VocabularyList):
    """The sectors (code and label in the request's language)."""

    serializer_class = SectorSerializer


@extend_schema(responses={200: ToolSerializer(many=True), **error_responses(401)})
class ToolList(_VocabularyList):
    """The tools (code, label in the request's language, category)."""

    serializer_class = ToolSerializer


@extend_schema(responses={200: SkillSerializer(many=True), **error_responses(401)})
class SkillList(_VocabularyList):
    """The skills (code and label in the request's language)."""

    serializer_class = SkillSerializer


class CanSearchProfiles(permissions.BasePermission):
    message = IsOrganisationMember.message

    def has_permission(self, request, view):
        return request.user.is_staff or is_organisation_member(request.user)


class _ProfileContactMixin:
    contact_policy = staticmethod(no_extra_contacts)

    def get_serializer(self, *args, **kwargs):
        if args:
            profiles = list(args[0]) if kwargs.get("many") else [args[0]]
            self._contact_ids = self._contact_visible_ids(profiles)
        return super().get_serializer(*args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "contact_visible_ids": getattr(self, "_contact_ids", set())}

    def _contact_visible_ids(self, profiles) -> set[int]:
        user = self.request.user
        ids = [p.pk for p in profiles]
        if user.is_staff:
            return set(ids)
        own = {p.pk for p in profiles if p.user_id == user.pk}
        others = [pk for pk in ids if pk not in own]
        return own | (set(self.contact_policy(user, others)) if others else set())


@extend_schema(responses={200: ProfileListSerializer(many=True), **error_responses(400, 401, 403, 404)})
class ProfileList(_ProfileContactMixin, generics.ListAPIView):
    """Visible profiles, filtered and paginated (organisation members and staff).

    The count (per filters) and each page's rows (per filters, page, size and language) come from the
    shared cache under the search version (profiles.api_search); only the caller's contact rule runs
    for every request."""

    pagination_class = ApiPagination
    serializer_class = ProfileListSerializer  # the schema; the rows are built by profiles.api_search
    filterset_class = ProfileFilter
    permission_classes = [permissions.IsAuthenticated, CanSearchProfiles]
    renderer_classes = [OrjsonRenderer]

    def get_queryset(self):
        return FreelancerProfile.objects.visible().order_by("id")

    def list(self, request, *args, **kwargs):
        page_size = self.paginator.get_page_size(request)
        filters = self._filters_digest(request)
        queryset = None
        count_key = api_search.cache_key("count", filters)
        count = cache.get(count_key)
        if count is None:
            queryset = self.filter_queryset(self.get_queryset())
            count = queryset.count()
            cache.set(count_key, count, api_search.SEARCH_TTL)
        page = self._page(request, count, page_size)
        rows_key = api_search.cache_key("page", filters, get_language(), page_size, page.number)
        rows = cache.get(rows_key)
        if rows is None:
            if queryset is None:
                queryset = self.filter_queryset(self.get_queryset())
            bottom = (page.number - 1) * page_size
            rows = api_search.profile_rows(queryset[bottom:bottom + page_size])
            cache.set(rows_key, api_search.without_contacts(rows), api_search.SEARCH_TTL)
        visible = self._contact_visible_row_ids(rows)
        missing = [row["id"] for row in rows if row["id"] in visible and row["email"] is None]
        contacts = api_search.contacts_of(missing) if missing else {}
        self.paginator.request, self.paginator.page = request, page
        return self.paginator.get_paginated_response(api_search.with_contacts(rows, visible, contacts))

    def _filters_digest(self, request) -> str:
        """The filters asked for, in a fixed order (parameters the filters do not know change nothing)."""
        known = self.filterset_class.base_filters
        pairs = sorted((name, value) for name, values in request.query_params.lists() if name in known
                       for value in values)
        return hashlib.sha256(repr(pairs).encode()).hexdigest()[:32]

    def _page(self, request, count: int, page_size: int):
        """The page asked for among `count` results: DRF's page numbers ("last" too), 404 past the end."""
        paginator = Paginator(range(count), page_size)
        number = request.query_params.get(self.paginator.page_query_param) or 1
        if number in self.paginator.last_page_strings:
            number = paginator.num_pages
        try:
            return paginator.page(number)
        except InvalidPage as exc:
            raise NotFound(self.paginator.invalid_page_message.format(page_number=number, message=str(exc))) from None

    def _contact_visible_row_ids(self, rows: list[dict]) -> set[int]:
        user = self.request.user
        if user.is_staff:
            return {row["id"] for row in rows}
        own = {row["id"] for row in rows if row["user_id"] == user.pk}
        others = [row["id"] for row in rows if row["id"] not in own]
        return own | (set(self.contact_policy(user, others)) if others else set())


@extend_schema(responses={200: ProfileDetailSerializer, **error_responses(401, 404)})
class ProfileDetail(_ProfileContactMixin, generics.RetrieveAPIView):
    """One profile: any visible one for organisation members and staff, their own for a freelancer."""

    serializer_class = ProfileDetailSerializer
    queryset = FreelancerProfile.objects.none()  # for the schema; get_object does the lookup

    def get_object(self):
        return get_profile_for_user(self.request.user, self.kwargs["id"])
