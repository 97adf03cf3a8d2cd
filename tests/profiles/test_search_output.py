"""GET /api/v1/profiles/ built from values and cached: the same document as the schema's serializer, every
change that alters a result shows at once, and contact details never cross organisations."""
import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework.renderers import JSONRenderer

from accounts.models import Organisation
from profiles.models import FreelancerProfile, Sector
from profiles.serializers import ProfileListSerializer
from recruiting.models import ShortlistEntry
from tests.api.conftest import token_client
from tests.factories import (
    FreelancerProfileFactory,
    MembershipFactory,
    MissionFactory,
    OrganisationFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    sector,
    skill,
    tool,
)

URL = "/api/v1/profiles/"


@pytest.fixture
def varied_profiles(db):
    today = datetime.date.today()
    a = FreelancerProfileFactory(years_experience=12, daily_rate=800, english_written="C1", english_spoken="B1",
                                 work_modes=["on_site", "hybrid"], headline="AMOE grands chantiers", summary="Pilotage",
                                 available_from=today + datetime.timedelta(days=60), min_daily_rate=700,
                                 min_mission_months=3, max_mission_months=12, earliest_start_date=today,
                                 latest_start_date=today + datetime.timedelta(days=90), wanted_scales=["large"])
    a.user.phone = "06 00 00 00 01"
    a.user.save()
    b = FreelancerProfileFactory(years_experience=3, daily_rate=None, english_written="", english_spoken="",
                                 work_modes=[], available_from=None, roles=[])
    c = FreelancerProfileFactory(years_experience=7)
    ProfileSectorFactory(profile=a, sector=sector("btp"), years=5)
    ProfileSectorFactory(profile=a, sector=sector("industrie"), years=5)
    ProfileSectorFactory(profile=c, sector=sector("informatique"), years=2)
    ProfileToolFactory(profile=a, tool=tool("ms_project"))
    ProfileToolFactory(profile=a, tool=tool("excel"))
    a.skills.add(skill("planning"), skill("budgeting"))
    a.wanted_sectors.add(sector("btp"), sector("architecture"))
    a.refused_sectors.add(sector("informatique"))
    return a, b, c


def _expected(profiles, language: str, contacts: set[int]) -> list[dict]:
    with translation.override(language):
        fresh = (FreelancerProfile.objects.filter(pk__in=[p.pk for p in profiles]).order_by("id")
                 .select_related("user").prefetch_related("sector_years__sector", "tool_levels__tool"))
        data = ProfileListSerializer(fresh, many=True, context={"contact_visible_ids": contacts}).data
        # The serializer's own order for the lists (prefetches ordered as the API reads them).
        for row in data:
            row["sectors"].sort(key=lambda s: -s["years"])
        return json.loads(JSONRenderer().render(data))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_values_built_rows_are_the_serializers_document(staff_user, varied_profiles, language):
    body = token_client(staff_user, language=language).get(URL).json()
    expected = _expected(varied_profiles, language, {p.pk for p in varied_profiles})
    got = sorted(body["results"], key=lambda r: r["id"])
    for row, want in zip(got, expected, strict=True):
        row["sectors"].sort(key=lambda s: -s["years"])
        row["tools"].sort(key=lambda t: -t["proficiency"])
        want["tools"].sort(key=lambda t: -t["proficiency"])
        assert row == want


def test_a_repeated_search_is_served_from_the_cache(esn_recruiter, varied_profiles):
    api = token_client(esn_recruiter)
    first = api.get(f"{URL}?sector=btp").json()
    with CaptureQueriesContext(connection) as queries:
        again = api.get(f"{URL}?sector=btp").json()
    assert again == first
    # the token and its user, the membership, the contact rule: no profile read
    assert len(queries) == 3, "\n".join(q["sql"][:150] for q in queries)


def _change_headline(a, b, c):
    a.headline = "Nouveau titre"
    a.save()


def _add_sector(a, b, c):
    ProfileSectorFactory(profile=b, sector=sector("btp"), years=1)


def _add_skill(a, b, c):
    b.skills.add(skill("planning"))


def _rename(a, b, c):
    a.user.first_name = "Renommé"
    a.user.save()


def _hide(a, b, c):
    a.is_visible = False
    a.save()


def _relabel(a, b, c):
    Sector.objects.filter(code="btp").update(label_fr="BTP renommé")
    Sector.objects.get(code="btp").save()


@pytest.mark.parametrize("change", [_change_headline, _add_sector, _add_skill, _rename, _hide, _relabel])
def test_any_change_to_a_result_shows_at_the_next_search(esn_recruiter, varied_profiles,
                                                         django_capture_on_commit_callbacks, change):
    api = token_client(esn_recruiter)
    query = f"{URL}?page_size=10"
    before = api.get(query).json()
    assert api.get(query).json() == before  # cached
    with django_capture_on_commit_callbacks(execute=True):
        change(*varied_profiles)
    after = api.get(query).json()
    assert after != before
    a = varied_profiles[0]
    fresh = {r["id"]: r for r in after["results"]}
    assert after["count"] == FreelancerProfile.objects.visible().count()
    if a.pk in fresh:
        assert fresh[a.pk]["headline"] == FreelancerProfile.objects.get(pk=a.pk).headline


def test_contacts_unlocked_by_one_organisation_never_show_to_another(esn_recruiter, varied_profiles):
    a = varied_profiles[0]
    ShortlistEntry.objects.create(mission=MissionFactory(organisation=esn_recruiter.memberships.get().organisation),
                                  profile=a)
    other_org = OrganisationFactory(name="Autre ESN", kind=Organisation.Kind.ESN)
    rival = MembershipFactory(organisation=other_org, user__email="rival@esn.fr").user
    mine, theirs = token_client(esn_recruiter), token_client(rival)
    for first, second in ((mine, theirs), (theirs, mine), (mine, theirs)):
        first.get(URL), second.get(URL)  # whoever fills the cache, the other reads it
        own = {r["id"]: (r["email"], r["phone"]) for r in mine.get(URL).json()["results"]}
        other = {r["id"]: (r["email"], r["phone"]) for r in theirs.get(URL).json()["results"]}
        assert own[a.pk] == (a.user.email, "06 00 00 00 01")
        assert all(contact == (None, None) for contact in other.values())
        assert all(contact == (None, None) for pk, contact in own.items() if pk != a.pk)


def test_pages_and_counts_follow_the_filters_from_the_cache(esn_recruiter, varied_profiles):
    api = token_client(esn_recruiter)
    for _ in range(2):
        assert api.get(f"{URL}?sector=btp").json()["count"] == 1
        body = api.get(f"{URL}?page_size=1&page=2").json()
        assert body["count"] == 3 and body["previous"].endswith(f"{URL}?page_size=1")
        assert body["next"].endswith("page=3&page_size=1")
        assert api.get(f"{URL}?page_size=1&page=last").json()["results"][0]["id"] == varied_profiles[2].pk
        assert api.get(f"{URL}?page=2").status_code == 404
        assert api.get(f"{URL}?sector=nope").status_code == 400
