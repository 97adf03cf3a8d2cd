"""The recruiting workspace's pages, one list per audience; amoe_platform/urls.py gives each list its
namespace (`client:`, `freelancer:`). Paths are whole (the freelancer's applications live under
/missions/ beside the client pages, as they always have)."""
from django.urls import path

from recruiting.views import alerts, applications, missions_for_me, organisation, shortlist

client_patterns = [
    path("missions/", organisation.dashboard_page, name="dashboard"),
    path("missions/<int:pk>/", organisation.mission_detail, name="mission_detail"),
    path("missions/<int:pk>/compare/", organisation.compare, name="compare"),
    path("missions/<int:pk>/shortlist/", shortlist.shortlist_page, name="shortlist"),
    path("missions/<int:pk>/shortlist/add/", shortlist.shortlist_add, name="shortlist_add"),
    path("missions/<int:pk>/shortlist/<int:entry_pk>/", shortlist.shortlist_entry, name="shortlist_entry"),
    path("missions/<int:pk>/shortlist/<int:entry_pk>/move/", shortlist.shortlist_move, name="shortlist_move"),
    path("missions/<int:pk>/shortlist/<int:entry_pk>/remove/", shortlist.shortlist_remove, name="shortlist_remove"),
    path("missions/<int:pk>/shortlist/<int:entry_pk>/questionnaire/", shortlist.shortlist_questionnaire,
         name="shortlist_questionnaire"),
    path("missions/<int:pk>/recommend/<int:profile_pk>/", shortlist.recommend, name="recommend"),
]

freelancer_patterns = [
    path("freelancer/missions/", missions_for_me.missions_for_me, name="missions"),
    path("freelancer/profiles/<int:profile_id>/cv/", missions_for_me.cv_download, name="cv"),
    path("freelancer/alerts/", alerts.alerts_page, name="alerts"),
    path("freelancer/alerts/unsubscribe/<str:token>/", alerts.digest_unsubscribe_page, name="digest_unsubscribe"),
    path("missions/applications/", applications.my_applications, name="my_applications"),
    path("missions/applications/<int:entry_pk>/questionnaire/", applications.questionnaire_answer,
         name="questionnaire_answer"),
    path("missions/applications/<int:entry_pk>/collaboration/", applications.collaboration, name="collaboration"),
    path("missions/recommendations/<int:pk>/respond/", applications.recommendation_respond,
         name="recommendation_respond"),
    path("missions/recommendations/<int:pk>/report/", applications.recommendation_report,
         name="recommendation_report"),
]
