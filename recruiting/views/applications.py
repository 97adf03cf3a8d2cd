"""The freelancer's side: their shortlist status per mission, the questionnaire to answer, the
collaborations to confirm and the recommendations received."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from missions.models import Recommendation
from recruiting import recommendations
from recruiting import shortlist as services
from recruiting.forms import (
    QuestionnaireAnswerForm,
    RecommendationReportForm,
    RecommendationResponseForm,
)
from recruiting.models import ShortlistEntry


@login_required
def my_applications(request):
    entries = (ShortlistEntry.objects.filter(profile__user=request.user)
               .select_related("mission__organisation").order_by("-updated_at", "-id"))
    received = (Recommendation.objects.filter(profile__user=request.user).select_related("mission")
                .order_by("-created_at", "-id"))
    return render(request, "recruiting/client/my_applications.html", {
        "entries": entries, "Status": ShortlistEntry.Status, "confirmable": services.RECOMMENDABLE_STATUSES,
        "recommendations": [(r, RecommendationResponseForm(initial={"text": r.response}),
                             RecommendationReportForm()) for r in received],
    })


@login_required
@require_POST
def collaboration(request, entry_pk):
    """Confirm (or deny) that a trial or hire took place: it decides whether the recommendation is verified."""
    entry = services.get_entry_for_freelancer(request.user, entry_pk)
    confirm = request.POST.get("answer") == "confirm"
    try:
        if confirm:
            recommendations.collaboration_confirm(entry=entry, user=request.user)
        else:
            recommendations.collaboration_decline(entry=entry, user=request.user)
    except services.ShortlistError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Collaboration confirmée : une recommandation de cette mission compte "
                                    "désormais comme vérifiée.") if confirm else
                         _("C'est noté : une recommandation de cette mission restera non vérifiée."))
    return redirect("freelancer:my_applications")


@login_required
@require_POST
def recommendation_respond(request, pk):
    recommendation = recommendations.get_recommendation_for_freelancer(request.user, pk)
    form = RecommendationResponseForm(request.POST)
    if form.is_valid():
        recommendations.recommendation_respond(recommendation=recommendation, user=request.user,
                                               text=form.cleaned_data["text"])
        messages.success(request, _("Votre réponse est enregistrée."))
    else:
        messages.error(request, _("Réponse trop longue : 2 000 caractères au plus."))
    return redirect("freelancer:my_applications")


@login_required
@require_POST
def recommendation_report(request, pk):
    recommendation = recommendations.get_recommendation_for_freelancer(request.user, pk)
    form = RecommendationReportForm(request.POST)
    if form.is_valid():
        try:
            recommendations.recommendation_report(recommendation=recommendation, user=request.user,
                                                  reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Merci : l'équipe AMOE match va examiner cette recommandation."))
    else:
        messages.error(request, _("Dites en une phrase (2 000 caractères au plus) ce qui ne va pas."))
    return redirect("freelancer:my_applications")


@login_required
def questionnaire_answer(request, entry_pk):
    entry = services.get_entry_for_freelancer(request.user, entry_pk)
    questions = list(entry.mission.questions.all())
    answers = dict(entry.answers.values_list("question_id", "text"))
    open_ = entry.status == ShortlistEntry.Status.QUESTIONNAIRE
    form = QuestionnaireAnswerForm(request.POST or None, questions=questions, answers=answers)
    if request.method == "POST" and open_ and form.is_valid():
        try:
            services.questionnaire_answers_record(entry=entry, user=request.user, answers=form.answers())
        except services.ShortlistError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Merci, vos réponses ont été transmises à %(org)s.")
                             % {"org": entry.mission.organisation.name})
            return redirect("freelancer:my_applications")
    return render(request, "recruiting/client/questionnaire_answer.html",
                  {"entry": entry, "form": form, "open": open_, "answered": bool(answers)})
