"""GET /api/v1/me/missions/: every open mission scored for the token's freelancer, ranked or excluded."""
import pytest
from django.urls import reverse

from matching.engine.criteria import CRITERIA
from matching.models import RankingEntry
from matching.services import mission_rank
from tests.api.conftest import token_client
from tests.factories import FreelancerProfileFactory, MissionFactory, MissionToolFactory, tool

pytestmark = pytest.mark.django_db
URL = reverse("api:my_missions")


@pytest.fixture
def missions():
    good = MissionFactory(title="Pilotage Lyon")
    must = MissionFactory(title="ERP obligatoire", exclude_missing_must_haves=True)
    MissionToolFactory(mission=must, tool=tool("sap"))
    cheap = MissionFactory(title="Petit budget", daily_rate_max=500)
    return {"good": good, "must": must, "cheap": cheap}


def test_ranked_and_excluded_missions_with_the_clients_score_and_the_figures(freelancer, missions):
    mission_rank(mission_id=missions["good"].pk)
    body = token_client(freelancer).get(URL).json()
    assert (body["rankable"], body["ranked_count"], body["excluded_count"], body["num_pages"]) == (True, 1, 2, 1)
    (ranked,) = body["ranked"]
    entry = RankingEntry.objects.get(mission=missions["good"], profile=freelancer.profile)
    assert ranked["mission"]["id"] == missions["good"].pk and ranked["score"] == entry.score
    assert (ranked["rank"], ranked["rank_exact"], ranked["candidates"], ranked["top10"]) == (1, True, 1, True)
    # The nine criteria, then a line per gate that scales the score: here the fit gate, as the profile has
    # none of the mission's sector, tools or skills.
    assert [item["criterion"] for item in ranked["breakdown"]] == [*CRITERIA, "gate_fit"]
    assert all(item["reason"] for item in ranked["breakdown"])
    assert sum(item["points"] for item in ranked["breakdown"]) == pytest.approx(ranked["score"], abs=1e-3)
    reasons = {item["mission"]["title"]: item["reasons"] for item in body["excluded"]}
    assert reasons["Petit budget"] == [{"code": "exclusion.rate", "params": {"rate": 600, "ceiling": 500},
                                        "text": "TJM de 600 € au-dessus du plafond de 500 €"}]
    assert reasons["ERP obligatoire"][0]["params"] == {"missing": ["sap"]}
    assert reasons["ERP obligatoire"][0]["text"] == "Indispensables manquants : SAP"


def test_in_the_requests_language(freelancer, missions):
    body = token_client(freelancer, language="en").get(URL).json()
    texts = [reason["text"] for item in body["excluded"] for reason in item["reasons"]]
    assert "Daily rate €600 above the €500 ceiling" in texts
    assert body["ranked"][0]["breakdown"][1]["label"] == "Sector knowledge"


def test_it_only_ever_reads_the_tokens_own_profile(freelancer, missions):
    other = FreelancerProfileFactory(daily_rate=450)  # under every ceiling: ranked everywhere it can be
    mine = token_client(freelancer).get(URL, {"profile": other.pk, "user": other.user.pk}).json()
    theirs = token_client(other.user).get(URL).json()
    assert mine["ranked_count"] == 1 and theirs["ranked_count"] == 2


def test_pages_apply_to_both_lists_and_a_page_past_the_end_is_404(freelancer, missions):
    api = token_client(freelancer)
    first = api.get(URL, {"page_size": 1}).json()
    assert (first["page"], first["num_pages"], len(first["ranked"]), len(first["excluded"])) == (1, 2, 1, 1)
    second = api.get(URL, {"page_size": 1, "page": 2}).json()
    assert (len(second["ranked"]), len(second["excluded"])) == (0, 1)
    assert api.get(URL, {"page_size": 1, "page": 3}).status_code == 404
    assert api.get(URL, {"page": "abc"}).status_code == 404
    assert api.get(URL, {"page_size": 0}).status_code == 400


@pytest.mark.parametrize("params", [{"sector": "atlantide"}, {"work_mode": "teleportation"}, {"min_score": "abc"},
                                    {"min_score": 101}])
def test_an_unknown_filter_is_a_400_naming_the_field(freelancer, missions, params):
    response = token_client(freelancer).get(URL, params)
    assert response.status_code == 400 and set(params) <= set(response.json()["errors"])


def test_filters(freelancer, missions):
    api = token_client(freelancer)
    assert api.get(URL, {"min_score": 100}).json()["ranked"] == []
    assert api.get(URL, {"work_mode": "remote"}).json()["excluded_count"] == 0


def test_a_profile_without_a_rate_is_not_rankable(freelancer, missions):
    freelancer.profile.daily_rate = None
    freelancer.profile.save()
    body = token_client(freelancer).get(URL).json()
    assert (body["rankable"], body["ranked"], body["excluded"]) == (False, [], [])


def test_organisation_tokens_get_403_and_no_token_401(client_member, esn_recruiter):
    assert token_client(client_member).get(URL).status_code == 403
    assert token_client(esn_recruiter).get(URL).status_code == 403
    assert token_client().get(URL).status_code == 401


def test_the_schema_documents_the_operation(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/me/missions/"]["get"]
    assert {"200", "400", "401", "403", "404"} <= set(operation["responses"])
    assert {p["name"] for p in operation["parameters"]} >= {"sector", "work_mode", "min_score", "page", "page_size"}
    assert "MyMissions" in schema["components"]["schemas"]
