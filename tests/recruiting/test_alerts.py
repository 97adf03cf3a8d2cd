"""The daily digest the freelancer controls: subscribing from the profile, what it carries, and the
one-click unsubscribe link that needs no log-in, works once and is harmless when replayed."""
import re

import pytest
from django.core import mail
from django.urls import reverse

from recruiting.alerts import digest_subscribe, freelancers_send_digests
from recruiting.models import DigestSubscription
from tests.factories import MissionFactory, RankingEntryFactory

pytestmark = pytest.mark.django_db
ALERTS = reverse("freelancer:alerts")


def _unsubscribe_path(message) -> str:
    url = re.search(r"(http\S+/alerts/unsubscribe/\S+/)", message.body).group(1)
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    return url.split("8000", 1)[1] if "8000" in url else url


def test_a_freelancer_subscribes_with_a_minimum_score_and_leaves_from_the_page(client, freelancer):
    client.force_login(freelancer)
    client.post(ALERTS, {"subscribed": "on", "mode": "score", "min_score": "75"})
    assert DigestSubscription.objects.get(profile=freelancer.profile).min_score == 75
    client.post(ALERTS, {"subscribed": "on", "mode": "top10", "min_score": ""})
    assert DigestSubscription.objects.get(profile=freelancer.profile).min_score is None
    client.post(ALERTS, {"mode": "top10"})
    assert not DigestSubscription.objects.exists()


@pytest.mark.parametrize("data", [{"subscribed": "on", "mode": "score", "min_score": "150"},
                                  {"subscribed": "on", "mode": "score", "min_score": ""},
                                  {"subscribed": "on", "mode": "sideways"}])
def test_bad_input_is_a_form_error_and_saves_nothing(client, freelancer, data):
    client.force_login(freelancer)
    response = client.post(ALERTS, data)
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not DigestSubscription.objects.exists()


def test_the_digest_carries_missions_at_the_chosen_score_once(freelancer):
    profile = freelancer.profile
    good, weak = MissionFactory(title="Bonne mission"), MissionFactory(title="Mission faible")
    RankingEntryFactory(mission=good, profile=profile, score=82.0)
    RankingEntryFactory(mission=weak, profile=profile, score=55.0)
    digest_subscribe(profile=profile, min_score=70)
    assert freelancers_send_digests() == 1
    assert "« Bonne mission »" in mail.outbox[0].body and "Mission faible" not in mail.outbox[0].body
    assert freelancers_send_digests() == 0  # nothing new: no second e-mail


def test_the_unsubscribe_link_needs_no_log_in_works_once_and_is_harmless_replayed(client, freelancer):
    profile = freelancer.profile
    RankingEntryFactory(mission=MissionFactory(), profile=profile, score=90.0)
    digest_subscribe(profile=profile, min_score=50)
    freelancers_send_digests()
    path = _unsubscribe_path(mail.outbox[0])
    assert "Me désabonner" in client.get(path).content.decode()
    assert DigestSubscription.objects.exists()  # a GET (a link scanner) changes nothing
    assert "C'est fait" in client.post(path).content.decode()
    assert not DigestSubscription.objects.exists()
    replay = client.post(path)
    assert replay.status_code == 200 and "déjà servi" in replay.content.decode()
    digest_subscribe(profile=profile, min_score=50)  # a later subscription is not the link's
    client.post(path)
    assert DigestSubscription.objects.exists()


def test_a_forged_unsubscribe_token_is_refused(client, freelancer):
    digest_subscribe(profile=freelancer.profile, min_score=None)
    url = reverse("freelancer:digest_unsubscribe", args=["forged-token"])
    assert client.post(url).status_code == 404
    assert DigestSubscription.objects.exists()
