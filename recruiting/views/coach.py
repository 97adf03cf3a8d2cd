"""The coach page: the changes to my profile that would gain me the most open missions, each linked to the
editor's section where I would make it."""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from profiles.services import profile_for_user
from recruiting import coach
from recruiting.dashboard import vocabulary_labels


@require_GET
@login_required
def coach_page(request):
    """The overall list, most top-10 entries first; each item says what the change would gain and opens the
    editor at the right section. Nothing changes until the freelancer edits the profile."""
    profile = profile_for_user(user=request.user)
    if profile is None:
        raise Http404
    result = coach.profile_coach(profile=profile)
    return render(request, "recruiting/coach/coach.html", {
        "profile": profile, "rankable": result.rankable,
        "items": coach.overall_data(result, profile=profile, labels=vocabulary_labels()),
    })
