"""The score histogram of the mission page: buckets computed from the stored scores, drawn server-side."""
import pytest

from recruiting.charts import CHART_HEIGHT, LABEL_SPACE, mission_score_distribution, score_buckets
from tests.recruiting.conftest_client import *  # noqa: F401,F403


def test_scores_fall_in_ten_point_buckets_and_100_in_the_last():
    dist = score_buckets([0, 9.99, 10, 55.5, 59, 99.9, 100])
    assert [b.count for b in dist.buckets] == [2, 1, 0, 0, 0, 2, 0, 0, 0, 2]
    assert (dist.buckets[0].low, dist.buckets[-1].high) == (0, 100)
    assert dist.total == 7 and dist.median == 55.5


def test_the_fullest_bucket_is_full_height_and_the_others_in_proportion():
    dist = score_buckets([85, 86, 87, 88, 45, 46])
    tallest = dist.tallest
    assert (tallest.low, tallest.count, tallest.height, tallest.y) == (80, 4, CHART_HEIGHT - LABEL_SPACE, LABEL_SPACE)
    assert dist.buckets[4].height == (CHART_HEIGHT - LABEL_SPACE) / 2
    assert all(b.y + b.height == CHART_HEIGHT for b in dist.buckets)  # every bar stands on the axis
    assert all(b.height == 0 for b in dist.buckets if not b.count)
    # Bars never overlap and stay inside the drawing.
    for left, right in zip(dist.buckets, dist.buckets[1:]):
        assert left.x + left.width < right.x
    assert dist.buckets[-1].x + dist.buckets[-1].width <= dist.width
    assert [(t.label, t.anchor) for t in dist.ticks][::5] == [(0, "start"), (100, "end")]


def test_no_score_gives_an_empty_distribution():
    dist = score_buckets([])
    assert dist.total == 0 and dist.median is None and dist.tallest is None
    assert all(b.count == 0 and b.height == 0 for b in dist.buckets)


def test_a_tie_for_the_fullest_bucket_goes_to_the_higher_scores():
    assert score_buckets([15, 75]).tallest.low == 70


@pytest.mark.parametrize("width", [0, 7, -10])
def test_bucket_width_must_divide_100(width):
    with pytest.raises(ValueError):
        score_buckets([50], bucket_width=width)


def test_the_distribution_reads_the_stored_ranking(ranked_mission):
    dist = mission_score_distribution(mission=ranked_mission)
    assert dist.total == 5  # the two excluded profiles are not ranked
    assert sum(b.count for b in dist.buckets) == 5


def test_the_mission_page_draws_the_histogram_with_a_text_alternative(client, client_member, ranked_mission):
    client.force_login(client_member)
    page = client.get(f"/missions/{ranked_mission.pk}/").content.decode()
    assert 'role="img"' in page and 'aria-labelledby="histogram-svg-title histogram-svg-desc"' in page
    assert "5 candidats classés, score médian" in page
    assert "<table" in page and "Tranche de score" in page
    english = client.get(f"/missions/{ranked_mission.pk}/", headers={"accept-language": "en"}).content.decode()
    assert "5 ranked candidates, median score" in english
