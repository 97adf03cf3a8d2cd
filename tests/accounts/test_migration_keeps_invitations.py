"""Invitation moved from missions to accounts on the same table: a database of the old layout migrates
forward with its invitations kept, found through accounts' model."""
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import Invitation
from tests.factories import MembershipFactory

LAST_BEFORE_THE_MOVE = [("missions", "0004_mission_duration_and_rate_ceiling_ranges"), ("accounts", "0002_api_token")]


@pytest.mark.django_db(transaction=True)
def test_an_invitation_made_before_the_move_is_found_after_it():
    admin = MembershipFactory(role="admin")  # made at the latest schema
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(LAST_BEFORE_THE_MOVE)
        old = executor.loader.project_state(LAST_BEFORE_THE_MOVE).apps
        old.get_model("missions", "Invitation").objects.create(
            organisation_id=admin.organisation_id, email="nouveau@client.fr", role="member", token="jeton",
            invited_by_id=admin.user_id)
    finally:
        MigrationExecutor(connection).migrate(latest)

    invitation = Invitation.objects.get(token="jeton")
    assert (invitation.email, invitation.organisation, invitation.invited_by) == (
        "nouveau@client.fr", admin.organisation, admin.user)
    assert invitation.get_absolute_url() == "/organisation/invitations/jeton/"
    assert ContentType.objects.get_for_model(Invitation).app_label == "accounts"
