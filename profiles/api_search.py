"""The profile search's results (GET /api/v1/profiles/) and one profile's document (GET /api/v1/profiles/{id}/),
built from plain values and cached.

A page is read as values (one query for the page's profiles, one per list they carry: sectors, tools,
skills, wanted and refused sectors), not through nested serializers: the same document as
ProfileListSerializer, which stays the schema (tests/profiles/test_search_output.py holds them equal). A profile's
document is its search result with its diplomas, certifications and experiences (three more queries): the same as
ProfileDetailSerializer (tests/profiles/test_detail_cache.py).

Pages, counts and documents are kept in the shared cache beside the search version they were built under, and read
with it in one round trip; the version moves on commit of any change that can alter one: a profile, its sectors,
tools, skills, preferences, diplomas, certifications or experiences, its account (name, active), a vocabulary's
labels. What is kept carries no e-mail or phone: those are the caller's to see or not (contact rule of
profiles/api.py) and are filled in per request. Rows and documents are kept rendered (orjson), so that a request
neither unpickles nor renders them again.
"""
from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import orjson
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language
from rest_framework import serializers

from core.answer_cache import version_token, version_token_move
from profiles.models import (
    Certification,
    Diploma,
    Experience,
    FreelancerProfile,
    ProfileSector,
    ProfileTool,
    Sector,
    Skill,
    Tool,
)

SEARCH_VERSION_KEY = "profiles-search:version"
SEARCH_TTL = 3600

_DATETIME = serializers.DateTimeField()
_DATE = serializers.DateField()

PROFILE_FIELDS = ("id", "user_id", "user__first_name", "user__last_name", "user__email", "user__phone", "headline",
                  "roles", "years_experience", "english_written", "english_spoken", "daily_rate", "available_from",
                  "days_per_week", "work_modes", "city", "summary", "mobility_km", "min_daily_rate",
                  "min_mission_months", "max_mission_months", "earliest_start_date", "latest_start_date",
                  "wanted_scales", "updated_at", "is_visible", "user__is_active")
# What a row carries for the view's rules (contacts, access) and leaves out of the document.
_INTERNAL = ("user_id", "shown")


def search_version() -> str:
    """A token that changes whenever a search result or a profile's document may have: kept beside each of them."""
    return version_token(SEARCH_VERSION_KEY)


def search_changed(**kwargs) -> None:
    version_token_move(SEARCH_VERSION_KEY)


def _user_saved(sender, instance, update_fields=None, **kwargs):
    if set(update_fields or ()) != {"last_login"}:  # a log-in changes nothing a search shows
        search_changed()


for _model in (FreelancerProfile, ProfileSector, ProfileTool, Diploma, Certification, Experience, Sector, Tool,
               Skill):
    post_save.connect(search_changed, sender=_model, dispatch_uid=f"profiles-search-save-{_model.__name__}")
    post_delete.connect(search_changed, sender=_model, dispatch_uid=f"profiles-search-delete-{_model.__name__}")
for _through in (FreelancerProfile.skills.through, FreelancerProfile.wanted_sectors.through,
                 FreelancerProfile.refused_sectors.through):
    m2m_changed.connect(search_changed, sender=_through, dispatch_uid=f"profiles-search-m2m-{_through.__name__}")
post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="profiles-search-user-save")
post_delete.connect(search_changed, sender=get_user_model(), dispatch_uid="profiles-search-user-delete")


def search_key(kind: str, *parts) -> str:
    """The cache key of a count, a page or a document: kind and parts (the filters, the language…)."""
    return ":".join(["profiles-search", kind, *map(str, parts)])


def search_cached(*keys: str, version: str | None = None) -> tuple[str, list]:
    """The current search version and what `keys` hold under it (None where nothing is kept, or something kept
    under another version): one cache round trip. Given a `version` read before, what they hold under that one."""
    found = cache.get_many([*([] if version else [SEARCH_VERSION_KEY]), *keys])
    version = version or found.get(SEARCH_VERSION_KEY) or search_version()
    return version, [held[1] if (held := found.get(key)) is not None and held[0] == version else None
                     for key in keys]


def search_keep(key: str, version: str, value) -> None:
    """Keeps `value`, built after `version` was read: what commits in between moves the version, so the value is
    never older than the version it is kept under."""
    cache.set(key, (version, value), SEARCH_TTL)


def _label_field() -> str:
    return "label_en" if (get_language() or "fr").startswith("en") else "label_fr"


def profile_rows(queryset) -> list[dict]:
    """The profiles of `queryset` (already sliced to a page, in its order) as search results, each with its
    `user_id`, `email` and `phone` for the caller's contact rule to keep or blank, and `shown` (visible, account
    active) for the access rule: six queries."""
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
        "user_id": p["user_id"], "shown": p["is_visible"] and p["user__is_active"],
    }


class Kept(NamedTuple):
    """A search result or a profile's document as it is kept for everybody: rendered without e-mail or phone, with
    what the caller's rules read."""

    id: int
    user_id: int
    shown: bool  # visible, account active
    body: bytes


def kept(row: dict) -> Kept:
    public = {key: value for key, value in row.items() if key not in _INTERNAL}
    public["email"] = public["phone"] = None
    return Kept(row["id"], row["user_id"], row["shown"], orjson.dumps(public))


def with_contacts(entry: Kept, visible_ids: set[int], contacts: dict[int, tuple[str, str]]):
    """The kept result as the caller sees it: as kept (an orjson fragment) unless its id is visible, then with the
    e-mail and phone of `contacts` (id → (email, phone))."""
    if entry.id not in visible_ids:
        return orjson.Fragment(entry.body)
    row = orjson.loads(entry.body)
    email, phone = contacts.get(entry.id, (None, None))
    row["email"], row["phone"] = email, phone or None
    return row


def contacts_of(profile_ids) -> dict[int, tuple[str, str]]:
    """Profile id → (e-mail, phone) of its account: one query."""
    return {pk: (email, phone) for pk, email, phone in
            FreelancerProfile.objects.filter(pk__in=list(profile_ids)).values_list("id", "user__email", "user__phone")}


def profile_document(pk: int) -> Kept | None:
    """The profile as GET /api/v1/profiles/{id}/ shows it, kept for everybody (see Kept); None when there is no
    such profile. Nine queries (one when there is none)."""
    rows = profile_rows(FreelancerProfile.objects.filter(pk=pk))
    if not rows:
        return None
    row = rows[0]
    # In the order they were entered in (by id): the serializer's prefetches asked for none.
    row["diplomas"] = list(Diploma.objects.filter(profile_id=pk).order_by("id")
                           .values("kind", "level", "title", "school", "year"))
    row["certifications"] = list(Certification.objects.filter(profile_id=pk).order_by("id")
                                 .values("name", "issuer", "year"))
    row["experiences"] = [
        {"client": e["client"], "sector": e["sector__code"], "role": e["role"], "scale": e["scale"],
         "start_date": _DATE.to_representation(e["start_date"]), "end_date": _DATE.to_representation(e["end_date"]),
         "description": e["description"]}
        for e in Experience.objects.filter(profile_id=pk).order_by("id").values(
            "client", "sector__code", "role", "scale", "start_date", "end_date", "description")]
    return kept(row)
