"""Ids in URLs fit a 64-bit integer: one past it is a 404, never a database error."""
import pytest

pytestmark = pytest.mark.django_db

TOO_BIG = str(2**63)


@pytest.mark.parametrize("path", [
    f"/api/v1/missions/{TOO_BIG}/",
    f"/api/v1/missions/1/shortlist/{TOO_BIG}/",
    f"/api/v1/profiles/{'9' * 19}/",
])
def test_an_id_past_64_bits_is_a_json_404_on_the_api(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_id_past_64_bits_is_a_404_page(client, freelancer):
    client.force_login(freelancer)
    assert client.get(f"/profile/{TOO_BIG}/").status_code == 404
    assert client.get(f"/missions/{TOO_BIG}/").status_code == 404


def test_the_largest_id_still_reaches_the_view(client, freelancer):
    client.force_login(freelancer)
    assert client.get(f"/profile/{2**63 - 1}/").status_code == 404  # the view's own "no such profile"
