"""The freelancer's daily digest: subscribing, choosing what it carries, and leaving it from any e-mail.

The unsubscribe link works without logging in: it is signed, names one subscription (its id and the
moment it was made), and deletes it. Used again, or after subscribing anew, it finds nothing to delete
and says so: it works once and is harmless when replayed.
"""
from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from profiles.models import FreelancerProfile
from recruiting.models import DigestSubscription

_SALT = "matching.digest-unsubscribe"


@transaction.atomic
def digest_subscribe(*, profile: FreelancerProfile, min_score: int | None) -> DigestSubscription:
    """Subscribe, or change what the digest carries: top-10 entries (None) or missions scoring `min_score`+."""
    subscription, _ = DigestSubscription.objects.update_or_create(profile=profile, defaults={"min_score": min_score})
    return subscription


def digest_unsubscribe(*, profile: FreelancerProfile) -> bool:
    """Leave the digest; False when there was no subscription."""
    deleted, _ = DigestSubscription.objects.filter(profile=profile).delete()
    return bool(deleted)


def digest_unsubscribe_url(subscription: DigestSubscription) -> str:
    token = signing.dumps([subscription.pk, subscription.subscribed_at.isoformat()], salt=_SALT, compress=True)
    return settings.SITE_URL + reverse("matching_freelancer:digest_unsubscribe", args=[token])


def digest_unsubscribe_by_token(token: str) -> bool | None:
    """Delete the subscription the token names: True if done now, False if it is already gone (a replay,
    or a later subscription), None if the token is not one of ours."""
    try:
        pk, made_at = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    subscription = DigestSubscription.objects.filter(pk=pk).first()
    if subscription is None or subscription.subscribed_at.isoformat() != made_at:
        return False
    subscription.delete()
    return True
