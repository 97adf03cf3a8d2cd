"""The freelancer's profile pages, whole paths under /profile/; amoe_platform/urls.py puts them in the
freelancers' namespace, `freelancer:` (the public page is the freelancer's, shown to clients)."""
from django.urls import path

from profiles import views

freelancer_patterns = [
    path("profile/", views.overview, name="profile"),
    path("profile/edit/cv/", views.cv_edit, name="profile_cv"),
    path("profile/edit/<slug:key>/", views.section_edit, name="profile_edit"),
    path("profile/preview/", views.preview, name="profile_preview"),
    path("profile/<id:pk>/", views.public, name="profile_public"),
]
