"""Who may read which profile page. Raises Http404 for anyone else, so a hidden profile does not leak."""
from django.db.models import Prefetch
from django.http import Http404

from accounts.models import User
from profiles.models import FreelancerProfile, Sector


def get_profile_for_user(user: User, pk: int) -> FreelancerProfile:
    """The profile as clients see it: its owner and staff always; members of organisations if it is visible
    and its account active."""
    profile = (
        FreelancerProfile.objects.select_related("user")
        .prefetch_related("sector_years__sector", "tool_levels__tool", "skills", "diplomas", "certifications",
                          "experiences__sector",
                          # in the order of the API's search results
                          Prefetch("wanted_sectors", queryset=Sector.objects.order_by("code")),
                          Prefetch("refused_sectors", queryset=Sector.objects.order_by("code")))
        .filter(pk=pk).first()
    )
    if profile is None or not user.is_authenticated:
        raise Http404
    if profile.user_id == user.pk or user.is_staff:
        return profile
    # A current membership, not the account type: somebody removed from their organisation reads no profile.
    is_client = user.memberships.exists()
    if is_client and profile.is_visible and profile.user.is_active:
        return profile
    raise Http404
