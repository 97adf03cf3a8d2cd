import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import Membership, Organisation, User
from missions.models import Mission, MissionSkill, MissionTool, QuestionnaireQuestion, Recommendation
from profiles.models import Diploma, Experience, FreelancerProfile, ProfileSector, ProfileTool, Sector, Skill, Tool


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Entreprise {n}")
    kind = Organisation.Kind.CLIENT


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, account_type=User.AccountType.ORGANISATION)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


def sector(code: str) -> Sector:
    return Sector.objects.get(code=code)


def tool(code: str) -> Tool:
    return Tool.objects.get(code=code)


def skill(code: str) -> Skill:
    return Skill.objects.get(code=code)


class FreelancerProfileFactory(DjangoModelFactory):
    class Meta:
        model = FreelancerProfile

    user = factory.SubFactory(UserFactory)
    headline = "AMOE pilotage de travaux"
    summary = "Assistance à maîtrise d'œuvre."
    roles = factory.LazyFunction(lambda: ["amoe"])
    years_experience = 5
    english_written = "B2"
    english_spoken = "B2"
    daily_rate = 600
    available_from = factory.LazyFunction(datetime.date.today)
    days_per_week = 5
    work_modes = factory.LazyFunction(lambda: ["on_site", "hybrid", "remote"])
    city = "Lyon"
    latitude = 45.7640
    longitude = 4.8357
    mobility_km = 100
    is_visible = True


class ProfileSectorFactory(DjangoModelFactory):
    class Meta:
        model = ProfileSector

    profile = factory.SubFactory(FreelancerProfileFactory)
    sector = factory.LazyFunction(lambda: sector("btp"))
    years = 3


class ProfileToolFactory(DjangoModelFactory):
    class Meta:
        model = ProfileTool

    profile = factory.SubFactory(FreelancerProfileFactory)
    tool = factory.LazyFunction(lambda: tool("ms_project"))
    proficiency = 3


class DiplomaFactory(DjangoModelFactory):
    class Meta:
        model = Diploma

    profile = factory.SubFactory(FreelancerProfileFactory)
    kind = "engineering"
    level = 5
    title = "Diplôme d'ingénieur"
    school = "INSA Lyon"
    year = 2012


class ExperienceFactory(DjangoModelFactory):
    class Meta:
        model = Experience

    profile = factory.SubFactory(FreelancerProfileFactory)
    client = "Vinci Construction"
    scale = "large"
    start_date = datetime.date(2019, 1, 1)
    end_date = datetime.date(2021, 6, 30)


class MissionFactory(DjangoModelFactory):
    class Meta:
        model = Mission

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Mission AMOE {n}")
    description = "Assistance au MOE."
    role = "amoe"
    sector = factory.LazyFunction(lambda: sector("btp"))
    scale = "medium"
    complexity = "moderate"
    start_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))
    duration_months = 6
    days_per_week = 5
    work_mode = "hybrid"
    city = "Lyon"
    latitude = 45.7640
    longitude = 4.8357
    daily_rate_max = 800
    status = Mission.Status.OPEN


class MissionToolFactory(DjangoModelFactory):
    class Meta:
        model = MissionTool

    mission = factory.SubFactory(MissionFactory)
    tool = factory.LazyFunction(lambda: tool("ms_project"))
    importance = "must"
    min_proficiency = 2


class MissionSkillFactory(DjangoModelFactory):
    class Meta:
        model = MissionSkill

    mission = factory.SubFactory(MissionFactory)
    skill = factory.LazyFunction(lambda: skill("planning"))
    importance = "must"


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = QuestionnaireQuestion

    mission = factory.SubFactory(MissionFactory)
    text = "Décrivez votre dernier projet."


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    profile = factory.SubFactory(FreelancerProfileFactory)
    author_name = "Jean Dupont"
    rating = 5
    verified = True


class RankingEntryFactory(DjangoModelFactory):
    """A stored ranking row without a breakdown: what makes a profile a candidate of a mission."""

    class Meta:
        model = "matching.RankingEntry"

    mission = factory.SubFactory(MissionFactory)
    profile = factory.SubFactory(FreelancerProfileFactory)
    rank = factory.Sequence(lambda n: n + 1)
    score = 70.0
    engine_version = "test"
    computed_at = factory.LazyFunction(timezone.now)
