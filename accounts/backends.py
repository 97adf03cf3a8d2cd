"""The log-in backend: Django's, with the account of a logged-in session kept in the shared cache.

Every page of a logged-in session reads its account (and, for the session's hash check, its password hash);
kept a minute in the shared cache with whether it belongs to an organisation (accounts.access reads that), a page
reads no account row. Any save or delete of the account or of one of its memberships forgets it at once and
again on commit (accounts.receivers), so a deactivated account, a new password or a removed member counts at the
next request in every process; the lifetime only bounds what a change made without signals (a bulk update)
could leave behind.
"""
from __future__ import annotations

from django.contrib.auth import backends
from django.core.cache import cache

from core.answer_cache import cache_forget

SESSION_USER_TTL = 60


def _key(user_id) -> str:
    return f"session-user:{user_id}"


def session_user_forget(user_id: int) -> None:
    cache_forget([_key(user_id)])


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        user = cache.get(_key(user_id))
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None  # refusals are not kept: an account given back its rights logs in at once
            user._is_member = user.memberships.exists()
            cache.set(_key(user_id), user, SESSION_USER_TTL)
        return user if self.user_can_authenticate(user) else None
