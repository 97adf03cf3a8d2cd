"""The freelancer's side: their shortlist status per mission, and the questionnaire to answer."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from matching import shortlist as services
from matching.client_views.forms import QuestionnaireAnswerForm
from matching.models import ShortlistEntry


@login_required
def my_applications(request):
    entries = (ShortlistEntry.objects.filter(profile__user=request.user)
               .select_related("mission__organisation").order_by("-updated_at", "-id"))
    return render(request, "matching/client/my_applications.html",
                  {"entries": entries, "Status": ShortlistEntry.Status})


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
            return redirect("matching:my_applications")
    return render(request, "matching/client/questionnaire_answer.html",
                  {"entry": entry, "form": form, "open": open_, "answered": bool(answers)})
