"""E-mails sent after rankings change: owners on new top-10 candidates (the freelancers' digest is
recruiting.alerts')."""
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import Membership
from matching.models import TopTenEntry
from missions.models import Mission
from profiles.models import FreelancerProfile


def owners_notify_new_top10(*, mission_id: int) -> int:
    """One e-mail to the mission's owners listing candidates new in its top 10; each pair is announced once."""
    with transaction.atomic():
        pending = list(
            TopTenEntry.objects.select_for_update(skip_locked=True)
            .filter(mission_id=mission_id, owners_notified_at=None, profile__in=FreelancerProfile.objects.visible())
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
