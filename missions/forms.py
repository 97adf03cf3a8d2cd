"""Forms of the mission page: the mission, its weights and its parts."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from missions.criteria import Criterion
from missions.models import Mission
from missions.weights import CRITERIA, DEFAULT_WEIGHTS
from profiles.choices import Complexity, Importance, Proficiency, ProjectScale
from profiles.models import Skill, Tool

SCALE_HELP = {
    ProjectScale.SMALL: _("Un lot ou un site, budget limité, petite équipe : 2 à 3 ans d'expérience suffisent."),
    ProjectScale.MEDIUM: _("Plusieurs lots ou un bâtiment complet, une équipe projet de quelques personnes."),
    ProjectScale.LARGE: _("Programme multi-sites ou ouvrage majeur, nombreux intervenants : profil confirmé."),
    ProjectScale.VERY_LARGE: _("Projet d'envergure nationale ou internationale, budget important : profil senior."),
}
COMPLEXITY_HELP = {
    Complexity.LOW: _("Processus connus, peu d'interfaces, risques maîtrisés."),
    Complexity.MODERATE: _("Plusieurs interfaces techniques ou métiers, quelques incertitudes."),
    Complexity.HIGH: _("Nombreuses interfaces, contraintes fortes (réglementaires, techniques, délais), risques élevés."),
}
WEIGHT_MAX = 50


class MissionForm(forms.ModelForm):
    class Meta:
        model = Mission
        fields = [
            "title", "description", "role", "sector", "scale", "complexity",
            "english_written_min", "english_spoken_min", "is_international",
            "start_date", "duration_months", "days_per_week", "work_mode", "city",
            "daily_rate_max", "min_diploma_level", "exclude_missing_must_haves",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "scale": forms.RadioSelect,
            "complexity": forms.RadioSelect,
            "daily_rate_max": forms.NumberInput(attrs={"min": 0, "step": 10}),
            "city": forms.TextInput(attrs={"list": "mission-cities"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = self.fields["sector"].queryset.filter(is_active=True).order_by("label_fr")
        self.fields["sector"].label_from_instance = lambda sector: sector.label
        self.fields["city"].help_text = _("Une grande ville française situe la mission pour les profils sur site.")
        current = {**DEFAULT_WEIGHTS, **(self.instance.weights or {})}
        for criterion in CRITERIA:
            self.fields[self.weight_field(criterion)] = forms.FloatField(
                label=Criterion(criterion).label, initial=current[criterion], required=True,
                widget=forms.NumberInput(attrs={"type": "range", "min": 0, "max": WEIGHT_MAX, "step": 1,
                                                "data-default": DEFAULT_WEIGHTS[criterion]}),
            )

    @staticmethod
    def weight_field(criterion: str) -> str:
        return f"weight_{criterion}"

    def weight_fields(self):
        return [self[self.weight_field(criterion)] for criterion in CRITERIA]

    def scale_options(self):
        """(radio, one-line help) per scale level."""
        return [(radio, SCALE_HELP.get(radio.data["value"], "")) for radio in self["scale"]]

    def complexity_options(self):
        return [(radio, COMPLEXITY_HELP.get(radio.data["value"], "")) for radio in self["complexity"]]

    def save(self, commit=False):
        """Fields and weights on the instance; mission_save() checks and writes it with its parts."""
        mission = super().save(commit=False)
        mission.weights = {c: self.cleaned_data[self.weight_field(c)] for c in CRITERIA}
        return mission


class ToolRequirementForm(forms.Form):
    tool = forms.ModelChoiceField(label=_("Outil"), queryset=Tool.objects.filter(is_active=True).order_by("label_fr"))
    importance = forms.ChoiceField(label=_("Importance"), choices=Importance.choices, initial=Importance.MUST_HAVE)
    min_proficiency = forms.TypedChoiceField(label=_("Maîtrise attendue"), choices=Proficiency.choices, coerce=int,
                                             initial=Proficiency.INTERMEDIATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tool"].label_from_instance = lambda tool: tool.label


class SkillRequirementForm(forms.Form):
    skill = forms.ModelChoiceField(label=_("Compétence"),
                                   queryset=Skill.objects.filter(is_active=True).order_by("label_fr"))
    importance = forms.ChoiceField(label=_("Importance"), choices=Importance.choices, initial=Importance.MUST_HAVE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].label_from_instance = lambda skill: skill.label


class QuestionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Question"), max_length=500)


class _RowsFormSet(forms.BaseFormSet):
    def kept_forms(self):
        return [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]

    def rows(self):
        """The kept rows, in order: what mission_save() takes (its errors name a row by its index here)."""
        return [{k: v for k, v in form.cleaned_data.items() if k != "DELETE"} for form in self.kept_forms()]


ToolFormSet = forms.formset_factory(ToolRequirementForm, formset=_RowsFormSet, extra=2, can_delete=True)
SkillFormSet = forms.formset_factory(SkillRequirementForm, formset=_RowsFormSet, extra=2, can_delete=True)
QuestionFormSet = forms.formset_factory(QuestionForm, formset=_RowsFormSet, extra=2, can_delete=True)


def mission_formsets(*, mission: Mission | None, data=None) -> dict[str, forms.BaseFormSet]:
    """The tools, skills and questions formsets, filled from the mission when editing."""
    tools = skills = questions = []
    if mission is not None and mission.pk:
        tools = [{"tool": r.tool_id, "importance": r.importance, "min_proficiency": r.min_proficiency}
                 for r in mission.tool_requirements.all()]
        skills = [{"skill": r.skill_id, "importance": r.importance} for r in mission.skill_requirements.all()]
        questions = [{"id": q.pk, "text": q.text} for q in mission.questions.all()]
    return {
        "tools": ToolFormSet(data, initial=tools or None, prefix="tools"),
        "skills": SkillFormSet(data, initial=skills or None, prefix="skills"),
        "questions": QuestionFormSet(data, initial=questions or None, prefix="questions"),
    }


def mission_errors_show(*, error: ValidationError, form: MissionForm, formsets: dict[str, forms.BaseFormSet]) -> None:
    """Put mission_save()'s errors on the field, weight slider or row they name."""
    for key, messages in error.error_dict.items():
        name, _dot, rest = key.partition(".")
        if name in formsets:
            index, _dot, field = rest.partition(".")
            formsets[name].kept_forms()[int(index)].add_error(field or None, messages)
        elif name == "weights":
            form.add_error(MissionForm.weight_field(rest), messages)
        else:
            form.add_error(key if key in form.fields else None, messages)
