"""Pages for client organisations: a mission's ranking, comparison, shortlist; and the
freelancer's view of their own shortlist entries."""
from django.urls import path

from matching.client_views import freelancer, organisation, shortlist

app_name = "matching"
urlpatterns = [
    path("", organisation.dashboard_page, name="dashboard"),
    path("<int:pk>/", organisation.mission_detail, name="mission_detail"),
    path("<int:pk>/compare/", organisation.compare, name="compare"),
    path("<int:pk>/shortlist/", shortlist.shortlist_page, name="shortlist"),
    path("<int:pk>/shortlist/add/", shortlist.shortlist_add, name="shortlist_add"),
    path("<int:pk>/shortlist/<int:entry_pk>/", shortlist.shortlist_entry, name="shortlist_entry"),
    path("<int:pk>/shortlist/<int:entry_pk>/move/", shortlist.shortlist_move, name="shortlist_move"),
    path("<int:pk>/shortlist/<int:entry_pk>/remove/", shortlist.shortlist_remove, name="shortlist_remove"),
    path("<int:pk>/shortlist/<int:entry_pk>/questionnaire/", shortlist.shortlist_questionnaire,
         name="shortlist_questionnaire"),
    path("<int:pk>/recommend/<int:profile_pk>/", shortlist.recommend, name="recommend"),
    path("applications/", freelancer.my_applications, name="my_applications"),
    path("applications/<int:entry_pk>/questionnaire/", freelancer.questionnaire_answer,
         name="questionnaire_answer"),
    path("applications/<int:entry_pk>/collaboration/", freelancer.collaboration, name="collaboration"),
    path("recommendations/<int:pk>/respond/", freelancer.recommendation_respond, name="recommendation_respond"),
    path("recommendations/<int:pk>/report/", freelancer.recommendation_report, name="recommendation_report"),
]
