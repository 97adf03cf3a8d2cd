"""The recruiting workspace's pages, one list per audience; amoe_platform/urls.py gives each list its
namespace (`client:`, `freelancer:`). Paths are whole (the freelancer's applications live under
/missions/ beside the client pages, as they always have)."""
from django.urls import path

from recruiting.views import alerts, applications, coach, missions_for_me, organisation, shortlist

client_patterns = [
    path("missions/", organisation.dashboard_page, name="dashboard"),
    path("missions/<id:pk>/", organisation.mission_detail, name="mission_detail"),
    path("missions/<id:pk>/compare/", organisation.compare, name="compare"),
    path("missions/<id:pk>/shortlist/", shortlist.shortlist_page, name="shortlist"),
    path("missions/<id:pk>/shortlist/add/", shortlist.shortlist_add, name="shortlist_add"),
    path("missions/<id:pk>/shortlist/<id:entry_pk>/", shortlist.shortlist_entry, name="shortlist_entry"),
    path("missions/<id:pk>/shortlist/<id:entry_pk>/move/", shortlist.shortlist_move, name="shortlist_move"),
    path("missions/<id:pk>/shortlist/<id:entry_pk>/remove/", shortlist.shortlist_remove, name="shortlist_remove"),
    path("missions/<id:pk>/shortlist/<id:entry_pk>/questionnaire/", shortlist.shortlist_questionnaire,
         name="shortlist_questionnaire"),
    path("missions/<id:pk>/recommend/<id:profile_pk>/", shortlist.recommend, name="recommend"),
]

freelancer_patterns = [
    path("freelancer/missions/", missions_for_me.missions_for_me, name="missions"),
    path("freelancer/profiles/<id:profile_id>/cv/", missions_for_me.cv_download, name="cv"),
    path("freelancer/alerts/", alerts.alerts_page, name="alerts"),
    path("freelancer/coach/", coach.coach_page, name="coach"),
    path("freelancer/alerts/unsubscribe/<str:token>/", alerts.digest_unsubscribe_page, name="digest_unsubscribe"),
    path("missions/applications/", applications.my_applications, name="my_applications"),
    path("missions/applications/<id:entry_pk>/questionnaire/", applications.questionnaire_answer,
         name="questionnaire_answer"),
    path("missions/applications/<id:entry_pk>/collaboration/", applications.collaboration, name="collaboration"),
    path("missions/recommendations/<id:pk>/respond/", applications.recommendation_respond,
         name="recommendation_respond"),
    path("missions/recommendations/<id:pk>/report/", applications.recommendation_report,
         name="recommendation_report"),
]
