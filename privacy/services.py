"""GDPR rights of a freelancer: access (a JSON export of all their data), erasure (the account and
everything about them), and consent to being shown to clients.

Consent is the profile's `is_visible` flag, asked at sign-up and changed at any time in the profile's
"visibility" section or in the admin. Withdrawing it takes the profile out of every ranking at once: pages
and the API read RankingEntry.objects.shown(), and a task enqueued on commit (matching.receivers) removes
its stored rows.

Erasure deletes the user row; the database cascades to the profile, its sectors, tools, skills, diplomas,
certifications, experiences, rankings, top-10 entries, shortlist entries (with their moves and
questionnaire answers), recommendations, digest subscription, e-mail addresses and API tokens; the CV
file is deleted once the transaction commits. What stays is anonymous: each mission's ranking header
(counts of profiles considered, scored and excluded, recomputed by the re-ranking requested here) and the
nightly run statistics. Ranking entries, shortlist entries and recommendations are removed rather than
anonymised: each is a statement about one person, and without that person it means nothing (a score of
no one, a recommendation of no one). Profile ids are also taken out of the missions' stored top-10 lists.

Logs name accounts by id only, never by e-mail or name.
"""
from __future__ import annotations

import datetime
import logging
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApiToken, User
from matching.models import MissionRanking, RankingEntry, TopTenEntry
from matching.services import profile_rankings_withdraw
from missions.models import Recommendation
from profiles.models import FreelancerProfile
from recruiting.models import ContactUnlock, DigestSubscription, ShortlistEntry

logger = logging.getLogger(__name__)

EXPORT_FORMAT_VERSION = 1
USER_FIELDS = ("email", "first_name", "last_name", "phone", "account_type", "date_joined", "last_login")


def _value(field: models.Field, obj: models.Model) -> Any:
    value = field.value_from_object(obj)
    if isinstance(field, models.FileField):
        return bool(value)
    if field.is_relation and value is not None:
        return str(getattr(obj, field.name))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _row(obj: models.Model, *, exclude: set[str] = frozenset()) -> dict[str, Any]:
    """The object's stored fields as JSON-ready values; relations as their label."""
    return {f.name: _value(f, obj) for f in obj._meta.concrete_fields if f.name not in exclude and f.name != "id"}


# ---------------------------------------------------------------- right of access
def freelancer_data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform stores about the user, as a JSON-ready dict. The CV is a separate file,
    downloaded from its own (permission-checked) link."""
    profile = FreelancerProfile.objects.filter(user=user).first()
    data: dict[str, Any] = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": {name: _value(User._meta.get_field(name), user) for name in USER_FIELDS},
        "email_addresses": [{"email": a.email, "verified": a.verified, "primary": a.primary}
                            for a in EmailAddress.objects.filter(user=user).order_by("id")],
        "api_tokens": [_row(t, exclude={"user", "digest"})
                       for t in ApiToken.objects.filter(user=user).order_by("created_at")],
        "profile": None,
    }
    if profile is None:
        return data
    data["profile"] = _row(profile, exclude={"user"})
    data["profile"]["skills"] = sorted(profile.skills.values_list("code", flat=True))
    data["profile"]["sectors"] = [_row(r, exclude={"profile"}) for r in profile.sector_years.select_related("sector")]
    data["profile"]["tools"] = [_row(r, exclude={"profile"}) for r in profile.tool_levels.select_related("tool")]
    for name in ("diplomas", "certifications", "experiences"):
        data["profile"][name] = [_row(r, exclude={"profile"}) for r in getattr(profile, name).order_by("id")]
    data["recommendations"] = [_row(r, exclude={"profile"})
                               for r in Recommendation.objects.filter(profile=profile).order_by("created_at")]
    data["rankings"] = [
        {"mission": e.mission.title, "organisation": e.mission.organisation.name, "rank": e.rank, "score": e.score,
         "breakdown": e.explained(), "computed_at": e.computed_at.isoformat()}
        for e in RankingEntry.objects.filter(profile=profile).select_related("mission__organisation", "mission__ranking")
        .order_by("id")
    ]
    data["top10_entries"] = [_row(e, exclude={"profile"}) for e in
                             TopTenEntry.objects.filter(profile=profile).select_related("mission").order_by("id")]
    data["shortlists"] = [
        {"mission": e.mission.title, "organisation": e.mission.organisation.name, "status": e.status,
         "note": e.note, "created_at": e.created_at.isoformat(), "updated_at": e.updated_at.isoformat(),
         # Who moved the entry is the client's staff: their names are not the freelancer's data.
         "moves": [{"from": m.from_status, "to": m.to_status, "note": m.note, "moved_at": m.moved_at.isoformat()}
                   for m in e.moves.order_by("moved_at", "id")],
         "questionnaire_answers": [{"question": a.question.text, "answer": a.text,
                                    "answered_at": a.answered_at.isoformat()}
                                   for a in e.answers.select_related("question").order_by("id")]}
        for e in ShortlistEntry.objects.filter(profile=profile).select_related("mission__organisation").order_by("id")
    ]
    data["contact_unlocks"] = [
        {"organisation": u.organisation.name, "mission": u.mission.title, "unlocked_at": u.unlocked_at.isoformat()}
        for u in contact_unlocks_of(profile=profile)
    ]
    subscription = DigestSubscription.objects.filter(profile=profile).first()
    data["digest_subscription"] = _row(subscription, exclude={"profile"}) if subscription else None
    return data


def contact_unlocks_of(*, profile: FreelancerProfile) -> list[ContactUnlock]:
    """The organisations that saw the freelancer's e-mail, phone and CV by shortlisting them, newest first."""
    return list(ContactUnlock.objects.filter(profile=profile).select_related("organisation", "mission")
                .order_by("-unlocked_at", "-id"))


# ---------------------------------------------------------------- right to erasure
@transaction.atomic
def freelancer_account_erase(*, user: User, by: User | None = None) -> dict[str, int]:
    """Erase a freelancer's account and all their personal data (see the module's docstring for what
    stays, anonymous). `by` is the staff member acting on a request received by e-mail, or None when the
    freelancer erases their own account. Returns counts of what was removed."""
    if user.is_staff or user.memberships.exists():
        raise ValidationError(_("Seul un compte freelance peut être effacé ici."), code="not_freelancer")
    profile = FreelancerProfile.objects.filter(user=user).first()
    summary = {"rankings": 0, "shortlists": 0, "recommendations": 0, "cv": 0}
    if profile is not None:
        summary["rankings"] = RankingEntry.objects.filter(profile=profile).count()
        summary["shortlists"] = ShortlistEntry.objects.filter(profile=profile).count()
        summary["recommendations"] = Recommendation.objects.filter(profile=profile).count()
        mission_ids = profile_rankings_withdraw(profile_id=profile.pk)
        for ranking in MissionRanking.objects.filter(mission_id__in=mission_ids).only(
                "id", "top10_entered", "nightly_top10"):
            ranking.top10_entered = [i for i in ranking.top10_entered if i != profile.pk]
            ranking.nightly_top10 = [i for i in ranking.nightly_top10 if i != profile.pk]
            ranking.save(update_fields=["top10_entered", "nightly_top10"])
        if profile.cv:
            summary["cv"] = 1
            name, storage = profile.cv.name, profile.cv.storage
            transaction.on_commit(lambda: storage.delete(name))
    user_id = user.pk
    user.delete()
    logger.info("Account %s erased (%s)", user_id, f"by staff {by.pk}" if by else "by its owner")
    return summary
