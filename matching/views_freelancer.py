"""Freelancer pages that read rankings: the missions that match me, and the permission-checked CV."""
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from matching.access import get_profile_cv_for_user
from matching.dashboard import explained_breakdown, vocabulary_labels
from matching.models import RankingEntry, ShortlistEntry
from profiles.completeness import profile_completeness
from profiles.services import profile_for_user


@login_required
def missions_for_me(request):
    """Open missions where my profile is ranked, best score first, each with its per-criterion reasons."""
    profile = profile_for_user(user=request.user)
    if profile is None:
        raise Http404
    entries = list(
        RankingEntry.objects.filter(profile=profile, mission__status="open")
        .select_related("mission__organisation", "mission__sector", "mission__ranking")
        .order_by("-score", "rank", "mission_id")
    )
    statuses = dict(ShortlistEntry.objects.filter(profile=profile, mission__in=[e.mission_id for e in entries])
                    .values_list("mission_id", "status"))
    labels = vocabulary_labels()
    missions = [{"entry": entry, "mission": entry.mission,
                 "criteria": explained_breakdown(entry.explained(), labels=labels),
                 "shortlist_status": ShortlistEntry.Status(statuses[entry.mission_id]).label
                 if entry.mission_id in statuses else None} for entry in entries]
    return render(request, "matching/freelancer/missions.html", {
        "profile": profile, "missions": missions, "completeness": profile_completeness(profile),
    })


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
