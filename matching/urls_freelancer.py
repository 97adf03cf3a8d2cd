"""Pages for freelancers that put rankings beside their profile (missions for me, ...)."""
from django.urls import path  # noqa: F401

app_name = "matching_freelancer"
urlpatterns: list = []
