from django.contrib import admin
from django.urls import include, path

from amoe_platform import views
from missions import urls as missions_urls
from privacy import urls as privacy_urls
from profiles import urls as profiles_urls
from recruiting import urls as recruiting_urls

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("amoe_platform.api_urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    # One namespace per audience, gathered here from the apps that own the pages (recruiting may not
    # import privacy, nor missions import recruiting): every path stays whole in its app's list.
    path("", include((missions_urls.client_patterns + recruiting_urls.client_patterns, "client"))),
    path("", include((profiles_urls.freelancer_patterns + recruiting_urls.freelancer_patterns
                      + privacy_urls.urlpatterns, "freelancer"))),
    path("healthz/", views.healthz, name="healthz"),
    path("", views.home, name="home"),
]

# Under /api/ every error answers the API's JSON error shape; a database error raised outside any
# view (a middleware saving the session) answers 503 too.
handler400 = "core.middleware.bad_request"
handler403 = "core.middleware.permission_denied"
handler404 = "core.middleware.page_not_found"
handler500 = "core.middleware.server_error"
