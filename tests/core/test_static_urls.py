"""Static files' URLs are worked out once per process, and again after a settings change."""
from django.templatetags.static import static


def test_static_links_keep_the_storages_answer(settings):
    assert static("css/site.css") == "/static/css/site.css"
    assert static("css/site.css") == "/static/css/site.css"
    settings.STATIC_URL = "/assets/"
    assert static("css/site.css") == "/assets/css/site.css"
