import pytest

from accounts.models import Membership, Organisation, User
from tests.factories import FreelancerProfileFactory, MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def freelancer(db):
    return FreelancerProfileFactory(user__email="freelance@example.com").user


@pytest.fixture
def client_org(db):
    return OrganisationFactory(name="Bâtiments du Rhône", kind=Organisation.Kind.CLIENT)


@pytest.fixture
def client_admin(client_org):
    return MembershipFactory(organisation=client_org, role=Membership.Role.ADMIN, user__email="admin@client.fr").user


@pytest.fixture
def client_member(client_org):
    return MembershipFactory(organisation=client_org, user__email="member@client.fr").user


@pytest.fixture
def esn_recruiter(db):
    org = OrganisationFactory(name="Numérique Conseil", kind=Organisation.Kind.ESN)
    return MembershipFactory(organisation=org, role=Membership.Role.ADMIN, user__email="recruiter@esn.fr").user


@pytest.fixture
def staff_user(db):
    return UserFactory(email="staff@amoe.fr", is_staff=True, is_superuser=True, account_type=User.AccountType.STAFF)
