"""Who may read which profile page. Raises Http404 for anyone else, so a hidden profile does not leak."""
from django.db.models import Prefetch
from django.http import Http404

from accounts.access import is_organisation_member
from accounts.models import User
from profiles.models import FreelancerProfile, Sector


def profile_readable(user: User, *, owner_id: int, shown: bool) -> bool:
    """Whether the user may read a profile as clients see it: its owner and staff always; a member of an
    organisation if it is shown (visible, account active)."""
    if not user.is_authenticated:
        return False
    if owner_id == user.pk or user.is_staff:
        return True
    # A current membership, not the account type: somebody removed from their organisation reads no profile.
    return shown and is_organisation_member(user)


def get_profile_for_user(user: User, pk: int) -> FreelancerProfile:
    """The profile as clients see it (profile_readable), with what its page shows prefetched."""
    profile = (
        FreelancerProfile.objects.select_related("user")
        .prefetch_related("sector_years__sector", "tool_levels__tool", "skills", "diplomas", "certifications",
                          "experiences__sector",
                          # in the order of the API's search results
                          Prefetch("wanted_sectors", queryset=Sector.objects.order_by("code")),
                          Prefetch("refused_sectors", queryset=Sector.objects.order_by("code")))
        .filter(pk=pk).first()
    )
    if profile is None or not profile_readable(user, owner_id=profile.user_id,
                                               shown=profile.is_visible and profile.user.is_active):
        raise Http404
    return profile
