"""Holes the permission matrix showed, closed in the access helpers."""
from django.urls import reverse

from accounts.models import Membership
from profiles.models import FreelancerProfile
from recruiting.access import can_view_cv


def test_a_withdrawn_consent_closes_the_cv_to_rankings_before_the_reranking(world):
    client_member = world.users["client_member"]
    assert can_view_cv(client_member, world.other_profile) is False  # not ranked for the client
    esn = world.users["esn_recruiter"]
    assert can_view_cv(esn, world.other_profile) is True  # ranked for the ESN's mission
    FreelancerProfile.objects.filter(pk=world.other_profile.pk).update(is_visible=False)
    world.other_profile.refresh_from_db()
    assert can_view_cv(esn, world.other_profile) is False


def test_a_shortlisting_organisation_keeps_the_cv_while_the_account_is_active(world):
    client_member = world.users["client_member"]
    FreelancerProfile.objects.filter(pk=world.profile.pk).update(is_visible=False)
    world.profile.refresh_from_db()
    assert can_view_cv(client_member, world.profile) is True
    world.profile.user.is_active = False
    world.profile.user.save(update_fields=["is_active"])
    assert can_view_cv(client_member, world.profile) is False


def test_somebody_removed_from_their_organisation_reads_no_profile_page(client, world):
    member = world.users["client_member"]
    Membership.objects.filter(user=member).delete()
    client.force_login(member)
    assert member.account_type == "organisation"
    assert client.get(reverse("freelancer:profile_public", args=[world.profile.pk])).status_code == 404
