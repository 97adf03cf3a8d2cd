"""The freelancer's preferences through the API (recruiting.api_freelancer.MyPreferences, called as a view:
its route, /api/v1/me/preferences/, is the integrator's to add): read, changed field by field, and bad input
refused with field errors, saving nothing."""
import datetime

import pytest
from rest_framework.test import APIRequestFactory, force_authenticate

from recruiting.api_freelancer import MyPreferences
from tests.factories import sector

pytestmark = pytest.mark.django_db
VIEW = MyPreferences.as_view()


def _call(user, method="get", data=None):
    request = getattr(APIRequestFactory(), method)("/api/v1/me/preferences/", data, format="json")
    force_authenticate(request, user=user)
    response = VIEW(request)
    response.render()
    return response


def test_a_freelancer_reads_and_changes_their_preferences(freelancer):
    sector("btp"), sector("industrie"), sector("informatique")
    response = _call(freelancer, "patch", {
        "min_daily_rate": 550, "wanted_sectors": ["btp", "industrie"], "refused_sectors": ["informatique"],
        "min_mission_months": 3, "max_mission_months": 12, "earliest_start_date": "2031-01-01",
        "wanted_scales": ["large"], "max_distance_km": 80})
    assert response.status_code == 200
    body = _call(freelancer).data
    assert body["min_daily_rate"] == 550 and body["max_distance_km"] == 80 and body["wanted_scales"] == ["large"]
    assert [s["code"] for s in body["wanted_sectors"]] == ["btp", "industrie"]
    assert [s["code"] for s in body["refused_sectors"]] == ["informatique"]
    profile = freelancer.profile
    profile.refresh_from_db()
    assert (profile.min_mission_months, profile.max_mission_months) == (3, 12)
    assert profile.earliest_start_date == datetime.date(2031, 1, 1)


def test_fields_left_out_keep_their_value_and_null_clears_one(freelancer):
    _call(freelancer, "patch", {"min_daily_rate": 550, "wanted_scales": ["small"]})
    assert _call(freelancer, "patch", {"min_daily_rate": None}).status_code == 200
    freelancer.profile.refresh_from_db()
    assert freelancer.profile.min_daily_rate is None and freelancer.profile.wanted_scales == ["small"]


@pytest.mark.parametrize("data, field", [
    ({"min_daily_rate": 20000}, "min_daily_rate"),
    ({"min_daily_rate": -1}, "min_daily_rate"),
    ({"max_distance_km": -5}, "max_distance_km"),
    ({"min_mission_months": 12, "max_mission_months": 3}, "max_mission_months"),
    ({"max_mission_months": 61}, "max_mission_months"),
    ({"earliest_start_date": "2031-06-01", "latest_start_date": "2031-01-01"}, "latest_start_date"),
    ({"wanted_sectors": ["btp"], "refused_sectors": ["btp"]}, "refused_sectors"),
    ({"wanted_sectors": ["atlantide"]}, "wanted_sectors"),
    ({"wanted_scales": ["huge"]}, "wanted_scales"),
    ({"wanted_scales": ["small", "small"]}, "wanted_scales"),
    ({"work_modes": ["teleportation"]}, "work_modes"),
])
def test_bad_input_is_a_400_with_field_errors_and_saves_nothing(freelancer, data, field):
    sector("btp")
    response = _call(freelancer, "patch", {"min_daily_rate": 500, **data} if field != "min_daily_rate" else data)
    assert response.status_code == 400
    assert {key.split(".")[0] for key in response.data["errors"]} == {field}  # "wanted_scales.0": the item
    profile = freelancer.profile
    profile.refresh_from_db()
    assert profile.min_daily_rate is None and profile.mobility_km == 100 and profile.max_mission_months is None
    assert not profile.wanted_sectors.exists() and not profile.refused_sectors.exists()


def test_a_sector_already_wanted_cannot_be_refused(freelancer):
    _call(freelancer, "patch", {"wanted_sectors": [sector("btp").code]})
    response = _call(freelancer, "patch", {"refused_sectors": ["btp"]})
    assert response.status_code == 400 and list(response.data["errors"]) == ["refused_sectors"]
    assert not freelancer.profile.refused_sectors.exists()


def test_only_freelancers(client_admin):
    assert _call(client_admin).status_code == 403
