"""GET /api/v1/profiles/{id}/ built from values and cached: the same document as the schema's serializer, every change
that alters it shows at the next request, the access rule (owner, staff, a current member reading a shown profile)
and the contact rule applied to every request, and contact details never kept in the cache."""
import datetime
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework.renderers import JSONRenderer

from accounts.models import Membership, Organisation
from profiles import api_search
from profiles.access import get_profile_for_user
from profiles.models import Certification, Diploma, Experience, Sector
from profiles.serializers import ProfileDetailSerializer
from recruiting.models import ShortlistEntry
from tests.api.conftest import token_client
from tests.factories import (
    DiplomaFactory,
    ExperienceFactory,
    FreelancerProfileFactory,
    MembershipFactory,
    MissionFactory,
    OrganisationFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    RecommendationFactory,
    sector,
    skill,
    tool,
)


def url(profile) -> str:
    return f"/api/v1/profiles/{profile.pk}/"


@pytest.fixture
def rich_profile(db):
    today = datetime.date.today()
    profile = FreelancerProfileFactory(
        years_experience=12, daily_rate=800, english_written="C1", english_spoken="", work_modes=["on_site"],
        headline="AMOE grands chantiers", summary="Pilotage", available_from=None, min_daily_rate=700,
        min_mission_months=3, max_mission_months=12, earliest_start_date=today, wanted_scales=["large"])
    profile.user.phone = "06 00 00 00 01"
    profile.user.save()
    ProfileSectorFactory(profile=profile, sector=sector("btp"), years=5)
    ProfileSectorFactory(profile=profile, sector=sector("industrie"), years=2)
    ProfileToolFactory(profile=profile, tool=tool("ms_project"), proficiency=4)
    ProfileToolFactory(profile=profile, tool=tool("excel"), proficiency=2)
    profile.skills.add(skill("planning"), skill("budgeting"))
    profile.wanted_sectors.add(sector("btp"), sector("architecture"))
    profile.refused_sectors.add(sector("informatique"))
    DiplomaFactory(profile=profile)
    DiplomaFactory(profile=profile, kind="master", level=7, title="Master génie civil", school="", year=2010)
    Certification.objects.create(profile=profile, name="PMP", issuer="PMI", year=2018)
    Certification.objects.create(profile=profile, name="Prince2")
    ExperienceFactory(profile=profile, sector=sector("btp"), description="Hôpital")
    ExperienceFactory(profile=profile, client="Renault", sector=None, role="moe", scale="small",
                      start_date=datetime.date(2022, 1, 1), end_date=None)
    return profile


def _expected(profile, language: str, *, contacts: bool) -> dict:
    """The serializer's document, on the profile as get_profile_for_user reads it (the page's prefetches)."""
    with translation.override(language):
        fresh = get_profile_for_user(profile.user, profile.pk)
        data = ProfileDetailSerializer(fresh, context={"contact_visible_ids": {profile.pk} if contacts else set()}).data
        return json.loads(JSONRenderer().render(data))


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("reader", ["staff_user", "esn_recruiter"])
def test_the_values_built_document_is_the_serializers(request, rich_profile, language, reader):
    api = token_client(request.getfixturevalue(reader), language=language)
    want = _expected(rich_profile, language, contacts=reader == "staff_user")
    for _ in range(2):  # built, then from the cache
        body = api.get(url(rich_profile)).json()
        for got in (body, want):  # the serializer's prefetches of sectors and tools ask for no order
            got["sectors"].sort(key=lambda s: s["code"])
            got["tools"].sort(key=lambda t: t["code"])
        assert body == want


def _warm(api, profile):
    """The document cached, and the token's identity cached again (its last use, written once, forgets it)."""
    api.get(url(profile))
    api.get("/api/v1/sectors/")


