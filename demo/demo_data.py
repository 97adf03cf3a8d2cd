"""Realistic, reproducible French demo data, written in bulk.

The same seed gives the same data (on the same day: dates are relative to today,
so that availabilities and start dates stay plausible whenever the demo runs).

The demo freelancer and the first missions are written by hand so that the demo is
worth looking at, whatever the number of random profiles: the freelancer fits five
missions on every criterion and has more good recommendations than a random profile
can have (at most four), so ranks first on them; three more exclude them, one each
for the rate, English, and distance.
"""
import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import Membership, Organisation, User
from core.bulk import insert_many
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
# How common each tool and skill is among AMOE consultants (others: 1). Drawn uniformly, a mission's must-haves
# were almost never all held by anybody, and every demo candidate read as weak.
TOOL_POPULARITY = {"ms_project": 12, "excel": 14, "outlook": 8, "ms_teams": 8, "power_bi": 4, "jira": 4,
                   "confluence": 3, "primavera": 3, "autocad": 3, "sap": 2}
SKILL_POPULARITY = {"planning": 10, "reporting": 10, "budgeting": 6, "risk_management": 5, "specifications": 5,
                    "acceptance_testing": 4}
CEFR = list(CefrLevel.values)

# The demo freelancer, Claire Moreau: Lyon, 12 years, rate 650, English B2.
SHOWCASE_PROFILE = {
    "headline": "AMOE pilotage de grands projets BTP et immobilier", "years": 12, "rate": 650, "english": "B2",
    "city": "Lyon", "mobility_km": 100, "work_modes": ["on_site", "hybrid", "remote"], "roles": ["amoe", "pmo"],
    "sectors": {"btp": 9, "immobilier": 6, "architecture": 5},
    "tools": {"ms_project": 4, "primavera": 3, "excel": 4, "outlook": 4, "revit": 3, "ms_teams": 3},
    "skills": ["planning", "budgeting", "acceptance_testing", "reporting", "risk_management", "specifications"],
    "experiences": [("Vinci Construction Grands Projets", "btp", "very_large", 4), ("Nexity Promotion", "immobilier",
                    "large", 3), ("Atelier d'architecture Lumen", "architecture", "medium", 3),
                    ("Bouygues Bâtiment Sud-Est", "btp", "small", 2)],
    "recommendations": 6,  # verified, rated 5: more than a random profile's four at most
}
# Missions made for her: (organisation slot, title, sector, city or None for remote, work mode, scale, complexity,
# rate ceiling, English minimum, tools (code, importance, proficiency), skills (code, importance)). Slots: 0 the
# demo client, 1 the demo recruiter's ESN, 2+ the other clients. The first five fit her on every criterion, the
# last three exclude her: rate ceiling 500 (at most 550 accepted), English C1, on site in Lille (560 km away).
SHOWCASE_MISSIONS = [
    (0, "AMOE pour la construction d'un centre hospitalier", "btp", "Lyon", "hybrid", "very_large", "high", 900, "",
     [("ms_project", "must", 3), ("primavera", "nice", 2)], [("planning", "must"), ("risk_management", "must")]),
    (0, "AMOE pilotage technique : programme de 300 logements", "immobilier", "Lyon", "on_site", "large", "moderate",
     850, "", [("excel", "must", 3), ("ms_project", "must", 3)], [("budgeting", "must"), ("reporting", "nice")]),
    (0, "Assistance MOE – réhabilitation d'un immeuble haussmannien", "architecture", "Saint-Étienne", "hybrid",
     "medium", "moderate", None, "", [("revit", "must", 2)], [("specifications", "must"), ("planning", "nice")]),
    (1, "AMOE recette et mise en service : siège régional", "btp", None, "remote", "large", "moderate", 820, "",
     [("ms_project", "must", 2), ("ms_teams", "nice", 2)], [("acceptance_testing", "must"), ("reporting", "must")]),
    (1, "AMOE planification : groupe scolaire", "btp", "Lyon", "hybrid", "medium", "low", 800, "",
     [("primavera", "must", 3), ("excel", "nice", 2)], [("planning", "must")]),
    (2, "AMOE pilotage technique : éco-quartier", "btp", "Lyon", "hybrid", "medium", "moderate", 500, "",
     [("ms_project", "must", 2)], [("planning", "must")]),
    (3, "AMOE recette et déploiement : usine de batteries", "btp", None, "remote", "large", "moderate", None, "C1",
     [("excel", "must", 2)], [("acceptance_testing", "must")]),
    (4, "AMOE pour la construction d'un pont routier", "btp", "Lille", "on_site", "large", "high", 900, "",
     [("ms_project", "must", 2)], [("planning", "must")]),
]


