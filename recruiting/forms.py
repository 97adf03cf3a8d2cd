from django import forms
from django.utils.translation import gettext_lazy as _

from missions.models import Recommendation
from profiles.choices import WorkMode
from profiles.models import Sector
from recruiting.dashboard import DEFAULT_MIN_SCORE, CandidateFilters
from recruiting.models import ShortlistEntry
from recruiting.preferences import ORDER_MUTUAL, ORDER_RANK
from recruiting.shortlist import allowed_moves


class DashboardForm(forms.Form):
    min_score = forms.IntegerField(label=_("Score minimum"), min_value=0, max_value=100, required=False,
                                   initial=DEFAULT_MIN_SCORE, widget=forms.NumberInput(attrs={"step": 5}))

    def min_score_value(self) -> int:
        if self.is_valid() and self.cleaned_data["min_score"] is not None:
            return self.cleaned_data["min_score"]
        return DEFAULT_MIN_SCORE


class CandidateFilterForm(forms.Form):
    min_score = forms.IntegerField(label=_("Score minimum"), min_value=0, max_value=100, required=False)
    available_by = forms.DateField(label=_("Disponible au plus tard le"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    work_mode = forms.ChoiceField(label=_("Mode de travail"), required=False,
                                  choices=[("", _("Tous"))] + list(WorkMode.choices))
    max_rate = forms.IntegerField(label=_("TJM maximum (€)"), min_value=0, required=False,
                                  widget=forms.NumberInput(attrs={"step": 50}))
    fits_both = forms.BooleanField(label=_("Convient dans les deux sens"), required=False)
    ordering = forms.ChoiceField(label=_("Ordre"), required=False,
                                 choices=[(ORDER_RANK, _("Classement du client")), (ORDER_MUTUAL, _("Accord mutuel"))])

    def filters(self) -> CandidateFilters:
        if not self.is_valid():
            return CandidateFilters()
        data = self.cleaned_data
        return CandidateFilters(min_score=data["min_score"], available_by=data["available_by"],
                                work_mode=data["work_mode"] or None, max_rate=data["max_rate"])

    def preference_filters(self) -> dict:
        """The freelancer's side (recruiting.preferences.candidates_narrowed): nothing while the form is invalid,
        as for the other filters, whose errors the page shows."""
        if not self.is_valid():
            return {}
        return {"fits": True if self.cleaned_data["fits_both"] else None,
                "ordering": self.cleaned_data["ordering"] or ORDER_RANK}


class ShortlistAddForm(forms.Form):
    profile = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class ShortlistMoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Nouveau statut"), choices=ShortlistEntry.Status.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        if entry is not None and not self.is_bound:
            labels = dict(ShortlistEntry.Status.choices)
            self.fields["to_status"].choices = [(s, labels[s]) for s in allowed_moves(entry.status)]


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["rating", "text"]
        widgets = {
            "rating": forms.Select(choices=[(i, f"{i}/5") for i in range(5, 0, -1)]),
            "text": forms.Textarea(attrs={"rows": 5}),
        }


class RecommendationResponseForm(forms.Form):
    text = forms.CharField(label=_("Votre réponse (publique, affichée avec la recommandation)"), required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class RecommendationReportForm(forms.Form):
    reason = forms.CharField(label=_("Ce qui ne va pas (lu par l'équipe AMOE match)"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class QuestionnaireAnswerForm(forms.Form):
    """One required text answer per question of the mission."""

    def __init__(self, *args, questions=(), answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=question.text, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
                initial=answers.get(question.pk, ""),
            )

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}


# Filters of the freelancer's "missions for me" (page and API): unknown values are errors, never a crash.
def _sectors():
    return [("", _("Tous les secteurs"))] + [(s.code, s.label) for s in Sector.objects.order_by("id")]


class MissionsForMeFilterForm(forms.Form):
    sector = forms.ChoiceField(label=_("Secteur"), required=False, choices=_sectors)
    work_mode = forms.ChoiceField(label=_("Mode de travail"), required=False,
                                  choices=[("", _("Tous les modes"))] + list(WorkMode.choices))
    min_score = forms.IntegerField(label=_("Score minimal"), required=False, min_value=0, max_value=100)

    def filters(self) -> dict:
        """The valid filters only: an invalid one is reported by the form and left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"sector": data.get("sector") or None, "work_mode": data.get("work_mode") or None,
                "min_score": data.get("min_score")}
