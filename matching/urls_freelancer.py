"""GDPR: the freelancer's data, downloaded or erased (matching.views_privacy), in the `freelancer:` namespace."""
from django.urls import path

from matching import views_privacy

urlpatterns = [
    path("freelancer/privacy/", views_privacy.privacy_page, name="privacy"),
    path("freelancer/privacy/export/", views_privacy.privacy_export, name="privacy_export"),
    path("freelancer/privacy/erase/", views_privacy.privacy_erase, name="privacy_erase"),
]
