"""Dashboard, mission page with explained rankings, side-by-side comparison."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from accounts.access import is_organisation_member
from core.page_slots import CSRF_TOKEN_SLOT, csrf_filled
from matching.engine.bands import band_for
from missions.access import get_mission_for_user
from recruiting import candidates_cache, charts, comparison, dashboard, preferences
from recruiting.forms import CandidateFilterForm, DashboardForm

CANDIDATES_PER_PAGE = 20


@login_required
def dashboard_page(request):
    if not is_organisation_member(request.user):
        if hasattr(request.user, "profile"):
            return redirect("freelancer:my_applications")
        return redirect("client:signup")
    form = DashboardForm(request.GET or None)
    min_score = form.min_score_value()
    table = dashboard.dashboard_table_cached(user=request.user, min_score=min_score, build=lambda: render_to_string(
        "recruiting/client/_dashboard_table.html",
        {"rows": dashboard.dashboard_rows(user=request.user, min_score=min_score), "min_score": min_score}))
    return render(request, "recruiting/client/dashboard.html", {"table": mark_safe(table), "form": form})


@login_required
def mission_detail(request, pk):
    # A page seen before costs one query (the mission is one of the user's organisations', with the stamp of what
    # its page shows: recruiting.candidates_cache) and one cache round trip: the mission is read to build it only.
    stamped = candidates_cache.mission_stamped(request.user, pk)
    page = candidates_cache.candidates_cached("mission-page", mission=stamped, url=request.get_full_path(),
                                              build=lambda: _page(request, pk))
    return render(request, "recruiting/client/mission_detail.html", {
        "title": page["title"], "content": mark_safe(csrf_filled(page["content"], request)),
    })


def _page(request, pk) -> dict[str, str]:
    mission = get_mission_for_user(request.user, pk)
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
    content = render_to_string("recruiting/client/_mission_page.html", {
        "mission": mission, "ranking": ranking, "form": form, "page": page, "candidates": candidates,
        "newcomers": set(ranking.top10_entered) if ranking else set(),
        "excluded": dashboard.exclusion_summary(ranking.excluded_counts if ranking else None),
        "query": query.urlencode(), "path": request.path, "full_path": request.get_full_path(),
        "csrf_token": CSRF_TOKEN_SLOT,
        "distribution": charts.mission_score_distribution(mission=mission) if ranking else None,
    })
    return {"title": mission.title, "content": content}


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
