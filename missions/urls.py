"""The organisation's pages (members, invitations, missions), whole paths under /organisation/;
amoe_platform/urls.py puts them in the clients' namespace, `client:`."""
from django.urls import path

from accounts import organisation_views
from missions import views

client_patterns = [
    path("organisation/", views.home, name="organisation_home"),
    path("organisation/signup/", organisation_views.signup, name="signup"),
    path("organisation/members/", organisation_views.members, name="members"),
    path("organisation/members/<id:membership_pk>/role/", organisation_views.member_role, name="member_role"),
    path("organisation/members/<id:membership_pk>/remove/", organisation_views.member_remove, name="member_remove"),
    path("organisation/members/invitations/<id:invitation_pk>/revoke/", organisation_views.invitation_revoke,
         name="invitation_revoke"),
    path("organisation/invitations/<str:token>/", organisation_views.invitation_accept, name="invitation_accept"),
    path("organisation/missions/new/", views.mission_create, name="mission_create"),
    path("organisation/missions/<id:pk>/edit/", views.mission_edit, name="mission_edit"),
    path("organisation/missions/<id:pk>/publish/", views.mission_publish, name="mission_publish"),
    path("organisation/missions/<id:pk>/fill/", views.mission_fill, name="mission_fill"),
    path("organisation/missions/<id:pk>/close/", views.mission_close, name="mission_close"),
]
