"""REST API: the vocabularies and the freelancer profiles.

Contact details: e-mail and phone show for the caller's own profile, for staff, and for
the ids that `contact_policy(user, profile_ids)` returns. profiles may not import matching,
where shortlists live, so the policy is injected where both are known: amoe_platform/api_urls.py
passes matching's rule ("on a shortlist of the caller's organisation") to `as_view()`.
"""
from __future__ import annotations

import hashlib

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from accounts.access import is_organisation_member
from accounts.api import IsOrganisationMember
from core.api import ApiPagination, OrjsonRenderer, error_responses
from profiles import api_search
from profiles.access import profile_readable
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

    def _contact_visible_ids(self, entries: list[api_search.Kept]) -> set[int]:
        user = self.request.user
        if user.is_staff:
            return {entry.id for entry in entries}
        own = {entry.id for entry in entries if entry.user_id == user.pk}
        others = [entry.id for entry in entries if entry.id not in own]
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

        def page_key(number: int | None) -> str:
            return api_search.search_key("page", filters, get_language(), page_size, number)

        # The version, the count and the page asked for in one round trip ("last" reads no page: nothing is kept
        # under None).
        count_key, asked = api_search.search_key("count", filters), self._asked_number(request)
        version, (count, entries) = api_search.search_cached(count_key, page_key(asked))
        queryset = None
        if count is None:
            queryset = self.filter_queryset(self.get_queryset())
            count = queryset.count()
            api_search.search_keep(count_key, version, count)
        page = self._page(request, count, page_size)
        if page.number != asked:  # "last": its key is known once the count is
            _, (entries,) = api_search.search_cached(page_key(page.number), version=version)
        contacts = {}
        if entries is None:
            if queryset is None:
                queryset = self.filter_queryset(self.get_queryset())
            bottom = (page.number - 1) * page_size
            rows = api_search.profile_rows(queryset[bottom:bottom + page_size])
            entries = [api_search.kept(row) for row in rows]
            api_search.search_keep(page_key(page.number), version, entries)
            contacts = {row["id"]: (row["email"], row["phone"]) for row in rows}
        visible = self._contact_visible_ids(entries)
        if visible and not contacts:
            contacts = api_search.contacts_of(visible)
        self.paginator.request, self.paginator.page = request, page
        return self.paginator.get_paginated_response(
            [api_search.with_contacts(entry, visible, contacts) for entry in entries])

    def _filters_digest(self, request) -> str:
        """The filters asked for, in a fixed order (parameters the filters do not know change nothing)."""
        known = self.filterset_class.base_filters
        pairs = sorted((name, value) for name, values in request.query_params.lists() if name in known
                       for value in values)
        return hashlib.sha256(repr(pairs).encode()).hexdigest()[:32]

    def _asked_number(self, request) -> int | None:
        """The page number asked for, read as the paginator reads it; None for "last" or what is no number."""
        try:
            return int(request.query_params.get(self.paginator.page_query_param) or 1)
        except ValueError:
            return None

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


@extend_schema(responses={200: ProfileDetailSerializer, **error_responses(401, 404)})
class ProfileDetail(_ProfileContactMixin, generics.RetrieveAPIView):
    """One profile: any visible one for organisation members and staff, their own for a freelancer."""

    serializer_class = ProfileDetailSerializer  # the schema; the document is built by profiles.api_search
    queryset = FreelancerProfile.objects.none()  # for the schema
    renderer_classes = [OrjsonRenderer]

    # The document (per profile and language) comes from the shared cache under the search version, with the
    # account and the visibility that the access rule reads (profiles.access.profile_readable): a request reads no
    # profile; the access and contact rules run for every request.
    def retrieve(self, request, *args, **kwargs):
        pk = self.kwargs["id"]
        key = api_search.search_key("detail", get_language(), pk)
        version, (document,) = api_search.search_cached(key)
        if document is None:
            document = api_search.profile_document(pk)
            if document is not None:  # nothing is kept for ids nobody has
                api_search.search_keep(key, version, document)
        if document is None or not profile_readable(request.user, owner_id=document.user_id, shown=document.shown):
            raise Http404
        visible = self._contact_visible_ids([document])
        contacts = api_search.contacts_of(visible) if visible else {}
        return Response(api_search.with_contacts(document, visible, contacts))
