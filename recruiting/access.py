"""Who may open a freelancer's CV or read their contact details, given rankings and shortlists."""
from django.db import connection
from django.http import Http404

from accounts.models import User
from matching.models import RankingEntry
from missions.models import Mission
from profiles.models import FreelancerProfile
from recruiting.models import ShortlistEntry
from recruiting.stamps import their_organisations_sql


def _open_missions_of(user: User):
    return Mission.objects.open().of_organisations(user)


def can_view_cv(user: User, profile: FreelancerProfile) -> bool:
    """The freelancer, staff, or a member of an organisation with an open mission for which
    this profile is shortlisted, or ranked while the freelancer still agrees to be shown (RankingEntry.objects
    .shown()): a withdrawn consent closes the CV to the rankings at once, before a task removes the entries.
    A deactivated account's CV is closed to organisations."""
    if not user.is_authenticated or not user.is_active:
        return False
    if profile.user_id == user.pk or user.is_staff:
        return True
    if not profile.user.is_active:
        return False
    missions = _open_missions_of(user)
    return (
        ShortlistEntry.objects.filter(profile=profile, mission__in=missions).exists()
        or RankingEntry.objects.shown().filter(profile=profile, mission__in=missions).exists()
    )


def can_view_contact(user: User, profile: FreelancerProfile) -> bool:
    """E-mail and phone: the freelancer, staff, or an organisation that shortlisted them (any status)."""
    if not user.is_authenticated:
        return False
    if profile.user_id == user.pk or user.is_staff:
        return True
    return ShortlistEntry.objects.filter(profile=profile, mission__in=Mission.objects.of_organisations(user)).exists()


def get_profile_cv_for_user(user: User, profile_id: int) -> FreelancerProfile:
    """The profile whose CV the user may open; Http404 when there is no CV or no right to it."""
    profile = FreelancerProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or not profile.cv or not can_view_cv(user, profile):
        raise Http404
    return profile


def shortlisted_contacts(user, profile_ids) -> set[int]:
    """Of these profiles, those on a shortlist of one of the user's organisations (any status): their
    e-mail and phone show (the batch form of recruiting.access.can_view_contact, one query)."""
    ids = [int(pk) for pk in profile_ids]
    if not user.is_authenticated or not ids:
        return set()
    # Plain SQL: the API asks on every profile read, and building the ORM's query cost more than running it.
    sql = (f"SELECT DISTINCT e.profile_id FROM {ShortlistEntry._meta.db_table} e "
           f"JOIN {Mission._meta.db_table} m ON m.id = e.mission_id "
           f"WHERE m.organisation_id IN {their_organisations_sql()} "
           f"AND e.profile_id IN ({', '.join(['%s'] * len(ids))})")
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, *ids])
        return {row[0] for row in cursor.fetchall()}


def freelancers_own_or_404(queryset, *, user: User, pk, what: str):
    """The object of `queryset` about the user's own profile; Http404 for anybody else's (or none), so
    that nothing about other freelancers leaks."""
    found = queryset.filter(pk=pk, profile__user=user).first() if user.is_authenticated else None
    if found is None:
        raise Http404(f"No such {what}.")
    return found
