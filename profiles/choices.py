"""Enumerations shared by profiles, missions and the matching engine.

Kept free of models so that the pure scoring module can import them.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AMOE = "amoe", _("AMOE – assistant à maîtrise d'œuvre")
    AMOA = "amoa", _("AMOA – assistant à maîtrise d'ouvrage")
    MOE = "moe", _("MOE – maître d'œuvre")
    MOA = "moa", _("MOA – maître d'ouvrage")
    PMO = "pmo", _("PMO – project management officer")
    PROJECT_MANAGER = "project_manager", _("Chef de projet")


class WorkMode(models.TextChoices):
    ON_SITE = "on_site", _("Sur site")
    HYBRID = "hybrid", _("Hybride")
    REMOTE = "remote", _("À distance")


class CefrLevel(models.TextChoices):
    A1 = "A1", _("A1 – débutant")
    A2 = "A2", _("A2 – élémentaire")
    B1 = "B1", _("B1 – intermédiaire")
    B2 = "B2", _("B2 – intermédiaire avancé")
    C1 = "C1", _("C1 – autonome")
    C2 = "C2", _("C2 – maîtrise")


class ProjectScale(models.TextChoices):
    SMALL = "small", _("Petite envergure")
    MEDIUM = "medium", _("Envergure moyenne")
    LARGE = "large", _("Grande envergure")
    VERY_LARGE = "very_large", _("Très grande envergure")


class Complexity(models.TextChoices):
    LOW = "low", _("Complexité faible")
    MODERATE = "moderate", _("Complexité modérée")
    HIGH = "high", _("Complexité élevée")


class Proficiency(models.IntegerChoices):
    NOTIONS = 1, _("Notions")
    INTERMEDIATE = 2, _("Intermédiaire")
    ADVANCED = 3, _("Avancé")
    EXPERT = 4, _("Expert")


class DiplomaKind(models.TextChoices):
    DUT_BUT = "dut_but", _("DUT / BUT")
    BTS = "bts", _("BTS")
    LICENCE_PRO = "licence_pro", _("Licence professionnelle")
    LICENCE = "licence", _("Licence")
    MASTER = "master", _("Master")
    ENGINEERING = "engineering", _("Diplôme d'école d'ingénieurs")
    DOCTORATE = "doctorate", _("Doctorat")
    OTHER = "other", _("Autre")


class DiplomaLevel(models.IntegerChoices):
    BAC_2 = 2, _("Bac+2")
    BAC_3 = 3, _("Bac+3")
    BAC_4 = 4, _("Bac+4")
    BAC_5 = 5, _("Bac+5")
    BAC_6 = 6, _("Bac+6")
    BAC_7 = 7, _("Bac+7")
    BAC_8 = 8, _("Bac+8")


class ToolCategory(models.TextChoices):
    SPREADSHEET = "spreadsheet", _("Tableurs")
    MESSAGING = "messaging", _("Messagerie et bureautique")
    MANAGEMENT = "management", _("Logiciels de gestion (ERP)")
    PMO = "pmo", _("Outils PMO")
    PLANNING = "planning", _("Planification")
    MAINTENANCE = "maintenance", _("Maintenance")
    PERFORMANCE = "performance", _("Vérification de performance")
    TESTING = "testing", _("Tests et recette")
    MODELLING = "modelling", _("Modélisation")
    DATABASE = "database", _("Bases de données")
    DEVELOPMENT = "development", _("Outils de développement")


class Importance(models.TextChoices):
    MUST_HAVE = "must", _("Indispensable")
    NICE_TO_HAVE = "nice", _("Souhaité")
