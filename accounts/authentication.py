"""REST API tokens: issue, check, revoke.

A token reads `<prefix>.<secret>`. The database keeps the prefix in clear (to find the
row and to tell tokens apart in the admin) and the sha256 of the whole token, never the
token itself: a copy of the database does not let anybody call the API.
"""
from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from accounts.models import ApiToken, User
from core.answer_cache import cache_forget

KEYWORD = "Token"


# last_used_at is written at most this often per token, not on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)
# A checked token and its user (with whether they belong to an organisation) are kept this long in the
# shared cache, under the token's digest (never the token): a request then reads no row. Every change that
# could refuse the token forgets it at once (api_token_forget, accounts.receivers); the lifetime only bounds
# what a change made without signals (a bulk update) could leave behind.
IDENTITY_TTL = 60


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_issue(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for the user; returns the row and the raw token, which is shown once and never stored."""
    token = ApiToken(user=user, name=name)
    return token, api_token_save_new(token)


@transaction.atomic
def api_token_save_new(token: ApiToken) -> str:
    """Give an unsaved token (user and name set) its secret and expiry, save it, return the raw token."""
    ttl_days = settings.API_TOKEN_TTL_DAYS
    while True:
        prefix = secrets.token_hex(4)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    raw = f"{prefix}.{secrets.token_urlsafe(32)}"
    token.prefix, token.digest = prefix, _digest(raw)
    token.expires_at = timezone.now() + datetime.timedelta(days=ttl_days) if ttl_days > 0 else None
    token.save()
    return raw


def api_token_revoke(*, token: ApiToken) -> bool:
    """Revoke the token; True if this call revoked it (a second call changes nothing)."""
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()) == 1
    api_token_forget(digests=[token.digest])
    return revoked


def _identity_key(digest: str) -> str:
    return f"apitoken:{digest}"


def api_token_forget(*, digests=(), user_id: int | None = None) -> None:
    """Drop cached identities: these tokens', or every token's of the user. Again once the transaction
    commits, so that a request that read the rows before the change cannot leave them cached."""
    keys = [_identity_key(digest) for digest in digests]
    if user_id is not None:
        keys += [_identity_key(digest) for digest in ApiToken.objects.filter(user_id=user_id)
                 .values_list("digest", flat=True)]
    cache_forget(keys)


def api_token_check(raw: str) -> ApiToken | None:
    """The active token matching the raw value, with its user loaded; None otherwise."""
    prefix, dot, _secret = raw.partition(".")
    if not dot or not prefix or len(prefix) > 16:
        return None
    digest = _digest(raw)
    token = cache.get(_identity_key(digest))
    if token is None:
        token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
        if token is None or not hmac.compare_digest(token.digest, digest):
            return None
        if not token.is_active or not token.user.is_active:
            return None  # refusals are not cached: a token given back its rights works at once
        token.user._is_member = token.user.memberships.exists()  # read by accounts.api's permission
        cache.set(_identity_key(digest), token, IDENTITY_TTL)
    elif not token.is_active or not token.user.is_active:
        return None
    return token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <token>`; 401 with `WWW-Authenticate: Token` when missing or refused."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("En-tête Authorization invalide : « Token <jeton> » attendu."))
        try:
            raw = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Jeton invalide.")) from None
        token = api_token_check(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Jeton invalide, expiré ou révoqué."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            # Forgotten rather than rewritten: a revocation between the read and a rewrite would be undone.
            cache.delete(_identity_key(token.digest))
        return token.user, token

    def authenticate_header(self, request):
        return KEYWORD


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`, the token from POST /api/v1/auth/token/.",
        }