@dataclass
class SeedSummary:
    profiles: int
    missions: int
    organisations: int


def _weighted(rng: random.Random, options, weights):
    return rng.choices(options, weights=weights, k=1)[0]


def _popular_sample(rng: random.Random, items: list, popularity: dict[str, int], k: int) -> list:
    """k distinct items, the more popular the likelier (weighted sampling without replacement)."""
    return sorted(items, key=lambda item: rng.random() ** (1 / popularity.get(item.code, 1)), reverse=True)[:k]


class _Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.today = datetime.date.today()
        self.sectors = list(Sector.objects.order_by("code"))
        self.tools = list(Tool.objects.order_by("code"))
        self.skills = list(Skill.objects.order_by("code"))
        self.cities = sorted(CITIES)
        self.sector, self.tool, self.skill = ({item.code: item for item in items}
                                              for items in (self.sectors, self.tools, self.skills))

    def user(self, index: int) -> User:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{first}.{last}.{index}@demo.amoe-match.fr".lower().replace(" ", "-")
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
            # Some say what they look for, so clients see candidates outside their preferences.
            max_mission_months=rng.choice([6, 12]) if rng.random() < 0.2 else None,
            wanted_scales=sorted(rng.sample(SCALES, 2)) if rng.random() < 0.15 else [],
        )
        extra_sectors = rng.sample([s for s in self.sectors if s != main_sector], rng.randint(0, 2))
        details = {
            "sectors": [(main_sector, max(1, years - rng.randint(0, 3)))]
            + [(s, rng.randint(1, max(1, years // 2))) for s in extra_sectors],
            "tools": [(t, rng.randint(2, 4) if t.code in TOOL_POPULARITY else rng.randint(1, 4))
                      for t in _popular_sample(rng, self.tools, TOOL_POPULARITY, rng.randint(3, 10))],
            "skills": _popular_sample(rng, self.skills, SKILL_POPULARITY, rng.randint(3, 8)),
            "diplomas": self._diplomas(),
            "experiences": self._experiences(years, main_sector),
            "ratings": [(rng.choices([2, 3, 4, 5], weights=[1, 3, 10, 12])[0], rng.random() < 0.6)
                        for _ in range(rng.randint(0, 4))],
        }
        return profile, details

    def showcase_profile(self, user: User) -> tuple[FreelancerProfile, dict]:
        spec, today = SHOWCASE_PROFILE, self.today
        lat, lon = CITIES[spec["city"]]
        profile = FreelancerProfile(
            user=user, headline=spec["headline"],
            summary=("12 ans d'assistance à maîtrise d'œuvre sur des hôpitaux, des logements et des réhabilitations : "
                     "planning, budget, recette et reporting auprès de la MOE et de la MOA."),
            roles=spec["roles"], years_experience=spec["years"], english_written=spec["english"],
            english_spoken=spec["english"], daily_rate=spec["rate"], available_from=today, days_per_week=5,
            work_modes=spec["work_modes"], city=spec["city"], latitude=lat, longitude=lon,
            mobility_km=spec["mobility_km"], is_visible=True,
        )
        experiences, end = [], today
        for client, sector, scale, years in spec["experiences"]:
            start = end - datetime.timedelta(days=365 * years)
            experiences.append((client, self.sector[sector], scale, start, end))
            end = start - datetime.timedelta(days=30)
        details = {
            "sectors": [(self.sector[code], years) for code, years in spec["sectors"].items()],
            "tools": [(self.tool[code], level) for code, level in spec["tools"].items()],
            "skills": [self.skill[code] for code in spec["skills"]],
            "diplomas": [("engineering", 5, DIPLOMA_TITLES["engineering"], "INSA Lyon", today.year - 14)],
            "experiences": experiences,
            "ratings": [(5, True)] * spec["recommendations"],
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
            # One must-have tool and one must-have skill at most, the others wished for: what a client writes.
            "tools": [(t, "must" if i < 1 else "nice", rng.randint(2, 3))
                      for i, t in enumerate(_popular_sample(rng, self.tools, TOOL_POPULARITY, rng.randint(2, 5)))],
            "skills": [(s, "must" if i < 1 and rng.random() < 0.7 else "nice")
                       for i, s in enumerate(_popular_sample(rng, self.skills, SKILL_POPULARITY, rng.randint(2, 5)))],
        }
        return mission, details

    def showcase_mission(self, organisation: Organisation, spec: tuple) -> tuple[Mission, dict]:
        _, title, sector, city, work_mode, scale, complexity, ceiling, english, tools, skills = spec
        lat, lon = CITIES[city] if city else (None, None)
        mission = Mission(
            organisation=organisation, title=title,
            description="Accompagnement du maître d'œuvre de la conception à la réception : planning, "
                        "reporting, suivi des prestataires, recette.",
            role="amoe", sector=self.sector[sector], scale=scale, complexity=complexity,
            english_written_min=english, english_spoken_min=english, is_international=bool(english),
            start_date=self.today + datetime.timedelta(days=21), duration_months=12, days_per_week=5,
            work_mode=work_mode, city=city or "", latitude=lat, longitude=lon, daily_rate_max=ceiling,
            min_diploma_level=5, status=Mission.Status.OPEN,
        )
        details = {"tools": [(self.tool[code], importance, level) for code, importance, level in tools],
                   "skills": [(self.skill[code], importance) for code, importance in skills]}
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
        written += _seed_profiles(gen, range(chunk_start, min(profiles, chunk_start + BATCH)), demo_password)

    client_org = Organisation.objects.create(name="Bâtiments du Rhône SA", kind=Organisation.Kind.CLIENT, city="Lyon")
    esn_org = Organisation.objects.create(name="Numérique Conseil ESN", kind=Organisation.Kind.ESN, city="Paris")
    other_orgs = [Organisation.objects.create(name=name, kind=Organisation.Kind.CLIENT)
                  for name in CLIENT_COMPANIES[:3]]
    for email, org, first, last in ((DEMO_CLIENT, client_org, "Julien", "Lambert"),
                                    (DEMO_RECRUITER, esn_org, "Nadia", "Haddad")):
        user = User.objects.create(email=email, first_name=first, last_name=last, password=demo_password,
                                   account_type=User.AccountType.ORGANISATION)
        Membership.objects.create(user=user, organisation=org, role=Membership.Role.ADMIN)
    for user in User.objects.filter(email__in=[DEMO_FREELANCER, DEMO_CLIENT, DEMO_RECRUITER]):
        user.email_address_verify()

    orgs = [client_org, esn_org, *other_orgs]
    showcase = SHOWCASE_MISSIONS[:missions]
    built_missions = [gen.showcase_mission(orgs[spec[0]], spec) for spec in showcase] + [
        gen.mission(orgs[i % len(orgs)], i) for i in range(missions - len(showcase))]
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


def _seed_profiles(gen: _Generator, indexes: range, demo_password: str) -> int:
    users = [gen.user(i) for i in indexes]
    if indexes.start == 0:  # the demo freelancer comes first: the lowest id, which wins ties
        users[0] = User(email=DEMO_FREELANCER, first_name="Claire", last_name="Moreau", password=demo_password,
                        account_type=User.AccountType.FREELANCER, phone="06 12 48 75 30")
    users = _bulk(User, users)
    built = [gen.showcase_profile(user) if user.email == DEMO_FREELANCER else gen.profile(user) for user in users]
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
                                    verified=v) for r, v in details["ratings"]]
    for model, rows in ((ProfileSector, sector_rows), (ProfileTool, tool_rows), (skill_through, skill_rows),
                        (Diploma, diploma_rows), (Experience, experience_rows), (Recommendation, rec_rows)):
        insert_many(model, rows)
    return len(profile_objs)


def demo_already_loaded() -> bool:
    return User.objects.filter(email=DEMO_FREELANCER).exists()
