"""Dashboard, mission page with explained rankings, side-by-side comparison."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from matching.engine.bands import band_for
from missions.access import get_mission_for_user
from missions.models import Mission
from recruiting import candidates_cache, charts, comparison, dashboard, preferences
from recruiting.forms import CandidateFilterForm, DashboardForm

CANDIDATES_PER_PAGE = 20
# Where the cached ranked section's forms take the request's CSRF token (a comment: no profile text can hold it,
# every value in the section is escaped).
CSRF_SLOT = "<!--csrf-token-->"


@login_required
def dashboard_page(request):
    if not request.user.memberships.exists():
        if hasattr(request.user, "profile"):
            return redirect("freelancer:my_applications")
        return redirect("client:signup")
    form = DashboardForm(request.GET or None)
    min_score = form.min_score_value()
    rows = dashboard.dashboard_rows(user=request.user, min_score=min_score)
    return render(request, "recruiting/client/dashboard.html", {
        "rows": rows, "form": form, "min_score": min_score,
    })


@login_required
def mission_detail(request, pk):
    mission = get_mission_for_user(request.user, pk)
    # The ranked section whole from the shared cache (recruiting.candidates_cache); the CSRF token is the one part
    # of it that is the request's own.
    ranked = candidates_cache.candidates_cached("page", mission=candidates_cache.mission_stamped(request.user, pk),
                                                url=request.get_full_path(),
                                                build=lambda: _ranked_section(request, mission))
    if CSRF_SLOT in ranked:
        ranked = ranked.replace(CSRF_SLOT, csrf_input(request))
    return render(request, "recruiting/client/mission_detail.html", {
        "mission": mission, "ranked": mark_safe(ranked),
    })


def _ranked_section(request, mission: Mission) -> str:
    form = CandidateFilterForm(request.GET or None)
    filters = form.filters()
    narrowed = preferences.candidates_narrowed(dashboard.candidate_entries(mission=mission, filters=filters),
                                               **form.preference_filters())
    ids = dashboard.candidate_ids(narrowed, filters.work_mode)
    page = Paginator(ids, CANDIDATES_PER_PAGE).get_page(request.GET.get("page"))
    order = {entry_id: i for i, entry_id in enumerate(page.object_list)}
    entries = sorted(dashboard.candidate_page_entries(page.object_list), key=lambda e: order[e.pk])
    bars = dashboard.rendered_breakdowns([dashboard.stamp_of(e) for e in entries], kind="bars", render=_bars_html)
    bands = dashboard.band_labels()
    shortlisted = dashboard.shortlist_by_profile(mission)
    ranking = dashboard.mission_ranking_header(mission)
    labels = dashboard.vocabulary_labels() if any(e.preference_misses for e in entries) else {}
    candidates = [
        {"entry": e, "profile": e.profile, "shortlist": shortlisted.get(e.profile_id), "bars": bars.get(e.pk, ""),
         "band": band_for(e.score), "band_label": bands[band_for(e.score)],
         "misses": preferences.misses_for_client(e.preference_misses, labels=labels)}
        for e in entries
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string("recruiting/client/_ranked_candidates.html", {
        "mission": mission, "ranking": ranking, "form": form, "page": page, "candidates": candidates,
        "newcomers": set(ranking.top10_entered) if ranking else set(),
        "excluded": dashboard.exclusion_summary(ranking.excluded_counts if ranking else None),
        "query": query.urlencode(), "path": request.path, "full_path": request.get_full_path(),
        "csrf_slot": mark_safe(CSRF_SLOT),
        "distribution": charts.mission_score_distribution(mission=mission) if ranking else None,
    })


def _bars_html(rows) -> str:
    # One fragment per entry, kept in the shared cache: the page renders no criterion row on a hit.
    return render_to_string("recruiting/client/_bars.html", {"criteria": rows})


@login_required
def compare(request, pk):
    mission = get_mission_for_user(request.user, pk)
    ids = comparison.parse_profile_ids(request.GET.getlist("p"))
    try:
        candidates = comparison.comparison_build(mission=mission, profile_ids=ids)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("client:mission_detail", args=[mission.pk]))
    return render(request, "recruiting/client/compare.html", {
        "mission": mission, "candidates": candidates, "criteria": comparison.criterion_rows(candidates),
    })
