"""Access helpers for mission pages: 404 for other organisations' missions (memberships: accounts.access)."""
from django.http import Http404

from missions.models import Mission


def get_mission_for_user(user, pk) -> Mission:
    """The mission if the user belongs to its organisation; Http404 otherwise (no leak of existence)."""
    mission = (
        Mission.objects.of_organisations(user).select_related("organisation", "sector").filter(pk=pk).first()
    )
    if mission is None:
        raise Http404("No such mission.")
    return mission
