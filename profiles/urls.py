from django.urls import path

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("edit/cv/", views.cv_edit, name="cv"),
    path("edit/<slug:key>/", views.section_edit, name="edit"),
    path("preview/", views.preview, name="preview"),
    path("<id:pk>/", views.public, name="public"),
]
