"""Invitations speak for their inviter: administrators revoke pending ones, and an invitation lapses when the
administrator who sent it is removed or demoted."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from accounts.models import Membership, User
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PASSWORD = "x-very-long-pass"


def _invite(organisation, by, email="nouveau@client.fr", role=Membership.Role.MEMBER):
    return services.invitation_create(organisation=organisation, email=email, role=role, invited_by=by)


@pytest.fixture
def second_admin(client_org):
    return MembershipFactory(organisation=client_org, role=Membership.Role.ADMIN, user__email="admin2@client.fr").user


def _refusal(invitation) -> str:
    invitation.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(invitation=invitation, password=PASSWORD)
    return " ".join(error.value.messages)


# ---------------------------------------------------------------- services
def test_a_revoked_invitation_cannot_be_accepted_and_the_address_can_be_invited_again(client_org, client_admin):
    invitation = _invite(client_org, client_admin)
    assert services.invitation_revoke(invitation=invitation, by=client_admin) is True
    assert services.invitation_revoke(invitation=invitation, by=client_admin) is False  # nothing left to revoke
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None and invitation.revoked_by == client_admin
    assert "retiré" in _refusal(invitation)
    assert not User.objects.filter(email="nouveau@client.fr").exists()
    again = _invite(client_org, client_admin)
    assert services.invitation_accept(invitation=again, password=PASSWORD).email == "nouveau@client.fr"


def test_an_accepted_invitation_is_not_revoked(client_org, client_admin):
    invitation = _invite(client_org, client_admin)
    services.invitation_accept(invitation=invitation, password=PASSWORD)
    assert services.invitation_revoke(invitation=invitation, by=client_admin) is False
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_a_removed_administrator_cannot_walk_back_in_with_an_invitation_they_sent(client_org, client_admin,
                                                                                  second_admin):
    own_back_door = _invite(client_org, second_admin, email="perso@example.com", role=Membership.Role.ADMIN)
    colleagues = _invite(client_org, client_admin, email="collegue@client.fr")
    services.membership_remove(membership=Membership.objects.get(user=second_admin), by=client_admin)
    own_back_door.refresh_from_db()
    assert own_back_door.revoked_at is not None and own_back_door.revoked_by == client_admin
    assert _refusal(own_back_door)
    assert not Membership.objects.filter(organisation=client_org, user__email="perso@example.com").exists()
    # Another administrator's invitations stay valid.
    assert services.invitation_accept(invitation=colleagues, password=PASSWORD).email == "collegue@client.fr"


def test_demoting_an_administrator_revokes_the_invitations_they_sent(client_org, client_admin, second_admin):
    invitation = _invite(client_org, second_admin)
    services.membership_change_role(membership=Membership.objects.get(user=second_admin),
                                    role=Membership.Role.MEMBER, by=client_admin)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert _refusal(invitation)


def test_a_failed_removal_revokes_nothing(client_org, client_admin):
    invitation = _invite(client_org, client_admin)
    with pytest.raises(services.MembershipError):
        services.membership_remove(membership=Membership.objects.get(user=client_admin), by=client_admin)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.parametrize("inviter_change", ["demoted behind the services", "account deleted"])
def test_accepting_checks_that_the_inviter_is_still_an_administrator(client_org, client_admin, second_admin,
                                                                      inviter_change):
    invitation = _invite(client_org, second_admin)
    if inviter_change == "account deleted":
        second_admin.delete()
    else:
        Membership.objects.filter(user=second_admin).update(role=Membership.Role.MEMBER)
    assert "n'est plus administrateur" in _refusal(invitation)
    assert not User.objects.filter(email="nouveau@client.fr").exists()


# ---------------------------------------------------------------- pages
def test_an_admin_revokes_a_pending_invitation_from_the_members_page(client, client_org, client_admin):
    invitation = _invite(client_org, client_admin)
    client.force_login(client_admin)
    page = client.get(reverse("client:members")).content.decode()
    url = reverse("client:invitation_revoke", args=[invitation.pk])
    assert f'action="{url}"' in page
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("client:members")
    invitation.refresh_from_db()
    assert invitation.revoked_by == client_admin
    assert "nouveau@client.fr" not in client.get(reverse("client:members")).content.decode()


def test_only_an_admin_of_the_inviting_organisation_revokes(client, client_org, client_admin, client_member,
                                                           other_org_member):
    invitation = _invite(client_org, client_admin)
    url = reverse("client:invitation_revoke", args=[invitation.pk])
    client.force_login(client_member)
    assert client.post(url).status_code == 403
    client.force_login(other_org_member)  # an administrator of another organisation
    assert client.post(url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_link_of_a_revoked_invitation_says_so_and_creates_no_account(client, client_org, client_admin):
    invitation = _invite(client_org, client_admin)
    services.invitation_revoke(invitation=invitation, by=client_admin)
    page = client.get(invitation.get_absolute_url())
    assert page.status_code == 200 and page.context["refusal"]
    assert "password1" not in page.content.decode()
    client.post(invitation.get_absolute_url(), {"password1": PASSWORD, "password2": PASSWORD})
    assert not User.objects.filter(email="nouveau@client.fr").exists()
