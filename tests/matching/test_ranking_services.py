import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection

from matching.engine.features import ProfileIndex
from matching.index_builder import build_profile_index
from matching.loaders import profile_features, vocabulary_from_db
from matching.models import MissionRanking, RankingEntry
from matching.services import mission_profile_explain, mission_rank
from profiles.models import FreelancerProfile
from tests.factories import (
    DiplomaFactory,
    ExperienceFactory,
    FreelancerProfileFactory,
    MissionFactory,
    MissionSkillFactory,
    MissionToolFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    RecommendationFactory,
    skill,
    tool,
)

pytestmark = pytest.mark.django_db




def _btp_profile(years, rate=600, **kwargs):
    profile = FreelancerProfileFactory(years_experience=years, daily_rate=rate, **kwargs)
    ProfileSectorFactory(profile=profile, years=years)
    ProfileToolFactory(profile=profile, proficiency=4)
    profile.skills.add(skill("planning"))
    return profile


def test_a_ranking_is_stored_best_first_with_breakdowns_that_add_up():
    mission = MissionFactory(scale="large", complexity="high")
    MissionToolFactory(mission=mission)
    MissionSkillFactory(mission=mission)
    senior, junior = _btp_profile(12), _btp_profile(2)
    ExperienceFactory(profile=senior, scale="very_large")
    DiplomaFactory(profile=senior)
    assert mission_rank(mission_id=mission.pk) == 2
    entries = list(RankingEntry.objects.filter(mission=mission).order_by("rank"))
    assert [e.profile_id for e in entries] == [senior.pk, junior.pk]
    assert [e.rank for e in entries] == [1, 2]
    for entry in entries:
        items = entry.explained()
        assert sum(item["points"] for item in items) == entry.score  # to the last bit: readers may check it
        assert [item["criterion"] for item in items][:2] == ["seniority", "sector"]
    assert entries[0].explained()[0]["reason"] == {
        "code": "seniority.meets", "params": {"years": 12, "required": 7, "scale": "large", "complexity": "high"}}


def test_excluded_profiles_are_counted_per_reason_and_never_stored():
    mission = MissionFactory(daily_rate_max=500)
    ranked = _btp_profile(5, rate=450)
    too_expensive = _btp_profile(15, rate=1000)
    hidden = _btp_profile(8, rate=450, is_visible=False)
    mission_rank(mission_id=mission.pk)
    stored = set(RankingEntry.objects.filter(mission=mission).values_list("profile_id", flat=True))
    assert stored == {ranked.pk}
    assert too_expensive.pk not in stored and hidden.pk not in stored
    ranking = MissionRanking.objects.get(mission=mission)
    assert ranking.excluded_counts["rate"] == 1
    assert ranking.excluded_counts["hidden"] == 1
    assert ranking.excluded_total == 2


def test_ranking_again_replaces_the_rows_with_the_same_result():
    mission = MissionFactory()
    for years in (1, 4, 9, 14):
        _btp_profile(years)
    mission_rank(mission_id=mission.pk)
    first = list(RankingEntry.objects.filter(mission=mission).order_by("rank").values_list("profile_id", "score"))
    mission_rank(mission_id=mission.pk)
    second = list(RankingEntry.objects.filter(mission=mission).order_by("rank").values_list("profile_id", "score"))
    assert first == second and len(first) == 4


def test_only_open_missions_are_ranked():
    mission = MissionFactory(status="draft")
    _btp_profile(5)
    assert mission_rank(mission_id=mission.pk) is None
    assert not RankingEntry.objects.filter(mission=mission).exists()


def test_the_index_follows_a_profile_edit_without_a_rebuild():
    mission = MissionFactory(daily_rate_max=500)
    profile = _btp_profile(5, rate=900)
    mission_rank(mission_id=mission.pk)
    assert not RankingEntry.objects.filter(mission=mission).exists()
    profile.daily_rate = 480
    profile.save()  # in this test's transaction: no task runs, the ranking below syncs the index
    mission_rank(mission_id=mission.pk)
    assert list(RankingEntry.objects.filter(mission=mission).values_list("profile_id", flat=True)) == [profile.pk]


def test_a_freelancer_can_read_why_they_are_not_ranked():
    mission = MissionFactory(daily_rate_max=700)
    profile = _btp_profile(10, rate=850)
    explanation = mission_profile_explain(mission=mission, profile=profile)
    assert explanation.score is None
    assert {"code": "exclusion.rate", "params": {"rate": 850, "ceiling": 700}} in explanation.excluded_reasons


def test_the_database_index_matches_the_features_profile_by_profile():
    for years in (0, 3, 12):
        profile = _btp_profile(years)
        DiplomaFactory(profile=profile, kind="master", level=5)
        ExperienceFactory(profile=profile, scale="medium")
        RecommendationFactory(profile=profile, rating=4)
    FreelancerProfileFactory(daily_rate=None, english_written="", roles=["amoa", "moe"], latitude=None,
                             longitude=None, work_modes=["remote"])
    ids = list(FreelancerProfile.objects.order_by("id").values_list("id", flat=True))
    reference = ProfileIndex.from_profiles(profile_features(ids), vocabulary=vocabulary_from_db())
    # The first build aggregates in SQL and packs records; the second reads the records.
    _assert_same_index(build_profile_index(), reference)
    _assert_same_index(build_profile_index(), reference)
    assert connection.vendor in {"postgresql", "sqlite"}


def test_an_edit_to_a_profile_reaches_the_next_index_build():
    profile = _btp_profile(4)
    build_profile_index()
    ProfileToolFactory(profile=profile, tool=tool("jira"), proficiency=3)
    profile.skills.add(skill("budgeting"))
    RecommendationFactory(profile=profile, rating=5)
    index = build_profile_index()
    row = index.row_of(profile.pk)
    vocabulary = index.vocabulary
    assert index.tools[row, vocabulary.position("tools", "jira")] == 3
    assert index.skills[row, vocabulary.position("skills", "budgeting")]
    assert index.reputation_count[row] == 1


def _assert_same_index(built, reference):
    assert sorted(built.ids) == sorted(reference.ids)
    order = [built.row_of(i) for i in reference.ids]
    for name in ("visible", "roles", "years", "max_scale", "sector_years", "tools", "skills", "english_written",
                 "english_spoken", "diploma_level", "diploma_flags", "reputation", "reputation_count", "daily_rate",
                 "available_from", "days_per_week", "work_modes", "lat", "lon", "mobility_km"):
        np.testing.assert_array_equal(getattr(built, name)[order], getattr(reference, name), err_msg=name)


def test_rank_mission_command_reports_what_it_stored(capsys):
    mission = MissionFactory()
    _btp_profile(6)
    call_command("rank_mission", str(mission.pk))
    assert "1 candidates stored" in capsys.readouterr().out


def test_two_processes_writing_packed_features_at_once_do_not_fail_a_build():
    if connection.vendor != "postgresql":
        pytest.skip("packed feature records are a PostgreSQL path")
    _btp_profile(5)
    index = build_profile_index()
    from matching.index_builder import store_feature_rows
    from matching.models import ProfileFeatureRow

    # A second writer finding the rows already there (what a concurrent build sees) must not raise.
    store_feature_rows(index=index, ids=None, horizon=0)
    store_feature_rows(index=index, ids=list(index.ids), horizon=0)
    assert ProfileFeatureRow.objects.count() == len(index)
