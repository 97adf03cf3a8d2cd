"""Shortlist workflow: add, remove, move through the statuses, questionnaire.

Pages and the REST API call these; every move is recorded with its note, author and date.
Shortlisting shows the organisation the freelancer's contact details and CV: only a candidate
of the mission's ranking can be shortlisted, and every unlock is logged (ContactUnlock).
"""
from __future__ import annotations

from typing import Mapping

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from matching.models import RankingEntry
from missions.models import Mission
from profiles.models import FreelancerProfile
from recruiting.access import freelancers_own_or_404
from recruiting.models import ContactUnlock, FreelancerNotice, QuestionnaireAnswer, ShortlistEntry, ShortlistMove
from recruiting.notices import freelancer_notice_send

Status = ShortlistEntry.Status

# The one table of allowed moves: current status → statuses it may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.SHORTLISTED: (Status.CONTACTED, Status.QUESTIONNAIRE, Status.REJECTED),
    Status.CONTACTED: (Status.QUESTIONNAIRE, Status.TRIAL, Status.REJECTED),
    Status.QUESTIONNAIRE: (Status.TRIAL, Status.REJECTED),
    Status.TRIAL: (Status.HIRED, Status.REJECTED),
    Status.HIRED: (),
    Status.REJECTED: (Status.SHORTLISTED,),
}
# Missions whose shortlist may still change.
ACTIVE_MISSION_STATUSES = (Mission.Status.OPEN, Mission.Status.FILLED)
# Who may be recommended for a mission: those who worked on it.
RECOMMENDABLE_STATUSES = (Status.TRIAL, Status.HIRED)


class ShortlistError(ValueError):
    """A shortlist change that the rules refuse; the message says why."""


class ShortlistProfileError(ShortlistError):
    """The profile may not be shortlisted for this mission (the API answers on its `profile` field)."""


NOT_A_CANDIDATE = gettext_lazy("Seul un candidat du classement de cette mission peut être présélectionné.")


def profile_to_shortlist(*, profile_id) -> FreelancerProfile:
    """The profile a shortlist request names; an unknown id gets the message of a profile the ranking does
    not hold (shortlist_add checks that), so the answer tells nothing about which profiles exist."""
    profile = FreelancerProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None:
        raise ShortlistProfileError(str(NOT_A_CANDIDATE))
    return profile


class ShortlistTransitionError(ShortlistError):
    def __init__(self, *, current: str, target: str) -> None:
        self.current, self.target = current, target
        self.allowed = allowed_moves(current)
        labels = dict(Status.choices)
        allowed = ", ".join(str(labels[s]) for s in self.allowed) or _("aucun (statut final)")
        super().__init__(
            _("Passage de « %(current)s » à « %(target)s » impossible. Statuts possibles : %(allowed)s.")
            % {"current": labels.get(current, current), "target": labels.get(target, target), "allowed": allowed}
        )