def test_a_profile_read_again_reads_no_profile_row(esn_recruiter, rich_profile):
    api = token_client(esn_recruiter)
    _warm(api, rich_profile)
    with CaptureQueriesContext(connection) as queries:
        assert api.get(url(rich_profile)).status_code == 200
    # The contact rule (a shortlist of the caller's organisation?) and nothing else.
    assert len(queries) == 1, "\n".join(q["sql"][:150] for q in queries)
    assert "shortlist" in queries[0]["sql"]


class _CountingCache:
    def __init__(self, real):
        self.real, self.calls = real, []

    def __getattr__(self, name):
        method = getattr(self.real, name)

        def counted(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)
        return counted


@pytest.mark.parametrize("path", ["/api/v1/profiles/{pk}/", "/api/v1/profiles/?page_size=25&sector=btp",
                                  "/api/v1/profiles/?page=2&page_size=1"])
def test_a_cached_answer_takes_one_cache_round_trip(monkeypatch, esn_recruiter, rich_profile, path):
    FreelancerProfileFactory()
    api = token_client(esn_recruiter)
    path = path.format(pk=rich_profile.pk)
    assert api.get(path).status_code == 200
    counting = _CountingCache(cache)
    monkeypatch.setattr(api_search, "cache", counting)
    assert api.get(path).status_code == 200
    assert counting.calls == ["get_many"]  # the search version with the count and the page, or the document


def _headline(profile):
    profile.headline = "Nouveau titre"
    profile.save()


def _diploma_added(profile):
    DiplomaFactory(profile=profile, title="BTS bâtiment", kind="bts", level=5, year=2005)


def _diploma_edited(profile):
    diploma = profile.diplomas.first()
    diploma.school = "École centrale"
    diploma.save()


def _certification_added(profile):
    Certification.objects.create(profile=profile, name="ITIL")


def _certification_removed(profile):
    profile.certifications.first().delete()


def _experience_edited(profile):
    experience = profile.experiences.first()
    experience.description = "Hôpital de 400 lits"
    experience.save()


def _experience_removed(profile):
    profile.experiences.last().delete()


def _sector_added(profile):
    ProfileSectorFactory(profile=profile, sector=sector("immobilier"), years=1)


def _skill_removed(profile):
    profile.skills.remove(skill("budgeting"))


def _refused_sector_removed(profile):
    profile.refused_sectors.clear()


def _renamed(profile):
    profile.user.first_name = "Renommé"
    profile.user.save()


def _relabelled(profile):
    Sector.objects.filter(code="btp").update(label_fr="BTP renommé")
    Sector.objects.get(code="btp").save()


def _recommended(profile):
    RecommendationFactory(profile=profile)  # only the modification time moves (matching's receiver, a bulk update)


@pytest.mark.parametrize("change", [
    _headline, _diploma_added, _diploma_edited, _certification_added, _certification_removed, _experience_edited,
    _experience_removed, _sector_added, _skill_removed, _refused_sector_removed, _renamed, _relabelled, _recommended,
])
def test_any_change_to_the_document_shows_at_the_next_request(staff_user, rich_profile,
                                                              django_capture_on_commit_callbacks, change):
    api = token_client(staff_user)
    before = api.get(url(rich_profile)).json()
    assert api.get(url(rich_profile)).json() == before  # cached
    with django_capture_on_commit_callbacks(execute=True):
        change(rich_profile)
    after = api.get(url(rich_profile)).json()
    assert after != before
    want = _expected(rich_profile, "fr", contacts=True)
    for got in (after, want):
        got["sectors"].sort(key=lambda s: s["code"])
        got["tools"].sort(key=lambda t: t["code"])
    assert after == want


@pytest.mark.parametrize("model, change", [
    (Diploma, "create"), (Diploma, "save"), (Diploma, "delete"),
    (Certification, "create"), (Certification, "save"), (Certification, "delete"),
    (Experience, "create"), (Experience, "save"), (Experience, "delete"),
])
def test_the_search_version_moves_on_commit_of_diplomas_certifications_and_experiences(
        rich_profile, django_capture_on_commit_callbacks, model, change):
    row = model.objects.filter(profile=rich_profile).first()
    before = api_search.search_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        if change == "create":
            row.pk = None
            row.save()
        else:
            getattr(row, change)()
    assert api_search.search_version() == before  # not before the commit
    for callback in callbacks:
        callback()
    assert api_search.search_version() != before


