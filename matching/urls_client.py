"""Pages for client organisations: a mission's ranking, comparison, shortlist."""
from django.urls import path  # noqa: F401

app_name = "matching"
urlpatterns: list = []
