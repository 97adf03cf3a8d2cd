"""How complete a profile is, section by section, and why each section matters to the ranking."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from profiles.models import FreelancerProfile


@dataclass(frozen=True)
class Check:
    key: str
    section: str  # the editor section that fixes it
    label: str
    why: str
    done: bool
    blocking: bool = False  # without it the engine does not rank the profile at all


@dataclass(frozen=True)
class Completeness:
    checks: list[Check]

    @property
    def percent(self) -> int:
        return round(100 * sum(c.done for c in self.checks) / len(self.checks))

    @property
    def missing(self) -> list[Check]:
        return [c for c in self.checks if not c.done]

    @property
    def blocking(self) -> list[Check]:
        return [c for c in self.checks if c.blocking and not c.done]


def profile_completeness(profile: FreelancerProfile) -> Completeness:
    """Each check is one thing the ranking or the client reads; all count the same."""
    user = profile.user
    counts = _related_counts(profile)
    checks = [
        Check("identity", "identity", _("Identité et titre"),
              _("Votre nom, votre titre et votre présentation sont ce qu'un client lit en premier."),
              bool(user.first_name and user.last_name and profile.headline and profile.summary)),
        Check("roles", "roles", _("Rôles proposés"),
              _("Filtre éliminatoire : une mission demande un rôle (AMOE par défaut) ; "
                "un profil qui ne le propose pas n'est pas classé."),
              bool(profile.roles), blocking=True),
        Check("experience", "experience", _("Expérience"),
              _("Critère « ancienneté » (le plus lourd) : vos années face à celles qu'exigent l'envergure et la "
                "complexité de la mission ; vos projets passés montrent l'envergure que vous avez déjà tenue."),
              profile.years_experience > 0 and counts["experiences"] > 0),
        Check("diplomas", "diplomas", _("Diplômes"),
              _("Critère « formation » : niveau de diplôme face à celui attendu (bac+2/3 au minimum, "
                "école d'ingénieurs ou master valorisés sur les missions complexes)."),
              counts["diplomas"] > 0),
        Check("sectors", "sectors", _("Secteurs"),
              _("Critère « secteur » : vos années dans le secteur de la mission, un secteur voisin comptant en partie."),
              counts["sectors"] > 0),
        Check("tools", "tools", _("Outils"),
              _("Critère « outils » : couverture des outils demandés, avec votre niveau de maîtrise."),
              counts["tools"] > 0),
        Check("skills", "skills", _("Compétences"),
              _("Critère « compétences » : les compétences indispensables pèsent plus que les souhaitées."),
              counts["skills"] > 0),
        Check("english", "english", _("Anglais"),
              _("Critère « anglais », et filtre éliminatoire quand la mission fixe un minimum (C1 pour un projet "
                "international)."),
              bool(profile.english_written and profile.english_spoken)),
        Check("daily_rate", "availability", _("Taux journalier"),
              _("Indispensable : le moteur ne classe aucun profil sans taux journalier. "
                "Il est ensuite comparé au plafond de chaque mission."),
              profile.daily_rate is not None, blocking=True),
        Check("availability", "availability", _("Disponibilité, mode de travail et lieu"),
              _("Filtres de disponibilité et de mode de travail (distance et mobilité pour le sur site), "
                "puis critère « disponibilité »."),
              bool(profile.available_from and profile.work_modes and profile.city)),
        Check("cv", "cv", _("CV"),
              _("Les clients étudient plusieurs CV côte à côte avant de présélectionner."),
              bool(profile.cv)),
    ]
    return Completeness(checks=checks)


def _related_counts(profile: FreelancerProfile) -> dict[str, int]:
    return {
        "experiences": profile.experiences.count(),
        "diplomas": profile.diplomas.count(),
        "sectors": profile.sector_years.filter(years__gt=0).count(),
        "tools": profile.tool_levels.count(),
        "skills": profile.skills.count(),
    }
