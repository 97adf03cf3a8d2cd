"""REST API: the vocabularies and the freelancer profiles.

Contact details: e-mail and phone show for the caller's own profile, for staff, and for
the ids that `contact_policy(user, profile_ids)` returns. profiles may not import matching,
where shortlists live, so the policy is injected where both are known: amoe_platform/api_urls.py
passes matching's rule ("on a shortlist of the caller's organisation") to `as_view()`.
"""
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions

from accounts.api import IsOrganisationMember, is_organisation_member
from core.api import ApiPagination, error_responses
from profiles.access import get_profile_for_user
from profiles.api_filters import ProfileFilter
from profiles.models import FreelancerProfile
from profiles.serializers import (
    PROFILE_PREFETCH,
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
    """Visible profiles, filtered and paginated (organisation members and staff)."""

    pagination_class = ApiPagination
    serializer_class = ProfileListSerializer
    filterset_class = ProfileFilter
    permission_classes = [permissions.IsAuthenticated, CanSearchProfiles]

    def get_queryset(self):
        return (FreelancerProfile.objects.visible().select_related("user").prefetch_related(*PROFILE_PREFETCH)
                .order_by("id"))


@extend_schema(responses={200: ProfileDetailSerializer, **error_responses(401, 404)})
class ProfileDetail(_ProfileContactMixin, generics.RetrieveAPIView):
    """One profile: any visible one for organisation members and staff, their own for a freelancer."""

    serializer_class = ProfileDetailSerializer
    queryset = FreelancerProfile.objects.none()  # for the schema; get_object does the lookup

    def get_object(self):
        return get_profile_for_user(self.request.user, self.kwargs["id"])