def allowed_moves(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def _check_mission_active(mission: Mission) -> None:
    if mission.status not in ACTIVE_MISSION_STATUSES:
        raise ShortlistError(_("La présélection ne change plus sur une mission en brouillon ou clôturée."))


@transaction.atomic
def shortlist_add(*, mission: Mission, profile: FreelancerProfile, by: User, note: str = "",
                  url_builder=None) -> ShortlistEntry:
    """Shortlist a candidate of the mission's stored ranking; adding it twice returns the existing entry.

    A profile the ranking does not hold (or no longer shows) is refused: shortlisting unlocks the
    contact details, so it must not become a way to read anybody's.
    """
    _check_mission_active(mission)
    existing = ShortlistEntry.objects.filter(mission=mission, profile=profile).first()
    if existing is not None:
        return existing
    if not RankingEntry.objects.shown().filter(mission=mission, profile=profile).exists():
        raise ShortlistProfileError(str(NOT_A_CANDIDATE))
    entry, created = ShortlistEntry.objects.get_or_create(
        mission=mission, profile=profile, defaults={"added_by": by, "note": note}
    )
    if created:
        ShortlistMove.objects.create(entry=entry, from_status="", to_status=entry.status, note=note, moved_by=by)
        _contact_unlock_record(mission=mission, profile=profile, by=by, url_builder=url_builder)
    return entry


def _contact_unlock_record(*, mission: Mission, profile: FreelancerProfile, by: User, url_builder) -> None:
    """Log who unlocked the contact details, for which mission; the freelancer hears of each new organisation."""
    # Serialises two missions of one organisation shortlisting the same freelancer at once: one e-mail.
    FreelancerProfile.objects.select_for_update().filter(pk=profile.pk).first()
    known = ContactUnlock.objects.filter(organisation_id=mission.organisation_id, profile=profile).exists()
    _, created = ContactUnlock.objects.get_or_create(
        mission=mission, profile=profile,
        defaults={"organisation_id": mission.organisation_id, "unlocked_by": by, "unlocked_at": timezone.now()},
    )
    if created and not known:
        freelancer_notice_send(mission=mission, profile=profile, kind=FreelancerNotice.Kind.CONTACT_UNLOCKED,
                               template="recruiting/email/contact_unlocked",
                               path=reverse("freelancer:privacy"), url_builder=url_builder)


@transaction.atomic
def shortlist_remove(*, entry: ShortlistEntry, by: User) -> None:
    """Take a profile off the shortlist, with its history and answers."""
    _check_mission_active(entry.mission)
    entry.delete()


@transaction.atomic
def shortlist_move(*, entry: ShortlistEntry, to_status: str, by: User, note: str = "") -> ShortlistEntry:
    """Move an entry to another status if the table allows it; records the move with its note and date."""
    entry = ShortlistEntry.objects.select_for_update().select_related("mission").get(pk=entry.pk)
    _check_mission_active(entry.mission)
    if to_status not in allowed_moves(entry.status):
        raise ShortlistTransitionError(current=entry.status, target=to_status)
    ShortlistMove.objects.create(entry=entry, from_status=entry.status, to_status=to_status, note=note, moved_by=by)
    entry.status = to_status
    if note:
        entry.note = note
    entry.save(update_fields=["status", "note", "updated_at"])
    return entry


@transaction.atomic
def shortlist_send_questionnaire(*, entry: ShortlistEntry, by: User, note: str = "",
                                 url_builder=None) -> ShortlistEntry:
    """Move to "questionnaire" and e-mail the freelancer the link to answer (after commit).

    The e-mail goes once per mission and freelancer: moving a candidate back and forth sends nothing more.
    """
    if not entry.mission.questions.exists():
        raise ShortlistError(_("Cette mission n'a pas de questionnaire : ajoutez des questions à la mission."))
    entry = shortlist_move(entry=entry, to_status=Status.QUESTIONNAIRE, by=by, note=note)
    entry = ShortlistEntry.objects.select_related("mission__organisation", "profile__user").get(pk=entry.pk)
    freelancer_notice_send(mission=entry.mission, profile=entry.profile, kind=FreelancerNotice.Kind.QUESTIONNAIRE,
                           template="recruiting/email/questionnaire",
                           path=reverse("freelancer:questionnaire_answer", args=[entry.pk]), url_builder=url_builder)
    return entry


@transaction.atomic
def questionnaire_answers_record(*, entry: ShortlistEntry, user: User, answers: Mapping[int, str]) -> int:
    """Store the freelancer's answers (question id → text); answering again replaces them."""
    entry = ShortlistEntry.objects.select_for_update().select_related("profile").get(pk=entry.pk)
    if entry.profile.user_id != user.pk:
        raise ShortlistError(_("Seul le freelance présélectionné répond à ce questionnaire."))
    if entry.status != Status.QUESTIONNAIRE:
        raise ShortlistError(_("Ce questionnaire n'attend plus de réponse."))
    questions = {q.pk: q for q in entry.mission.questions.all()}
    unknown = set(answers) - set(questions)
    if unknown:
        raise ShortlistError(_("Question inconnue pour cette mission."))
    for question_id, text in answers.items():
        QuestionnaireAnswer.objects.update_or_create(
            entry=entry, question=questions[question_id], defaults={"text": text.strip()}
        )
    return len(answers)


# ---------------------------------------------------------------- access
def get_entry_of_mission(mission: Mission, pk) -> ShortlistEntry:
    """An entry of a mission already access-checked (get_mission_for_user); Http404 for any other."""
    entry = (ShortlistEntry.objects.select_related("mission", "profile__user")
             .filter(pk=pk, mission=mission).first())
    if entry is None:
        raise Http404("No such shortlist entry.")
    return entry


def get_entry_for_freelancer(user: User, pk) -> ShortlistEntry:
    """The freelancer's own entry; Http404 for anybody else's, so statuses never leak."""
    return freelancers_own_or_404(ShortlistEntry.objects.select_related("mission__organisation", "profile"),
                                  user=user, pk=pk, what="shortlist entry")


@transaction.atomic
def shortlist_entry_update(*, entry: ShortlistEntry, by, to_status: str | None = None,
                           note: str | None = None) -> ShortlistEntry:
    """Move the entry when the status changes (the note goes with the move); otherwise set the note alone."""
    if to_status is not None and to_status != entry.status:
        return shortlist_move(entry=entry, to_status=to_status, by=by, note=note or "")
    if note is not None and note != entry.note:
        if entry.mission.status not in ACTIVE_MISSION_STATUSES:
            raise ShortlistError(_("La présélection ne change plus sur une mission en brouillon ou clôturée."))
        entry.note = note
        entry.save(update_fields=["note", "updated_at"])
    return entry
