"""Log-in protection: repeated failures are refused per address and per account, the refusal ends by
itself, a log-in rotates the session, and a new password revokes other sessions and API tokens."""
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.authentication import api_token_check, api_token_issue
from accounts.models import ApiToken
from accounts.services import user_tokens_revoke

PASSWORD = "correct-horse-battery"  # tests/factories.py


def _later(seconds):
    """Time travel: every clock read by allauth's rate limits, DRF's throttles and the cache moves on."""
    real = time.time
    return mock.patch("time.time", lambda: real() + seconds)


def _token_request(client, email, password, ip="203.0.113.7"):
    return client.post(reverse("api:token"), {"email": email, "password": password}, format="json",
                       REMOTE_ADDR=ip)


# ---------------------------------------------------------------- API token endpoint
def test_the_token_endpoint_answers_429_with_retry_after_within_ten_wrong_passwords(esn_recruiter):
    client = APIClient()
    statuses = [_token_request(client, esn_recruiter.email, "wrong-password").status_code for _ in range(10)]
    assert 429 in statuses
    refused = _token_request(client, esn_recruiter.email, "wrong-password")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    # Even the right password waits: nothing is tried while refused.
    assert _token_request(client, esn_recruiter.email, PASSWORD).status_code == 429


def test_the_token_endpoint_limits_one_account_tried_from_many_addresses(esn_recruiter):
    client = APIClient()
    statuses = [_token_request(client, esn_recruiter.email, "wrong-password", ip=f"198.51.100.{n}").status_code
                for n in range(1, 13)]
    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429, 429]
    # Another account from those addresses is not refused.
    assert _token_request(client, "someone-else@example.com", "x", ip="198.51.100.1").status_code == 400


def test_the_token_endpoints_refusal_ends_by_itself(esn_recruiter):
    client = APIClient()
    for _ in range(12):
        _token_request(client, esn_recruiter.email, "wrong-password")
    assert _token_request(client, esn_recruiter.email, PASSWORD).status_code == 429
    with _later(3601):
        assert _token_request(client, esn_recruiter.email, PASSWORD).status_code == 201


# ---------------------------------------------------------------- browser log-in
def _login(client, email, password, ip="203.0.113.9"):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def _refused(response) -> bool:
    if response.status_code == 429:
        return True
    errors = response.context["form"].errors.as_data() if response.status_code == 200 else {}
    return any(error.code == "too_many_login_attempts" for errors_ in errors.values() for error in errors_)


