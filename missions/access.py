"""Access helpers for organisation pages: one per object kind, 404 for other organisations."""
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Membership
from missions.models import Mission


def get_mission_for_user(user, pk) -> Mission:
    """The mission if the user belongs to its organisation; Http404 otherwise (no leak of existence)."""
    mission = (
        Mission.objects.of_organisations(user).select_related("organisation", "sector").filter(pk=pk).first()
    )
    if mission is None:
        raise Http404("No such mission.")
    return mission


def get_current_membership(user) -> Membership:
    """The user's organisation membership (the oldest one when there are several); Http404 if none."""
    if not user.is_authenticated:
        raise Http404("Not a member of any organisation.")
    membership = Membership.objects.select_related("organisation").filter(user=user).order_by("id").first()
    if membership is None:
        raise Http404("Not a member of any organisation.")
    return membership


def get_admin_membership(user) -> Membership:
    """The current membership if it is an administrator's; PermissionDenied for plain members."""
    membership = get_current_membership(user)
    if not membership.is_admin:
        raise PermissionDenied("Only administrators manage members.")
    return membership
