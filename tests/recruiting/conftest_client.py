"""Fixtures for the client pages' tests; import them with `from tests.recruiting.conftest_client import *`."""
import datetime

import pytest

from accounts.models import Membership
from matching import index_cache
from matching.services import mission_rank
from tests.factories import (
    DiplomaFactory,
    ExperienceFactory,
    FreelancerProfileFactory,
    MembershipFactory,
    MissionFactory,
    MissionToolFactory,
    OrganisationFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    QuestionFactory,
    RecommendationFactory,
)

__all__ = ["fresh_index", "other_org_member", "ranked_mission", "make_candidate", "rank"]


@pytest.fixture(autouse=True)
def fresh_index():
    index_cache.reset()
    yield
    index_cache.reset()


def make_other_org_member():
    org = OrganisationFactory(name="Concurrent SA")
    return MembershipFactory(organisation=org, role=Membership.Role.ADMIN, user__email="admin@other.fr").user


@pytest.fixture
def other_org_member(db):
    return make_other_org_member()


def make_candidate(*, years=5, rate=600, email=None, phone="", available_in_days=0, **kwargs):
    user_kwargs = {"user__phone": phone}
    if email:
        user_kwargs["user__email"] = email
    profile = FreelancerProfileFactory(
        years_experience=years, daily_rate=rate,
        available_from=datetime.date.today() + datetime.timedelta(days=available_in_days), **user_kwargs, **kwargs,
    )
    ProfileSectorFactory(profile=profile, years=min(years, 10))
    ProfileToolFactory(profile=profile, proficiency=3)
    DiplomaFactory(profile=profile)
    ExperienceFactory(profile=profile)
    return profile


def rank(mission):
    index_cache.reset()
    return mission_rank(mission_id=mission.pk)


@pytest.fixture
def ranked_mission(client_org):
    """An open mission of client_org with five candidates ranked, one too expensive, one late, one question."""
    mission = MissionFactory(organisation=client_org, title="AMOE extension d'usine", daily_rate_max=800)
    MissionToolFactory(mission=mission)
    QuestionFactory(mission=mission, text="Quel projet de cette envergure avez-vous suivi ?")
    profiles = [make_candidate(years=y, rate=r, phone="06 12 34 56 78")
                for y, r in ((12, 700), (8, 650), (5, 600), (3, 550), (2, 500))]
    RecommendationFactory(profile=profiles[1], rating=5, text="Excellent suivi de chantier.")
    make_candidate(years=10, rate=2000)  # above the ceiling
    make_candidate(years=10, available_in_days=200)  # not available in time
    rank(mission)
    mission.candidates = profiles
    return mission