# ---------------------------------------------------------------- access, from the cache
@pytest.fixture
def cached_for_members(rich_profile, esn_recruiter):
    """The document cached by a member's request, the token's identity cached again."""
    api = token_client(esn_recruiter)
    _warm(api, rich_profile)
    return api


def test_a_hidden_profile_answers_404_to_members_at_once_and_still_reads_for_its_owner_and_staff(
        cached_for_members, rich_profile, staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rich_profile.is_visible = False
        rich_profile.save()
    assert cached_for_members.get(url(rich_profile)).status_code == 404
    assert token_client(rich_profile.user).get(url(rich_profile)).status_code == 200
    assert token_client(staff_user).get(url(rich_profile)).status_code == 200
    assert cached_for_members.get(url(rich_profile)).status_code == 404  # now from the cache


def test_a_deactivated_account_answers_404_to_members_at_once(cached_for_members, rich_profile, staff_user,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rich_profile.user.is_active = False
        rich_profile.user.save()
    assert cached_for_members.get(url(rich_profile)).status_code == 404
    assert token_client(staff_user).get(url(rich_profile)).status_code == 200


def test_somebody_removed_from_their_organisation_reads_nothing_at_the_next_request(esn_recruiter, rich_profile):
    colleague = MembershipFactory(organisation=esn_recruiter.memberships.get().organisation,
                                  role=Membership.Role.MEMBER).user
    api = token_client(colleague)
    _warm(api, rich_profile)
    assert api.get(url(rich_profile)).status_code == 200
    Membership.objects.filter(user=colleague).delete()
    assert api.get(url(rich_profile)).status_code == 404


def test_a_freelancer_reads_their_own_profile_only_even_when_cached(cached_for_members, rich_profile, freelancer):
    own = token_client(rich_profile.user).get(url(rich_profile))
    assert own.status_code == 200 and own.json()["email"] == rich_profile.user.email
    assert token_client(freelancer).get(url(rich_profile)).status_code == 404


def test_an_unknown_profile_answers_404_and_leaves_nothing_in_the_cache(esn_recruiter):
    api = token_client(esn_recruiter)
    for _ in range(2):
        response = api.get("/api/v1/profiles/999999/")
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert cache.get(api_search.search_key("detail", "fr", 999999)) is None


# ---------------------------------------------------------------- contacts, per request
def test_contacts_unlocked_by_one_organisation_never_show_to_another(esn_recruiter, rich_profile):
    ShortlistEntry.objects.create(mission=MissionFactory(organisation=esn_recruiter.memberships.get().organisation),
                                  profile=rich_profile)
    rival = MembershipFactory(organisation=OrganisationFactory(name="Autre ESN", kind=Organisation.Kind.ESN),
                              user__email="rival@esn.fr").user
    mine, theirs = token_client(esn_recruiter), token_client(rival)
    for first, second in ((mine, theirs), (theirs, mine)):
        cache.clear()
        first.get(url(rich_profile)), second.get(url(rich_profile))  # whoever fills the cache, the other reads it
        own, other = mine.get(url(rich_profile)).json(), theirs.get(url(rich_profile)).json()
        assert (own["email"], own["phone"]) == (rich_profile.user.email, "06 00 00 00 01")
        assert (other["email"], other["phone"]) == (None, None)


def test_the_cache_keeps_no_contact_details(staff_user, rich_profile):
    token_client(staff_user).get(url(rich_profile))
    _version, (document,) = api_search.search_cached(api_search.search_key("detail", "fr", rich_profile.pk))
    assert document is not None
    assert rich_profile.user.email.encode() not in document.body and b"06 00 00 00 01" not in document.body
