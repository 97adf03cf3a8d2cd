"""Every error the API answers has the documented shape: the operation documents the status, the body
matches its schema (`{"detail", "code"}`, plus `errors` on a 400) and 429 and 503 say when to retry."""
import json
from unittest import mock

import jsonschema
import pytest
from django.db import OperationalError
from django.test import Client
from rest_framework.test import APIClient

from core.api import retry_after_seconds
from tests.api.conftest import token_client


@pytest.fixture
def schema(db):
    return APIClient().get("/api/schema/?format=json").json()


def assert_documented(schema, response, path, method):
    """The response's status is documented for the operation, and its JSON body matches that schema."""
    responses = schema["paths"][path][method]["responses"]
    assert str(response.status_code) in responses, f"{response.status_code} not documented for {method} {path}"
    documented = responses[str(response.status_code)]
    assert response["Content-Type"] == "application/json"
    body_schema = documented["content"]["application/json"]["schema"]
    jsonschema.validate(json.loads(response.content), {"allOf": [body_schema], "components": schema["components"]})
    for header, definition in documented.get("headers", {}).items():
        if definition.get("required"):
            assert response.has_header(header), f"{header} missing"
    return json.loads(response.content)


def test_a_body_that_is_not_utf8_json_answers_400_with_the_validation_shape(schema, esn_mission, esn_recruiter):
    for path, url, client in (("/api/v1/auth/token/", "/api/v1/auth/token/", APIClient()),
                              ("/api/v1/missions/{id}/shortlist/", f"/api/v1/missions/{esn_mission.pk}/shortlist/",
                               token_client(esn_recruiter))):
        for raw in (b"th\xab\xcd", b"\x00", b"{not json"):
            response = client.generic("POST", url, raw, content_type="application/json")
            body = assert_documented(schema, response, path, "post")
            assert response.status_code == 400 and body["code"] == "parse_error"
            assert body["errors"] == {"non_field_errors": [body["detail"]]}
            assert "utf-8" not in body["detail"] and "Expecting" not in body["detail"]


@pytest.mark.parametrize("url", ["/api/v1/nothing-here/", "/api/v1/missions/abc/", "/api/v1/missions/-1/",
                                 "/api/v1/missions/1/shortlist/-1/", "/api/v2/"])
def test_an_api_url_that_matches_no_route_answers_404_in_json(db, esn_recruiter, url):
    response = token_client(esn_recruiter).get(url)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": response.json()["detail"], "code": "not_found"}


def test_pages_outside_the_api_keep_the_html_404(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404 and "application/json" not in response["Content-Type"]


def test_a_method_the_operation_lacks_answers_405_with_allow(esn_recruiter, esn_mission):
    response = token_client(esn_recruiter).put(f"/api/v1/missions/{esn_mission.pk}/", {}, format="json")
    assert response.status_code == 405 and "PATCH" in response["Allow"]
    assert set(response.json()) == {"detail", "code"} and response.json()["code"] == "method_not_allowed"


def test_a_body_that_is_not_json_answers_a_documented_415(schema, esn_recruiter):
    response = token_client(esn_recruiter).generic("POST", "/api/v1/missions/", "title=x", content_type="text/plain")
    body = assert_documented(schema, response, "/api/v1/missions/", "post")
    assert response.status_code == 415 and body["code"] == "unsupported_media_type"


def test_401_and_403_have_the_documented_shape(schema, freelancer):
    response = APIClient().get("/api/v1/missions/")
    assert assert_documented(schema, response, "/api/v1/missions/", "get")["code"] == "not_authenticated"
    response = token_client(freelancer).get("/api/v1/missions/")
    assert response.status_code == 403
    assert_documented(schema, response, "/api/v1/missions/", "get")


def test_a_page_size_out_of_range_is_a_400_not_a_silent_default(schema, esn_recruiter):
    for size in ("0", "101", "abc", "null", "-1", "1.5"):
        response = token_client(esn_recruiter).get("/api/v1/missions/", {"page_size": size})
        body = assert_documented(schema, response, "/api/v1/missions/", "get")
        assert response.status_code == 400 and list(body["errors"]) == ["page_size"]
    assert token_client(esn_recruiter).get("/api/v1/missions/", {"page_size": "100"}).status_code == 200


def test_a_throttled_request_answers_429_with_retry_after_in_whole_seconds(schema, esn_recruiter):
    client = APIClient()
    for attempt in range(10):
        response = client.post("/api/v1/auth/token/", {"email": "recruiter@esn.fr", "password": f"guess-{attempt}"},
                               format="json")
        if response.status_code == 429:
            break
    assert response.status_code == 429
    assert assert_documented(schema, response, "/api/v1/auth/token/", "post")["code"] == "throttled"
    assert response["Retry-After"].isdigit() and int(response["Retry-After"]) >= 1


@pytest.mark.parametrize(("wait", "seconds"), [(0.2, 1), (59.01, 60), (3.0, 3), (None, 60), (0, 60)])
def test_retry_after_is_rounded_up_and_never_missing(wait, seconds):
    assert retry_after_seconds(wait) == seconds


def test_every_operation_documents_429_with_its_limits_and_retry_after(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            throttled = operation["responses"]["429"]
            assert "600 per minute per user" in throttled["description"], (method, path)
            assert throttled["headers"]["Retry-After"]["required"] is True
            assert throttled["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    token = schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]["429"]["description"]
    assert "5 per minute" in token and "10 per hour per e-mail address posted" in token
    assert "30 per hour" in schema["paths"]["/api/v1/missions/{id}/rank/"]["post"]["responses"]["429"]["description"]


def test_a_database_error_answers_a_documented_503(schema, esn_recruiter):
    with mock.patch("missions.api._missions_of", side_effect=OperationalError("could not connect to server")):
        response = token_client(esn_recruiter).get("/api/v1/missions/")
    body = assert_documented(schema, response, "/api/v1/missions/", "get")
    assert response.status_code == 503 and body["code"] == "service_unavailable"


def test_an_unexpected_error_under_the_api_answers_500_in_json(esn_recruiter):
    client = token_client(esn_recruiter)
    client.raise_request_exception = False
    with mock.patch("missions.api._missions_of", side_effect=RuntimeError("boom")):
        response = client.get("/api/v1/missions/")
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert response.json()["code"] == "server_error" and "boom" not in response.content.decode()
