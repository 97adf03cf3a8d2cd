"""A logged-in session's account is kept a minute in the shared cache with its membership: a page then reads no
account row, yet a deactivated account, a new password or a removed member counts at the next request."""
import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership
from accounts.services import membership_remove
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
DASHBOARD = "/missions/"


@pytest.fixture(autouse=True)
def _no_login_limits():
    cache.clear()  # allauth's log-in limits live in the cache


def _logged_in(client, user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and "confirm-email" not in response.url
    return client


def _account_reads(queries) -> list[str]:
    return [q["sql"] for q in queries if 'FROM "accounts_user"' in q["sql"] or 'FROM "accounts_membership"' in q["sql"]]


def test_a_page_seen_again_reads_neither_the_account_nor_the_membership(client, client_member):
    _logged_in(client, client_member)
    assert client.get(DASHBOARD).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    assert not _account_reads(queries)


def test_a_deactivated_account_is_logged_out_at_the_next_request(client, client_member):
    _logged_in(client, client_member)
    assert client.get(DASHBOARD).status_code == 200
    client_member.is_active = False
    client_member.save()
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_a_new_password_logs_the_session_out_at_the_next_request(client, client_member):
    _logged_in(client, client_member)
    assert client.get(DASHBOARD).status_code == 200
    client_member.set_password("another-long-password-2026")
    client_member.save()
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_a_removed_member_loses_the_organisation_pages_at_the_next_request(client, client_admin):
    member = MembershipFactory(organisation=client_admin.memberships.get().organisation,
                               role=Membership.Role.MEMBER).user
    _logged_in(client, member)
    assert client.get(DASHBOARD).status_code == 200
    membership_remove(membership=member.memberships.get(), by=client_admin)
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response.url == reverse("client:signup")


def test_a_new_member_gets_the_organisation_pages_at_the_next_request(client, client_admin, freelancer):
    _logged_in(client, freelancer)
    assert client.get(DASHBOARD).status_code == 302
    Membership.objects.create(user=freelancer, organisation=client_admin.memberships.get().organisation)
    assert client.get(DASHBOARD).status_code == 200


def test_a_renamed_account_shows_its_new_name_at_the_next_request(client, client_member):
    _logged_in(client, client_member)
    assert client.get(DASHBOARD).status_code == 200
    client_member.email = "renamed@client.fr"
    client_member.save()
    assert "renamed@client.fr" in client.get(DASHBOARD).content.decode()
