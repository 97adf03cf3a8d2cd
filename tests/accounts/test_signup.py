import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.models import User
from profiles.models import FreelancerProfile

pytestmark = pytest.mark.django_db

PASSWORD = "un-Mot-de-passe-solide-42"


def _sign_up(client, email="lea@example.com"):
    return client.post(reverse("account_signup"), {
        "first_name": "Léa", "last_name": "Durand", "email": email, "password1": PASSWORD, "password2": PASSWORD})


def test_signing_up_creates_a_freelancer_with_an_empty_profile_and_sends_a_verification_e_mail(client):
    response = _sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="lea@example.com")
    assert user.account_type == User.AccountType.FREELANCER
    assert (user.first_name, user.last_name) == ("Léa", "Durand")
    assert FreelancerProfile.objects.filter(user=user).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lea@example.com"]


def test_log_in_waits_for_the_e_mail_verification_then_lands_on_the_profile_editor(client):
    _sign_up(client)
    client.logout()
    response = client.post(reverse("account_login"), {"login": "lea@example.com", "password": PASSWORD})
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)
    assert client.get(link).status_code == 200
    client.post(link)
    response = client.post(reverse("account_login"), {"login": "lea@example.com", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("freelancer:profile")


def test_the_sign_up_page_offers_the_company_sign_up(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'href="/organisation/signup/"' in page and "freelance" in page.lower()


def test_the_account_type_choice_page_links_both_sign_ups(client):
    page = client.get(reverse("accounts:signup_choice")).content.decode()
    assert 'href="/organisation/signup/"' in page and f'href="{reverse("account_signup")}"' in page


def test_password_reset_sends_an_e_mail(client, freelancer):
    client.post(reverse("account_reset_password"), {"email": freelancer.email})
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body


def test_the_log_in_rate_limit_stays_on():
    assert getattr(settings, "ACCOUNT_RATE_LIMITS", None) is not False
    from allauth.account import app_settings

    assert app_settings.RATE_LIMITS.get("login_failed")
