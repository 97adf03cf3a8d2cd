"""How rankings are written: compact rows with the mission's part in the header, several missions per
transaction, plain rows through COPY, and the conversion of rankings stored before that format."""
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from core.bulk import insert_rows
from matching.index_cache import current_index
from matching.loaders import missions_with_features_loaded
from matching.models import MissionRanking, RankingEntry
from matching.pipeline import missions_rank
from matching.services import mission_rank
from missions.models import Mission
from tests.factories import FreelancerProfileFactory, MissionFactory, MissionToolFactory, ProfileSectorFactory

pytestmark = pytest.mark.django_db


def _profiles(n):
    for years in range(2, 2 + n):
        ProfileSectorFactory(profile=FreelancerProfileFactory(years_experience=years, daily_rate=600), years=years)


def test_a_stored_row_holds_what_the_profile_has_and_the_header_what_the_mission_asks():
    _profiles(3)
    mission = MissionFactory(scale="large", complexity="high", daily_rate_max=900)
    MissionToolFactory(mission=mission)
    mission_rank(mission_id=mission.pk)
    header = MissionRanking.objects.get(mission=mission)
    assert header.reason_context["seniority"] == {"required": 7, "scale": "large", "complexity": "high"}
    assert header.reason_context["rate"] == {"ceiling": 900}
    assert sum(header.weights.values()) == pytest.approx(100)
    entry = RankingEntry.objects.filter(mission=mission).order_by("rank").first()
    score, code, params = entry.breakdown[0]
    assert code in {"meets", "below", "meets_no_scale_experience", "below_no_scale_experience"}
    assert "required" not in params and "years" in params
    seniority = entry.explained()[0]
    assert seniority["reason"]["params"]["required"] == 7 and seniority["weight"] == header.weights["seniority"]
    assert seniority["points"] == header.weights["seniority"] * score


def _missions(n):
    missions = [MissionFactory() for _ in range(n)]
    return list(missions_with_features_loaded(Mission.objects.filter(pk__in=[m.pk for m in missions]).order_by("id")))


@pytest.mark.django_db(transaction=True)
def test_a_mission_that_cannot_be_stored_fails_alone_and_the_rest_of_its_batch_is_stored():
    """Batches are written in one transaction each; a failing one is retried mission by mission.
    On PostgreSQL this runs through the writer threads."""
    _profiles(4)
    missions = _missions(5)
    index = current_index()
    Mission.objects.filter(pk=missions[2].pk).delete()  # gone between scoring and writing
    outcomes = missions_rank(missions=missions, index=index)
    assert [o.mission_id for o in outcomes] == [m.pk for m in missions]
    assert outcomes[2].error is not None and outcomes[2].stored is None
    for outcome in outcomes[:2] + outcomes[3:]:
        assert outcome.error is None and outcome.stored.rows_written == 4
        assert RankingEntry.objects.filter(mission_id=outcome.mission_id).count() == 4
    assert not RankingEntry.objects.filter(mission_id=missions[2].pk).exists()


@pytest.mark.django_db(transaction=True)
def test_ranking_many_missions_again_replaces_each_ranking_whole():
    _profiles(3)
    missions = _missions(12)  # more than one batch
    index = current_index()
    missions_rank(missions=missions, index=index)
    first = {e.pk for e in RankingEntry.objects.all()}
    outcomes = missions_rank(missions=missions, index=index)
    assert all(o.error is None for o in outcomes)
    assert RankingEntry.objects.count() == 36 and not first & {e.pk for e in RankingEntry.objects.all()}
    assert MissionRanking.objects.count() == 12
    for entry in RankingEntry.objects.select_related("mission__ranking"):
        assert sum(item["points"] for item in entry.explained()) == entry.score


def test_plain_rows_are_written_exactly_whatever_their_characters():
    mission = MissionFactory()
    profile = FreelancerProfileFactory()
    tricky = [[0.1 + 0.2, "tab\there", {"path": "C:\\dossier\\n", "texte": "ligne 1\nligne 2 « é »", "n": None}]]
    at = timezone.now()
    misses = [{"code": "preference.sector_refused", "params": {"sector": "a\\b\tc"}}]
    insert_rows(RankingEntry, ["mission_id", "profile_id", "rank", "score", "breakdown", "engine_version",
                               "computed_at", "preference_misses", "fits_preferences"],
                [(mission.pk, profile.pk, 1, 12.345678901234567, tricky, "v\t1", at, misses, False)])
    entry = RankingEntry.objects.get()
    assert entry.breakdown == tricky and entry.score == 12.345678901234567
    assert entry.engine_version == "v\t1" and entry.computed_at == at
    assert entry.preference_misses == misses and entry.fits_preferences is False


