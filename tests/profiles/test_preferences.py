"""The freelancer's preferences: model rules and constraints, the editor section, the recruiters' API field."""
import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from profiles.api_search import SEARCH_VERSION_KEY
from profiles.completeness import profile_completeness
from profiles.models import FreelancerProfile
from profiles.services import profile_update
from tests.api.conftest import token_client
from tests.factories import FreelancerProfileFactory, UserFactory, sector

pytestmark = pytest.mark.django_db

PREFERENCES_URL = reverse("freelancer:profile_edit", args=["preferences"])


def _errors(**fields):
    profile = FreelancerProfileFactory.build(user=UserFactory(), **fields)
    with pytest.raises(ValidationError) as error:
        profile.full_clean(exclude=["user", "cv"])
    return error.value.message_dict


@pytest.mark.parametrize("fields, field", [
    ({"min_daily_rate": 10001}, "min_daily_rate"),
    ({"min_daily_rate": -1}, "min_daily_rate"),
    ({"mobility_km": -5}, "mobility_km"),
    ({"min_mission_months": 0}, "min_mission_months"),
    ({"max_mission_months": 61}, "max_mission_months"),
    ({"min_mission_months": 12, "max_mission_months": 3}, "max_mission_months"),
    ({"earliest_start_date": datetime.date(2031, 3, 1), "latest_start_date": datetime.date(2031, 1, 1)},
     "latest_start_date"),
    ({"wanted_scales": ["huge"]}, "wanted_scales"),
    ({"wanted_scales": ["small", "small"]}, "wanted_scales"),
])
def test_out_of_range_preferences_are_field_errors(fields, field):
    assert list(_errors(**fields)) == [field]


def test_empty_preferences_mean_no_preference_and_are_valid():
    profile = FreelancerProfileFactory()
    profile.full_clean(exclude=["user", "cv"])
    assert (profile.min_daily_rate, profile.min_mission_months, profile.latest_start_date) == (None, None, None)
    assert profile.wanted_scales == [] and not profile.wanted_sectors.exists()


@pytest.mark.parametrize("values", [
    {"min_daily_rate": 20000},
    {"min_daily_rate": -1},
    {"mobility_km": 5000},
    {"min_mission_months": 0},
    {"max_mission_months": 61},
    {"min_mission_months": 12, "max_mission_months": 3},
    {"earliest_start_date": datetime.date(2031, 3, 1), "latest_start_date": datetime.date(2031, 1, 1)},
    {"wanted_scales": ["huge"]},
    {"wanted_scales": ["small", "very_large", 3]},
    {"wanted_scales": "small"},
])
def test_the_database_refuses_what_validation_refuses(values):
    profile = FreelancerProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FreelancerProfile.objects.filter(pk=profile.pk).update(**values)


def test_the_database_accepts_every_scale_list_validation_accepts():
    profile = FreelancerProfileFactory()
    for scales in ([], ["very_large"], ["large", "small"], ["small", "medium", "large", "very_large"]):
        FreelancerProfile.objects.filter(pk=profile.pk).update(wanted_scales=scales)
        profile.refresh_from_db()
        assert profile.wanted_scales == scales


def test_a_sector_both_wanted_and_refused_is_refused_and_nothing_is_saved():
    profile = FreelancerProfileFactory()
    with pytest.raises(ValidationError) as error:
        profile_update(profile=profile, min_daily_rate=550, wanted_sectors=[sector("btp"), sector("industrie")],
                       refused_sectors=[sector("btp")])
    assert list(error.value.message_dict) == ["refused_sectors"]
    profile.refresh_from_db()
    assert profile.min_daily_rate is None and not profile.wanted_sectors.exists()


def test_refusing_a_sector_already_wanted_is_refused_too():
    profile = FreelancerProfileFactory()
    profile_update(profile=profile, wanted_sectors=[sector("btp")])
    with pytest.raises(ValidationError):
        profile_update(profile=profile, refused_sectors=[sector("btp")])
    assert not profile.refused_sectors.exists()


def _post(client, **values):
    data = {f"profile-{name}": value for name, value in values.items()}
    return client.post(PREFERENCES_URL, data)


def test_the_section_says_preferences_never_hide_the_freelancer(freelancer_client):
    response = freelancer_client.get(PREFERENCES_URL)
    assert response.status_code == 200
    assert "ne vous cachent jamais des clients" in response.content.decode()
    assert 'data-picker="true"' in response.content.decode()


def test_the_section_saves_the_preferences(freelancer_client, profile):
    btp, industry, it = sector("btp"), sector("industrie"), sector("informatique")
    response = _post(freelancer_client, min_daily_rate="550", wanted_sectors=[btp.pk, industry.pk],
                     refused_sectors=[it.pk], min_mission_months="3", max_mission_months="12",
                     earliest_start_date="2031-01-01", latest_start_date="2031-06-30",
                     wanted_scales=["medium", "large"])
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.min_daily_rate == 550
    assert set(profile.wanted_sectors.all()) == {btp, industry} and list(profile.refused_sectors.all()) == [it]
    assert (profile.min_mission_months, profile.max_mission_months) == (3, 12)
    assert (profile.earliest_start_date, profile.latest_start_date) == (datetime.date(2031, 1, 1),
                                                                        datetime.date(2031, 6, 30))
    assert profile.wanted_scales == ["medium", "large"]


