"""REST API: a mission's ranked candidates, re-ranking, and its shortlist.

Members of the mission's organisation only; any other mission answers 404 (missions.access).
Every list runs a fixed number of queries whatever the page size.
"""
from __future__ import annotations

import orjson
from django.db.models import Prefetch
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api import IsOrganisationMember
from core.api import ApiPagination, OrjsonRenderer, error_responses
from matching.models import RankingEntry, RankingRequest
from matching.refresh import ranking_request_record
from missions.access import get_mission_for_user
from missions.models import Mission
from recruiting import shortlist
from recruiting.candidates_cache import StampedMission, candidates_cached, mission_stamped
from recruiting.models import ShortlistEntry, ShortlistMove
from recruiting.preferences import ORDER_MUTUAL, ORDER_RANK, candidates_narrowed
from recruiting.serializers import (
    CandidateSerializer,
    RankAcceptedSerializer,
    ShortlistAddInput,
    ShortlistEntrySerializer,
    ShortlistMoveErrorSerializer,
    ShortlistUpdateInput,
    candidate_rows,
)

MEMBERS = [permissions.IsAuthenticated, IsOrganisationMember]


class ShortlistRefused(exceptions.ValidationError):
    """A ShortlistError as a 400; a refused move also lists the allowed statuses."""

    def __init__(self, error: shortlist.ShortlistError):
        field = ("status" if isinstance(error, shortlist.ShortlistTransitionError)
                 else "profile" if isinstance(error, shortlist.ShortlistProfileError) else "non_field_errors")
        super().__init__({field: [str(error)]})
        self.summary = str(error)
        self.summary_code = "invalid_move" if field == "status" else "shortlist_refused"
        if isinstance(error, shortlist.ShortlistTransitionError):
            self.extra = {"allowed": list(error.allowed)}


class _MissionScoped:
    """The mission of the URL, checked once per request: 404 unless it is one of the user's organisations'."""

    @cached_property
    def mission(self) -> Mission:
        return get_mission_for_user(self.request.user, self.kwargs["id"])


# ---------------------------------------------------------------- candidates
class CandidateFilter(filters.FilterSet):
    min_score = filters.NumberFilter(field_name="score", lookup_expr="gte", min_value=0, max_value=100,
                                     help_text="Only candidates scoring at least this (0–100).")
    fits_preferences = filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")], method="filter_fits_preferences",
        help_text="true: only candidates whose own preferences (minimum rate, sectors, length, start, scale) the "
                  "mission fits, both ways; false: only those it falls outside of (see preference_misses).")
    ordering = filters.ChoiceFilter(
        choices=[(ORDER_RANK, ORDER_RANK), (ORDER_MUTUAL, ORDER_MUTUAL)], method="filter_ordering",
        help_text="rank (default): the client's ranking, best score first; mutual: candidates who fit both ways "
                  "first, each group in the client's order.")

    class Meta:
        model = RankingEntry
        fields: list[str] = []

    def filter_fits_preferences(self, queryset, name, value):
        return candidates_narrowed(queryset, fits=value == "true")

    def filter_ordering(self, queryset, name, value):
        return candidates_narrowed(queryset, ordering=value)


@extend_schema(responses={200: CandidateSerializer(many=True), **error_responses(400, 401, 403, 404)})
class CandidateList(_MissionScoped, generics.ListAPIView):
    """The mission's stored ranking, best first, each candidate with the explanation of its score."""

    pagination_class = ApiPagination
    serializer_class = CandidateSerializer  # the schema; rows are built from values (recruiting.candidates_api)
    permission_classes = MEMBERS
    filterset_class = CandidateFilter
    renderer_classes = [OrjsonRenderer]

    @cached_property
    def stamped(self) -> StampedMission:
        # The same check as the other views' (404 unless one of the user's organisations' missions), in the query
        # that reads what its cached answer depends on.
        return mission_stamped(self.request.user, self.kwargs["id"])

    @cached_property
    def mission(self) -> Mission:
        return Mission(pk=self.stamped.pk)  # what the candidates are read by, when the answer is built

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return RankingEntry.objects.none()
        return RankingEntry.objects.shown().filter(mission=self.mission).order_by("rank")

    def list(self, request, *args, **kwargs):
        # The whole JSON page from the shared cache (recruiting.candidates_cache), the mission checked first.
        body = candidates_cached("api", mission=self.stamped, url=request.build_absolute_uri(), build=self._page_json)
        return Response(orjson.Fragment(body))

    def _page_json(self) -> bytes:
        # Ids first (at most RANKING_TOP_K of them): the count and the page come from one narrow query.
        ids = self.paginate_queryset(list(self.filter_queryset(self.get_queryset()).values_list("id", flat=True)))
        page = self.get_paginated_response(candidate_rows(mission=self.mission, entry_ids=ids, user=self.request.user))
        return OrjsonRenderer().render(page.data)


