"""Freelancer pages that read rankings: the missions that match me, and the permission-checked CV."""
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from matching.engine.positions import Position
from matching.engine.preferences import preference_miss_text
from matching.engine.reasons import render_reason
from profiles.completeness import profile_completeness
from profiles.services import profile_for_user
from recruiting import coach, freelancer_missions
from recruiting.access import get_profile_cv_for_user
from recruiting.dashboard import explained_breakdown, vocabulary_labels
from recruiting.forms import MissionsForMeFilterForm
from recruiting.models import ShortlistEntry

PAGE_SIZE = 20
# The heading each excluded mission is listed under: its first failed filter.
EXCLUSION_GROUPS = {
    "hidden": gettext_lazy("Profil masqué, inactif ou sans TJM"),
    "role": gettext_lazy("Un autre rôle est demandé"),
    "availability": gettext_lazy("Disponible trop tard"),
    "work_mode": gettext_lazy("Mode de travail ou distance"),
    "rate": gettext_lazy("TJM au-dessus du plafond"),
    "english": gettext_lazy("Niveau d'anglais insuffisant"),
    "must_have": gettext_lazy("Outil ou compétence indispensable manquant"),
}


def position_text(position: Position | None) -> str:
    """"12ᵉ sur 359", "environ 150ᵉ sur 2 400", "au-delà des 200 premiers sur 359"; empty before any ranking."""
    if position is None:
        return ""
    if position.rank is None:
        return _("au-delà des %(limit)s premiers sur %(candidates)s") % {
            "limit": settings.RANKING_TOP_K, "candidates": position.candidates}
    values = {"rank": position.rank, "candidates": position.candidates}
    if position.exact:
        return (_("1ᵉʳ sur %(candidates)s") if position.rank == 1 else _("%(rank)sᵉ sur %(candidates)s")) % values
    return _("environ %(rank)sᵉ sur %(candidates)s") % values


@login_required
def missions_for_me(request):
    """Every open mission scored for me now: those that rank me, those that fit my preferences first, with my
    position and the reasons of each criterion (the others under their own heading, with what they miss);
    those that exclude me, grouped by reason, with the figures; under each, what change would lift me there.
    The page's content is kept whole in the shared cache until anything it shows changes (cached_answer)."""
    profile = profile_for_user(user=request.user)
    if profile is None:
        raise Http404
    content = freelancer_missions.cached_answer("page", profile=profile, params=request.GET,
                                                build=lambda: _content(request, profile))
    return render(request, "recruiting/freelancer/missions.html", {"content": mark_safe(content)})


def _content(request, profile) -> str:
    form = MissionsForMeFilterForm(request.GET or None)
    live = freelancer_missions.missions_for_me(profile=profile, **form.filters())
    page = Paginator(range(max(len(live.ranked), len(live.excluded))), PAGE_SIZE).get_page(request.GET.get("page"))
    shown = slice(page.start_index() - 1 if page.paginator.count else 0, page.end_index())
    labels = vocabulary_labels()
    ranked = live.ranked_items(live.ranked[shown])
    sugg = coach.mission_suggestions(profile=profile, live=live, positions=live.ranked[shown] + live.excluded[shown])

    def suggestions(item) -> list[dict]:
        return [coach.suggestion_data(s, profile=profile, labels=labels) for s in sugg.get(item.mission.pk, [])]

    statuses = dict(ShortlistEntry.objects.filter(profile=profile, mission__in=[r.mission for r in ranked])
                    .values_list("mission_id", "status"))
    missions = [{"mission": item.mission, "score": item.score, "position": item.position,
                 "position_text": position_text(item.position),
                 "criteria": explained_breakdown(item.breakdown, labels=labels),
                 "fits_preferences": item.fits_preferences,
                 "misses": [preference_miss_text(m, voice="freelancer", labels=labels) for m in item.preference_misses],
                 "suggestions": suggestions(item),
                 "shortlist_status": ShortlistEntry.Status(statuses[item.mission.pk]).label
                 if item.mission.pk in statuses else None} for item in ranked]
    excluded = [{"mission": item.mission, "reason": item.reason, "group": EXCLUSION_GROUPS[item.reason],
                 "reasons": [render_reason(r, labels=labels) for r in item.reasons], "suggestions": suggestions(item)}
                for item in live.excluded_items(live.excluded[shown])]
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string("recruiting/freelancer/_missions_content.html", {
        "profile": profile, "completeness": profile_completeness(profile), "form": form, "live": live,
        "missions": [m for m in missions if m["fits_preferences"]],
        "outside": [m for m in missions if not m["fits_preferences"]],
        "excluded": excluded, "page": page, "query": query.urlencode(),
        "ranked_count": len(live.ranked), "fitting_count": live.fitting,
        "outside_count": len(live.ranked) - live.fitting, "excluded_count": len(live.excluded),
    }, request=request)


@require_GET
@xframe_options_sameorigin  # the client pages may show CVs side by side in frames
def cv_download(request, profile_id):
    """The CV, to its freelancer, staff and organisations with an open mission that ranks or shortlists them;
    404 for everyone else (anonymous visitors included)."""
    profile = get_profile_cv_for_user(request.user, profile_id)
    try:
        handle = profile.cv.open("rb")
    except FileNotFoundError:
        raise Http404
    name = slugify(profile.user.get_full_name()) or f"profil-{profile.pk}"
    response = FileResponse(handle, content_type="application/pdf", filename=f"cv-{name}.pdf",
                            as_attachment=request.GET.get("download") == "1")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
