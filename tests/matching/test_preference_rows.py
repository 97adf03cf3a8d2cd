"""Each stored ranking row carries the freelancer's side (preference misses, fits_preferences), written with the
ranking on every path, and kept in step when the freelancer changes only their preferences."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.index_cache import current_index
from matching.loaders import missions_with_features_loaded
from matching.models import RankingEntry
from matching.pipeline import missions_rank
from matching.services import mission_rank
from missions.models import Mission
from profiles.services import profile_update
from tests.factories import FreelancerProfileFactory, MissionFactory, ProfileSectorFactory, sector


def _profile(*, rate=400, **preferences):
    profile = FreelancerProfileFactory(years_experience=6, daily_rate=rate, **preferences)
    ProfileSectorFactory(profile=profile, years=4)
    return profile


def _row(mission, profile):
    return RankingEntry.objects.get(mission=mission, profile=profile)


@pytest.mark.django_db
def test_a_row_outside_the_freelancers_preferences_stores_each_miss_and_one_inside_fits():
    mission = MissionFactory(daily_rate_max=450, duration_months=3)
    picky = _profile(min_daily_rate=550, min_mission_months=6)
    picky.refused_sectors.set([sector("btp")])
    easy = _profile()
    mission_rank(mission_id=mission.pk)
    row = _row(mission, picky)
    assert row.fits_preferences is False
    assert row.preference_misses == [
        {"code": "preference.rate", "params": {"ceiling": 450, "min_rate": 550}},
        {"code": "preference.sector_refused", "params": {"sector": "btp"}},
        {"code": "preference.duration_short", "params": {"months": 3, "min_months": 6}},
    ]
    assert (_row(mission, easy).fits_preferences, _row(mission, easy).preference_misses) == (True, [])


@pytest.mark.django_db
def test_preferences_are_read_in_a_fixed_number_of_queries_whatever_the_number_of_rows():
    def queries_to_rank(mission):
        with CaptureQueriesContext(connection) as ctx:
            mission_rank(mission_id=mission.pk)
        return len(ctx)

    _profile(min_daily_rate=550)
    current_index()  # synced before each count: only storing is counted apart from the ranking's own reads
    few = queries_to_rank(first := MissionFactory(daily_rate_max=450))
    for _ in range(12):
        _profile(min_daily_rate=550).refused_sectors.set([sector("btp")])
    current_index()
    many = queries_to_rank(second := MissionFactory(daily_rate_max=450))
    assert RankingEntry.objects.filter(mission=first, fits_preferences=False).count() == 1
    assert RankingEntry.objects.filter(mission=second, fits_preferences=False).count() == 13
    assert many == few


@pytest.mark.django_db(transaction=True)
def test_many_missions_ranked_in_batches_store_their_misses_too():
    """On PostgreSQL this goes through COPY in the writer threads."""
    _profile(min_daily_rate=550)
    missions = [MissionFactory(daily_rate_max=ceiling) for ceiling in (450, 700)] * 6
    loaded = list(missions_with_features_loaded(Mission.objects.filter(pk__in=[m.pk for m in missions])
                                                .order_by("id")))
    outcomes = missions_rank(missions=loaded, index=current_index())
    assert all(o.error is None for o in outcomes)
    stored = {m: (fits, misses) for m, fits, misses in
              RankingEntry.objects.values_list("mission__daily_rate_max", "fits_preferences", "preference_misses")}
    assert stored == {450: (False, [{"code": "preference.rate", "params": {"ceiling": 450, "min_rate": 550}}]),
                      700: (True, [])}


@pytest.mark.django_db(transaction=True)
def test_raising_only_the_minimum_rate_re_stores_the_freelancers_rows_marked():
    mission = MissionFactory(daily_rate_max=450)
    profile = _profile(rate=400)
    assert _row(mission, profile).fits_preferences is True
    profile_update(profile=profile, min_daily_rate=550)  # tasks run eagerly, on commit
    row = _row(mission, profile)
    assert row.fits_preferences is False
    assert row.preference_misses == [{"code": "preference.rate", "params": {"ceiling": 450, "min_rate": 550}}]
    profile_update(profile=profile, min_daily_rate=None, refused_sectors=[sector("btp")])
    assert _row(mission, profile).preference_misses == [
        {"code": "preference.sector_refused", "params": {"sector": "btp"}}]
