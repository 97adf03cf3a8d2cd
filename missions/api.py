"""REST API: the missions of the caller's organisations (members only; others' missions answer 404)."""
from django.db import transaction
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, permissions, status
from rest_framework.response import Response

from accounts.access import get_current_membership
from accounts.api import IsOrganisationMember
from core.api import ApiPagination, error_responses
from missions.access import get_mission_for_user
from missions.models import Mission
from missions.serializers import MISSION_PREFETCH, MissionCreateInput, MissionInput, MissionSerializer


class MissionFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Mission.Status.choices, help_text="Only missions with this status.")

    class Meta:
        model = Mission
        fields: list[str] = []


def _missions_of(user):
    return (Mission.objects.of_organisations(user).select_related("organisation", "sector")
            .prefetch_related(*MISSION_PREFETCH))


@extend_schema_view(
    get=extend_schema(responses={200: MissionSerializer(many=True), **error_responses(400, 401, 403, 404)}),
    post=extend_schema(request=MissionCreateInput, responses={201: MissionSerializer, **error_responses(400, 401, 403)}),
)
class MissionList(generics.ListCreateAPIView):
    """Your organisations' missions, newest first; POST creates one in your organisation."""

    pagination_class = ApiPagination
    serializer_class = MissionSerializer
    permission_classes = [permissions.IsAuthenticated, IsOrganisationMember]
    filterset_class = MissionFilter

    def get_queryset(self):
        return _missions_of(self.request.user).order_by("-created_at", "-id")

    def create(self, request, *args, **kwargs):
        organisation = get_current_membership(request.user).organisation
        mission = _write(request, Mission(organisation=organisation), partial=False, serializer_class=MissionCreateInput)
        return Response(MissionSerializer(_missions_of(request.user).get(pk=mission.pk)).data,
                        status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(responses={200: MissionSerializer, **error_responses(401, 403, 404)}),
    patch=extend_schema(request=MissionInput, responses={200: MissionSerializer, **error_responses(400, 401, 403, 404)}),
    delete=extend_schema(responses={204: OpenApiResponse(description="Mission deleted."),
                                    **error_responses(401, 403, 404)}),
)
class MissionDetail(generics.RetrieveUpdateDestroyAPIView):
    """One mission of your organisations; PATCH changes the fields sent; DELETE removes it with its
    ranking and shortlist."""

    serializer_class = MissionSerializer
    permission_classes = [permissions.IsAuthenticated, IsOrganisationMember]
    http_method_names = ["get", "patch", "delete", "head", "options"]
    queryset = Mission.objects.none()  # for the schema; get_object does the lookup

    def get_object(self):
        mission = get_mission_for_user(self.request.user, self.kwargs["id"])
        return _missions_of(self.request.user).get(pk=mission.pk)

    def partial_update(self, request, *args, **kwargs):
        mission = _write(request, self.get_object(), partial=True)
        return Response(MissionSerializer(_missions_of(request.user).get(pk=mission.pk)).data)

    def perform_destroy(self, instance):
        with transaction.atomic():
            instance.delete()


def _write(request, mission: Mission, *, partial: bool, serializer_class=MissionInput) -> Mission:
    serializer = serializer_class(data=request.data, partial=partial, context={"mission": mission, "request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.save(by=request.user)