class RankRequest(_MissionScoped, APIView):
    """Ask for a fresh ranking of an open mission; it is computed in the background."""

    permission_classes = MEMBERS
    throttle_scope = "rank"

    @extend_schema(request=None, responses={202: RankAcceptedSerializer, **error_responses(400, 401, 403, 404)})
    def post(self, request, id):
        if not self.mission.is_open:
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Seule une mission publiée est classée : publiez-la d'abord.")]})
        ranking_request_record(kind=RankingRequest.Kind.MISSION, object_id=self.mission.pk)  # enqueued on commit
        return Response({"mission": self.mission.pk, "status": "queued"}, status=status.HTTP_202_ACCEPTED)


# ---------------------------------------------------------------- shortlist
def _entries_of(mission: Mission):
    return (
        ShortlistEntry.objects.filter(mission=mission).select_related("profile__user", "added_by")
        .prefetch_related(Prefetch("moves", queryset=ShortlistMove.objects.select_related("moved_by")
                                   .order_by("moved_at", "id")))
        .order_by("created_at", "id")
    )


def _entry_data(entry: ShortlistEntry) -> dict:
    return ShortlistEntrySerializer(entry, context={"contact_visible_ids": {entry.profile_id}}).data


@extend_schema_view(
    get=extend_schema(responses={200: ShortlistEntrySerializer(many=True), **error_responses(401, 403, 404)}),
    post=extend_schema(request=ShortlistAddInput,
                       responses={201: ShortlistEntrySerializer,
                                  200: OpenApiResponse(ShortlistEntrySerializer, description="Already shortlisted."),
                                  **error_responses(400, 401, 403, 404)}),
)
class ShortlistList(_MissionScoped, generics.ListCreateAPIView):
    """The mission's shortlist in the order the profiles were added; POST shortlists one of the mission's
    ranked candidates, which shows the organisation their e-mail, phone and CV (the freelancer is told)."""

    pagination_class = ApiPagination
    serializer_class = ShortlistEntrySerializer
    permission_classes = MEMBERS
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ShortlistEntry.objects.none()
        return _entries_of(self.mission)

    def get_serializer_context(self):
        # Everybody on the shortlist is on a shortlist of the caller's organisation.
        return {**super().get_serializer_context(), "contact_visible_ids": _AllIds()}

    def create(self, request, *args, **kwargs):
        data = ShortlistAddInput(data=request.data)
        data.is_valid(raise_exception=True)
        mission, profile_id = self.mission, data.validated_data["profile"]
        existed = ShortlistEntry.objects.filter(mission=mission, profile_id=profile_id).exists()
        try:
            profile = shortlist.profile_to_shortlist(profile_id=profile_id)
            entry = shortlist.shortlist_add(mission=mission, profile=profile, by=request.user,
                                            note=data.validated_data["note"], url_builder=request.build_absolute_uri)
        except shortlist.ShortlistError as error:
            raise ShortlistRefused(error) from None
        return Response(_entry_data(_entries_of(mission).get(pk=entry.pk)),
                        status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)


class _AllIds:
    def __contains__(self, item) -> bool:
        return True


@extend_schema_view(
    get=extend_schema(responses={200: ShortlistEntrySerializer, **error_responses(401, 403, 404)}),
    patch=extend_schema(request=ShortlistUpdateInput,
                        responses={200: ShortlistEntrySerializer,
                                   **error_responses(400, 401, 403, 404),
                                   400: OpenApiResponse(ShortlistMoveErrorSerializer,
                                                        description="Invalid input, or a move the workflow refuses "
                                                                    "(allowed lists the possible statuses).")}),
    delete=extend_schema(responses={204: OpenApiResponse(description="Taken off the shortlist."),
                                    **error_responses(400, 401, 403, 404)}),
)
class ShortlistDetail(_MissionScoped, generics.GenericAPIView):
    """One profile on the mission's shortlist: status, note, history of moves."""

    serializer_class = ShortlistEntrySerializer
    permission_classes = MEMBERS

    def get_object(self) -> ShortlistEntry:
        entry = _entries_of(self.mission).filter(profile_id=self.kwargs["profile_id"]).first()
        if entry is None:
            raise Http404("Not on this mission's shortlist.")
        return entry

    def get(self, request, id, profile_id):
        return Response(_entry_data(self.get_object()))

    def patch(self, request, id, profile_id):
        entry = self.get_object()
        data = ShortlistUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            shortlist.shortlist_entry_update(entry=entry, by=request.user, to_status=data.validated_data.get("status"),
                                   note=data.validated_data.get("note"))
        except shortlist.ShortlistError as error:
            raise ShortlistRefused(error) from None
        return Response(_entry_data(self.get_object()))

    def delete(self, request, id, profile_id):
        entry = self.get_object()
        try:
            shortlist.shortlist_remove(entry=entry, by=request.user)
        except shortlist.ShortlistError as error:
            raise ShortlistRefused(error) from None
        return Response(status=status.HTTP_204_NO_CONTENT)
