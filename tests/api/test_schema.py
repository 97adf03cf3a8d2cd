"""GET /api/schema/ and /api/docs/: the OpenAPI schema is exact and the docs use no CDN."""
import re

from django.core.management import call_command
from rest_framework.test import APIClient


def test_the_schema_generates_without_a_warning(db, tmp_path):
    # --fail-on-warn raises on any warning: a field, filter or response the generator had to guess.
    # The vocabulary codes in the schema come from the database.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_the_schema_states_the_rules_the_inputs_validate(db):
    schema = APIClient().get("/api/schema/?format=json").json()
    components = schema["components"]["schemas"]
    create = components["MissionCreateInputRequest"]["properties"]
    assert components[create["sector"]["oneOf"][0]["$ref"].rsplit("/", 1)[1]]["enum"] == [
        "architecture", "btp", "immobilier", "industrie", "informatique"]
    assert create["tools"]["maxItems"] == 50 and "once" in create["tools"]["description"]
    assert "Today or later" in create["start_date"]["description"]
    assert create["title"]["pattern"] == r"\S" and create["title"]["maxLength"] == 200
    status_enum = components[create["status"]["allOf"][0]["$ref"].rsplit("/", 1)[1]]["enum"]
    assert set(status_enum) == {"draft", "open", "closed"}  # a new mission cannot be "filled"
    tool = components["ToolRequirementInputRequest"]["properties"]["tool"]
    assert "excel" in components[tool["$ref"].rsplit("/", 1)[1]]["enum"]
    candidates = {p["name"]: p for p in schema["paths"]["/api/v1/missions/{id}/candidates/"]["get"]["parameters"]}
    assert candidates["min_score"]["schema"]["minimum"] == 0 and candidates["min_score"]["schema"]["maximum"] == 100
    assert candidates["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}
    profiles = {p["name"]: p for p in schema["paths"]["/api/v1/profiles/"]["get"]["parameters"]}
    assert profiles["min_years"]["schema"] == {"type": "integer", "minimum": 0, "maximum": 60}
    assert profiles["available_before"]["allowEmptyValue"] is True  # `?available_before=` filters nothing
    assert "allowEmptyValue" not in profiles["sector"] and "btp" in profiles["sector"]["schema"]["items"]["enum"]
    assert "enum" not in profiles["Accept-Language"]["schema"]  # en-GB,en;q=0.9 is a fine value


def test_the_schema_links_a_new_mission_to_shortlisting_its_best_candidate(db):
    paths = APIClient().get("/api/schema/?format=json").json()["paths"]
    created = paths["/api/v1/missions/"]["post"]["responses"]["201"]["links"]
    assert created["GetCandidates"] == {"operationId": "missions_candidates_list",
                                        "parameters": {"id": "$response.body#/id"}}
    shortlist = paths["/api/v1/missions/{id}/candidates/"]["get"]["responses"]["200"]["links"]
    assert shortlist["ShortlistBestCandidate"]["requestBody"] == {"profile": "$response.body#/results/0/profile/id"}
    added = paths["/api/v1/missions/{id}/shortlist/"]["post"]["responses"]["201"]["links"]
    assert {link["operationId"] for link in added.values()} == {
        "missions_shortlist_retrieve", "missions_shortlist_partial_update", "missions_shortlist_destroy"}


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
        ("/api/v1/me/missions/", "get"), ("/api/v1/me/coach/", "get"),
        ("/api/v1/me/preferences/", "get"), ("/api/v1/me/preferences/", "patch"),
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


def test_the_candidates_preference_filter_ordering_and_fields_are_documented(db):
    schema = APIClient().get("/api/schema/?format=json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/missions/{id}/candidates/"]["get"]["parameters"]}
    assert params["fits_preferences"]["schema"]["enum"] == ["false", "true"]
    assert params["ordering"]["schema"]["enum"] == ["mutual", "rank"]
    assert "both ways" in params["ordering"]["description"]
    components = schema["components"]["schemas"]
    candidate = components["Candidate"]["properties"]
    assert candidate["fits_preferences"]["type"] == "boolean"
    miss = components[candidate["preference_misses"]["items"]["$ref"].rsplit("/", 1)[1]]["properties"]
    assert set(miss) == {"code", "text", "params"}
