"""The criteria a mission weighs, with the label a person reads.

The engine keeps the same codes as a plain tuple (missions.weights.CRITERIA, re-exported by
matching's criteria module) so that it imports no database code; tests/missions/test_criteria.py
checks that both agree.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Criterion(models.TextChoices):
    SENIORITY = "seniority", _("Expérience au regard de l'envergure")
    SECTOR = "sector", _("Connaissance du secteur")
    TOOLS = "tools", _("Outils")
    SKILLS = "skills", _("Compétences")
    ENGLISH = "english", _("Anglais")
    EDUCATION = "education", _("Formation")
    REPUTATION = "reputation", _("Recommandations")
    RATE = "rate", _("Taux journalier")
    AVAILABILITY = "availability", _("Disponibilité")
