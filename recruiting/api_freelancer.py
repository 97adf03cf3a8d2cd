"""REST API for freelancers: every open mission scored for me now, ranked or excluded (the "missions for me" page).

It reads only the token's own profile: no parameter names a profile, so nobody else's is reachable.
"""
from __future__ import annotations

import orjson
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import ApiPagination, OrjsonRenderer, error_responses
from matching.engine.preferences import PREFERENCE_MISSES, preference_miss_text
from matching.engine.reasons import render_reason
from missions.models import Mission
from profiles.models import Sector
from profiles.serializers import ProfilePreferencesSerializer
from profiles.serializers_preferences import PreferencesInput
from profiles.services import profile_for_user
from recruiting import coach, freelancer_missions
from recruiting.api_coach import SuggestionSerializer
from recruiting.dashboard import explained_breakdown, vocabulary_labels
from recruiting.forms import MissionsForMeFilterForm
from recruiting.serializers import BreakdownItemSerializer


class IsFreelancer(permissions.BasePermission):
    message = _("Réservé aux comptes freelance.")

    def has_permission(self, request, view):
        return profile_for_user(user=request.user) is not None


class MissionSummarySerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Mission
        fields = ["id", "title", "organisation", "sector", "role", "scale", "complexity", "work_mode", "city",
                  "start_date", "duration_months", "days_per_week", "daily_rate_max"]
        read_only_fields = fields


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="exclusion.<filter>: hidden, role, availability, work_mode, rate, "
                                           "english, must_have.")
    text = serializers.CharField(help_text="The reason with its figures, in the request's language.")
    params = serializers.DictField(help_text="The figures: distance_km and mobility_km, rate and ceiling, "
                                             "English levels and minimums, dates, missing codes, role.")


class PreferenceMissSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=PREFERENCE_MISSES, help_text=(
        "What of my preferences the mission misses: rate (its ceiling under my minimum), sector_refused, "
        "sector_not_wanted, duration_short, duration_long, start_early, start_late, scale."))
    text = serializers.CharField(help_text="The miss with its figures, in the request's language.")
    params = serializers.DictField(help_text="The figures: ceiling and min_rate; sector (a code) and wanted (codes); "
                                             "months and min_months or max_months; start and earliest or latest "
                                             "(ISO dates); scale and wanted (codes).")


class _PreferenceFit(serializers.Serializer):
    fits_preferences = serializers.BooleanField(help_text="True when the mission misses none of my preferences "
                                                          "(those left empty never miss).")
    preference_misses = PreferenceMissSerializer(many=True, help_text="Empty when the mission fits my preferences; "
                                                                      "otherwise in a fixed order.")


SUGGESTIONS_HELP = ("Changes to my profile that would lift this exclusion, put me in the top 10 or reach the next "
                    "band, best first; suggestions only: nothing changes until I edit my profile. Also "
                    "GET /api/v1/me/coach/.")


class RankedMissionSerializer(_PreferenceFit):
    mission = MissionSummarySerializer()
    score = serializers.FloatField(min_value=0, max_value=100, help_text="The client's score, to the last bit.")
    rank = serializers.IntegerField(allow_null=True, help_text=(
        "Position among the mission's candidates; null before the mission's first ranking, or beyond its "
        "stored rows when that ranking keeps no distribution."))
    rank_exact = serializers.BooleanField(help_text="False: read from the score distribution, within 1 % of "
                                                    "the candidate count.")
    candidates = serializers.IntegerField(allow_null=True, help_text="Candidates the mission's ranking scored.")
    top10 = serializers.BooleanField()
    breakdown = BreakdownItemSerializer(many=True)
    suggestions = SuggestionSerializer(many=True, help_text=SUGGESTIONS_HELP)


class ExcludedMissionSerializer(_PreferenceFit):
    mission = MissionSummarySerializer()
    reasons = ReasonSerializer(many=True)
    suggestions = SuggestionSerializer(many=True, help_text=SUGGESTIONS_HELP)


class MyMissionsSerializer(serializers.Serializer):
    rankable = serializers.BooleanField(help_text="False for a hidden profile or one without a daily rate: "
                                                  "both lists are then empty.")
    ranked_count = serializers.IntegerField()
    fitting_count = serializers.IntegerField(help_text="How many of the ranked missions fit my preferences: the "
                                                       "first ones of the list.")
    excluded_count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    ranked = RankedMissionSerializer(many=True, help_text="Those that fit my preferences first, then the others; "
                                                          "each part best score first. This page's slice.")
    excluded = ExcludedMissionSerializer(many=True, help_text="Grouped by their first failed filter; this page's "
                                                              "slice.")


