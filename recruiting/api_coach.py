"""REST API for freelancers: the coach, the changes to my profile that would gain me the most open missions.

Like /me/missions/, it reads only the token's own profile. The `suggestions` of /me/missions/ items use
SuggestionSerializer below.
"""
from __future__ import annotations

from django.http import QueryDict
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import error_responses
from profiles.services import profile_for_user
from recruiting import coach, freelancer_missions
from recruiting.dashboard import vocabulary_labels

PART_KINDS = ["tool", "skill", "english_written", "english_spoken", "english", "rate", "mobility", "work_mode",
              "availability", "project", "diploma"]


class ChangePartSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PART_KINDS, help_text=(
        "What changes: tool (code, level 1–4), skill (code), english_written / english_spoken / english (code: a "
        "CEFR level; english raises both), rate (number: euros a day), mobility (number: km), work_mode (code: "
        "the mode accepted, number: the mobility in km), availability (date), project (code: the scale of a past "
        "project), diploma (level: bac+level; code master: a master's or engineering degree, plain: another "
        "diploma, none: the diploma kind I already have)."))
    code = serializers.CharField(required=False, help_text="Tool, skill, CEFR level, work mode, project scale or "
                                                           "diploma kind.")
    level = serializers.IntegerField(required=False, help_text="Tool proficiency (1–4) or diploma level (2–8).")
    number = serializers.IntegerField(required=False, help_text="Daily rate in euros, or mobility in km.")
    date = serializers.DateField(required=False, help_text="The availability date.")
    cost_per_day = serializers.IntegerField(required=False, help_text="rate only: euros a day less than now.")
    text = serializers.CharField(help_text="The change as a condition to check (\"if you have…\"), in the "
                                           "request's language: nothing is changed until you edit your profile.")
    edit_url = serializers.CharField(help_text="The profile editor's section where the change is made.")


class ChangeSerializer(ChangePartSerializer):
    kind = serializers.ChoiceField(choices=[*PART_KINDS, "combined"], help_text=(
        "As a part's kind, or combined: the changes in `parts` made together, where no single change would lift "
        "an exclusion (edit_url: the first part's section)."))
    parts = ChangePartSerializer(many=True, required=False, help_text="combined only: each change, with its own "
                                                                      "text and section.")


class SuggestionSerializer(serializers.Serializer):
    change = ChangeSerializer()
    score = serializers.FloatField(help_text="The mission's score for the changed profile, as its ranking "
                                             "computes it.")
    points = serializers.FloatField(help_text="Points gained; for a mission that excludes me now, the whole score.")
    new_rank = serializers.IntegerField(allow_null=True, help_text=(
        "Position among the mission's candidates with the change, from its stored ranking; null before its "
        "first ranking."))
    rank_exact = serializers.BooleanField(help_text="False: read from the score distribution.")
    band = serializers.ChoiceField(choices=["excellent", "good", "partial", "weak"])
    band_label = serializers.CharField()
    lifts_exclusion = serializers.BooleanField()
    enters_top10 = serializers.BooleanField()
    reaches_band = serializers.BooleanField(help_text="The score reaches the next band up.")


class CoachItemSerializer(serializers.Serializer):
    change = ChangeSerializer()
    text = serializers.CharField(help_text="The change and what it would gain, in the request's language.")
    top10_gained = serializers.IntegerField(help_text="Open missions whose top 10 the change would put me in.")
    exclusions_lifted = serializers.IntegerField(help_text="Open missions that would no longer exclude me.")
    bands_gained = serializers.IntegerField(help_text="Missions ranking me whose score would reach the next band.")
    top10_missions = serializers.ListField(child=serializers.IntegerField(), help_text="Their mission ids.")
    lifted_missions = serializers.ListField(child=serializers.IntegerField())
    banded_missions = serializers.ListField(child=serializers.IntegerField())


class MyCoachSerializer(serializers.Serializer):
    rankable = serializers.BooleanField(help_text="False for a hidden profile or one without a daily rate: the "
                                                  "list is then empty.")
    items = CoachItemSerializer(many=True, help_text="Most top-10 entries first, then exclusions lifted, then "
                                                     "bands.")


@extend_schema(responses={200: MyCoachSerializer, **error_responses(401, 403)})
class MyCoach(APIView):
    """The changes to my profile that would gain me the most open missions: each measured by scoring my changed
    profile as the clients' rankings do, and placed in each mission's stored ranking. Suggestions only: my
    profile changes when I edit it. The answer is kept in the shared cache until anything it is computed from
    changes (freelancer_missions.cached_answer)."""

    def get_permissions(self):
        # /me/missions/'s own check; imported here because api_freelancer imports SuggestionSerializer from here.
        from recruiting.api_freelancer import IsFreelancer

        return [permissions.IsAuthenticated(), IsFreelancer()]

    def get(self, request):
        profile = profile_for_user(user=request.user)
        return Response(freelancer_missions.cached_answer("coach-api", profile=profile, params=QueryDict(),
                                                          build=lambda: self._answer(profile)))

    @staticmethod
    def _answer(profile) -> dict:
        result = coach.profile_coach(profile=profile)
        items = coach.overall_data(result, profile=profile, labels=vocabulary_labels())
        return MyCoachSerializer({"rankable": result.rankable, "items": items}).data
