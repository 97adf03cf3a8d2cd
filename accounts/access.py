"""Access helpers for organisation pages and the API: the user's membership, 404 when there is none."""
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Membership


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


def is_organisation_member(user) -> bool:
    """Whether the user belongs to an organisation; a token's or a session's account comes with the answer,
    cached with it (accounts.authentication, accounts.backends) and forgotten when a membership changes."""
    if not user or not user.is_authenticated:
        return False
    if not hasattr(user, "_is_member"):
        user._is_member = user.memberships.exists()
    return user._is_member
