"""GET /api/v1/sectors/, /tools/, /skills/."""
import pytest
from rest_framework.test import APIClient

from profiles.models import Tool
from tests.api.conftest import token_client


@pytest.mark.parametrize("kind", ["sectors", "tools", "skills"])
def test_vocabularies_list_codes_and_labels_in_the_request_language(esn_recruiter, kind):
    french = token_client(esn_recruiter).get(f"/api/v1/{kind}/").json()
    english = token_client(esn_recruiter, language="en").get(f"/api/v1/{kind}/").json()
    assert french and [i["code"] for i in french] == [i["code"] for i in english]
    assert {"code", "label"} <= set(french[0])


def test_sector_labels_differ_by_language(esn_recruiter):
    def label(language):
        items = token_client(esn_recruiter, language=language).get("/api/v1/sectors/").json()
        return {i["code"]: i["label"] for i in items}["btp"]

    assert label("fr") != label("en")
    assert label("en") == "Construction and public works"


def test_inactive_items_are_left_out(esn_recruiter):
    Tool.objects.filter(code="ms_project").update(is_active=False)
    codes = [i["code"] for i in token_client(esn_recruiter).get("/api/v1/tools/").json()]
    assert "ms_project" not in codes


def test_freelancers_read_the_vocabularies_too(freelancer):
    assert token_client(freelancer).get("/api/v1/skills/").status_code == 200


def test_vocabularies_need_a_token(db):
    assert APIClient().get("/api/v1/sectors/").status_code == 401
