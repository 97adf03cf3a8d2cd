"""The coach page: the changes to my profile that would gain me the most open missions, each linked to the
editor's section where I would make it."""
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from profiles.services import profile_for_user
from recruiting import coach, freelancer_missions
from recruiting.dashboard import vocabulary_labels


@require_GET
@login_required
def coach_page(request):
    """The overall list, most top-10 entries first; each item says what the change would gain and opens the
    editor at the right section. Nothing changes until the freelancer edits the profile. The list is kept in
    the shared cache until anything it is computed from changes (freelancer_missions.cached_answer)."""
    profile = profile_for_user(user=request.user)
    if profile is None:
        raise Http404
    answer = freelancer_missions.cached_answer("coach-page", profile=profile, params=QueryDict(),
                                               build=lambda: _answer(profile))
    return render(request, "recruiting/coach/coach.html", {"profile": profile, **answer})


def _answer(profile) -> dict:
    result = coach.profile_coach(profile=profile)
    return {"rankable": result.rankable,
            "items": coach.overall_data(result, profile=profile, labels=vocabulary_labels())}
