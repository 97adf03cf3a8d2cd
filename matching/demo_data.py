"""Realistic, reproducible French demo data, written in bulk.

The same seed gives the same data (on the same day: dates are relative to today,
so that availabilities and start dates stay plausible whenever the demo runs).
"""
import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import Membership, Organisation, User
from matching.bulk import insert_many
from missions.models import Mission, MissionSkill, MissionTool, QuestionnaireQuestion, Recommendation
from profiles.choices import CefrLevel, Complexity, ProjectScale, Role, WorkMode
from profiles.cities import CITIES
from profiles.models import Diploma, Experience, FreelancerProfile, ProfileSector, ProfileTool, Sector, Skill, Tool

DEMO_PASSWORD = "demo-pass-2026"
DEMO_FREELANCER = "freelancer@example.com"
DEMO_CLIENT = "client@example.com"
DEMO_RECRUITER = "recruiter@example.com"
BATCH = 5000

FIRST_NAMES = [
    "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Claire", "Lucie", "Pauline", "Marion",
    "Sophie", "Anaïs", "Élodie", "Nathalie", "Isabelle", "Céline", "Aurélie", "Amandine", "Thomas", "Nicolas",
    "Julien", "Maxime", "Antoine", "Alexandre", "Guillaume", "Romain", "Pierre", "Mathieu", "Sébastien", "Vincent",
    "Olivier", "Laurent", "Karim", "Mehdi", "Yann", "Benoît", "François", "Hugo", "Lucas", "Théo", "Arnaud",
    "Jérôme", "Stéphane", "Fatima", "Aïcha", "Nadia", "Samir", "Rachid",
]
LAST_NAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
    "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
    "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
    "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
    "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Benali",
    "Haddad", "Nguyen", "Le Gall", "Kerouac",
]
CLIENT_COMPANIES = [
    "Bouygues Bâtiment Sud-Est", "Vinci Construction Grands Projets", "Eiffage Infrastructures", "Nexity Promotion",
    "Icade Santé", "Altarea Cogedim", "Saint-Gobain Industrie", "Safran Ingénierie", "Groupe SNCF Réseau",
    "Atelier d'architecture Lumen", "Bureau d'études Cérès", "Métropole de Lyon", "CHU de Bordeaux",
    "Decathlon Logistique", "Schneider Electric", "Orange Business", "Crédit Agricole Technologies",
]
SCHOOLS = {
    "dut_but": ["IUT de Lyon 1", "IUT Paris-Saclay", "IUT de Toulouse", "IUT de Nantes"],
    "bts": ["Lycée Eiffel", "Lycée La Martinière", "Lycée Vauban"],
    "licence_pro": ["Université de Lille", "Université de Bordeaux", "CNAM"],
    "licence": ["Université Paris-Saclay", "Université de Strasbourg", "Université Grenoble Alpes"],
    "master": ["Université Paris-Dauphine", "IAE Aix-Marseille", "Université de Rennes", "ESTP Paris"],
    "engineering": ["École Centrale de Lyon", "INSA Lyon", "École des Ponts ParisTech", "Arts et Métiers",
                    "ENSAM", "Polytech Nantes", "CESI", "ESTP Paris"],
    "doctorate": ["Université Paris Cité", "Université de Toulouse"],
}
DIPLOMA_LEVELS = {"dut_but": 2, "bts": 2, "licence_pro": 3, "licence": 3, "master": 5, "engineering": 5,
                  "doctorate": 8}
