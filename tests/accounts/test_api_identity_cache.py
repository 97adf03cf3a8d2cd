"""The API keeps a checked token, its user and their membership in the shared cache for a minute: a request
then reads no row, yet a revoked token, a deactivated account or a removed member is refused at once."""
import datetime

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.authentication import LAST_USED_RESOLUTION, api_token_issue, api_token_revoke
from accounts.models import ApiToken, Membership
from accounts.services import membership_change_role, membership_remove, user_tokens_revoke
from tests.factories import MembershipFactory

MEMBERS_ONLY = "/api/v1/missions/"
cache = caches["default"]


def _client(user):
    token, raw = api_token_issue(user=user)
    # Used a moment ago: the first request then caches the token, without recording a first use.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client, token


def test_a_second_request_with_the_same_token_reads_neither_the_token_nor_the_membership(esn_recruiter):
    client, _token = _client(esn_recruiter)
    assert client.get(MEMBERS_ONLY).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(MEMBERS_ONLY).status_code == 200
    assert not [q["sql"] for q in queries if "accounts_apitoken" in q["sql"]]
    assert not [q["sql"] for q in queries if q["sql"].startswith('SELECT 1 AS "a" FROM "accounts_membership"')]


def test_a_revoked_token_is_refused_at_the_next_request(esn_recruiter):
    client, token = _client(esn_recruiter)
    assert client.get(MEMBERS_ONLY).status_code == 200
    assert api_token_revoke(token=token)
    assert client.get(MEMBERS_ONLY).status_code == 401


def test_a_token_revoked_with_every_token_of_a_new_password_is_refused_at_the_next_request(esn_recruiter):
    client, _token = _client(esn_recruiter)
    assert client.get(MEMBERS_ONLY).status_code == 200
    esn_recruiter.set_password("another-long-password")
    esn_recruiter.save()
    assert client.get(MEMBERS_ONLY).status_code == 401


def test_tokens_revoked_by_the_service_are_refused_at_the_next_request(esn_recruiter):
    client, _token = _client(esn_recruiter)
    assert client.get(MEMBERS_ONLY).status_code == 200
    user_tokens_revoke(user=esn_recruiter)
    esn_recruiter.save(update_fields=["last_login"])  # what every caller does with the account it closes
    assert client.get(MEMBERS_ONLY).status_code == 401


def test_a_deleted_token_is_refused_at_the_next_request(esn_recruiter):
    client, token = _client(esn_recruiter)
    assert client.get(MEMBERS_ONLY).status_code == 200
    ApiToken.objects.filter(pk=token.pk).delete()
    assert client.get(MEMBERS_ONLY).status_code == 401


def test_a_deactivated_account_is_refused_at_the_next_request(esn_recruiter):
    client, _token = _client(esn_recruiter)
    assert client.get(MEMBERS_ONLY).status_code == 200
    esn_recruiter.is_active = False
    esn_recruiter.save()
    assert client.get(MEMBERS_ONLY).status_code == 401


def test_a_removed_member_is_refused_at_the_next_request(esn_recruiter):
    organisation = esn_recruiter.memberships.get().organisation
    member = MembershipFactory(organisation=organisation, role=Membership.Role.MEMBER).user
    client, _token = _client(member)
    assert client.get(MEMBERS_ONLY).status_code == 200
    membership_remove(membership=member.memberships.get(), by=esn_recruiter)
    assert client.get(MEMBERS_ONLY).status_code == 403


def test_a_new_member_is_let_in_at_the_next_request(freelancer, esn_recruiter):
    client, _token = _client(freelancer)
    assert client.get(MEMBERS_ONLY).status_code == 403
    Membership.objects.create(user=freelancer, organisation=esn_recruiter.memberships.get().organisation)
    assert client.get(MEMBERS_ONLY).status_code == 200


def test_a_role_change_is_seen_at_the_next_request(esn_recruiter):
    organisation = esn_recruiter.memberships.get().organisation
    member = MembershipFactory(organisation=organisation, role=Membership.Role.MEMBER).user
    client, _token = _client(member)
    assert client.get(MEMBERS_ONLY).status_code == 200
    membership_change_role(membership=member.memberships.get(), role=Membership.Role.ADMIN, by=esn_recruiter)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(MEMBERS_ONLY).status_code == 200
    assert [q for q in queries if "accounts_apitoken" in q["sql"]]  # the cached identity was forgotten


def test_last_use_is_recorded_at_most_once_per_resolution(esn_recruiter):
    client, token = _client(esn_recruiter)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=None)
    for _ in range(3):
        assert client.get(MEMBERS_ONLY).status_code == 200
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    for _ in range(3):
        assert client.get(MEMBERS_ONLY).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    long_ago = timezone.now() - LAST_USED_RESOLUTION - datetime.timedelta(seconds=1)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=long_ago)
    ApiToken.objects.get(pk=token.pk).save()  # forgets the cached identity, as any change of the row does
    assert client.get(MEMBERS_ONLY).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at > long_ago


def _cache_keys() -> list[str]:
    if isinstance(cache, RedisCache):
        return [key.decode() for key in cache._cache.get_client().keys("*")]
    return [str(key) for key in cache._cache]


def test_the_cache_never_holds_the_raw_token(esn_recruiter):
    client, _token = _client(esn_recruiter)
    secret = client._credentials["HTTP_AUTHORIZATION"].split()[1].split(".")[1]
    assert client.get(MEMBERS_ONLY).status_code == 200
    keys = _cache_keys()
    assert [key for key in keys if "apitoken" in key]
    assert not [key for key in keys if secret in key]
