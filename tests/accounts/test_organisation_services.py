import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts import services
from accounts.models import Invitation, Membership, Organisation, User

pytestmark = pytest.mark.django_db


def test_signing_up_an_organisation_makes_the_user_its_administrator():
    user = services.organisation_signup(email="Direction@Usine.fr", password="x-very-long-pass",
                                        organisation_name="Usine du Rhône", city="Lyon")
    membership = Membership.objects.get(user=user)
    assert user.email == "direction@usine.fr"
    assert user.account_type == User.AccountType.ORGANISATION
    assert membership.role == Membership.Role.ADMIN
    assert membership.organisation.name == "Usine du Rhône"
    assert membership.organisation.kind == Organisation.Kind.CLIENT


def test_an_invitation_is_mailed_once_committed_and_a_second_one_for_the_same_address_is_refused(
        client_org, client_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(organisation=client_org, email="Collegue@Client.fr",
                                                role=Membership.Role.MEMBER, invited_by=client_admin)
    assert invitation.email == "collegue@client.fr"
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    with pytest.raises(ValidationError) as error:
        services.invitation_create(organisation=client_org, email="collegue@client.fr",
                                   role=Membership.Role.MEMBER, invited_by=client_admin)
    assert "email" in error.value.error_dict


def test_inviting_someone_already_in_the_organisation_is_refused(client_org, client_admin, client_member):
    with pytest.raises(ValidationError):
        services.invitation_create(organisation=client_org, email=client_member.email,
                                   role=Membership.Role.MEMBER, invited_by=client_admin)


def test_accepting_an_invitation_creates_a_verified_account_and_the_membership(client_org, client_admin):
    from allauth.account.models import EmailAddress

    invitation = services.invitation_create(organisation=client_org, email="new@client.fr",
                                            role=Membership.Role.MEMBER, invited_by=client_admin)
    user = services.invitation_accept(invitation=invitation, password="x-very-long-pass")
    assert Membership.objects.get(user=user, organisation=client_org).role == Membership.Role.MEMBER
    assert EmailAddress.objects.get(user=user).verified
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, password="x-very-long-pass")


def test_an_invitation_for_another_address_or_expired_cannot_be_accepted(client_org, client_admin, other_org_member):
    invitation = services.invitation_create(organisation=client_org, email="someone@client.fr",
                                            role=Membership.Role.MEMBER, invited_by=client_admin)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=other_org_member)
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=invitation.created_at - datetime.timedelta(days=Invitation.VALID_DAYS + 1))
    invitation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, password="x-very-long-pass")


def test_the_last_administrator_can_neither_step_down_nor_be_removed(client_org, client_admin, client_member):
    admin_membership = Membership.objects.get(user=client_admin)
    with pytest.raises(services.MembershipError):
        services.membership_change_role(membership=admin_membership, role=Membership.Role.MEMBER, by=client_admin)
    with pytest.raises(services.MembershipError):
        services.membership_remove(membership=admin_membership, by=client_admin)
    member = Membership.objects.get(user=client_member)
    services.membership_change_role(membership=member, role=Membership.Role.ADMIN, by=client_admin)
    services.membership_change_role(membership=admin_membership, role=Membership.Role.MEMBER, by=client_admin)
    assert Membership.objects.get(user=client_admin).role == Membership.Role.MEMBER
