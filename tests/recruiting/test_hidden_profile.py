"""A freelancer who hides their profile leaves every client page and endpoint at once, while the removal of
their stored rows waits in the queue (a task on commit, not the freelancer's own save)."""
from unittest import mock

import pytest
from django.urls import reverse

from accounts.authentication import api_token_issue
from matching.models import RankingEntry
from matching.tasks import process_ranking_request_task, withdraw_hidden_profile_task
from recruiting.access import can_view_cv
from recruiting.dashboard import dashboard_rows
from tests.recruiting.conftest_client import *  # noqa: F401,F403

pytestmark = pytest.mark.django_db(transaction=True)


def _seen_by_the_client(client, member, mission, profile) -> dict[str, bool]:
    client.force_login(member)
    _, token = api_token_issue(user=member)
    api = client.get(f"/api/v1/missions/{mission.pk}/candidates/", HTTP_AUTHORIZATION=f"Token {token}").json()
    others = [p.pk for p in mission.candidates if p.pk != profile.pk][:2]
    compared = client.get(reverse("client:compare", args=[mission.pk]), {"p": [profile.pk, *others]})
    (row,) = [r for r in dashboard_rows(user=member, min_score=0) if r.mission.pk == mission.pk]
    return {
        "mission page": f'id="candidate-{profile.pk}"' in client.get(mission.get_absolute_url()).content.decode(),
        "api": profile.pk in [c["profile"]["id"] for c in api["results"]],
        "comparison": profile.pk in [c.profile.pk for c in compared.context["candidates"]],
        "dashboard count": row.ranked == len(mission.candidates),
        "cv": can_view_cv(member, profile),
    }


def test_a_hidden_profile_leaves_every_client_page_before_its_rows_are_removed(client, client_member,
                                                                                ranked_mission):
    profile = ranked_mission.candidates[0]
    assert set(_seen_by_the_client(client, client_member, ranked_mission, profile).values()) == {True}

    with mock.patch.object(withdraw_hidden_profile_task, "delay") as withdrawal, \
            mock.patch.object(process_ranking_request_task, "apply_async"):
        client.force_login(profile.user)
        assert client.post(reverse("freelancer:profile_edit", args=["visibility"]), {}).status_code == 302
    withdrawal.assert_called_once_with(profile.pk)  # queued, not run
    assert RankingEntry.objects.filter(profile=profile).exists()
    assert set(_seen_by_the_client(client, client_member, ranked_mission, profile).values()) == {False}

    withdraw_hidden_profile_task.apply(args=[profile.pk])  # the worker picks it up
    assert not RankingEntry.objects.filter(profile=profile).exists()
    assert withdraw_hidden_profile_task.apply(args=[profile.pk]).get() == []  # run twice: nothing more to do


def test_the_withdrawal_leaves_a_profile_shown_again_in_the_meantime(ranked_mission):
    profile = ranked_mission.candidates[0]
    with mock.patch.object(withdraw_hidden_profile_task, "delay"), \
            mock.patch.object(process_ranking_request_task, "apply_async"):
        profile.is_visible = False
        profile.save()
        profile.is_visible = True
        profile.save()
    assert withdraw_hidden_profile_task.apply(args=[profile.pk]).get() == []
    assert RankingEntry.objects.filter(profile=profile, mission=ranked_mission).exists()
