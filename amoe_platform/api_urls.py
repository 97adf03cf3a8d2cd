"""The REST API (version 1 under /api/v1/), its OpenAPI schema and its documentation pages.

The profile views get recruiting's contact rule here, where every app may be imported:
profiles itself may not import recruiting (see profiles/api.py).
"""
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from accounts.api import TokenView
from missions import api as missions_api
from profiles import api as profiles_api
from recruiting import access as recruiting_access
from recruiting import api as recruiting_api
from recruiting import api_coach, api_freelancer

app_name = "api"
contacts = {"contact_policy": recruiting_access.shortlisted_contacts}

urlpatterns = [
    path("v1/auth/token/", TokenView.as_view(), name="token"),
    path("v1/sectors/", profiles_api.SectorList.as_view(), name="sectors"),
    path("v1/tools/", profiles_api.ToolList.as_view(), name="tools"),
    path("v1/skills/", profiles_api.SkillList.as_view(), name="skills"),
    path("v1/profiles/", profiles_api.ProfileList.as_view(**contacts), name="profiles"),
    path("v1/profiles/<id:id>/", profiles_api.ProfileDetail.as_view(**contacts), name="profile"),
    path("v1/missions/", missions_api.MissionList.as_view(), name="missions"),
    path("v1/missions/<id:id>/", missions_api.MissionDetail.as_view(), name="mission"),
    path("v1/missions/<id:id>/candidates/", recruiting_api.CandidateList.as_view(), name="candidates"),
    path("v1/missions/<id:id>/rank/", recruiting_api.RankRequest.as_view(), name="rank"),
    path("v1/missions/<id:id>/shortlist/", recruiting_api.ShortlistList.as_view(), name="shortlist"),
    path("v1/missions/<id:id>/shortlist/<id:profile_id>/", recruiting_api.ShortlistDetail.as_view(),
         name="shortlist_entry"),
    path("v1/me/missions/", api_freelancer.MyMissions.as_view(), name="my_missions"),
    path("v1/me/coach/", api_coach.MyCoach.as_view(), name="my_coach"),
    path("v1/me/preferences/", api_freelancer.MyPreferences.as_view(), name="my_preferences"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's set-up as a script file: the CSP forbids inline scripts.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
