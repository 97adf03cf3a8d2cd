""""Missions pour moi" scores every open mission live: the client's scores, the position among the candidates,
and the missions that exclude the freelancer, with the figures."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from matching.models import MissionRanking, RankingEntry
from matching.services import mission_rank
from tests.factories import FreelancerProfileFactory, MissionFactory, MissionToolFactory, sector, tool

pytestmark = pytest.mark.django_db
URL = reverse("freelancer:missions")
PARIS = {"city": "Paris", "latitude": 48.8566, "longitude": 2.3522}


@pytest.fixture
def missions():
    must = MissionFactory(title="ERP obligatoire", exclude_missing_must_haves=True)
    MissionToolFactory(mission=must, tool=tool("sap"))
    return {
        "good": MissionFactory(title="Pilotage Lyon"),
        "far": MissionFactory(title="Chantier à Paris", work_mode="on_site", **PARIS),
        "rate": MissionFactory(title="Petit budget", daily_rate_max=500),
        "english": MissionFactory(title="Projet international", english_written_min="C1", english_spoken_min="C1"),
        "must": must,
        "role": MissionFactory(title="Maîtrise d'œuvre", role="moe"),
    }


def _page(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def test_ranked_missions_carry_the_clients_score_and_position(client, freelancer, missions):
    mission_rank(mission_id=missions["good"].pk)
    response = _page(client, freelancer)
    (item,) = response.context["missions"]
    entry = RankingEntry.objects.get(mission=missions["good"], profile=freelancer.profile)
    assert item["mission"] == missions["good"] and item["score"].hex() == entry.score.hex()
    assert item["position_text"] == "1ᵉʳ sur 1" and item["position"].top10
    page = response.content.decode()
    assert "Dans le top 10" in page and "Connaissance du secteur" in page and "1 mission vous classe" in page


def test_excluded_missions_are_grouped_by_reason_with_their_figures(client, freelancer, missions):
    page = _page(client, freelancer).content.decode()
    assert "5 missions vous excluent" in page
    for heading in ("Mode de travail ou distance", "TJM au-dessus du plafond", "Niveau d&#x27;anglais insuffisant",
                    "Outil ou compétence indispensable manquant", "Un autre rôle est demandé"):
        assert heading in page
    assert "À 391,5 km de la mission pour une mobilité de 100 km" in page
    assert "TJM de 600 € au-dessus du plafond de 500 €" in page
    assert "Anglais écrit B2, oral B2 sous le minimum requis (C1 / C1)" in page
    assert "Indispensables manquants : SAP" in page
    assert "Ne propose pas le rôle MOE" in page


def test_the_page_in_english(client, freelancer, missions):
    client.cookies["django_language"] = "en"
    client.force_login(freelancer)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Daily rate €600 above the €500 ceiling" in page and "Missing must-haves: SAP" in page


def test_a_position_beyond_the_stored_rows_is_read_from_the_distribution(client, freelancer, settings):
    settings.RANKING_TOP_K = 2
    mission = MissionFactory(title="Très demandée", scale="small", complexity="low")
    for years in (20, 15, 12, 10, 9):
        FreelancerProfileFactory(years_experience=years)
    freelancer.profile.years_experience = 0
    freelancer.profile.save()
    mission_rank(mission_id=mission.pk)
    (item,) = _page(client, freelancer).context["missions"]
    assert (item["position"].rank, item["position"].candidates, item["position"].exact) == (6, 6, False)
    assert item["position_text"] == "environ 6ᵉ sur 6" and not item["position"].top10

    # A ranking stored before the distribution existed (a re-ranking always moves computed_at).
    MissionRanking.objects.filter(mission=mission).update(score_quantiles=[], computed_at=timezone.now())
    (item,) = _page(client, freelancer).context["missions"]
    assert item["position_text"] == "au-delà des 2 premiers sur 6"


def test_a_mission_not_ranked_yet_shows_its_score_without_a_position(client, freelancer, missions):
    page = _page(client, freelancer).content.decode()
    assert "Pilotage Lyon" in page and "Classement en cours de calcul" in page


def test_a_ranking_of_an_older_engine_places_no_live_score(client, freelancer, missions):
    """Until the deploy's re-ranking, an older engine's counts and distribution can't place today's score."""
    mission_rank(mission_id=missions["good"].pk)
    MissionRanking.objects.filter(mission=missions["good"]).update(engine_version="1.0", computed_at=timezone.now())
    (item,) = _page(client, freelancer).context["missions"]
    assert item["mission"] == missions["good"] and item["position"] is None


def test_filters_by_sector_work_mode_and_minimum_score(client, freelancer, missions):
    it = MissionFactory(title="Refonte ERP", sector=sector("informatique"), work_mode="remote")
    titles = lambda response: [m["mission"].title for m in response.context["missions"]]  # noqa: E731
    excluded = lambda response: [m["mission"].title for m in response.context["excluded"]]  # noqa: E731
    assert titles(_page(client, freelancer, sector="informatique")) == ["Refonte ERP"]
    response = _page(client, freelancer, work_mode="on_site")
    assert titles(response) == [] and excluded(response) == ["Chantier à Paris"]
    assert _page(client, freelancer, min_score=100).context["missions"] == []
    assert it.title in titles(_page(client, freelancer, min_score=0))


@pytest.mark.parametrize("params", [{"sector": "atlantide"}, {"work_mode": "teleportation"}, {"min_score": "abc"},
                                    {"min_score": "-5"}, {"min_score": "250"}])
def test_an_unknown_filter_is_reported_and_left_out(client, freelancer, missions, params):
    response = _page(client, freelancer, **params)
    assert response.context["form"].errors
    assert "ne sont pas valables" in response.content.decode()
    assert [m["mission"].title for m in response.context["missions"]] == ["Pilotage Lyon"]


@pytest.mark.parametrize("page", ["999", "abc", "0", "-1"])
def test_a_page_out_of_range_shows_a_page_that_exists(client, freelancer, missions, page):
    response = _page(client, freelancer, page=page)
    assert response.context["page"].number == 1 and response.context["missions"]


def test_pages_split_both_lists(client, freelancer, monkeypatch):
    monkeypatch.setattr("recruiting.views.missions_for_me.PAGE_SIZE", 2)
    for i in range(5):
        MissionFactory(title=f"Classante {i}")
    response = _page(client, freelancer, page=3)
    assert len(response.context["missions"]) == 1 and response.context["page"].paginator.num_pages == 3
    assert "Page 3 sur 3" in response.content.decode()


def test_a_profile_without_a_rate_is_told_it_is_not_rankable(client, freelancer, missions):
    freelancer.profile.daily_rate = None
    freelancer.profile.save()
    response = _page(client, freelancer)
    page = response.content.decode()
    assert response.context["missions"] == [] and response.context["excluded"] == []
    assert "classé sur aucune mission" in page and reverse("freelancer:profile_edit", args=["availability"]) in page


def test_a_hidden_profile_is_told_so(client, freelancer, missions):
    freelancer.profile.is_visible = False
    freelancer.profile.save()
    page = _page(client, freelancer).content.decode()
    assert "Votre profil est masqué" in page


def test_an_account_without_a_profile_gets_404_and_an_anonymous_visitor_logs_in(client, client_member):
    assert client.get(URL).status_code == 302
    client.force_login(client_member)
    assert client.get(URL).status_code == 404


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_missions(client, freelancer, django_assert_max_num_queries):
    def add(n):
        for _ in range(n):
            mission = MissionFactory()
            MissionToolFactory(mission=mission)
            mission_rank(mission_id=mission.pk)
        MissionFactory(work_mode="on_site", **PARIS)
    add(2)
    few = _queries(client, freelancer)
    add(12)
    with django_assert_max_num_queries(few):
        client.get(URL)
