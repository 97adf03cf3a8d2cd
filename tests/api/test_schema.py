"""GET /api/schema/ and /api/docs/: the OpenAPI schema is exact and the docs use no CDN."""
import re

from django.core.management import call_command
from rest_framework.test import APIClient


def test_the_schema_generates_without_a_warning(tmp_path):
    # --fail-on-warn raises on any warning: a field, filter or response the generator had to guess.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_the_schema_documents_every_operation_and_error_shape(db):
    schema = APIClient().get("/api/schema/?format=json").json()
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert operations == {
        ("/api/v1/auth/token/", "post"), ("/api/v1/auth/token/", "delete"),
        ("/api/v1/sectors/", "get"), ("/api/v1/tools/", "get"), ("/api/v1/skills/", "get"),
        ("/api/v1/profiles/", "get"), ("/api/v1/profiles/{id}/", "get"),
        ("/api/v1/missions/", "get"), ("/api/v1/missions/", "post"),
        ("/api/v1/missions/{id}/", "get"), ("/api/v1/missions/{id}/", "patch"), ("/api/v1/missions/{id}/", "delete"),
        ("/api/v1/missions/{id}/candidates/", "get"), ("/api/v1/missions/{id}/rank/", "post"),
        ("/api/v1/missions/{id}/shortlist/", "get"), ("/api/v1/missions/{id}/shortlist/", "post"),
        ("/api/v1/missions/{id}/shortlist/{profile_id}/", "get"),
        ("/api/v1/missions/{id}/shortlist/{profile_id}/", "patch"),
        ("/api/v1/missions/{id}/shortlist/{profile_id}/", "delete"),
    }
    profile_filters = {p["name"] for p in schema["paths"]["/api/v1/profiles/"]["get"]["parameters"]}
    assert profile_filters >= {"sector", "tool", "skill", "english_written_min", "english_spoken_min", "min_years",
                               "max_daily_rate", "available_before", "work_mode", "q", "ordering", "page"}
    assert schema["paths"]["/api/v1/missions/{id}/rank/"]["post"]["responses"].keys() >= {"202", "404", "429"}
    move_error = schema["paths"]["/api/v1/missions/{id}/shortlist/{profile_id}/"]["patch"]["responses"]["400"]
    assert move_error["content"]["application/json"]["schema"]["$ref"].endswith("/ShortlistMoveError")
    assert set(schema["components"]["schemas"]["ValidationError"]["properties"]) == {"detail", "code", "errors"}
    assert schema["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"


def test_the_docs_are_served_from_the_projects_own_static_files(db):
    for path in ("/api/docs/", "/api/redoc/"):
        page = APIClient().get(path).content.decode()
        assert "/static/drf_spectacular_sidecar/" in page
        assert not re.search(r"https?://[^\"']*(cdn|unpkg|jsdelivr)", page)
