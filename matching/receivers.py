"""Keeps rankings in step with edits to profiles and missions.

Anything that feeds a profile's features stamps the profile as changed (in-memory indexes fold it in
before ranking, and a packed record older than the stamp is not trusted: matching.index_cache and
index_builder) and records a re-ranking request in the same transaction (matching.refresh enqueues it on
commit). A profile no longer shown (consent withdrawn, account deactivated) is left out of every page at
once by RankingEntry.objects.shown(); its stored rows are removed by a task enqueued on commit. Whatever
changes the rows shown() returns without a re-ranking (consent, account status, deletion) moves the shown
version in the same transaction (matching.models.ShownVersion), which cached answers read in their key.
Signals carry those notifications and nothing else: no deletes, no locks in somebody else's save but the
version's row.
"""
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch import receiver
from django.utils import timezone

from matching.index_cache import profile_change_record
from matching.models import RankingRequest, shown_version_bump
from matching.refresh import hidden_profile_withdrawal_enqueue, ranking_request_record
from missions.models import Mission, MissionSkill, MissionTool, Recommendation
from profiles.api_search import search_changed
from profiles.models import Diploma, Experience, FreelancerProfile, ProfileSector, ProfileTool


def profile_changed(profile_id: int) -> None:
    profile_change_record(profile_id=profile_id)
    ranking_request_record(kind=RankingRequest.Kind.PROFILE, object_id=profile_id)


def profile_features_changed(profile_id: int) -> None:
    """A row about the profile changed. Bumping `updated_at` is not for matching: the "modified at" that the
    profile API shows covers the account, sectors, tools, skills, diplomas, experiences and recommendations."""
    FreelancerProfile.objects.filter(pk=profile_id).update(updated_at=timezone.now())
    search_changed()  # a bulk update sends no signal: the cached search rows and documents show updated_at
    profile_changed(profile_id)


# The flag that lets shown() return a row, per model: its value as loaded is kept on the instance, so that a
# save tells whether it may have changed without a query.
_SHOWN_FLAG = {FreelancerProfile: "is_visible", get_user_model(): "is_active"}
_AS_LOADED = "_matching_shown_flag_as_loaded"


def _shown_flag_loaded(sender, instance, **kwargs):
    setattr(instance, _AS_LOADED, instance.__dict__.get(_SHOWN_FLAG[sender]))  # None when deferred


for _model in _SHOWN_FLAG:
    post_init.connect(_shown_flag_loaded, sender=_model, dispatch_uid=f"matching-shown-flag-{_model.__name__}")


def _shown_flag_saved(instance, *, created: bool) -> bool:
    """Whether the save may have changed the rows shown() returns: the flag differs from the value loaded (or
    that value is unknown), or it is off: a hidden state is always recorded, so that a save from an instance
    loaded before a concurrent change cannot leave it unrecorded. A new row has no ranking rows yet."""
    now = getattr(instance, _SHOWN_FLAG[type(instance)])
    loaded = getattr(instance, _AS_LOADED, None)
    setattr(instance, _AS_LOADED, now)
    return not created and (loaded is None or loaded != now or not now)


@receiver(post_save, sender=FreelancerProfile)
def _profile_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw:
        if not instance.is_visible:  # consent withdrawn: pages read shown() at once, the rows go on commit
            hidden_profile_withdrawal_enqueue(profile_id=instance.pk)
        if _shown_flag_saved(instance, created=created):
            shown_version_bump()
        profile_changed(instance.pk)


@receiver(post_delete, sender=FreelancerProfile)
def _profile_deleted(sender, instance, **kwargs):
    profile_change_record(profile_id=instance.pk)  # in-memory indexes drop it at their next sync
    shown_version_bump()  # its ranking rows went with it


@receiver(post_save, sender=Mission)
def _mission_saved(sender, instance, raw=False, **kwargs):
    # Publishing (or editing an open mission) ranks it; drafts and closed missions are not ranked.
    if not raw and instance.status == Mission.Status.OPEN:
        ranking_request_record(kind=RankingRequest.Kind.MISSION, object_id=instance.pk)


def _requirement_changed(sender, instance, raw=False, **kwargs):
    if not raw and Mission.objects.filter(pk=instance.mission_id, status=Mission.Status.OPEN).exists():
        ranking_request_record(kind=RankingRequest.Kind.MISSION, object_id=instance.mission_id)


for _model in (MissionTool, MissionSkill):
    post_save.connect(_requirement_changed, sender=_model, dispatch_uid=f"matching-mission-save-{_model.__name__}")
    post_delete.connect(_requirement_changed, sender=_model, dispatch_uid=f"matching-mission-del-{_model.__name__}")


def _related_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        profile_features_changed(instance.profile_id)


for _model in (ProfileSector, ProfileTool, Diploma, Experience, Recommendation):
    post_save.connect(_related_changed, sender=_model, dispatch_uid=f"matching-features-save-{_model.__name__}")
    post_delete.connect(_related_changed, sender=_model, dispatch_uid=f"matching-features-delete-{_model.__name__}")


@receiver(m2m_changed, sender=FreelancerProfile.skills.through)
def _skills_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        profile_features_changed(instance.pk)
    else:
        for profile_id in pk_set or ():
            profile_features_changed(profile_id)


@receiver(post_save, sender=get_user_model())
def _user_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    # Deactivating a user hides their profile from every ranking; a log-in changes nothing.
    if not raw and set(update_fields or ()) != {"last_login"}:
        flag_saved = _shown_flag_saved(instance, created=created)
        profile_id = FreelancerProfile.objects.filter(user_id=instance.pk).values_list("id", flat=True).first()
        if profile_id is not None:
            if not instance.is_active:
                hidden_profile_withdrawal_enqueue(profile_id=profile_id)
            if flag_saved:
                shown_version_bump()
            profile_features_changed(profile_id)
