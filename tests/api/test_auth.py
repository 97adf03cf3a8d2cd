"""POST/DELETE /api/v1/auth/token/, the token authentication, throttling, the admin."""
import datetime
import hashlib

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.authentication import api_token_issue
from accounts.models import ApiToken
from tests.api.conftest import token_client
from tests.factories import UserFactory

URL = "/api/v1/auth/token/"
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


def obtain(email, password=PASSWORD, **extra):
    return APIClient().post(URL, {"email": email, "password": password}, format="json", **extra)


def test_a_recruiter_gets_a_token_that_opens_the_api(esn_recruiter):
    response = obtain("Recruiter@ESN.fr")
    assert response.status_code == 201
    token = response.json()["token"]
    assert response.json()["expires_at"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/sectors/").status_code == 200


def test_tokens_are_stored_hashed_with_only_a_prefix_in_clear(esn_recruiter):
    raw = obtain("recruiter@esn.fr").json()["token"]
    row = ApiToken.objects.get(user=esn_recruiter)
    assert raw.startswith(row.prefix + ".")
    assert row.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {row.prefix, row.digest, row.name}


def test_tokens_expire_after_the_configured_days(esn_recruiter, settings):
    settings.API_TOKEN_TTL_DAYS = 30
    token, _raw = api_token_issue(user=esn_recruiter)
    assert abs(token.expires_at - timezone.now() - datetime.timedelta(days=30)) < datetime.timedelta(minutes=1)
    settings.API_TOKEN_TTL_DAYS = 0
    assert api_token_issue(user=esn_recruiter)[0].expires_at is None


def test_a_wrong_password_answers_400_with_a_message(esn_recruiter):
    response = obtain("recruiter@esn.fr", "wrong-password")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"]["non_field_errors"] == ["Adresse e-mail ou mot de passe incorrect."]


def test_error_messages_follow_accept_language(esn_recruiter):
    response = obtain("recruiter@esn.fr", "wrong-password", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"]["non_field_errors"] == ["Wrong e-mail address or password."]
    response = APIClient().post(URL, {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"]["email"] == ["This field is required."]


def test_an_unverified_address_gets_no_token(db):
    user = UserFactory(email="new@esn.fr")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    assert obtain("new@esn.fr").status_code == 400
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert obtain("new@esn.fr").status_code == 201


def test_repeated_wrong_passwords_are_throttled_with_retry_after(esn_recruiter):
    statuses = [obtain("recruiter@esn.fr", "guess-%d" % i).status_code for i in range(10)]
    assert 429 in statuses
    assert set(statuses[: statuses.index(429)]) == {400}
    response = obtain("recruiter@esn.fr", "another-guess")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


def test_requests_are_throttled_per_token(esn_recruiter, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "user": "3/min"})
    client = token_client(esn_recruiter)
    statuses = [client.get("/api/v1/sectors/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert token_client(UserFactory()).get("/api/v1/sectors/").status_code == 200  # another user's own budget


def test_anonymous_requests_are_throttled_per_address(db, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES",
                        {**SimpleRateThrottle.THROTTLE_RATES, "anon": "2/min", "auth_token": "100/min"})
    statuses = [obtain("nobody@esn.fr", REMOTE_ADDR="10.0.0.1").status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    assert obtain("nobody@esn.fr", REMOTE_ADDR="10.0.0.2").status_code == 400


def test_no_token_answers_401_with_the_scheme(db):
    response = APIClient().get("/api/v1/sectors/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token nodot", "Token abcd.wrongsecret", "Token é"])
def test_malformed_or_unknown_tokens_answer_401(esn_recruiter, header):
    api_token_issue(user=esn_recruiter)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get("/api/v1/sectors/").status_code == 401


def test_a_token_with_the_right_prefix_and_a_wrong_secret_is_refused(esn_recruiter):
    token, raw = api_token_issue(user=esn_recruiter)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.prefix}.{'x' * 43}")
    assert client.get("/api/v1/sectors/").status_code == 401


def test_expired_tokens_and_inactive_users_are_refused(esn_recruiter):
    token, raw = api_token_issue(user=esn_recruiter)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1),
                                                created_at=timezone.now() - datetime.timedelta(days=2))
    assert client.get("/api/v1/sectors/").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=None)
    assert client.get("/api/v1/sectors/").status_code == 200
    esn_recruiter.is_active = False
    esn_recruiter.save()
    assert client.get("/api/v1/sectors/").status_code == 401


def test_delete_revokes_the_token_of_the_request_only(esn_recruiter):
    client = token_client(esn_recruiter)
    other = token_client(esn_recruiter)
    assert client.delete(URL).status_code == 204
    assert client.get("/api/v1/sectors/").status_code == 401
    assert other.get("/api/v1/sectors/").status_code == 200
    assert APIClient().delete(URL).status_code == 401


def test_using_a_token_records_when(esn_recruiter):
    token, raw = api_token_issue(user=esn_recruiter)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    client.get("/api/v1/sectors/")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_staff_list_and_revoke_tokens_in_the_admin(client, staff_user, esn_recruiter):
    token, raw = api_token_issue(user=esn_recruiter, name="CRM sync")
    client.force_login(staff_user)
    page = client.get("/admin/accounts/apitoken/")
    assert page.status_code == 200
    assert token.prefix in page.content.decode() and raw not in page.content.decode()
    response = client.post("/admin/accounts/apitoken/", {"action": "revoke_tokens", "_selected_action": [token.pk]})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get("/api/v1/sectors/").status_code == 401


def test_staff_issue_a_token_in_the_admin_and_see_it_once(client, staff_user, esn_recruiter):
    client.force_login(staff_user)
    assert client.get("/admin/accounts/apitoken/add/").status_code == 200
    response = client.post("/admin/accounts/apitoken/add/", {"user": esn_recruiter.pk, "name": "Import"}, follow=True)
    token = ApiToken.objects.get(user=esn_recruiter, name="Import")
    shown = [str(m) for m in response.context["messages"] if token.prefix in str(m)]
    raw = shown[0].split(" : ")[1].split(" ")[0]
    assert hashlib.sha256(raw.encode()).hexdigest() == token.digest
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get("/api/v1/sectors/").status_code == 200