DIPLOMA_TITLES = {
    "dut_but": "BUT Génie civil – construction durable", "bts": "BTS Bâtiment",
    "licence_pro": "Licence pro Management de projets", "licence": "Licence Sciences pour l'ingénieur",
    "master": "Master Management de projets techniques", "engineering": "Diplôme d'ingénieur généraliste",
    "doctorate": "Doctorat en génie industriel",
}
HEADLINES = [
    "AMOE pilotage de travaux {sector}", "Consultant AMOE – {sector}", "AMOE planification et suivi de chantier",
    "AMOE recette et mise en production ({sector})", "Assistant MOE – coordination technique {sector}",
    "AMOE PMO et reporting", "AMOE ERP et solutions de gestion", "Ingénieur AMOE grands projets {sector}",
]
MISSION_TITLES = [
    "AMOE pour la construction d'un {what}", "Assistance MOE – {what}", "AMOE pilotage technique : {what}",
    "AMOE recette et déploiement : {what}",
]
MISSION_OBJECTS = {
    "btp": ["centre hospitalier", "groupe scolaire", "pont routier", "éco-quartier", "siège régional"],
    "architecture": ["musée municipal", "médiathèque", "réhabilitation d'un immeuble haussmannien"],
    "immobilier": ["programme de 300 logements", "campus tertiaire", "résidence étudiante"],
    "industrie": ["ligne de production", "usine de batteries", "entrepôt automatisé", "site agroalimentaire"],
    "informatique": ["déploiement d'un ERP SAP", "refonte du SI finance", "GMAO multi-sites",
                     "migration vers le cloud"],
}
QUESTIONS = [
    "Décrivez un projet de grande envergure que vous avez piloté et votre rôle exact.",
    "Comment organisez-vous la recette avec le MOE et les prestataires ?",
    "Quels outils de planification utilisez-vous au quotidien ?",
]
SCALES = list(ProjectScale.values)
CEFR = list(CefrLevel.values)


@dataclass
class SeedSummary:
    profiles: int
    missions: int
    organisations: int


def _weighted(rng: random.Random, options, weights):
    return rng.choices(options, weights=weights, k=1)[0]


