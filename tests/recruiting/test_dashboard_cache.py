"""The client dashboard's table is cached: a dashboard seen before reads no ranking row, and whatever its counts
depend on (a shortlist move, a ranking stored again, a mission edited, a candidate hidden, the language, the
threshold) shows at the next view; one organisation never reads another's table."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruiting import shortlist
from recruiting.models import ShortlistEntry
from tests.factories import MissionFactory
from tests.recruiting.conftest_client import *  # noqa: F401,F403
from tests.recruiting.conftest_client import rank

pytestmark = pytest.mark.django_db
URL = reverse("client:dashboard")


def _page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def _table(html: str) -> str:
    return html[html.index("<table"):html.index("</table>")]


def test_a_dashboard_seen_before_reads_no_ranking_row(client, client_member, ranked_mission):
    client.force_login(client_member)
    first = _page(client)
    with CaptureQueriesContext(connection) as queries:
        again = _page(client)
    assert _table(again) == _table(first) and "<table" in first
    assert not [q for q in queries if "matching_rankingentry" in q["sql"]]
    # the session (a database read in tests; the shared cache in production), the stamp
    assert len(queries) <= 2, "\n".join(q["sql"][:150] for q in queries)


def test_a_shortlist_move_shows_at_the_next_view(client, client_member, ranked_mission):
    client.force_login(client_member)
    assert "Contacté" not in _page(client)
    entry = shortlist.shortlist_add(mission=ranked_mission, profile=ranked_mission.candidates[0], by=client_member)
    assert "Personne pour l'instant" not in _page(client)
    shortlist.shortlist_move(entry=entry, to_status=ShortlistEntry.Status.CONTACTED, by=client_member)
    assert "Contacté" in _page(client)


def test_a_mission_edited_or_added_shows_at_the_next_view(client, client_member, ranked_mission):
    client.force_login(client_member)
    _page(client)
    ranked_mission.title = "Titre changé"
    ranked_mission.save()
    assert "Titre changé" in _page(client)
    MissionFactory(organisation=ranked_mission.organisation, title="Une autre mission")
    assert "Une autre mission" in _page(client)


def test_a_ranking_stored_again_or_a_hidden_candidate_changes_the_counts(client, client_member, ranked_mission,
                                                                         django_capture_on_commit_callbacks):
    client.force_login(client_member)
    assert "5 sur 5 classés" in _page(client, min_score=0)
    with django_capture_on_commit_callbacks(execute=True):
        hidden = ranked_mission.candidates[0]
        hidden.is_visible = False
        hidden.save()
    assert "4 sur 4 classés" in _page(client, min_score=0)
    rank(ranked_mission)
    assert "4 sur 4 classés" in _page(client, min_score=0)


def test_the_threshold_and_the_language_are_part_of_the_key(client, client_member, ranked_mission):
    client.force_login(client_member)
    assert "0 sur 5 classés" in _page(client, min_score=100)
    assert "5 sur 5 classés" in _page(client, min_score=0)
    assert "5 of 5 ranked" in client.get(URL, {"min_score": 0}, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_another_organisation_never_reads_this_table(client, client_member, other_org_member, ranked_mission):
    client.force_login(client_member)
    link = f'href="{ranked_mission.get_absolute_url()}"'
    assert link in _page(client)
    client.force_login(other_org_member)
    assert link not in _page(client)


@pytest.mark.parametrize("params", [{}, {"min_score": "55"}, {"min_score": "abc"}])
def test_the_threshold_field_reads_as_the_forms_widget_writes_it(client, client_member, params):
    from recruiting.forms import DashboardForm

    client.force_login(client_member)
    form = DashboardForm(params or None)
    form.is_valid()
    assert str(form["min_score"]) in _page(client, **params)
