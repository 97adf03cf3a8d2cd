"""Fixtures for the REST API tests: token clients per role and ranked missions of two organisations."""
import pytest
from rest_framework.test import APIClient

from accounts.authentication import api_token_issue
from tests.factories import MissionFactory, MissionToolFactory, QuestionFactory
from tests.recruiting import conftest_client
from tests.recruiting.conftest_client import make_candidate, rank

# The client pages' fixtures: a fresh engine index per test, a member of another organisation.
fresh_index = conftest_client.fresh_index
other_org_member = conftest_client.other_org_member


def token_client(user=None, *, language: str | None = None) -> APIClient:
    client = APIClient()
    headers = {}
    if user is not None:
        _, raw = api_token_issue(user=user)
        headers["HTTP_AUTHORIZATION"] = f"Token {raw}"
    if language:
        headers["HTTP_ACCEPT_LANGUAGE"] = language
    client.credentials(**headers)
    return client


@pytest.fixture
def recruiter_api(esn_recruiter):
    return token_client(esn_recruiter)


@pytest.fixture
def esn_org(esn_recruiter):
    return esn_recruiter.memberships.get().organisation


@pytest.fixture
def esn_mission(esn_org):
    """An open mission of the recruiter's ESN with five ranked candidates (best has 12 years)."""
    mission = MissionFactory(organisation=esn_org, title="AMOE déploiement ERP", daily_rate_max=800)
    MissionToolFactory(mission=mission)
    QuestionFactory(mission=mission)
    mission.candidates = [make_candidate(years=y, rate=r, phone="06 12 34 56 78")
                          for y, r in ((12, 700), (8, 650), (5, 600), (3, 550), (2, 500))]
    rank(mission)
    return mission


@pytest.fixture
def foreign_mission(other_org_member):
    """An open, ranked mission of another organisation: the recruiter must get 404 on it."""
    mission = MissionFactory(organisation=other_org_member.memberships.get().organisation, title="Mission concurrente")
    make_candidate(years=9)
    rank(mission)
    return mission
