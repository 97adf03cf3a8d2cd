"""Issue 13, item 1: shortlisting is the key to a freelancer's contact details, so only a candidate of the
mission's ranking can be shortlisted, every unlock is logged, and the freelancer is told."""
import pytest
from django.core import mail
from django.urls import reverse

from recruiting import shortlist
from recruiting.models import ContactUnlock
from tests.api.conftest import token_client
from tests.factories import MissionFactory, MissionToolFactory
from tests.recruiting.conftest_client import make_candidate, rank

pytestmark = pytest.mark.django_db


def _new_candidate(mission):
    """A freelancer no organisation has shortlisted yet, ranked for the mission."""
    profile = make_candidate(email="nouvelle@example.com", years=9)
    rank(mission)
    assert mission.ranking_entries.filter(profile=profile).exists()
    return profile


def _shortlist_url(mission):
    return f"/api/v1/missions/{mission.pk}/shortlist/"


def test_the_api_refuses_to_shortlist_a_profile_the_ranking_does_not_hold(client, world):
    """The reproduction of the review: an organisation's own mission, any profile id it is not ranked for."""
    api = token_client(world.users["other_org_member"])
    mission = world.other_mission  # ranked without `profile`
    for pk in (world.profile.pk, world.hidden_profile.pk, 999999):
        response = api.post(_shortlist_url(mission), {"profile": pk}, format="json")
        assert response.status_code == 400
        assert "profile" in response.json()["errors"]
        assert world.profile.user.email not in response.content.decode()
    assert not ContactUnlock.objects.filter(mission=mission).exclude(profile=world.other_profile).exists()
    client.force_login(world.users["other_org_member"])
    assert client.get(reverse("freelancer:cv", args=[world.profile.pk])).status_code == 404


def test_a_profile_of_another_missions_ranking_cannot_be_shortlisted_on_the_page(client, world):
    """`other_profile` is ranked for another organisation's mission only."""
    client.force_login(world.users["client_admin"])
    url = reverse("client:shortlist_add", args=[world.mission.pk])
    client.post(url, {"profile": world.other_profile.pk})
    assert not world.mission.shortlist.filter(profile=world.other_profile).exists()
    detail = client.get(reverse("client:compare", args=[world.mission.pk]) + f"?p={world.other_profile.pk}")
    assert world.other_profile.user.email not in detail.content.decode()


def test_a_profile_hidden_after_ranking_cannot_be_shortlisted(world):
    """Consent is checked when shortlisting, not only when the ranking was written."""
    esn_mission = world.esn_mission
    candidate = esn_mission.ranking_entries.order_by("rank").first().profile
    type(candidate).objects.filter(pk=candidate.pk).update(is_visible=False)
    with pytest.raises(shortlist.ShortlistProfileError):
        shortlist.shortlist_add(mission=esn_mission, profile=candidate, by=world.users["esn_recruiter"])


def test_an_unlock_is_logged_kept_after_removal_and_shown_to_the_freelancer(client, world,
                                                                          django_capture_on_commit_callbacks):
    recruiter = world.users["esn_recruiter"]
    candidate = _new_candidate(world.esn_mission)
    with django_capture_on_commit_callbacks(execute=True):
        entry = shortlist.shortlist_add(mission=world.esn_mission, profile=candidate, by=recruiter)
    shortlist.shortlist_remove(entry=entry, by=recruiter)
    unlock = ContactUnlock.objects.get(profile=candidate)
    assert (unlock.mission, unlock.organisation, unlock.unlocked_by) == (
        world.esn_mission, world.esn_mission.organisation, recruiter)
    client.force_login(candidate.user)
    page = client.get(reverse("freelancer:privacy")).content.decode()
    assert world.esn_mission.organisation.name in page and world.esn_mission.title in page
    export = client.get(reverse("freelancer:privacy_export")).json()
    assert [u["organisation"] for u in export["contact_unlocks"]] == [world.esn_mission.organisation.name]


def test_the_freelancer_gets_one_email_per_new_organisation(world, django_capture_on_commit_callbacks):
    recruiter = world.users["esn_recruiter"]
    candidate = _new_candidate(world.esn_mission)
    second = MissionFactory(organisation=world.esn_mission.organisation, title="Deuxième mission")
    MissionToolFactory(mission=second)
    rank(second)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        shortlist.shortlist_add(mission=world.esn_mission, profile=candidate, by=recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        shortlist.shortlist_add(mission=second, profile=candidate, by=recruiter)
    assert [m.to for m in mail.outbox] == [[candidate.user.email]]
    message = mail.outbox[0]
    assert world.esn_mission.organisation.name not in message.subject  # client text never in a subject
    assert f"« {world.esn_mission.organisation.name} »" in message.body
    assert ContactUnlock.objects.filter(profile=candidate).count() == 2
