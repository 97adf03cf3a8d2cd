import os

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from accounts.models import Membership, Organisation, User
from matching import index_cache
from profiles.models import Sector, Skill, Tool
from profiles.vocabulary_data import load_vocabularies
from tests.factories import FreelancerProfileFactory, MembershipFactory, OrganisationFactory, UserFactory

# Hypothesis: in CI the same examples on every run, so that a counterexample found by chance cannot fail an
# unrelated commit; elsewhere random examples, and the failing ones kept in .hypothesis/ (git-ignored) and
# replayed first. HYPOTHESIS_PROFILE picks either explicitly.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("dev")
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or (
    "ci" if os.environ.get("CI") or os.environ.get("AMOE_REQUIRE_SERVICES") else "dev"))


# The named users of each role, as plain functions for fixtures of a wider scope (tests/security's matrix).
def make_freelancer():
    return FreelancerProfileFactory(user__email="freelance@example.com").user


def make_client_org():
    return OrganisationFactory(name="Bâtiments du Rhône", kind=Organisation.Kind.CLIENT)


def make_client_admin(client_org):
    return MembershipFactory(organisation=client_org, role=Membership.Role.ADMIN, user__email="admin@client.fr").user


def make_client_member(client_org):
    return MembershipFactory(organisation=client_org, user__email="member@client.fr").user


def make_esn_recruiter():
    org = OrganisationFactory(name="Numérique Conseil", kind=Organisation.Kind.ESN)
    return MembershipFactory(organisation=org, role=Membership.Role.ADMIN, user__email="recruiter@esn.fr").user


def make_staff_user():
    return UserFactory(email="staff@amoe.fr", is_staff=True, is_superuser=True, account_type=User.AccountType.STAFF)


@pytest.fixture
def freelancer(db):
    return make_freelancer()


@pytest.fixture
def client_org(db):
    return make_client_org()


@pytest.fixture
def client_admin(client_org):
    return make_client_admin(client_org)


@pytest.fixture
def client_member(client_org):
    return make_client_member(client_org)


@pytest.fixture
def esn_recruiter(db):
    return make_esn_recruiter()


@pytest.fixture
def staff_user(db):
    return make_staff_user()


@pytest.fixture(autouse=True)
def _vocabularies_after_flush(request):
    """Transactional tests flush the tables, the migrated vocabularies with them: put them back."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        load_vocabularies(sector_model=Sector, tool_model=Tool, skill_model=Skill)


@pytest.fixture(autouse=True)
def _fresh_profile_index():
    """Each test starts with no in-memory profile index: one built for another test's data would be stale."""
    index_cache.reset()
    yield
    index_cache.reset()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters, log-in limits and cached labels live in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()
