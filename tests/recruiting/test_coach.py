"""The coach from the database: GET /api/v1/me/coach/, the /freelancer/coach/ page and the suggestions of the
missions shown in "missions for me", with the freelancer's own bounds and the editor's sections."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from matching.engine.coach import Change
from matching.loaders import profile_features
from matching.services import mission_rank
from profiles.services import profile_update
from recruiting import coach
from recruiting.freelancer_missions import missions_for_me, open_missions
from tests.api.conftest import token_client
from tests.factories import (
    FreelancerProfileFactory,
    MissionFactory,
    MissionToolFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    tool,
)

pytestmark = pytest.mark.django_db
API_URL = reverse("api:my_coach")
PAGE_URL = reverse("freelancer:coach")


@pytest.fixture(autouse=True)
def french():
    """The service calls read the active language: a page asked in English must not leave it on for the next."""
    with translation.override("fr"):
        yield


@pytest.fixture
def missions():
    sap = MissionFactory(title="ERP obligatoire", exclude_missing_must_haves=True)
    MissionToolFactory(mission=sap, tool=tool("sap"), importance="must", min_proficiency=3)
    cheap = MissionFactory(title="Petit budget", daily_rate_max=500)
    for mission in (sap, cheap):
        mission_rank(mission_id=mission.pk)
    return {"sap": sap, "cheap": cheap}


def test_the_api_lists_the_changes_that_gain_missions_with_their_section(freelancer, missions):
    body = token_client(freelancer).get(API_URL).json()
    assert body["rankable"] is True
    by_kind = {item["change"]["kind"]: item for item in body["items"]}
    sap = by_kind["tool"]
    assert (sap["change"]["code"], sap["change"]["level"]) == ("sap", 3)
    assert missions["sap"].pk in sap["lifted_missions"] + sap["top10_missions"]
    assert sap["change"]["text"].startswith("Si vous maîtrisez SAP")
    assert sap["change"]["edit_url"] == reverse("freelancer:profile_edit", args=["tools"]) + "#tools-forms"
    rate = by_kind["rate"]
    assert rate["change"]["number"] == 550 and rate["change"]["cost_per_day"] == 50
    assert "50 € de moins par jour" in rate["text"]


def test_the_rate_is_never_suggested_below_the_freelancers_own_minimum(freelancer, missions):
    profile = freelancer.profile
    profile.min_daily_rate = 580
    profile.save()
    body = token_client(freelancer).get(API_URL).json()
    assert "rate" not in {item["change"]["kind"] for item in body["items"]}


def test_a_hidden_profile_gets_no_suggestion(freelancer, missions):
    profile = freelancer.profile
    profile.is_visible = False
    profile.save()
    assert token_client(freelancer).get(API_URL).json() == {"rankable": False, "items": []}


def test_the_suggestions_of_the_missions_shown_say_the_score_and_the_new_position(freelancer, missions):
    profile = freelancer.profile
    live = missions_for_me(profile=profile)
    shown = live.excluded
    suggestions = coach.mission_suggestions(profile=profile, live=live, positions=shown)
    (lift,) = [s for s in suggestions[missions["cheap"].pk] if s.change.kind == "rate"]
    data = coach.suggestion_data(lift, profile=profile, labels={})
    assert data["lifts_exclusion"] and data["change"]["number"] == 550 and data["new_rank"] == 1
    assert data["points"] == data["score"] > 0


def test_the_page_in_both_languages(client, freelancer, missions):
    client.force_login(freelancer)
    page = client.get(PAGE_URL).content.decode()
    assert "Améliorer mon classement" in page and "Si vous maîtrisez SAP" in page
    assert reverse("freelancer:profile_edit", args=["tools"]) + "#tools-forms" in page
    client.cookies["django_language"] = "en"
    page = client.get(PAGE_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in page


def test_a_mission_excluded_by_the_rate_and_english_gets_one_suggestion_with_both_changes(freelancer):
    mission = MissionFactory(title="Budget serré, anglais courant", daily_rate_max=500, english_written_min="C1")
    mission_rank(mission_id=mission.pk)
    profile = freelancer.profile
    live = missions_for_me(profile=profile)
    suggestions = coach.mission_suggestions(profile=profile, live=live, positions=live.excluded)[mission.pk]
    (combined,) = [s for s in suggestions if s.change.kind == "combined"]
    data = coach.suggestion_data(combined, profile=profile, labels={})
    rate, english = data["change"]["parts"]
    assert (rate["kind"], rate["number"], rate["cost_per_day"]) == ("rate", 550, 50)
    assert (english["kind"], english["code"]) == ("english_written", "C1")
    assert english["edit_url"] == reverse("freelancer:profile_edit", args=["english"]) + "#id_profile-english_written"
    assert data["change"]["text"].startswith("Si vous acceptez un TJM de 550 € (50 € de moins par jour) et si votre "
                                             "anglais écrit atteint C1")
    assert data["lifts_exclusion"] and data["new_rank"] == 1


def test_the_overall_list_reads_each_missions_head_and_finds_what_every_row_would_give(freelancer):
    mission = MissionFactory(title="Planning")
    MissionToolFactory(mission=mission, tool=tool("ms_project"), importance="must", min_proficiency=3)
    for _ in range(14):
        ProfileToolFactory(profile=FreelancerProfileFactory(), tool=tool("ms_project"), proficiency=3)
    mission_rank(mission_id=mission.pk)
    profile = freelancer.profile
    result = coach.profile_coach(profile=profile)
    index = open_missions().index
    (features,) = profile_features([profile.pk])
    full = coach._coach(profile=profile, features=features, index=index, standings=coach._standings(index.ids.tolist()))
    assert [i.change for i in result.items] == [i.change for i in full.overall()]
    assert [i.gains for i in result.items] == [i.gains for i in full.overall()]
    assert any(mission.pk in item.top10 for item in result.items)


def test_a_diploma_is_worded_for_what_it_promises(freelancer):
    profile = freelancer.profile
    assert coach.change_text(Change("diploma", level=5, code="plain"), profile=profile, labels={}) == (
        "Si vous avez un diplôme de niveau bac+5 (autre qu'un master ou un diplôme d'ingénieur)")
    assert coach.change_text(Change("diploma", level=5, code="master"), profile=profile, labels={}) == (
        "Si vous avez un master ou un diplôme d'ingénieur (bac+5)")


def _main(page: str) -> str:
    return page.split("<main")[1].split("</main>")[0]


def test_a_cached_coach_costs_a_few_queries_and_reads_the_same(client, freelancer, missions):
    client.force_login(freelancer)
    page = _main(client.get(PAGE_URL).content.decode())
    with CaptureQueriesContext(connection) as queries:
        assert _main(client.get(PAGE_URL).content.decode()) == page
    # The session's user, the profile and the stamp of what the coach reads.
    assert len(queries) <= 5, [q["sql"] for q in queries]
    api = token_client(freelancer)
    body = api.get(API_URL).json()
    with CaptureQueriesContext(connection) as queries:
        assert api.get(API_URL).json() == body
    assert len(queries) <= 5, [q["sql"] for q in queries]


def test_a_profile_edit_shows_in_the_coach_at_the_next_request(client, freelancer, missions):
    client.force_login(freelancer)
    api = token_client(freelancer)
    assert "rate" in {item["change"]["kind"] for item in api.get(API_URL).json()["items"]}
    assert "50 € de moins par jour" in client.get(PAGE_URL).content.decode()
    profile_update(profile=freelancer.profile, daily_rate=480)  # the cheap mission ranks them now
    assert "rate" not in {item["change"]["kind"] for item in api.get(API_URL).json()["items"]}
    assert "de moins par jour" not in client.get(PAGE_URL).content.decode()


def test_a_re_ranking_shows_in_the_coach_at_the_next_request(client, freelancer, missions):
    """Ten rivals in the cheap mission's sector: once its ranking is stored with them, lifting the exclusion no
    longer puts the freelancer in its top 10."""
    api = token_client(freelancer)
    (rate,) = [item for item in api.get(API_URL).json()["items"] if item["change"]["kind"] == "rate"]
    assert missions["cheap"].pk in rate["top10_missions"]
    for _ in range(10):
        ProfileSectorFactory(years=10, profile__daily_rate=450)
    mission_rank(mission_id=missions["cheap"].pk)
    items = api.get(API_URL).json()["items"]
    assert missions["cheap"].pk not in [pk for item in items if item["change"]["kind"] == "rate"
                                        for pk in item["top10_missions"]]
