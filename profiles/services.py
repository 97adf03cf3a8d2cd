"""Profile writes. Every write goes through the ORM (save/delete, m2m set) so that
matching's receivers see it and schedule the re-scoring; nothing here calls matching."""
from __future__ import annotations

import posixpath

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from profiles.cities import coordinates
from profiles.cv import cv_validate
from profiles.models import FreelancerProfile

USER_FIELDS = ("first_name", "last_name", "phone")
M2M_FIELDS = ("skills", "wanted_sectors", "refused_sectors")


def profile_create(*, user: User) -> FreelancerProfile:
    """The freelancer's (empty) profile, created once; calling it again returns the same one."""
    profile, _ = FreelancerProfile.objects.get_or_create(user=user)
    return profile


def profile_for_user(*, user: User) -> FreelancerProfile | None:
    """The profile of a freelancer account (created if it is missing), None for any other account."""
    if not user.is_authenticated or user.account_type != User.AccountType.FREELANCER:
        return None
    return profile_create(user=user)


@transaction.atomic
def profile_update(*, profile: FreelancerProfile, **fields) -> FreelancerProfile:
    """Set profile (and user identity) fields, validate them all, then save; on a ValidationError nothing is saved.

    `skills`, `wanted_sectors` and `refused_sectors` take iterables of their vocabulary; `city` also sets
    the coordinates used for distances.
    """
    user_fields = {name: fields.pop(name) for name in USER_FIELDS if name in fields}
    relations = {name: list(fields.pop(name)) for name in M2M_FIELDS if name in fields}
    if {"wanted_sectors", "refused_sectors"} & relations.keys():
        profile.sector_preferences_clean(wanted=relations.get("wanted_sectors"),
                                         refused=relations.get("refused_sectors"))
    for name, value in fields.items():
        setattr(profile, name, value)
    if "city" in fields:
        profile.latitude, profile.longitude = coordinates(profile.city)
    profile.full_clean(exclude=["user", "cv"])
    if user_fields:
        user = profile.user
        for name, value in user_fields.items():
            setattr(user, name, value)
        user.full_clean(exclude=["password"])
        user.save(update_fields=list(user_fields))
    profile.save()
    for name, items in relations.items():
        getattr(profile, name).set(items)
    return profile


@transaction.atomic
def profile_rows_save(*, profile: FreelancerProfile, formset, fields: dict | None = None) -> FreelancerProfile:
    """Save a validated inline formset of the profile's rows (experiences, diplomas, sectors, ...)
    together with optional profile fields, all or nothing."""
    if not formset.is_valid():
        raise ValidationError(formset.non_form_errors() or "invalid formset")
    if fields:
        profile_update(profile=profile, **fields)
    formset.save()
    return profile


@transaction.atomic
def profile_cv_replace(*, profile: FreelancerProfile, upload) -> FreelancerProfile:
    """Check the upload (PDF by content, size) and make it the profile's CV; the previous file is removed
    once the new one is stored. Raises ValidationError and changes nothing on a refused file."""
    cv_validate(upload)
    old_name = profile.cv.name if profile.cv else ""
    _cv_store(profile=profile, upload=upload)
    try:
        profile.save(update_fields=["cv", "updated_at"])
    except BaseException:  # the row was not updated: the new file would be an orphan
        profile.cv.storage.delete(profile.cv.name)
        raise
    if old_name and old_name != profile.cv.name:
        storage = profile.cv.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return profile


def _cv_store(*, profile: FreelancerProfile, upload) -> None:
    """Write the file; if writing stops half-way (client gone, disk full, worker killed by an exception),
    remove what was written, so that no partial file stays in PRIVATE_MEDIA_ROOT."""
    storage = profile.cv.storage
    folder = posixpath.dirname(profile.cv.field.generate_filename(profile, "cv.pdf"))
    before = _stored_files(storage, folder)
    try:
        profile.cv.save("cv.pdf", upload, save=False)
    except BaseException:
        for name in _stored_files(storage, folder) - before:
            storage.delete(name)
        raise


def _stored_files(storage, folder: str) -> set[str]:
    try:
        return {posixpath.join(folder, name) for name in storage.listdir(folder)[1]}
    except FileNotFoundError:
        return set()


@transaction.atomic
def profile_cv_remove(*, profile: FreelancerProfile) -> FreelancerProfile:
    if profile.cv:
        old_name, storage = profile.cv.name, profile.cv.storage
        profile.cv = ""
        profile.save(update_fields=["cv", "updated_at"])
        transaction.on_commit(lambda: storage.delete(old_name))
    return profile