@extend_schema(
    parameters=[
        OpenApiParameter("sector", OpenApiTypes.STR, description="A sector code: only its missions."),
        OpenApiParameter("work_mode", OpenApiTypes.STR, enum=["on_site", "hybrid", "remote"]),
        OpenApiParameter("min_score", OpenApiTypes.INT, description="Ranked missions scoring at least this "
                                                                    "(0–100)."),
        OpenApiParameter("page", OpenApiTypes.INT, description="From 1; applies to both lists. Past the last "
                                                               "page: 404."),
        OpenApiParameter("page_size", OpenApiTypes.INT, description="1–100 (25): the size of each list's page."),
    ],
    responses={200: MyMissionsSerializer, **error_responses(400, 401, 403, 404)},
)
class MyMissions(APIView):
    """Every open mission scored for my profile now, with the client's scores: those that rank me, with my
    position among the candidates and the explanation of each criterion, and those that exclude me, with
    each reason's figures. Those that fit my preferences come first; every mission says what of my
    preferences it misses. One `page` applies to both lists; the counts say how long each is."""

    permission_classes = [permissions.IsAuthenticated, IsFreelancer]
    renderer_classes = [OrjsonRenderer]

    def get(self, request):
        profile = profile_for_user(user=request.user)
        body = freelancer_missions.cached_answer("api", profile=profile, params=request.query_params,
                                                 build=lambda: OrjsonRenderer().render(self._answer(request, profile)))
        return Response(orjson.Fragment(body))

    @staticmethod
    def _answer(request, profile) -> dict:
        form = MissionsForMeFilterForm(request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
        page_size = ApiPagination().get_page_size(request)
        live = freelancer_missions.missions_for_me(profile=profile, **form.filters())
        paginator = Paginator(range(max(len(live.ranked), len(live.excluded))), page_size)
        try:
            page = paginator.page(request.query_params.get("page") or 1)
        except InvalidPage:
            raise exceptions.NotFound(_("Page introuvable.")) from None
        shown = slice(page.start_index() - 1 if paginator.count else 0, page.end_index())
        labels = vocabulary_labels()
        sugg = coach.mission_suggestions(profile=profile, live=live, positions=live.ranked[shown] + live.excluded[shown])

        def fit(item) -> dict:
            return {"fits_preferences": item.fits_preferences, "preference_misses": [
                {**miss, "text": preference_miss_text(miss, voice="freelancer", labels=labels)}
                for miss in item.preference_misses],
                "suggestions": [coach.suggestion_data(s, profile=profile, labels=labels)
                                for s in sugg.get(item.mission.pk, [])]}

        ranked = [{
            **fit(item),
            "mission": item.mission, "score": item.score,
            "rank": item.position.rank if item.position else None,
            "rank_exact": bool(item.position and item.position.exact),
            "candidates": item.position.candidates if item.position else None,
            "top10": bool(item.position and item.position.top10),
            "breakdown": [{"criterion": row.criterion, "label": row.label, "score": round(row.score, 4),
                           "weight": round(row.weight, 4), "points": round(row.points, 4), "reason": row.reason,
                           "reason_code": row.reason_code}
                          for row in explained_breakdown(item.breakdown, labels=labels)],
        } for item in live.ranked_items(live.ranked[shown])]
        excluded = [{**fit(item), "mission": item.mission,
                     "reasons": [{**reason, "text": render_reason(reason, labels=labels)} for reason in item.reasons]}
                    for item in live.excluded_items(live.excluded[shown])]
        return MyMissionsSerializer({
            "rankable": live.rankable, "ranked_count": len(live.ranked), "fitting_count": live.fitting,
            "excluded_count": len(live.excluded),
            "page": page.number, "page_size": page_size, "num_pages": paginator.num_pages,
            "ranked": ranked, "excluded": excluded,
        }).data


class MyPreferences(APIView):
    """My preferences: what I would accept of a mission. They never hide me from clients; they mark the
    missions that fit me (GET /api/v1/me/missions/) and choose what my digest carries. PATCH changes the
    fields it names; a refused change (a bound out of range or before the other bound, a sector both wanted
    and refused) is a 400 with field errors, and nothing is saved."""

    permission_classes = [permissions.IsAuthenticated, IsFreelancer]

    @staticmethod
    def _read(profile) -> Response:
        prefetch_related_objects([profile], *(Prefetch(name, queryset=Sector.objects.order_by("code"))
                                              for name in ("wanted_sectors", "refused_sectors")))
        return Response(ProfilePreferencesSerializer(profile).data)

    @extend_schema(responses={200: ProfilePreferencesSerializer, **error_responses(401, 403)})
    def get(self, request):
        return self._read(profile_for_user(user=request.user))

    @extend_schema(request=PreferencesInput,
                   responses={200: ProfilePreferencesSerializer, **error_responses(400, 401, 403)})
    def patch(self, request):
        profile = profile_for_user(user=request.user)
        given = PreferencesInput(data=request.data, partial=True)
        given.is_valid(raise_exception=True)
        given.save(profile=profile)
        return self._read(profile)
