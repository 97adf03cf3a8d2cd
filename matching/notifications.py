"""E-mails sent after rankings change: owners on new top-10 candidates, freelancers' daily digest."""
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import Membership
from matching.models import DigestSubscription, TopTenEntry
from missions.models import Mission


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


def freelancers_send_digests() -> int:
    """Daily: each subscribed freelancer gets the open missions where they newly entered the top 10."""
    sent = 0
    for subscription in DigestSubscription.objects.select_related("profile__user"):
        with transaction.atomic():
            entries = list(
                TopTenEntry.objects.select_for_update(skip_locked=True)
                .filter(profile=subscription.profile, freelancer_notified_at=None, mission__status=Mission.Status.OPEN)
                .select_related("mission")
            )
            if not entries:
                continue
            now = timezone.now()
            TopTenEntry.objects.filter(pk__in=[e.pk for e in entries]).update(freelancer_notified_at=now)
            DigestSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
        with translation.override(settings.LANGUAGE_CODE):
            context = {"profile": subscription.profile, "missions": [e.mission for e in entries]}
            send_mail(
                subject=render_to_string("matching/email/digest_subject.txt", context).strip(),
                message=render_to_string("matching/email/digest.txt", context),
                from_email=None,
                recipient_list=[subscription.profile.user.email],
            )
        sent += 1
    return sent
