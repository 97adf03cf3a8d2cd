"""The account paths after sign-up, walked through the pages and the e-mails as a freelancer would:
a forgotten password, a lost verification e-mail, a new e-mail address."""
import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from accounts.authentication import api_token_issue
from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "un-Mot-de-passe-solide-42"
NEW_PASSWORD = "un-autre-Mot-de-passe-99"
COOLDOWN = 3 * 60  # allauth's default wait before it sends another verification e-mail to an address


def _link(message, path: str) -> str:
    return re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s]+/)", message.body).group(1)


def _mails_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def _sign_up(client, email="lea@example.com"):
    client.post(reverse("account_signup"), {
        "first_name": "Léa", "last_name": "Durand", "email": email, "password1": PASSWORD, "password2": PASSWORD})


def _sign_up_and_verify(client, email="lea@example.com"):
    _sign_up(client, email)
    client.post(_link(_mails_to(email.lower())[-1], "/accounts/confirm-email/"))
    assert "_auth_user_id" in client.session


def _log_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _logged_in(response, client) -> bool:
    return response.status_code == 302 and "_auth_user_id" in client.session


def _later(seconds: int):
    """allauth's rate limits read the clock: move it forward instead of waiting."""
    now = time.time()
    return mock.patch("allauth.core.internal.ratelimit.time.time", return_value=now + seconds)


def _api_answers(raw_token: str, client) -> int:
    return client.get(reverse("api:sectors"), HTTP_AUTHORIZATION=f"Token {raw_token}").status_code


def test_a_forgotten_password_is_replaced_from_the_e_mailed_link_and_the_new_one_logs_in(client):
    _sign_up_and_verify(client)
    _, token = api_token_issue(user=User.objects.get(email="lea@example.com"))
    client.post(reverse("account_logout"))
    assert _api_answers(token, client) == 200
    mail.outbox.clear()

    client.post(reverse("account_reset_password"), {"email": "lea@example.com"})
    link = _link(_mails_to("lea@example.com")[-1], "/accounts/password/reset/key/")
    form_page = client.get(link)  # the key moves into the session, the form is one redirect away
    assert form_page.status_code == 302
    assert client.get(form_page["Location"]).status_code == 200
    done = client.post(form_page["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert _api_answers(token, client) == 401  # whoever knew the old password may have made tokens

    assert not _logged_in(_log_in(client, "lea@example.com", PASSWORD), client)
    response = _log_in(client, "lea@example.com", NEW_PASSWORD)
    assert _logged_in(response, client) and response["Location"] == reverse("freelancer:profile")
    client.post(reverse("account_logout"))
    reused = client.get(link, follow=True)
    assert "password1" not in reused.content.decode()  # the link worked once


def test_an_address_typed_with_other_capitals_logs_in(client):
    _sign_up_and_verify(client, "Lea.Durand@Example.com")
    client.post(reverse("account_logout"))
    assert _logged_in(_log_in(client, "lea.durand@EXAMPLE.COM", PASSWORD), client)


def test_a_lost_verification_e_mail_is_sent_again_at_log_in_once_the_cooldown_is_over(client):
    _sign_up(client)
    first = _mails_to("lea@example.com")
    assert len(first) == 1
    assert not _logged_in(_log_in(client, "lea@example.com", PASSWORD), client)
    assert len(_mails_to("lea@example.com")) == 1  # no flood: one e-mail per address within the cooldown
    with _later(COOLDOWN + 1):
        response = _log_in(client, "lea@example.com", PASSWORD)
    assert not _logged_in(response, client) and "confirm-email" in response["Location"]
    again = _mails_to("lea@example.com")
    assert len(again) == 2
    client.post(_link(again[-1], "/accounts/confirm-email/"))
    client.post(reverse("account_logout"))
    assert _logged_in(_log_in(client, "lea@example.com", PASSWORD), client)


def test_a_new_e_mail_address_is_verified_resent_made_primary_and_then_the_only_one_that_logs_in(client):
    _sign_up_and_verify(client)
    email_page = reverse("account_email")
    assert "lea@example.com" in client.get(email_page).content.decode()

    client.post(email_page, {"action_add": "", "email": "lea.durand@example.org"})
    assert len(_mails_to("lea.durand@example.org")) == 1
    with _later(COOLDOWN + 1):
        client.post(email_page, {"action_send": "", "email": "lea.durand@example.org"})
    resent = _mails_to("lea.durand@example.org")
    assert len(resent) == 2
    client.post(_link(resent[-1], "/accounts/confirm-email/"))

    client.post(email_page, {"action_primary": "", "email": "lea.durand@example.org"})
    client.post(email_page, {"action_remove": "", "email": "lea@example.com"})
    user = User.objects.get(email="lea.durand@example.org")
    assert list(user.emailaddress_set.values_list("email", "verified", "primary")) == [
        ("lea.durand@example.org", True, True)]

    client.post(reverse("account_logout"))
    assert not _logged_in(_log_in(client, "lea@example.com", PASSWORD), client)
    assert _logged_in(_log_in(client, "lea.durand@example.org", PASSWORD), client)
