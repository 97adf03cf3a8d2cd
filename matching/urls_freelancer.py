"""Pages for freelancers that put rankings beside their profile (missions for me, the CV)."""
from django.urls import path

from matching import views_freelancer

app_name = "matching_freelancer"
urlpatterns = [
    path("missions/", views_freelancer.missions_for_me, name="missions"),
    path("profiles/<int:profile_id>/cv/", views_freelancer.cv_download, name="cv"),
]
