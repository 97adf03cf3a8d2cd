"""Editor forms, one per section. Vocabulary fields are selects (enhanced into search-as-you-type
pickers by static/js/profile-editor.js); nothing is typed free where a vocabulary exists."""
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from profiles.cities import CITIES
from profiles.cv import cv_too_large_error
from profiles.models import (
    Certification,
    Diploma,
    Experience,
    FreelancerProfile,
    ProfileSector,
    ProfileTool,
    Sector,
    Skill,
    Tool,
)

PICKER = {"data-picker": "true"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class NoLabelSuffix:
    """Labels read as written ("Nom", not "Nom :"): cleaner for screen readers and for the browser tests."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class VocabularyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class VocabularyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


def _active(model):
    return model.objects.filter(is_active=True).order_by("label_fr")


class IdentityForm(NoLabelSuffix, forms.ModelForm):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False,
                            help_text=_("Montré aux seuls clients qui vous ont présélectionné."),
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))

    class Meta:
        model = FreelancerProfile
        fields = ["first_name", "last_name", "phone", "headline", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"headline": _("Par exemple : AMOE pilotage de travaux, 12 ans en BTP.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        for name in ("first_name", "last_name", "phone"):
            self.fields[name].initial = getattr(user, name)


class RolesForm(NoLabelSuffix, forms.ModelForm):
    class Meta:
        model = FreelancerProfile
        fields = ["roles"]


class ExperienceYearsForm(NoLabelSuffix, forms.ModelForm):
    class Meta:
        model = FreelancerProfile
        fields = ["years_experience"]


class ExperienceForm(NoLabelSuffix, forms.ModelForm):
    sector = VocabularyChoiceField(queryset=_active(Sector), required=False, label=_("Secteur"),
                                   widget=forms.Select(attrs=PICKER))

    class Meta:
        model = Experience
        fields = ["client", "sector", "role", "scale", "start_date", "end_date", "description"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}


class DiplomaForm(NoLabelSuffix, forms.ModelForm):
    class Meta:
        model = Diploma
        fields = ["kind", "level", "title", "school", "year"]


class CertificationForm(NoLabelSuffix, forms.ModelForm):
    class Meta:
        model = Certification
        fields = ["name", "issuer", "year"]


class ProfileSectorForm(NoLabelSuffix, forms.ModelForm):
    sector = VocabularyChoiceField(queryset=_active(Sector), label=_("Secteur"), widget=forms.Select(attrs=PICKER))

    class Meta:
        model = ProfileSector
        fields = ["sector", "years"]


class ProfileToolForm(NoLabelSuffix, forms.ModelForm):
    tool = VocabularyChoiceField(queryset=_active(Tool), label=_("Outil"), widget=forms.Select(attrs=PICKER))

    class Meta:
        model = ProfileTool
        fields = ["tool", "proficiency"]


class SkillsForm(NoLabelSuffix, forms.ModelForm):
    skills = VocabularyMultipleChoiceField(
        queryset=_active(Skill), required=False, label=_("Compétences"),
        widget=forms.SelectMultiple(attrs=PICKER),
        help_text=_("Tapez quelques lettres pour chercher dans la liste."),
    )

    class Meta:
        model = FreelancerProfile
        fields = ["skills"]


class EnglishForm(NoLabelSuffix, forms.ModelForm):
    class Meta:
        model = FreelancerProfile
        fields = ["english_written", "english_spoken"]


class AvailabilityForm(NoLabelSuffix, forms.ModelForm):
    city = forms.ChoiceField(
        label=_("Ville de rattachement"), required=False,
        choices=[("", "—")] + [(name, name) for name in sorted(CITIES)],
        widget=forms.Select(attrs=PICKER),
        help_text=_("La grande ville la plus proche : elle sert à calculer les distances des missions sur site."),
    )

    class Meta:
        model = FreelancerProfile
        fields = ["daily_rate", "available_from", "days_per_week", "work_modes", "city", "mobility_km"]
        widgets = {"available_from": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        city = self.instance.city
        if city and city not in CITIES:  # a city set before the list existed stays selectable
            self.fields["city"].choices = [*self.fields["city"].choices, (city, city)]


class PreferencesForm(NoLabelSuffix, forms.ModelForm):
    wanted_sectors = VocabularyMultipleChoiceField(
        queryset=_active(Sector), required=False, label=_("Secteurs souhaités"),
        widget=forms.SelectMultiple(attrs=PICKER),
        help_text=_("Vide : tous les secteurs vous conviennent."),
    )
    refused_sectors = VocabularyMultipleChoiceField(
        queryset=_active(Sector), required=False, label=_("Secteurs refusés"),
        widget=forms.SelectMultiple(attrs=PICKER),
    )

    class Meta:
        model = FreelancerProfile
        fields = ["min_daily_rate", "wanted_sectors", "refused_sectors", "min_mission_months", "max_mission_months",
                  "earliest_start_date", "latest_start_date", "wanted_scales"]
        widgets = {"earliest_start_date": DateInput(), "latest_start_date": DateInput()}
        help_texts = {
            "min_daily_rate": _("Vide : pas de minimum. Les missions dont le plafond est plus bas sont signalées, "
                                "pas cachées."),
            "wanted_scales": _("Aucune case cochée : toutes les envergures vous conviennent."),
        }

    def clean(self):
        cleaned = super().clean()
        wanted, refused = cleaned.get("wanted_sectors"), cleaned.get("refused_sectors")
        if wanted is not None and refused is not None:
            try:
                self.instance.sector_preferences_clean(wanted=wanted, refused=refused)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class VisibilityForm(NoLabelSuffix, forms.ModelForm):
    class Meta:
        model = FreelancerProfile
        fields = ["is_visible"]


class CvForm(NoLabelSuffix, forms.Form):
    cv = forms.FileField(label=_("CV (PDF, 5 Mo au plus)"), required=True,
                         widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}))

    def __init__(self, *args, too_large=False, **kwargs):
        """too_large: the upload handler dropped the file for its size before it reached the form."""
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if too_large:
            self.fields["cv"].required = False

    def clean_cv(self):
        if self.too_large:
            raise cv_too_large_error()
        return self.cleaned_data["cv"]


def _inline(form, **kwargs):
    return forms.inlineformset_factory(FreelancerProfile, form._meta.model, form=form, extra=kwargs.pop("extra", 1),
                                       can_delete=True, **kwargs)


ExperienceFormSet = _inline(ExperienceForm)
DiplomaFormSet = _inline(DiplomaForm)
CertificationFormSet = _inline(CertificationForm)
ProfileSectorFormSet = _inline(ProfileSectorForm)
ProfileToolFormSet = _inline(ProfileToolForm)
