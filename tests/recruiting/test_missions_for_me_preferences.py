""""Missions pour moi" and GET /api/v1/me/missions/ both ways: the missions that fit the freelancer's preferences
first, the others under their own heading with what they miss; and the open missions' index, kept between
requests, that sees every publication, edit and closing at once."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from missions.models import Mission
from missions.services import mission_close, mission_publish, mission_save
from profiles.services import profile_update
from recruiting import freelancer_missions
from tests.api.conftest import token_client
from tests.factories import MissionFactory, sector, tool

pytestmark = pytest.mark.django_db
URL = reverse("freelancer:missions")
API_URL = reverse("api:my_missions")


@pytest.fixture
def missions(freelancer):
    # Same scores (length plays no part in them): the id would put "Trop courte" first without preferences.
    short = MissionFactory(title="Trop courte", duration_months=2)
    fitting = MissionFactory(title="Pilotage Lyon", duration_months=6)
    profile_update(profile=freelancer.profile, min_mission_months=3)
    return {"short": short, "fitting": fitting}


def _page(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def _titles(items):
    return [item["mission"].title for item in items]


def test_missions_that_fit_come_first_and_the_others_under_their_own_heading(client, freelancer, missions):
    response = _page(client, freelancer)
    assert _titles(response.context["missions"]) == ["Pilotage Lyon"]
    (outside,) = response.context["outside"]
    assert outside["mission"].title == "Trop courte"
    assert outside["misses"] == ["Mission de 2 mois, sous votre minimum de 3 mois"]
    page = response.content.decode()
    assert page.index("Pilotage Lyon") < page.index('id="outside-heading">Hors de vos préférences') < page.index(
        "Trop courte")
    assert "2 missions vous classent" in page and "1 autre est listée plus bas" in page


def test_every_miss_is_told_in_words(client, freelancer, missions):
    profile_update(profile=freelancer.profile, min_daily_rate=850, refused_sectors=[sector("btp")])
    (item, _) = _page(client, freelancer).context["outside"]
    assert item["misses"] == ["TJM plafond 800 € sous votre minimum de 850 €",
                              "Secteur Bâtiment et travaux publics (BTP) refusé",
                              "Mission de 2 mois, sous votre minimum de 3 mois"]


def test_without_preferences_every_mission_fits(client, freelancer, missions):
    profile_update(profile=freelancer.profile, min_mission_months=None)
    response = _page(client, freelancer)
    assert _titles(response.context["missions"]) == ["Trop courte", "Pilotage Lyon"]
    assert response.context["outside"] == [] and "outside-heading" not in response.content.decode()


def test_when_nothing_fits_the_page_says_so(client, freelancer, missions):
    profile_update(profile=freelancer.profile, min_mission_months=12)
    page = _page(client, freelancer).content.decode()
    assert "Aucune mission qui vous classe ne correspond à vos préférences." in page


def test_the_api_marks_each_mission_and_counts_those_that_fit(freelancer, missions):
    body = token_client(freelancer).get(API_URL).json()
    assert (body["ranked_count"], body["fitting_count"]) == (2, 1)
    first, second = body["ranked"]
    assert (first["mission"]["title"], first["fits_preferences"], first["preference_misses"]) == (
        "Pilotage Lyon", True, [])
    assert (second["mission"]["title"], second["fits_preferences"]) == ("Trop courte", False)
    assert second["preference_misses"] == [{"code": "preference.duration_short",
                                            "params": {"months": 2, "min_months": 3},
                                            "text": "Mission de 2 mois, sous votre minimum de 3 mois"}]


def test_excluded_missions_say_what_they_miss_too(freelancer, missions):
    MissionFactory(title="Petit budget court", daily_rate_max=500, duration_months=1)
    (item,) = token_client(freelancer).get(API_URL).json()["excluded"]
    assert item["reasons"][0]["code"] == "exclusion.rate" and item["fits_preferences"] is False
    assert [miss["code"] for miss in item["preference_misses"]] == ["preference.duration_short"]


def test_the_schema_documents_the_fit(db):
    schemas = APIClient().get("/api/schema/?format=json").json()["components"]["schemas"]
    for name in ("RankedMission", "ExcludedMission"):
        assert {"fits_preferences", "preference_misses"} <= set(schemas[name]["properties"])
        assert {"fits_preferences", "preference_misses"} <= set(schemas[name]["required"])
    assert set(schemas["PreferenceMiss"]["properties"]) == {"code", "text", "params"}
    assert "fitting_count" in schemas["MyMissions"]["properties"]


# ------------------------------------------------------------ the kept index
def test_the_index_is_kept_while_nothing_changes(missions):
    assert freelancer_missions.open_missions() is freelancer_missions.open_missions()


def test_an_edit_a_publication_and_a_closing_are_seen_at_once(client, freelancer, missions, client_admin):
    _page(client, freelancer)
    mission = missions["short"]
    mission.duration_months = 9
    mission_save(mission=mission, by=client_admin, tools=[], skills=[], questions=[])
    assert _titles(_page(client, freelancer).context["missions"]) == ["Trop courte", "Pilotage Lyon"]

    draft = MissionFactory(title="Nouvelle", status=Mission.Status.DRAFT)
    assert "Nouvelle" not in _page(client, freelancer).content.decode()  # unchanged: the page kept in the cache
    mission_publish(mission=draft, by=client_admin)
    assert "Nouvelle" in _titles(_page(client, freelancer).context["missions"])

    mission_close(mission=missions["fitting"], by=client_admin)
    assert _titles(_page(client, freelancer).context["missions"]) == ["Trop courte", "Nouvelle"]


def test_a_requirement_saved_with_the_mission_is_seen_at_once(client, freelancer, missions, client_admin):
    _page(client, freelancer)
    mission = missions["fitting"]
    mission.exclude_missing_must_haves = True
    mission_save(mission=mission, by=client_admin, tools=[{"tool": tool("sap"), "importance": "must"}], skills=[],
                 questions=[])
    (item,) = _page(client, freelancer).context["excluded"]
    assert item["mission"].title == "Pilotage Lyon" and item["reasons"] == ["Indispensables manquants : SAP"]


def test_the_page_costs_the_same_queries_whatever_the_number_of_missions(client, freelancer, missions):
    def count():
        with CaptureQueriesContext(connection) as queries:
            _page(client, freelancer)
        return len(queries)

    count()
    few = count()
    for i in range(15):
        MissionFactory(title=f"Autre {i}", duration_months=1 + i % 4)
    count()  # rebuilds the index once
    assert count() == few
