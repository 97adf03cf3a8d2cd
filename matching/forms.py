"""Filters of the freelancer's "missions for me" (page and API): unknown values are errors, never a crash."""
from django import forms
from django.utils.translation import gettext_lazy as _

from profiles.choices import WorkMode
from profiles.models import Sector


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
