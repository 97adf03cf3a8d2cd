"""The profile search's results (GET /api/v1/profiles/) built from plain values, and cached.

A page is read as values (one query for the page's profiles, one per list they carry: sectors, tools,
skills, wanted and refused sectors), not through nested serializers: the same document as
ProfileListSerializer, which stays the schema (tests/profiles/test_search_output.py holds them equal).

Pages and counts are kept in the shared cache under a search version that moves on commit of any change
that can alter a result: a profile, its sectors, tools, skills or preferences, its account (name, active),
a vocabulary's labels. The cached rows carry no e-mail or phone: those are the caller's to see or not
(contact rule of profiles/api.py) and are filled in per request.
"""
from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language
from rest_framework import serializers

from core.answer_cache import version_token, version_token_move
from profiles.models import FreelancerProfile, ProfileSector, ProfileTool, Sector, Skill, Tool

SEARCH_VERSION_KEY = "profiles-search:version"
SEARCH_TTL = 3600

_DATETIME = serializers.DateTimeField()
_DATE = serializers.DateField()

PROFILE_FIELDS = ("id", "user_id", "user__first_name", "user__last_name", "user__email", "user__phone", "headline",
                  "roles", "years_experience", "english_written", "english_spoken", "daily_rate", "available_from",
                  "days_per_week", "work_modes", "city", "summary", "mobility_km", "min_daily_rate",
                  "min_mission_months", "max_mission_months", "earliest_start_date", "latest_start_date",
                  "wanted_scales", "updated_at")


def search_version() -> str:
    """A token that changes whenever a search result may have: part of every cached page's key."""
    return version_token(SEARCH_VERSION_KEY)


def search_changed(**kwargs) -> None:
    version_token_move(SEARCH_VERSION_KEY)


def _user_saved(sender, instance, update_fields=None, **kwargs):
    if set(update_fields or ()) != {"last_login"}:  # a log-in changes nothing a search shows
        search_changed()


for _model in (FreelancerProfile, ProfileSector, ProfileTool, Sector, Tool, Skill):
    post_save.connect(search_changed, sender=_model, dispatch_uid=f"profiles-search-save-{_model.__name__}")
    post_delete.connect(search_changed, sender=_model, dispatch_uid=f"profiles-search-delete-{_model.__name__}")
for _through in (FreelancerProfile.skills.through, FreelancerProfile.wanted_sectors.through,
                 FreelancerProfile.refused_sectors.through):
    m2m_changed.connect(search_changed, sender=_through, dispatch_uid=f"profiles-search-m2m-{_through.__name__}")
post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="profiles-search-user-save")
post_delete.connect(search_changed, sender=get_user_model(), dispatch_uid="profiles-search-user-delete")


def cache_key(kind: str, *parts) -> str:
    """kind and parts (the query string, the language…) under the current search version."""
    return ":".join(["profiles-search", kind, search_version(), *map(str, parts)])


def _label_field() -> str:
    return "label_en" if (get_language() or "fr").startswith("en") else "label_fr"


def profile_rows(queryset) -> list[dict]:
    """The profiles of `queryset` (already sliced to a page, in its order) as search results, each with its
    `user_id`, `email` and `phone` for the caller's contact rule to keep or blank: six queries."""
    profiles = list(queryset.values(*PROFILE_FIELDS))
    ids = [p["id"] for p in profiles]
    if not ids:
        return []
    label = _label_field()
    lists: dict[str, dict[int, list]] = {name: defaultdict(list) for name in
                                         ("sectors", "tools", "skills", "wanted_sectors", "refused_sectors")}
    for profile_id, code, text, years in (ProfileSector.objects.filter(profile_id__in=ids).order_by("-years", "id")
                                          .values_list("profile_id", "sector__code", f"sector__{label}", "years")):
        lists["sectors"][profile_id].append({"code": code, "label": text, "years": years})
    for profile_id, code, text, level in (ProfileTool.objects.filter(profile_id__in=ids).order_by("-proficiency", "id")
                                          .values_list("profile_id", "tool__code", f"tool__{label}", "proficiency")):
        lists["tools"][profile_id].append({"code": code, "label": text, "proficiency": level})
    for name, through, target in (("skills", FreelancerProfile.skills.through, "skill"),
                                  ("wanted_sectors", FreelancerProfile.wanted_sectors.through, "sector"),
                                  ("refused_sectors", FreelancerProfile.refused_sectors.through, "sector")):
        for profile_id, code, text in (through.objects.filter(freelancerprofile_id__in=ids)
                                       .order_by(f"{target}__code")
                                       .values_list("freelancerprofile_id", f"{target}__code", f"{target}__{label}")):
            lists[name][profile_id].append({"code": code, "label": text})
    return [_row(p, lists) for p in profiles]


def _row(p: dict, lists: dict[str, dict[int, list]]) -> dict:
    pk = p["id"]
    return {
        "id": pk, "name": f"{p['user__first_name']} {p['user__last_name']}".strip(), "headline": p["headline"],
        "roles": list(p["roles"] or []), "years_experience": p["years_experience"],
        "english_written": p["english_written"], "english_spoken": p["english_spoken"], "daily_rate": p["daily_rate"],
        "available_from": _DATE.to_representation(p["available_from"]), "days_per_week": p["days_per_week"],
        "work_modes": list(p["work_modes"] or []), "city": p["city"], "email": p["user__email"],
        "phone": p["user__phone"] or None, "summary": p["summary"], "mobility_km": p["mobility_km"],
        "sectors": lists["sectors"].get(pk, []), "tools": lists["tools"].get(pk, []),
        "skills": lists["skills"].get(pk, []),
        "preferences": {
            "min_daily_rate": p["min_daily_rate"], "wanted_sectors": lists["wanted_sectors"].get(pk, []),
            "refused_sectors": lists["refused_sectors"].get(pk, []), "work_modes": list(p["work_modes"] or []),
            "max_distance_km": p["mobility_km"], "min_mission_months": p["min_mission_months"],
            "max_mission_months": p["max_mission_months"],
            "earliest_start_date": _DATE.to_representation(p["earliest_start_date"]),
            "latest_start_date": _DATE.to_representation(p["latest_start_date"]),
            "wanted_scales": list(p["wanted_scales"] or []),
        },
        "updated_at": _DATETIME.to_representation(p["updated_at"]),
        "user_id": p["user_id"],
    }


def without_contacts(rows: list[dict]) -> list[dict]:
    """The rows as they may be cached for everybody: no e-mail, no phone."""
    return [{**row, "email": None, "phone": None} for row in rows]


def with_contacts(rows: list[dict], visible_ids: set[int], contacts: dict[int, tuple[str, str]]) -> list[dict]:
    """The rows as the caller sees them: e-mail and phone of the visible ids only (from `contacts`, id →
    (email, phone), when the rows carry none), the internal user_id left out."""
    out = []
    for row in rows:
        row = {key: value for key, value in row.items() if key != "user_id"}
        if row["id"] in visible_ids:
            if row["id"] in contacts:
                email, phone = contacts[row["id"]]
                row["email"], row["phone"] = email, phone or None
        else:
            row["email"] = row["phone"] = None
        out.append(row)
    return out


def contacts_of(profile_ids) -> dict[int, tuple[str, str]]:
    """Profile id → (e-mail, phone) of its account: one query."""
    return {pk: (email, phone) for pk, email, phone in
            FreelancerProfile.objects.filter(pk__in=list(profile_ids)).values_list("id", "user__email", "user__phone")}
