"""The recruiting models moved from matching to recruiting on the same tables: a database of the old
layout migrates forward with every row kept, found through the new models."""
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from missions.models import Mission
from recruiting.models import (
    ContactUnlock,
    DigestSubscription,
    FreelancerNotice,
    QuestionnaireAnswer,
    ShortlistEntry,
    ShortlistMove,
)
from tests.factories import FreelancerProfileFactory, MissionFactory, QuestionFactory, UserFactory

LAST_BEFORE_THE_MOVE = ("matching", "0010_packed_rows_horizon")


@pytest.mark.django_db(transaction=True)
def test_rows_of_every_moved_model_are_found_after_the_move():
    # Made at the latest schema, a draft so that nothing ranks it.
    mission = MissionFactory(status=Mission.Status.DRAFT)
    question = QuestionFactory(mission=mission)
    profile, user = FreelancerProfileFactory(), UserFactory()
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        executor = MigrationExecutor(connection)
        executor.migrate([LAST_BEFORE_THE_MOVE, ("recruiting", None)])
        old = executor.loader.project_state([LAST_BEFORE_THE_MOVE]).apps
        now = timezone.now()
        entry = old.get_model("matching", "ShortlistEntry").objects.create(
            mission_id=mission.pk, profile_id=profile.pk, status="questionnaire", note="Vu", added_by_id=user.pk)
        old.get_model("matching", "ShortlistMove").objects.create(
            entry_id=entry.pk, from_status="shortlisted", to_status="questionnaire", moved_by_id=user.pk)
        old.get_model("matching", "QuestionnaireAnswer").objects.create(
            entry_id=entry.pk, question_id=question.pk, text="Oui")
        old.get_model("matching", "ContactUnlock").objects.create(
            mission_id=mission.pk, organisation_id=mission.organisation_id, profile_id=profile.pk,
            unlocked_by_id=user.pk, unlocked_at=now)
        old.get_model("matching", "FreelancerNotice").objects.create(
            mission_id=mission.pk, profile_id=profile.pk, kind="questionnaire", sent_at=now)
        old.get_model("matching", "DigestSubscription").objects.create(profile_id=profile.pk, min_score=70)
    finally:
        MigrationExecutor(connection).migrate(latest)

    entry = ShortlistEntry.objects.get(mission=mission, profile=profile)
    assert (entry.status, entry.note, entry.added_by) == ("questionnaire", "Vu", user)
    assert list(entry.moves.values_list("from_status", "to_status")) == [("shortlisted", "questionnaire")]
    assert ShortlistMove.objects.get().moved_by == user
    assert QuestionnaireAnswer.objects.get(entry=entry, question=question).text == "Oui"
    assert ContactUnlock.objects.get(mission=mission).organisation == mission.organisation
    assert FreelancerNotice.objects.get(profile=profile).kind == FreelancerNotice.Kind.QUESTIONNAIRE
    assert DigestSubscription.objects.get(profile=profile).min_score == 70
    assert ContentType.objects.get_for_model(ShortlistEntry).app_label == "recruiting"