@pytest.fixture
def migrate_to(transactional_db):
    """Migrate the test database, shared by the tests that follow, to any state; whatever happens in
    the test, it is left at the latest schema."""

    def migrate(target):
        executor = MigrationExecutor(connection)
        executor.migrate([target])
        return executor.loader.project_state([target]).apps

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        yield migrate
    finally:
        MigrationExecutor(connection).migrate(latest)


@pytest.mark.django_db(transaction=True)
def test_rankings_stored_before_the_compact_format_are_converted_and_back(migrate_to):
    # Made at the latest schema (their receivers write to newer tables), drafts so that nothing ranks them.
    mission, headless = MissionFactory(status=Mission.Status.DRAFT), MissionFactory(status=Mission.Status.DRAFT)
    profile = FreelancerProfileFactory()
    old = migrate_to(("matching", "0003_nightly_runs_and_notifications"))
    criteria = ["seniority", "sector", "tools", "skills", "english", "education", "reputation", "rate",
                "availability"]
    item_params = {
        "seniority": {"years": 12, "required": 7, "scale": "large", "complexity": "high"},
        "sector": {"sector": "btp", "years": 5},
        "rate": {"rate": 650, "ceiling": 700},
        "availability": {"available_from": "2027-01-04", "start": "2027-01-11", "late_days": 0,
                         "days_per_week": 5, "required_days": 5},
    }
    breakdown = [{"criterion": c, "score": 0.5, "weight": 11.1111, "points": 5.5556,
                  "reason": {"code": f"{c}.code", "params": item_params.get(c, {})}} for c in criteria]
    old.get_model("matching", "MissionRanking").objects.create(
        mission_id=mission.pk, engine_version="1.0", computed_at=timezone.now())
    old.get_model("matching", "RankingEntry").objects.create(
        mission_id=mission.pk, profile_id=profile.pk, rank=1, score=50.0, breakdown=breakdown, engine_version="1.0",
        computed_at=timezone.now())
    # A ranking without its header, whose weights (rounded to four decimals) sum a hair above 100.
    perfect = [{**item, "score": 1.0, "weight": 11.1112} for item in breakdown]
    old.get_model("matching", "RankingEntry").objects.create(
        mission_id=headless.pk, profile_id=profile.pk, rank=1, score=100.0, breakdown=perfect, engine_version="1.0",
        computed_at=timezone.now())

    new = migrate_to(("matching", "0004_compact_breakdowns"))
    header = new.get_model("matching", "MissionRanking").objects.get(mission_id=mission.pk)
    entry = new.get_model("matching", "RankingEntry").objects.get(mission_id=mission.pk)
    assert header.reason_context["seniority"] == {"required": 7, "scale": "large", "complexity": "high"}
    assert header.reason_context["availability"] == {"start": "2027-01-11", "required_days": 5}
    assert entry.breakdown[0] == [0.5, "code", {"years": 12}]
    assert entry.score == sum(11.1111 * 0.5 for _ in criteria)
    headless_entry = new.get_model("matching", "RankingEntry").objects.get(mission_id=headless.pk)
    assert headless_entry.score == 100.0
    assert new.get_model("matching", "MissionRanking").objects.get(mission_id=headless.pk).weights["rate"] == 11.1112

    migrate_to(("matching", "0003_nightly_runs_and_notifications"))
    back = old.get_model("matching", "RankingEntry").objects.get(mission_id=mission.pk)
    assert [item["reason"] for item in back.breakdown] == [item["reason"] for item in breakdown]


def test_a_row_written_by_older_code_during_a_deploy_is_read_as_it_is():
    from matching.engine.explanations import stored_items

    full = [{"criterion": "seniority", "score": 1.0, "weight": 20.0, "points": 20.0,
             "reason": {"code": "seniority.meets", "params": {"years": 9}}}]
    assert stored_items(full, weights={}, reasons={}) == full
    assert stored_items([[1.0, "meets", {"years": 9}]] * 9, weights={}, reasons={}) == []
