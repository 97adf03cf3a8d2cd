"""Accounts made without the sign-up form (createsuperuser, the admin) can log in through the form, and a
browser log-in never locks them out of the API."""
import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "Un-mot-de-passe-2026"


@pytest.fixture(autouse=True)
def _no_login_limits():
    cache.clear()  # allauth's log-in limits live in the cache


def _logs_in_then_gets_a_token(client, email, password=PASSWORD):
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    assert response.status_code == 302 and "confirm-email" not in response.url, response
    assert client.get("/").wsgi_request.user.email == email
    token = APIClient().post("/api/v1/auth/token/", {"email": email, "password": password}, format="json")
    return token.status_code


def test_a_superuser_made_on_the_command_line_logs_in_and_keeps_the_api(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", "--email", "Root@AMOE.fr")
    assert _logs_in_then_gets_a_token(client, "root@amoe.fr") == 201


def test_an_account_added_in_the_admin_logs_in_and_keeps_the_api(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("admin:accounts_user_add"), {
        "email": "Nouveau@Client.fr", "account_type": "organisation", "password1": PASSWORD, "password2": PASSWORD,
        "usable_password": "true",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()
    assert _logs_in_then_gets_a_token(client, "nouveau@client.fr") == 201


def test_an_address_changed_in_the_admin_becomes_the_accounts_only_verified_address(client, staff_user):
    user = User.objects.create_user("ancien@client.fr", PASSWORD, account_type=User.AccountType.ORGANISATION)
    user.email_address_verify()
    client.force_login(staff_user)
    data = {"email": "Nouveau@Client.fr", "first_name": "", "last_name": "", "phone": "", "account_type": "organisation",
            "is_active": "on", "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-05",
            "date_joined_1": "10:00:00"}
    response = client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "primary", "verified")) == [
        ("nouveau@client.fr", True, True)]
    client.logout()
    assert _logs_in_then_gets_a_token(client, "nouveau@client.fr") == 201
