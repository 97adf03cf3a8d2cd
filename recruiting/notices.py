"""E-mails to freelancers about a mission, at most one per mission, freelancer and kind.

Organisations write mission titles and their own names: an e-mail quotes that text as the
organisation's words, never as the platform's, and a subject carries none of it.
"""
from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from missions.models import Mission
from profiles.models import FreelancerProfile
from recruiting.models import FreelancerNotice


def freelancer_notice_send(*, mission: Mission, profile: FreelancerProfile, kind: str, template: str, path: str,
                           url_builder=None, context: dict | None = None) -> bool:
    """Send `template`_subject.txt / _message.txt once for (mission, profile, kind), after commit.

    Returns whether an e-mail was queued: False when this kind was already sent for the mission.
    """
    _, created = FreelancerNotice.objects.get_or_create(
        mission=mission, profile=profile, kind=kind, defaults={"sent_at": timezone.now()}
    )
    if not created:
        return False
    url = url_builder(path) if url_builder is not None else path
    values = {"mission": mission, "organisation": mission.organisation, "profile": profile, "url": url,
              **(context or {})}
    subject = " ".join(render_to_string(f"{template}_subject.txt", values).split())
    body = render_to_string(f"{template}_message.txt", values)
    recipient = profile.user.email
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient]))
    return True
