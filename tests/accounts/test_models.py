import pytest
from django.db import IntegrityError, transaction

from accounts.models import Membership, User
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_an_email_address_is_the_user_name_and_is_stored_in_lower_case():
    """Logging in with it, whatever its capitals: tests/accounts/test_account_recovery.py."""
    user = User.objects.create_user("Camille.Martin@Example.com", "s3cret-pass-word")
    assert user.email == "camille.martin@example.com"
    assert User.USERNAME_FIELD == "email"


def test_an_email_is_unique_whatever_its_case():
    User.objects.create_user("a@example.com", "x")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="A@EXAMPLE.COM")


def test_a_user_belongs_to_an_organisation_once_with_a_role(client_org):
    membership = MembershipFactory(organisation=client_org, role=Membership.Role.ADMIN)
    assert membership.is_admin
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=membership.user, organisation=client_org)
