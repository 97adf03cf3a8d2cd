"""Shortlist pages: add, move, remove, questionnaire, answers, recommendation."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from matching.models import RankingEntry
from missions.access import get_mission_for_user
from missions.models import Mission, Recommendation
from profiles.models import FreelancerProfile
from recruiting import recommendations
from recruiting import shortlist as services
from recruiting.forms import NoteForm, RecommendationForm, ShortlistAddForm, ShortlistMoveForm
from recruiting.models import QuestionnaireAnswer, ShortlistEntry, ShortlistMove


def _back(mission, fallback="client:shortlist"):
    return redirect(reverse(fallback, args=[mission.pk]))


@login_required
def shortlist_page(request, pk):
    mission = get_mission_for_user(request.user, pk)
    entries = list(
        ShortlistEntry.objects.filter(mission=mission).select_related("profile__user", "added_by")
        .prefetch_related(
            Prefetch("moves", queryset=ShortlistMove.objects.select_related("moved_by").order_by("moved_at", "id")),
            Prefetch("answers", queryset=QuestionnaireAnswer.objects.select_related("question")
                     .order_by("question__position", "question_id")),
        ).order_by("created_at", "id")
    )
    scores = dict(RankingEntry.objects.shown().filter(mission=mission, profile__in=[e.profile_id for e in entries])
                  .values_list("profile_id", "score"))
    recommended = set(Recommendation.objects.filter(mission=mission).values_list("profile_id", flat=True))
    rows = [{"entry": e, "score": scores.get(e.profile_id), "move_form": ShortlistMoveForm(entry=e),
             "can_recommend": mission.status in (Mission.Status.FILLED, Mission.Status.CLOSED)
             and e.status in services.RECOMMENDABLE_STATUSES and e.profile_id not in recommended,
             "recommended": e.profile_id in recommended}
            for e in entries]
    return render(request, "recruiting/client/shortlist.html", {
        "mission": mission, "rows": rows, "has_questions": mission.questions.exists(),
        "note_form": NoteForm(), "Status": ShortlistEntry.Status,
    })


@login_required
def shortlist_entry(request, pk, entry_pk):
    """One shortlisted candidate: history of moves and questionnaire answers."""
    mission = get_mission_for_user(request.user, pk)
    entry = services.get_entry_of_mission(mission, entry_pk)
    answers = entry.answers.select_related("question").order_by("question__position", "question_id")
    moves = entry.moves.select_related("moved_by").order_by("moved_at", "id")
    return render(request, "recruiting/client/shortlist_entry.html", {
        "mission": mission, "entry": entry, "answers": answers, "moves": moves,
        "questions": mission.questions.all(), "move_form": ShortlistMoveForm(entry=entry),
    })


@login_required
@require_POST
def shortlist_add(request, pk):
    mission = get_mission_for_user(request.user, pk)
    form = ShortlistAddForm(request.POST)
    if form.is_valid():
        try:
            profile = services.profile_to_shortlist(profile_id=form.cleaned_data["profile"])
            services.shortlist_add(mission=mission, profile=profile, by=request.user, note=form.cleaned_data["note"],
                                   url_builder=request.build_absolute_uri)
        except services.ShortlistError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s ajouté(e) à la présélection.") % {"name": profile.user})
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect(mission)


@login_required
@require_POST
def shortlist_move(request, pk, entry_pk):
    mission = get_mission_for_user(request.user, pk)
    entry = services.get_entry_of_mission(mission, entry_pk)
    form = ShortlistMoveForm(request.POST, entry=entry)
    if form.is_valid():
        try:
            services.shortlist_move(entry=entry, to_status=form.cleaned_data["to_status"], by=request.user,
                                    note=form.cleaned_data["note"])
        except services.ShortlistError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Statut mis à jour."))
    return _back(mission)


@login_required
@require_POST
def shortlist_remove(request, pk, entry_pk):
    mission = get_mission_for_user(request.user, pk)
    entry = services.get_entry_of_mission(mission, entry_pk)
    try:
        services.shortlist_remove(entry=entry, by=request.user)
    except services.ShortlistError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Candidat retiré de la présélection."))
    return _back(mission)


@login_required
@require_POST
def shortlist_questionnaire(request, pk, entry_pk):
    mission = get_mission_for_user(request.user, pk)
    entry = services.get_entry_of_mission(mission, entry_pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.shortlist_send_questionnaire(entry=entry, by=request.user, note=note,
                                              url_builder=request.build_absolute_uri)
    except services.ShortlistError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Questionnaire envoyé à %(name)s.") % {"name": entry.profile.user})
    return _back(mission)


@login_required
def recommend(request, pk, profile_pk):
    mission = get_mission_for_user(request.user, pk)
    profile = get_object_or_404(FreelancerProfile.objects.select_related("user"), pk=profile_pk,
                                shortlist_entries__mission=mission)
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = recommendations.recommendation_create(
                mission=mission, profile=profile, rating=form.cleaned_data["rating"], text=form.cleaned_data["text"],
                by=request.user, url_builder=request.build_absolute_uri)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    for e in errors:
                        form.add_error(field, e)
            else:
                form.add_error(None, error)
        else:
            if recommendation.verified:
                messages.success(request, _("Merci : votre recommandation compte désormais dans sa réputation."))
            else:
                messages.success(request, _("Merci : votre recommandation est enregistrée. Elle comptera pleinement "
                                            "dès que le freelance aura confirmé votre collaboration."))
            return _back(mission)
    return render(request, "recruiting/client/recommendation_form.html",
                  {"mission": mission, "profile": profile, "form": form})
