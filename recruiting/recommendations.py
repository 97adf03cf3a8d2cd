"""Recommendations after a collaboration, and the freelancer's word on them.

An organisation sets its shortlist statuses itself, so a "trial" or "hired" status proves nothing:
a recommendation is verified, and counts fully in the reputation criterion, only once the freelancer
has confirmed the collaboration in their workspace. Until then it shows as unconfirmed and weighs
criteria.UNVERIFIED_RECOMMENDATION_WEIGHT of one, and an organisation holds at most one unconfirmed
recommendation per freelancer. The freelancer may answer one publicly or report it to the staff.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from missions.models import Mission, Recommendation
from profiles.models import FreelancerProfile
from recruiting.access import freelancers_own_or_404
from recruiting.models import FreelancerNotice, ShortlistEntry
from recruiting.notices import freelancer_notice_send
from recruiting.shortlist import RECOMMENDABLE_STATUSES, ShortlistError


@transaction.atomic
def recommendation_create(*, mission: Mission, profile: FreelancerProfile, rating: int, text: str,
                          by: User, url_builder=None) -> Recommendation:
    """The client's recommendation once the mission is filled or closed; the freelancer is told by e-mail."""
    if mission.status not in (Mission.Status.FILLED, Mission.Status.CLOSED):
        raise ValidationError(_("Une recommandation se laisse une fois la mission pourvue ou clôturée."))
    entry = ShortlistEntry.objects.filter(mission=mission, profile=profile, status__in=RECOMMENDABLE_STATUSES).first()
    if entry is None:
        raise ValidationError(_("Seul un freelance en période d'essai ou retenu sur la mission peut être recommandé."))
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("La note va de 1 à 5.")})
    # One writer per freelancer at a time, so that the "one unconfirmed per organisation" rule holds.
    FreelancerProfile.objects.select_for_update().filter(pk=profile.pk).first()
    confirmed = entry.collaboration_confirmed_at is not None
    pending = Recommendation.objects.filter(organisation=mission.organisation, profile=profile, verified=False)
    if not confirmed and pending.exclude(mission=mission).exists():
        raise ValidationError(_("Votre organisation a déjà une recommandation non confirmée pour ce freelance : "
                                "une autre n'est possible qu'une fois la collaboration confirmée par le freelance."))
    try:
        with transaction.atomic():
            recommendation = Recommendation.objects.create(
                profile=profile, mission=mission, organisation=mission.organisation,
                author_name=by.get_full_name() or by.email, author_company=mission.organisation.name,
                rating=rating, text=text, verified=confirmed,
            )
    except IntegrityError:
        raise ValidationError(_("Vous avez déjà recommandé ce freelance pour cette mission.")) from None
    freelancer_notice_send(mission=mission, profile=profile, kind=FreelancerNotice.Kind.RECOMMENDATION,
                           template="recruiting/email/recommendation", path=reverse("freelancer:my_applications"),
                           url_builder=url_builder, context={"recommendation": recommendation})
    return recommendation


def _own_entry_for_update(entry: ShortlistEntry, user: User) -> ShortlistEntry:
    entry = ShortlistEntry.objects.select_for_update().select_related("profile").get(pk=entry.pk)
    if entry.profile.user_id != user.pk:
        raise ShortlistError(_("Seul le freelance concerné confirme une collaboration."))
    if entry.status not in RECOMMENDABLE_STATUSES:
        raise ShortlistError(_("Seule une période d'essai ou une mission où vous êtes retenu se confirme."))
    return entry


def _set_verified(entry: ShortlistEntry, verified: bool) -> None:
    # save(), not update(): matching's receivers re-rank the profile when its reputation changes.
    for recommendation in Recommendation.objects.filter(mission=entry.mission_id, profile=entry.profile_id):
        if recommendation.verified != verified:
            recommendation.verified = verified
            recommendation.save(update_fields=["verified"])


@transaction.atomic
def collaboration_confirm(*, entry: ShortlistEntry, user: User) -> ShortlistEntry:
    """The freelancer confirms the trial or hire happened: the mission's recommendation becomes verified."""
    entry = _own_entry_for_update(entry, user)
    entry.collaboration_confirmed_at, entry.collaboration_declined_at = timezone.now(), None
    entry.save(update_fields=["collaboration_confirmed_at", "collaboration_declined_at", "updated_at"])
    _set_verified(entry, True)
    return entry


@transaction.atomic
def collaboration_decline(*, entry: ShortlistEntry, user: User) -> ShortlistEntry:
    """The freelancer says no such collaboration took place: the mission's recommendation stays unverified."""
    entry = _own_entry_for_update(entry, user)
    entry.collaboration_confirmed_at, entry.collaboration_declined_at = None, timezone.now()
    entry.save(update_fields=["collaboration_confirmed_at", "collaboration_declined_at", "updated_at"])
    _set_verified(entry, False)
    return entry


def get_recommendation_for_freelancer(user: User, pk) -> Recommendation:
    """A recommendation about the user's own profile; Http404 for anybody else's."""
    return freelancers_own_or_404(Recommendation.objects.select_related("mission", "profile"),
                                  user=user, pk=pk, what="recommendation")


@transaction.atomic
def recommendation_respond(*, recommendation: Recommendation, user: User, text: str) -> Recommendation:
    """The freelancer's public answer, shown beside the recommendation; an empty text withdraws it."""
    if recommendation.profile.user_id != user.pk:
        raise Http404("No such recommendation.")
    recommendation.response = text.strip()
    recommendation.responded_at = timezone.now() if recommendation.response else None
    recommendation.save(update_fields=["response", "responded_at"])
    return recommendation


@transaction.atomic
def recommendation_report(*, recommendation: Recommendation, user: User, reason: str) -> Recommendation:
    """Flag the recommendation for the staff's review (admin filter "signalées"); nothing else changes."""
    if recommendation.profile.user_id != user.pk:
        raise Http404("No such recommendation.")
    if not reason.strip():
        raise ValidationError({"reason": _("Dites en une phrase ce qui ne va pas.")})
    recommendation.reported_at = timezone.now()
    recommendation.report_reason = reason.strip()
    recommendation.save(update_fields=["reported_at", "report_reason"])
    return recommendation
