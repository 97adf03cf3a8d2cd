from django.contrib import admin
from django.urls import include, path

from amoe_platform import views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("amoe_platform.api_urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("profile/", include("profiles.urls")),
    path("organisation/", include("missions.urls")),
    path("freelancer/", include("matching.urls_freelancer")),
    path("missions/", include("matching.urls_client")),
    path("", views.home, name="home"),
]
