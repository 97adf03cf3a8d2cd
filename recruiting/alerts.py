"""The freelancer's daily digest: subscribing, choosing what it carries, sending it, and leaving it from
any e-mail.

The unsubscribe link works without logging in: it is signed, names one subscription (its id and the
moment it was made), and deletes it. Used again, or after subscribing anew, it finds nothing to delete
and says so: it works once and is harmless when replayed.
"""
from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from matching.engine.preferences import preference_misses
from matching.loaders import mission_preference_view
from matching.models import TopTenEntry
from missions.models import Mission
from profiles.models import FreelancerProfile
from recruiting.models import DigestSubscription, FreelancerNotice
from recruiting.preferences import profile_preferences

_SALT = "matching.digest-unsubscribe"  # named when the digest lived in matching: links already sent stay valid


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
    return settings.SITE_URL + reverse("freelancer:digest_unsubscribe", args=[token])


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


def _digest_missions(subscription: DigestSubscription) -> list[Mission]:
    """Open missions new to this freelancer's digest that fit their preferences: entered the top 10, or
    scored at `min_score` or more. Locks the top-10 entries it settles, so that two runs at once never send
    the same mission twice. A mission outside the preferences is neither sent nor settled: if the
    preferences change to let it in, a later digest carries it."""
    profile = subscription.profile
    preferences = profile_preferences(profile)

    def fits(mission: Mission) -> bool:
        return not preference_misses(mission_preference_view(mission), preferences)

    sent = set(FreelancerNotice.objects.filter(profile=profile, kind=FreelancerNotice.Kind.DIGEST)
               .values_list("mission_id", flat=True))
    pending = list(TopTenEntry.objects.select_for_update(skip_locked=True, of=("self",))
                   .filter(profile=profile, freelancer_notified_at=None, mission__status=Mission.Status.OPEN)
                   .select_related("mission__sector"))
    if subscription.min_score is None:
        missions = [e.mission for e in pending if e.mission_id not in sent and fits(e.mission)]
        settled = [e.pk for e in pending if e.mission_id in sent or fits(e.mission)]
    else:
        missions = [mission for mission in Mission.objects.open().select_related("sector")
                    .filter(ranking_entries__profile=profile, ranking_entries__score__gte=subscription.min_score)
                    .exclude(pk__in=sent).order_by("-ranking_entries__score", "pk") if fits(mission)]
        settled = [e.pk for e in pending]
    TopTenEntry.objects.filter(pk__in=settled).update(freelancer_notified_at=timezone.now())
    return missions


def freelancers_send_digests() -> int:
    """Daily: each subscribed freelancer gets the open missions new to their digest (never one twice)."""
    sent = 0
    for subscription in DigestSubscription.objects.select_related("profile__user"):
        with transaction.atomic():
            missions = _digest_missions(subscription)
            if not missions:
                continue
            now = timezone.now()
            FreelancerNotice.objects.bulk_create(
                [FreelancerNotice(mission=m, profile=subscription.profile, kind=FreelancerNotice.Kind.DIGEST,
                                  sent_at=now) for m in missions], ignore_conflicts=True)
            DigestSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
        unsubscribe = digest_unsubscribe_url(subscription)
        with translation.override(settings.LANGUAGE_CODE):
            context = {"profile": subscription.profile, "missions": missions, "subscription": subscription,
                       "unsubscribe_url": unsubscribe,
                       "settings_url": settings.SITE_URL + reverse("freelancer:alerts")}
            EmailMessage(
                subject=render_to_string("recruiting/email/digest_subject.txt", context).strip(),
                body=render_to_string("recruiting/email/digest.txt", context),
                to=[subscription.profile.user.email],
                # One-click unsubscribe from the mail client itself (RFC 8058).
                headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
            ).send()
        sent += 1
    return sent
