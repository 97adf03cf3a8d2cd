"""E-mails sent after rankings change: owners on new top-10 candidates, freelancers' daily digest."""
from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Membership
from matching.alerts import digest_unsubscribe_url
from matching.models import TopTenEntry
from missions.models import Mission
from recruiting.models import DigestSubscription, FreelancerNotice


def owners_notify_new_top10(*, mission_id: int) -> int:
    """One e-mail to the mission's owners listing candidates new in its top 10; each pair is announced once."""
    with transaction.atomic():
        pending = list(
            TopTenEntry.objects.select_for_update(skip_locked=True)
            .filter(mission_id=mission_id, owners_notified_at=None)
            .select_related("profile__user")
        )
        if not pending:
            return 0
        TopTenEntry.objects.filter(pk__in=[e.pk for e in pending]).update(owners_notified_at=timezone.now())
    mission = Mission.objects.select_related("organisation").get(pk=mission_id)
    recipients = list(
        Membership.objects.filter(organisation=mission.organisation, role=Membership.Role.ADMIN, user__is_active=True)
        .values_list("user__email", flat=True)
    )
    if mission.created_by and mission.created_by.email not in recipients:
        recipients.append(mission.created_by.email)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"mission": mission, "profiles": [e.profile for e in pending]}
        send_mail(
            subject=render_to_string("matching/email/new_top10_subject.txt", context).strip(),
            message=render_to_string("matching/email/new_top10.txt", context),
            from_email=None,
            recipient_list=recipients,
        )
    return len(pending)


def _digest_missions(subscription: DigestSubscription) -> list[Mission]:
    """Open missions new to this freelancer's digest: entered the top 10, or scored at `min_score` or more.
    Locks what it returns, so that two runs at once never send the same mission twice."""
    profile = subscription.profile
    already = FreelancerNotice.objects.filter(profile=profile, kind=FreelancerNotice.Kind.DIGEST).values("mission_id")
    pending = (TopTenEntry.objects.select_for_update(skip_locked=True)
               .filter(profile=profile, freelancer_notified_at=None, mission__status=Mission.Status.OPEN))
    entries = list(pending.exclude(mission_id__in=already).select_related("mission"))
    TopTenEntry.objects.filter(pk__in=[e.pk for e in pending]).update(freelancer_notified_at=timezone.now())
    if subscription.min_score is None:
        return [e.mission for e in entries]
    return list(
        Mission.objects.open().filter(ranking_entries__profile=profile,
                                      ranking_entries__score__gte=subscription.min_score)
        .exclude(pk__in=already).order_by("-ranking_entries__score", "pk")
    )


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
                       "settings_url": settings.SITE_URL + reverse("matching_freelancer:alerts")}
            EmailMessage(
                subject=render_to_string("matching/email/digest_subject.txt", context).strip(),
                body=render_to_string("matching/email/digest.txt", context),
                to=[subscription.profile.user.email],
                # One-click unsubscribe from the mail client itself (RFC 8058).
                headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
            ).send()
        sent += 1
    return sent
