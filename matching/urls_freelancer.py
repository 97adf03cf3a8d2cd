"""Pages for freelancers that put rankings beside their profile (missions for me, the CV)."""
from django.urls import path

from matching import views_alerts, views_freelancer, views_privacy

app_name = "matching_freelancer"
urlpatterns = [
    path("missions/", views_freelancer.missions_for_me, name="missions"),
    path("profiles/<int:profile_id>/cv/", views_freelancer.cv_download, name="cv"),
    path("alerts/", views_alerts.alerts_page, name="alerts"),
    path("alerts/unsubscribe/<str:token>/", views_alerts.digest_unsubscribe_page, name="digest_unsubscribe"),
]

# GDPR: the freelancer's data, downloaded or erased (matching.views_privacy).
urlpatterns += [
    path("privacy/", views_privacy.privacy_page, name="privacy"),
    path("privacy/export/", views_privacy.privacy_export, name="privacy_export"),
    path("privacy/erase/", views_privacy.privacy_erase, name="privacy_erase"),
]