class _Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.today = datetime.date.today()
        self.sectors = list(Sector.objects.order_by("code"))
        self.tools = list(Tool.objects.order_by("code"))
        self.skills = list(Skill.objects.order_by("code"))
        self.cities = sorted(CITIES)

    def user(self, index: int, email: str | None = None) -> User:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = email or f"{first}.{last}.{index}@demo.amoe-match.fr".lower().replace(" ", "-")
        return User(email=email, first_name=first, last_name=last, password="!demo",
                    account_type=User.AccountType.FREELANCER, phone=f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} "
                    f"{rng.randint(10, 99)} {rng.randint(10, 99)}")

    def profile(self, user: User) -> tuple[FreelancerProfile, dict]:
        rng = self.rng
        years = min(35, int(rng.expovariate(1 / 8)))
        main_sector = rng.choice(self.sectors)
        city = rng.choice(self.cities)
        lat, lon = CITIES[city]
        seniority_rate = 380 + years * 22 + rng.randint(-60, 120)
        modes = rng.choice([["on_site", "hybrid"], ["hybrid", "remote"], ["on_site", "hybrid", "remote"],
                            ["remote"], ["on_site"], ["hybrid"]])
        profile = FreelancerProfile(
            user=user,
            headline=rng.choice(HEADLINES).format(sector=main_sector.label_fr),
            summary=(f"{years} ans d'expérience en assistance à maîtrise d'œuvre, principalement en "
                     f"{main_sector.label_fr.lower()}. Rigueur, organisation et sens du relationnel avec MOE, "
                     "MOA et équipes techniques."),
            roles=sorted({"amoe", *rng.sample(list(Role.values), rng.randint(0, 2))}),
            years_experience=years,
            english_written=_weighted(rng, CEFR, [2, 6, 20, 35, 27, 10]),
            english_spoken=_weighted(rng, CEFR, [3, 8, 25, 34, 22, 8]),
            daily_rate=max(300, min(1400, seniority_rate // 10 * 10)),
            available_from=self.today + datetime.timedelta(days=rng.randint(-30, 120)),
            days_per_week=_weighted(rng, [3, 4, 5], [1, 2, 7]),
            work_modes=modes,
            city=city, latitude=lat, longitude=lon,
            mobility_km=rng.choice([20, 50, 100, 200, 1000]),
            is_visible=rng.random() > 0.03,
        )
        extra_sectors = rng.sample([s for s in self.sectors if s != main_sector], rng.randint(0, 2))
        details = {
            "sectors": [(main_sector, max(1, years - rng.randint(0, 3)))]
            + [(s, rng.randint(1, max(1, years // 2))) for s in extra_sectors],
            "tools": [(t, rng.randint(1, 4)) for t in rng.sample(self.tools, rng.randint(3, 10))],
            "skills": rng.sample(self.skills, rng.randint(3, 8)),
            "diplomas": self._diplomas(),
            "experiences": self._experiences(years, main_sector),
            "ratings": [rng.choices([2, 3, 4, 5], weights=[1, 3, 10, 12])[0] for _ in range(rng.randint(0, 4))],
        }
        return profile, details

    def _diplomas(self):
        rng = self.rng
        kind = _weighted(rng, ["dut_but", "bts", "licence_pro", "licence", "master", "engineering", "doctorate"],
                         [14, 12, 14, 8, 24, 26, 2])
        year = self.today.year - rng.randint(2, 30)
        diplomas = [(kind, DIPLOMA_LEVELS[kind], DIPLOMA_TITLES[kind], rng.choice(SCHOOLS[kind]), year)]
        if kind in ("dut_but", "bts") and rng.random() < 0.4:
            diplomas.append(("licence_pro", 3, DIPLOMA_TITLES["licence_pro"], rng.choice(SCHOOLS["licence_pro"]),
                             min(self.today.year - 1, year + 1)))
        return diplomas

    def _experiences(self, years: int, sector: Sector):
        rng = self.rng
        experiences, end = [], self.today
        for _ in range(min(4, 1 + years // 4)):
            months = rng.randint(6, 30)
            start = end - datetime.timedelta(days=30 * months)
            scale = SCALES[min(3, int(rng.random() * (1 + years / 6)))]
            experiences.append((rng.choice(CLIENT_COMPANIES), sector, scale, start, end))
            end = start - datetime.timedelta(days=rng.randint(0, 90))
        return experiences

    def mission(self, organisation: Organisation, index: int) -> tuple[Mission, dict]:
        rng = self.rng
        sector = rng.choice(self.sectors)
        city = rng.choice(self.cities)
        lat, lon = CITIES[city]
        scale = _weighted(rng, SCALES, [2, 4, 3, 1])
        complexity = _weighted(rng, list(Complexity.values), [2, 5, 3])
        international = rng.random() < 0.2
        mission = Mission(
            organisation=organisation,
            title=rng.choice(MISSION_TITLES).format(what=rng.choice(MISSION_OBJECTS[sector.code])),
            description="Accompagnement du maître d'œuvre de la conception à la réception : planning, "
                        "reporting, suivi des prestataires, recette.",
            role="amoe", sector=sector, scale=scale, complexity=complexity,
            english_written_min="B2" if international else "",
            english_spoken_min="B2" if international and rng.random() < 0.5 else "",
            is_international=international,
            start_date=self.today + datetime.timedelta(days=rng.randint(7, 90)),
            duration_months=rng.choice([3, 6, 9, 12, 18, 24]),
            days_per_week=_weighted(rng, [3, 4, 5], [1, 2, 7]),
            work_mode=_weighted(rng, list(WorkMode.values), [4, 5, 2]),
            city=city, latitude=lat, longitude=lon,
            daily_rate_max=rng.choice([None, 550, 650, 750, 850, 1000]),
            min_diploma_level=rng.choice([None, 2, 3, 5]),
            status=Mission.Status.OPEN,
        )
        details = {
            "tools": [(t, "must" if i < 2 else "nice", rng.randint(2, 3))
                      for i, t in enumerate(rng.sample(self.tools, rng.randint(2, 5)))],
            "skills": [(s, "must" if i < 2 else "nice") for i, s in enumerate(rng.sample(self.skills, rng.randint(2, 5)))],
        }
        return mission, details


def _chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _bulk(model, objects):
    created = []
    for chunk in _chunks(objects):
        created.extend(model.objects.bulk_create(chunk))
    return created


@transaction.atomic
def seed_demo(*, profiles: int = 500, missions: int = 30, seed: int = 2026) -> SeedSummary:
    """Write demo organisations, missions, profiles and the three demo logins."""
    gen = _Generator(seed)
    demo_password = make_password(DEMO_PASSWORD)
    written = 0
    for chunk_start in range(0, profiles, BATCH):
        # Chunks bound memory: a million profiles never sit in Python at once.
        written += _seed_profiles(gen, range(chunk_start, min(profiles, chunk_start + BATCH)))
    User.objects.filter(email=DEMO_FREELANCER).update(password=demo_password, first_name="Claire", last_name="Moreau")
    FreelancerProfile.objects.filter(user__email=DEMO_FREELANCER).update(is_visible=True)

    client_org = Organisation.objects.create(name="Bâtiments du Rhône SA", kind=Organisation.Kind.CLIENT, city="Lyon")
    esn_org = Organisation.objects.create(name="Numérique Conseil ESN", kind=Organisation.Kind.ESN, city="Paris")
    other_orgs = [Organisation.objects.create(name=name, kind=Organisation.Kind.CLIENT)
                  for name in CLIENT_COMPANIES[:3]]
    for email, org, first, last in ((DEMO_CLIENT, client_org, "Julien", "Lambert"),
                                    (DEMO_RECRUITER, esn_org, "Nadia", "Haddad")):
        user = User.objects.create(email=email, first_name=first, last_name=last, password=demo_password,
                                   account_type=User.AccountType.ORGANISATION)
        Membership.objects.create(user=user, organisation=org, role=Membership.Role.ADMIN)

    orgs = [client_org, esn_org, *other_orgs]
    built_missions = [gen.mission(orgs[i % len(orgs)], i) for i in range(missions)]
    mission_objs = _bulk(Mission, [m for m, _ in built_missions])
    tool_reqs, skill_reqs, questions = [], [], []
    for mission, (_, details) in zip(mission_objs, built_missions):
        tool_reqs += [MissionTool(mission=mission, tool=t, importance=imp, min_proficiency=p)
                      for t, imp, p in details["tools"]]
        skill_reqs += [MissionSkill(mission=mission, skill=s, importance=imp) for s, imp in details["skills"]]
        questions += [QuestionnaireQuestion(mission=mission, position=i, text=q) for i, q in enumerate(QUESTIONS)]
    for model, rows in ((MissionTool, tool_reqs), (MissionSkill, skill_reqs), (QuestionnaireQuestion, questions)):
        insert_many(model, rows)
    return SeedSummary(profiles=written, missions=len(mission_objs), organisations=len(orgs))


def _seed_profiles(gen: _Generator, indexes: range) -> int:
    users = _bulk(User, [gen.user(i, DEMO_FREELANCER if i == 0 else None) for i in indexes])
    built = [gen.profile(user) for user in users]
    profile_objs = _bulk(FreelancerProfile, [p for p, _ in built])
    sector_rows, tool_rows, skill_rows, diploma_rows, experience_rows, rec_rows = [], [], [], [], [], []
    skill_through = FreelancerProfile.skills.through
    for profile, (_, details) in zip(profile_objs, built):
        sector_rows += [ProfileSector(profile=profile, sector=s, years=y) for s, y in details["sectors"]]
        tool_rows += [ProfileTool(profile=profile, tool=t, proficiency=p) for t, p in details["tools"]]
        skill_rows += [skill_through(freelancerprofile=profile, skill=s) for s in details["skills"]]
        diploma_rows += [Diploma(profile=profile, kind=k, level=lv, title=t, school=sc, year=y)
                         for k, lv, t, sc, y in details["diplomas"]]
        experience_rows += [Experience(profile=profile, client=c, sector=s, role="amoe", scale=sc, start_date=st,
                                       end_date=en, description="Pilotage technique et coordination des lots.")
                            for c, s, sc, st, en in details["experiences"]]
        rec_rows += [Recommendation(profile=profile, author_name=f"{gen.rng.choice(FIRST_NAMES)} "
                                    f"{gen.rng.choice(LAST_NAMES)}", author_company=gen.rng.choice(CLIENT_COMPANIES),
                                    rating=r, text="Travail rigoureux, excellent relationnel avec la MOE.",
                                    verified=gen.rng.random() < 0.6) for r in details["ratings"]]
    for model, rows in ((ProfileSector, sector_rows), (ProfileTool, tool_rows), (skill_through, skill_rows),
                        (Diploma, diploma_rows), (Experience, experience_rows), (Recommendation, rec_rows)):
        insert_many(model, rows)
    return len(profile_objs)


def demo_already_loaded() -> bool:
    return User.objects.filter(email=DEMO_FREELANCER).exists()
