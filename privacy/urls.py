"""GDPR: the freelancer's data, downloaded or erased; amoe_platform/urls.py puts them in the `freelancer:` namespace."""
from django.urls import path

from privacy import views

urlpatterns = [
    path("freelancer/privacy/", views.privacy_page, name="privacy"),
    path("freelancer/privacy/export/", views.privacy_export, name="privacy_export"),
    path("freelancer/privacy/erase/", views.privacy_erase, name="privacy_erase"),
]