def test_repeated_wrong_passwords_in_the_browser_are_refused_then_the_refusal_ends(client, freelancer):
    EmailAddress.objects.create(user=freelancer, email=freelancer.email, verified=True, primary=True)
    answers = [_login(client, freelancer.email, "wrong-password") for _ in range(6)]
    assert not any(_refused(r) for r in answers[:5])
    assert _refused(answers[5])
    # The right password is refused too while the account cools off: the attacker learns nothing.
    assert _refused(_login(client, freelancer.email, PASSWORD))
    assert "_auth_user_id" not in client.session
    with _later(5 * 60 + 1):
        response = _login(client, freelancer.email, PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(freelancer.pk)


def test_wrong_passwords_from_one_address_are_refused_whatever_the_account(client, db):
    answers = [_login(client, f"inconnu{n}@example.com", "wrong-password") for n in range(12)]
    assert not any(_refused(r) for r in answers[:10])
    assert all(_refused(r) for r in answers[10:])


def test_logging_in_gives_a_new_session_key(client, freelancer):
    EmailAddress.objects.create(user=freelancer, email=freelancer.email, verified=True, primary=True)
    client.get(reverse("account_login"))
    session = client.session
    session["anonymous"] = True
    session.save()
    before = session.session_key
    assert _login(client, freelancer.email, PASSWORD).status_code == 302
    assert client.session.session_key != before


# ---------------------------------------------------------------- a new password revokes the rest
def test_user_tokens_revoke_revokes_only_that_users_active_tokens(freelancer, esn_recruiter):
    mine = [api_token_issue(user=freelancer)[1] for _ in range(2)]
    theirs = api_token_issue(user=esn_recruiter)[1]
    assert user_tokens_revoke(user=freelancer) == 2
    assert all(api_token_check(raw) is None for raw in mine)
    assert api_token_check(theirs) is not None
    assert user_tokens_revoke(user=freelancer) == 0


def test_a_password_change_logs_other_sessions_out_and_revokes_api_tokens(client, freelancer):
    other_browser = client.__class__()
    other_browser.force_login(freelancer)
    _, raw = api_token_issue(user=freelancer)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get(reverse("api:sectors")).status_code == 200
    client.force_login(freelancer)
    response = client.post(reverse("account_change_password"), {
        "oldpassword": PASSWORD, "password1": "un-nouveau-mot-de-passe-2026", "password2": "un-nouveau-mot-de-passe-2026",
    })
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert other_browser.get(reverse("freelancer:profile")).status_code == 302  # back to the log-in
    assert api.get(reverse("api:sectors")).status_code == 401
    assert not ApiToken.objects.filter(user=freelancer, revoked_at__isnull=True).exists()


def test_a_password_reset_by_e_mail_revokes_api_tokens(freelancer, rf):
    from allauth.account.signals import password_reset

    _, raw = api_token_issue(user=freelancer)
    password_reset.send(sender=freelancer.__class__, request=rf.get("/"), user=freelancer)
    assert api_token_check(raw) is None


def test_a_password_set_by_staff_in_the_admin_revokes_api_tokens(client, freelancer, staff_user):
    _, raw = api_token_issue(user=freelancer)
    client.force_login(staff_user)
    response = client.post(reverse("admin:auth_user_password_change", args=[freelancer.pk]), {
        "password1": "un-autre-mot-de-passe-2026", "password2": "un-autre-mot-de-passe-2026",
        "usable_password": "true"})
    assert response.status_code == 302
    assert api_token_check(raw) is None


def test_a_password_hash_upgraded_at_log_in_keeps_api_tokens(freelancer, settings):
    _, raw = api_token_issue(user=freelancer)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher",
                                 "django.contrib.auth.hashers.MD5PasswordHasher"]
    freelancer.refresh_from_db()
    assert freelancer.check_password(PASSWORD)  # rehashed with PBKDF2 and saved
    freelancer.refresh_from_db()
    assert freelancer.password.startswith("pbkdf2_")
    assert api_token_check(raw) is not None


# ---------------------------------------------------------------- the client's address
# Without TRUSTED_PROXY_COUNT, X-Forwarded-For is the client's own writing: a new value on every try must
# not give a new counter. Behind one proxy, the address that proxy appended (the last entry) counts.
@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def test_a_forged_forwarded_for_does_not_dodge_the_token_endpoints_limit_per_address(db):
    client = APIClient()
    statuses = [client.post(reverse("api:token"), {"email": f"inconnu{n}@example.com", "password": "x"},
                            format="json", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"10.9.8.{n}").status_code
                for n in range(7)]
    assert statuses[:5] == [400] * 5
    assert statuses[5:] == [429, 429]


def test_a_forged_forwarded_for_does_not_dodge_the_browser_log_in_limit_per_address(client, db):
    answers = [client.post(reverse("account_login"), {"login": f"inconnu{n}@example.com", "password": "x"},
                           REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.9.8.{n}") for n in range(12)]
    assert not any(_refused(r) for r in answers[:10])
    assert all(_refused(r) for r in answers[10:])


def test_behind_one_proxy_the_token_endpoint_counts_the_address_the_proxy_appended(behind_one_proxy, db):
    client = APIClient()

    def token(n, forwarded_for):
        return client.post(reverse("api:token"), {"email": f"inconnu{n}@example.com", "password": "x"},
                           format="json", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    # One client forging the first entry: one counter. Other clients through the same proxy: their own.
    assert [token(n, f"10.9.8.{n}, 203.0.113.7") for n in range(6)] == [400] * 5 + [429]
    assert token(7, "10.9.8.7, 198.51.100.2") == 400
    assert token(8, "198.51.100.3") == 400


def test_behind_one_proxy_the_browser_log_in_counts_the_address_the_proxy_appended(behind_one_proxy, client, db):
    def login(n, forwarded_for):
        return client.post(reverse("account_login"), {"login": f"inconnu{n}@example.com", "password": "x"},
                           REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)

    answers = [login(n, f"10.9.8.{n}, 203.0.113.9") for n in range(11)]
    assert not any(_refused(r) for r in answers[:10])
    assert _refused(answers[10])
    assert not _refused(login(11, "10.9.8.11, 198.51.100.2"))
