"""What the client's members see between publishing a mission and its ranking, with the task queued on a
broker and not yet run (elsewhere in the suite tasks run in-process, so a ranking is always there)."""
from unittest import mock

import pytest
from django.urls import reverse

from matching.models import RankingRequest
from matching.tasks import process_ranking_request_task
from missions.models import Mission
from tests.factories import MissionFactory
from tests.recruiting.conftest_client import make_candidate

pytestmark = pytest.mark.django_db(transaction=True)

PENDING = "Le classement est en cours de calcul"


def test_every_member_sees_the_ranking_in_progress_until_the_queued_task_has_run(client, client_admin,
                                                                                   client_member):
    candidate = make_candidate()
    mission = MissionFactory(organisation=client_admin.memberships.get().organisation, status=Mission.Status.DRAFT)
    page = reverse("client:mission_detail", args=[mission.pk])
    with mock.patch.object(process_ranking_request_task, "apply_async") as broker:
        client.force_login(client_admin)
        published = client.post(reverse("client:mission_publish", args=[mission.pk]), follow=True)
        assert published.redirect_chain[-1][0] == page
        assert PENDING in published.content.decode()
        assert f'id="candidate-{candidate.pk}"' not in published.content.decode()
        client.force_login(client_member)
        assert PENDING in client.get(page).content.decode()
    (queued,) = broker.call_args_list
    request = RankingRequest.objects.get(pk=queued.kwargs["args"][0])
    assert (request.kind, request.object_id, request.processed_at) == ("mission", mission.pk, None)

    process_ranking_request_task.apply(args=queued.kwargs["args"])  # the worker picks it up
    ranked = client.get(page).content.decode()
    assert PENDING not in ranked and f'id="candidate-{candidate.pk}"' in ranked
