from django.urls import path

from accounts import organisation_views
from missions import views

# The organisation pages (accounts) share the /organisation/ prefix and the names of the mission pages.
app_name = "missions"
urlpatterns = [
    path("", views.home, name="dashboard"),
    path("signup/", organisation_views.signup, name="signup"),
    path("members/", organisation_views.members, name="members"),
    path("members/<id:membership_pk>/role/", organisation_views.member_role, name="member_role"),
    path("members/<id:membership_pk>/remove/", organisation_views.member_remove, name="member_remove"),
    path("members/invitations/<id:invitation_pk>/revoke/", organisation_views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<str:token>/", organisation_views.invitation_accept, name="invitation_accept"),
    path("missions/new/", views.mission_create, name="mission_create"),
    path("missions/<id:pk>/edit/", views.mission_edit, name="mission_edit"),
    path("missions/<id:pk>/publish/", views.mission_publish, name="mission_publish"),
    path("missions/<id:pk>/fill/", views.mission_fill, name="mission_fill"),
    path("missions/<id:pk>/close/", views.mission_close, name="mission_close"),
]