def test_an_empty_section_clears_every_preference(freelancer_client, profile):
    profile_update(profile=profile, min_daily_rate=500, wanted_sectors=[sector("btp")], wanted_scales=["small"])
    assert _post(freelancer_client).status_code == 302
    profile.refresh_from_db()
    assert profile.min_daily_rate is None and profile.wanted_scales == [] and not profile.wanted_sectors.exists()


@pytest.mark.parametrize("values, field", [
    ({"min_daily_rate": "20000"}, "min_daily_rate"),
    ({"min_mission_months": "12", "max_mission_months": "3"}, "max_mission_months"),
    ({"max_mission_months": "61"}, "max_mission_months"),
    ({"earliest_start_date": "2031-06-01", "latest_start_date": "2031-01-01"}, "latest_start_date"),
    ("both", "refused_sectors"),
])
def test_bad_input_shows_a_field_error_and_saves_nothing(freelancer_client, profile, values, field):
    if values == "both":
        values = {"wanted_sectors": [sector("btp").pk], "refused_sectors": [sector("btp").pk]}
    response = _post(freelancer_client, wanted_scales=["small"], **values)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    profile.refresh_from_db()
    assert profile.wanted_scales == [] and profile.min_daily_rate is None
    assert not profile.wanted_sectors.exists() and not profile.refused_sectors.exists()


def test_a_negative_distance_is_a_field_error_in_its_section(freelancer_client, profile):
    response = freelancer_client.post(reverse("freelancer:profile_edit", args=["availability"]), {
        "profile-daily_rate": "600", "profile-days_per_week": "5", "profile-mobility_km": "-5"})
    assert response.status_code == 200 and "mobility_km" in response.context["form"].errors
    profile.refresh_from_db()
    assert profile.mobility_km == 100


def test_preferences_do_not_count_in_the_completeness_meter(profile):
    before = profile_completeness(profile)
    profile_update(profile=profile, min_daily_rate=500, wanted_scales=["large"])
    after = profile_completeness(profile)
    assert after.percent == before.percent
    assert "preferences" not in {check.section for check in after.checks}


@pytest.fixture
def preferring_profile():
    profile = FreelancerProfileFactory(min_daily_rate=550, min_mission_months=3, max_mission_months=12,
                                       earliest_start_date=datetime.date(2031, 1, 1), wanted_scales=["large"],
                                       work_modes=["hybrid"], mobility_km=50)
    profile.wanted_sectors.set([sector("btp"), sector("industrie")])
    profile.refused_sectors.set([sector("informatique")])
    return profile


def test_the_recruiters_api_shows_the_preferences(esn_recruiter, preferring_profile):
    api = token_client(esn_recruiter)
    listed = api.get("/api/v1/profiles/").json()["results"][0]["preferences"]
    detail = api.get(f"/api/v1/profiles/{preferring_profile.pk}/").json()["preferences"]
    assert listed == detail
    assert detail == {
        "min_daily_rate": 550,
        "wanted_sectors": [{"code": "btp", "label": "Bâtiment et travaux publics (BTP)"}, {"code": "industrie", "label": "Industrie"}],
        "refused_sectors": [{"code": "informatique", "label": "Informatique et projets numériques"}],
        "work_modes": ["hybrid"], "max_distance_km": 50,
        "min_mission_months": 3, "max_mission_months": 12,
        "earliest_start_date": "2031-01-01", "latest_start_date": None,
        "wanted_scales": ["large"],
    }


def test_the_profile_search_query_count_does_not_grow_with_preferences(esn_recruiter):
    api = token_client(esn_recruiter)
    api.get("/api/v1/profiles/")  # the token's last use is written once, which forgets its cached identity
    api.get("/api/v1/sectors/")  # the identity cached again: every count below reads it from the cache

    def count():
        cache.delete(SEARCH_VERSION_KEY)  # read the profiles, not the cached page
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/profiles/?page_size=50").status_code == 200
        return len(queries)

    FreelancerProfileFactory().wanted_sectors.set([sector("btp")])
    few = count()
    for _ in range(10):
        profile = FreelancerProfileFactory(wanted_scales=["small"])
        profile.wanted_sectors.set([sector("btp")])
        profile.refused_sectors.set([sector("informatique")])
    assert count() == few


def test_the_schema_documents_the_preferences(db):
    components = APIClient().get("/api/schema/?format=json").json()["components"]["schemas"]
    preferences = components["ProfilePreferences"]["properties"]
    assert components["ProfileList"]["properties"]["preferences"]["allOf"][0]["$ref"].endswith("ProfilePreferences")
    assert set(preferences) == {"min_daily_rate", "wanted_sectors", "refused_sectors", "work_modes",
                                "max_distance_km", "min_mission_months", "max_mission_months",
                                "earliest_start_date", "latest_start_date", "wanted_scales"}
    assert preferences["min_daily_rate"]["nullable"] is True
