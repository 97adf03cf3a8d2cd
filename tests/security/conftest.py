"""Fixtures for the security tests: one small world with every role and objects of two organisations.

The roles (the fixtures of tests/conftest.py, plus another freelancer and another organisation's admin):
freelancer, other_freelancer, client_member and client_admin (one client organisation), other_org_member
(a second client organisation), esn_recruiter (an ESN), staff_user.
"""
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Invitation, Membership
from matching.models import ProfileFeatureRow
from missions.models import Mission, Recommendation
from profiles.models import FreelancerProfile
from profiles.services import profile_cv_replace
from recruiting import shortlist
from recruiting.models import ShortlistEntry
from tests.factories import (
    DiplomaFactory,
    ExperienceFactory,
    MissionFactory,
    MissionToolFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    QuestionFactory,
    RecommendationFactory,
)
from tests.profiles.pdfs import minimal_pdf
from tests.recruiting import conftest_client
from tests.recruiting.conftest_client import make_candidate, rank

fresh_index = conftest_client.fresh_index
other_org_member = conftest_client.other_org_member

ROLES = ("anonymous", "freelancer", "other_freelancer", "client_member", "client_admin", "other_org_member",
         "esn_recruiter", "staff")


def make_other_freelancer():
    return make_candidate(email="autre-freelance@example.com", years=7).user


@pytest.fixture
def other_freelancer(db):
    return make_other_freelancer()


def give_cv(profile: FreelancerProfile) -> None:
    profile_cv_replace(profile=profile, upload=SimpleUploadedFile("cv.pdf", minimal_pdf(), "application/pdf"))


def _ranked_without(mission: Mission, *hidden: FreelancerProfile) -> None:
    """Rank the mission while the given profiles are out of the rankings (then show them again)."""
    # A shortcut past the receivers (which would also withdraw the profiles from other rankings): drop
    # the packed features by hand so that the engine reads the profiles again.
    ids = [p.pk for p in hidden]
    FreelancerProfile.objects.filter(pk__in=ids).update(is_visible=False)
    ProfileFeatureRow.objects.filter(profile_id__in=ids).delete()
    rank(mission)
    FreelancerProfile.objects.filter(pk__in=ids).update(is_visible=True)
    ProfileFeatureRow.objects.filter(profile_id__in=ids).delete()


@dataclass
class World:
    users: dict
    profile: FreelancerProfile  # the freelancer's: ranked and shortlisted for `mission` only
    other_profile: FreelancerProfile  # the other freelancer's: ranked and shortlisted for `other_mission` only
    hidden_profile: FreelancerProfile  # not shown to clients (is_visible=False), ranked nowhere
    mission: Mission  # of the client organisation (client_member, client_admin)
    other_mission: Mission  # of another organisation (other_org_member)
    esn_mission: Mission  # of the ESN (esn_recruiter), ranked, nobody shortlisted
    entry: ShortlistEntry  # the freelancer on `mission`'s shortlist
    other_entry: ShortlistEntry  # the other freelancer on `other_mission`'s shortlist
    membership: Membership  # client_member's membership of the client organisation
    other_membership: Membership  # other_org_member's membership of the other organisation
    invitation: Invitation  # pending, to the client organisation
    recommendation: Recommendation  # about the freelancer's profile


@pytest.fixture
def world(freelancer, other_freelancer, client_member, client_admin, other_org_member, esn_recruiter,
          staff_user) -> World:
    return build_world(freelancer=freelancer, other_freelancer=other_freelancer, client_member=client_member,
                       client_admin=client_admin, other_org_member=other_org_member, esn_recruiter=esn_recruiter,
                       staff_user=staff_user)


def build_world(*, freelancer, other_freelancer, client_member, client_admin, other_org_member, esn_recruiter,
                staff_user) -> World:
    profile = freelancer.profile
    ProfileSectorFactory(profile=profile)
    ProfileToolFactory(profile=profile)
    DiplomaFactory(profile=profile)
    ExperienceFactory(profile=profile)
    other_profile = other_freelancer.profile
    give_cv(profile)
    give_cv(other_profile)
    hidden_profile = make_candidate(email="cache@example.com", is_visible=False)
    give_cv(hidden_profile)

    client_org = client_admin.memberships.get().organisation
    mission = MissionFactory(organisation=client_org, title="Mission du client")
    other_mission = MissionFactory(organisation=other_org_member.memberships.get().organisation,
                                   title="Mission concurrente")
    esn_mission = MissionFactory(organisation=esn_recruiter.memberships.get().organisation, title="Mission ESN")
    for m in (mission, other_mission, esn_mission):
        MissionToolFactory(mission=m)
        QuestionFactory(mission=m)
    _ranked_without(mission, other_profile)
    _ranked_without(other_mission, profile)
    _ranked_without(esn_mission)
    entry = shortlist.shortlist_add(mission=mission, profile=profile, by=client_admin)
    other_entry = shortlist.shortlist_add(mission=other_mission, profile=other_profile, by=other_org_member)
    invitation = Invitation.objects.create(organisation=client_org, email="nouveau@client.fr",
                                           invited_by=client_admin)
    users = {"anonymous": None, "freelancer": freelancer, "other_freelancer": other_freelancer,
             "client_member": client_member, "client_admin": client_admin, "other_org_member": other_org_member,
             "esn_recruiter": esn_recruiter, "staff": staff_user}
    return World(users=users, profile=profile, other_profile=other_profile, hidden_profile=hidden_profile,
                 mission=mission, other_mission=other_mission, esn_mission=esn_mission, entry=entry,
                 other_entry=other_entry, membership=client_member.memberships.get(),
                 other_membership=other_org_member.memberships.get(), invitation=invitation,
                 recommendation=RecommendationFactory(profile=profile, verified=False))
