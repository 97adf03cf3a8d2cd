"""Score bands on the client's pages: next to each score in words (not only a colour), and counted per
mission on the dashboard."""
import pytest
from django.urls import reverse
from django.utils import translation

from matching.engine.bands import band_label
from matching.models import RankingEntry
from tests.recruiting.conftest_client import *  # noqa: F401,F403

pytestmark = pytest.mark.django_db


def _set_scores(mission, scores):
    for rank, score in enumerate(scores, start=1):
        RankingEntry.objects.filter(mission=mission, rank=rank).update(score=score)


def test_the_ranked_candidates_page_names_each_score_band(client, client_member, ranked_mission):
    _set_scores(ranked_mission, [91, 72, 55, 40, 10])
    client.force_login(client_member)
    response = client.get(ranked_mission.get_absolute_url())
    assert [c["band"] for c in response.context["candidates"]] == ["excellent", "good", "partial", "weak", "weak"]
    html = response.content.decode()
    assert 'class="status band band-excellent">Excellent<' in html and 'band-good">Bon<' in html
    assert 'band-partial">Partiel<' in html and html.count('band-weak">Faible<') == 2


def test_band_labels_follow_the_language(client, client_member, ranked_mission):
    _set_scores(ranked_mission, [91, 72, 55, 40, 10])
    client.force_login(client_member)
    client.cookies["django_language"] = "en"
    html = client.get(ranked_mission.get_absolute_url()).content.decode()
    with translation.override("en"):
        assert f'band-good">{band_label("good")}<' in html and f'band-weak">{band_label("weak")}<' in html


def test_the_comparison_shows_each_candidates_band(client, client_member, ranked_mission):
    _set_scores(ranked_mission, [86, 69.9])
    client.force_login(client_member)
    ids = list(RankingEntry.objects.filter(mission=ranked_mission, rank__lte=2).order_by("rank")
               .values_list("profile_id", flat=True))
    response = client.get(reverse("client:compare", args=[ranked_mission.pk]), {"p": ids})
    assert [c.band for c in response.context["candidates"]] == ["excellent", "partial"]
    assert 'band-excellent">Excellent<' in response.content.decode()


def test_the_dashboard_counts_candidates_per_band(client, client_member, ranked_mission):
    _set_scores(ranked_mission, [85, 84.99, 70, 50, 49.99])
    client.force_login(client_member)
    response = client.get(reverse("client:dashboard"))
    (row,) = [r for r in response.context["rows"] if r.mission.pk == ranked_mission.pk]
    assert row.bands == {"excellent": 1, "good": 2, "partial": 1, "weak": 1}
    assert [(code, n) for code, _, n in row.band_counts] == [("excellent", 1), ("good", 2), ("partial", 1),
                                                             ("weak", 1)]
    assert "Candidats par niveau" in response.content.decode()
