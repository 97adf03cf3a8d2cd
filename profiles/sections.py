"""The editor's sections, in order: what each edits and with which form and formset."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from profiles import forms


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    intro: str | Promise
    form_class: type | None = None
    formset_class: type | None = None
    add_label: str | Promise = ""
    row_label: str | Promise = ""


SECTIONS: list[Section] = [
    Section("identity", _("Identité et titre"), _("Ce que le client lit en premier."), forms.IdentityForm),
    Section("roles", _("Rôles proposés"), _("Les rôles que vous acceptez ; AMOE est le cœur de la plateforme."),
            forms.RolesForm),
    Section("experience", _("Expérience"), _("Vos années d'expérience et vos projets marquants."),
            forms.ExperienceYearsForm, forms.ExperienceFormSet, _("Ajouter une expérience"),
            _("Expérience")),
    Section("diplomas", _("Diplômes"), _("Du bac+2 au doctorat."), None, forms.DiplomaFormSet,
            _("Ajouter un diplôme"),
            _("Diplôme")),
    Section("certifications", _("Certifications"), _("Facultatif : PMP, Prince2, ITIL, etc."), None,
            forms.CertificationFormSet, _("Ajouter une certification"),
            _("Certification")),
    Section("sectors", _("Secteurs"), _("Vos années d'expérience dans chaque secteur."), None,
            forms.ProfileSectorFormSet, _("Ajouter un secteur"),
            _("Secteur")),
    Section("tools", _("Outils"), _("Les outils que vous maîtrisez, et à quel niveau."), None,
            forms.ProfileToolFormSet, _("Ajouter un outil"),
            _("Outil")),
    Section("skills", _("Compétences"), _("Choisissez dans la liste ; tapez pour chercher."), forms.SkillsForm),
    Section("english", _("Anglais"), _("Écrit et oral, sur l'échelle européenne (CECRL)."), forms.EnglishForm),
    Section("availability", _("Taux, disponibilité et lieu"),
            _("Votre taux journalier, votre date de disponibilité, vos modes de travail et votre mobilité."),
            forms.AvailabilityForm),
    Section("preferences", _("Préférences"),
            _("Facultatif. Ce que vous acceptez : taux minimum, secteurs, durée, dates de début, envergure "
              "(vos modes de travail et votre mobilité sont dans « Taux, disponibilité et lieu »). Vos préférences "
              "ne vous cachent jamais des clients : elles servent seulement à signaler les missions qui vous "
              "conviennent."),
            forms.PreferencesForm),
    Section("visibility", _("Visibilité"), _("Un profil masqué n'apparaît dans aucun classement."),
            forms.VisibilityForm),
    Section("cv", _("CV"), _("Un PDF de 5 Mo au plus, que seuls voient les clients concernés.")),
]
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}


def next_section(key: str) -> Section | None:
    keys = [s.key for s in SECTIONS]
    position = keys.index(key) + 1
    return SECTIONS[position] if position < len(SECTIONS) else None
