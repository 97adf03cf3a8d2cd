"""The digest only carries missions that fit the freelancer's preferences, in both of its modes; one left
out is not spent: once the preferences let it in, the next digest carries it."""
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from matching.models import TopTenEntry
from profiles.services import profile_update
from recruiting.alerts import digest_subscribe, freelancers_send_digests
from tests.factories import MissionFactory, RankingEntryFactory, sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def missions(freelancer):
    profile = freelancer.profile
    fitting = MissionFactory(title="Pilotage BTP", daily_rate_max=800)
    cheap = MissionFactory(title="Petit budget", daily_rate_max=600)
    elsewhere = MissionFactory(title="Refonte ERP", sector=sector("informatique"))
    for mission, score in ((fitting, 80.0), (cheap, 90.0), (elsewhere, 85.0)):
        RankingEntryFactory(mission=mission, profile=profile, score=score)
        TopTenEntry.objects.create(mission=mission, profile=profile, entered_at=timezone.now())
    profile_update(profile=profile, min_daily_rate=700, refused_sectors=[sector("informatique")])
    return {"fitting": fitting, "cheap": cheap, "elsewhere": elsewhere}


def _titles(message) -> list[str]:
    return [line.split("« ")[1].split(" »")[0] for line in message.body.splitlines() if line.startswith("- « ")]


@pytest.mark.parametrize("min_score", [None, 50])
def test_the_digest_leaves_out_missions_outside_the_preferences(freelancer, missions, min_score):
    digest_subscribe(profile=freelancer.profile, min_score=min_score)
    assert freelancers_send_digests() == 1
    (message,) = mail.outbox
    assert _titles(message) == ["Pilotage BTP"]
    assert "Seules les missions qui correspondent à vos préférences y figurent." in message.body


@pytest.mark.parametrize("min_score", [None, 50])
def test_a_mission_left_out_comes_once_the_preferences_let_it_in(freelancer, missions, min_score):
    digest_subscribe(profile=freelancer.profile, min_score=min_score)
    freelancers_send_digests()
    assert freelancers_send_digests() == 0
    profile_update(profile=freelancer.profile, min_daily_rate=None)
    assert freelancers_send_digests() == 1
    assert _titles(mail.outbox[-1]) == ["Petit budget"]
    assert freelancers_send_digests() == 0


def test_nothing_that_fits_sends_nothing(freelancer, missions):
    profile_update(profile=freelancer.profile, min_daily_rate=900)
    digest_subscribe(profile=freelancer.profile, min_score=None)
    assert freelancers_send_digests() == 0 and mail.outbox == []


def test_the_alerts_page_says_the_digest_follows_the_preferences(client, freelancer):
    client.force_login(freelancer)
    page = client.get(reverse("freelancer:alerts")).content.decode()
    assert "Seules les missions qui correspondent à vos préférences y figurent." in page
    assert reverse("freelancer:profile_edit", args=["preferences"]) in page
