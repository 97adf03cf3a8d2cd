"""GET /api/v1/profiles/ and /api/v1/profiles/{id}/: filters, ordering, roles, contact details."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recruiting.models import ShortlistEntry
from tests.api.conftest import token_client
from tests.factories import (
    FreelancerProfileFactory,
    MissionFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    sector,
    skill,
    tool,
)

URL = "/api/v1/profiles/"


def ids(response):
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def profiles(db):
    today = datetime.date.today()
    a = FreelancerProfileFactory(years_experience=12, daily_rate=800, english_written="C1", english_spoken="B1",
                                 work_modes=["on_site"], headline="AMOE grands chantiers",
                                 available_from=today + datetime.timedelta(days=60))
    b = FreelancerProfileFactory(years_experience=3, daily_rate=450, english_written="B1", english_spoken="C2",
                                 work_modes=["remote", "hybrid"], summary="Déploiement ERP et recette.",
                                 available_from=today)
    c = FreelancerProfileFactory(years_experience=7, daily_rate=None, english_written="", english_spoken="",
                                 work_modes=["hybrid"], available_from=None)
    FreelancerProfileFactory(is_visible=False, years_experience=30)
    ProfileSectorFactory(profile=a, sector=sector("btp"))
    ProfileSectorFactory(profile=a, sector=sector("industrie"))
    ProfileSectorFactory(profile=b, sector=sector("btp"))
    ProfileToolFactory(profile=a, tool=tool("ms_project"))
    b.skills.add(skill("planning"))
    return a, b, c


def test_lists_visible_profiles_only(recruiter_api, profiles):
    assert ids(recruiter_api.get(URL)) == [p.pk for p in profiles]


@pytest.mark.parametrize("query, expected", [
    ("sector=btp", [0, 1]),
    ("sector=btp&sector=industrie", [0]),
    ("tool=ms_project", [0]),
    ("skill=planning", [1]),
    ("english_written_min=B2", [0]),
    ("english_spoken_min=C1", [1]),
    ("min_years=7", [0, 2]),
    ("max_daily_rate=500", [1]),
    ("work_mode=hybrid", [1, 2]),
    ("work_mode=on_site", [0]),
    ("q=chantiers", [0]),
    ("q=erp recette", [1]),
    ("q=erp chantiers", []),
])
def test_filters(recruiter_api, profiles, query, expected):
    assert ids(recruiter_api.get(f"{URL}?{query}")) == [profiles[i].pk for i in expected]


def test_available_before_counts_profiles_without_a_date_as_available(recruiter_api, profiles):
    day = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    assert ids(recruiter_api.get(f"{URL}?available_before={day}")) == [profiles[1].pk, profiles[2].pk]


@pytest.mark.parametrize("ordering, expected", [
    ("years_experience", [1, 2, 0]),
    ("-years_experience", [0, 2, 1]),
    ("-available_from,years_experience", None),
])
def test_ordering(recruiter_api, profiles, ordering, expected):
    result = ids(recruiter_api.get(f"{URL}?ordering={ordering}"))
    if expected is not None:
        assert result == [profiles[i].pk for i in expected]
    else:
        assert sorted(result) == sorted(p.pk for p in profiles)


@pytest.mark.parametrize("query, field", [
    ("sector=nowhere", "sector"),
    ("tool=abacus", "tool"),
    ("skill=juggling", "skill"),
    ("english_written_min=D1", "english_written_min"),
    ("english_spoken_min=b2x", "english_spoken_min"),
    ("min_years=many", "min_years"),
    ("min_years=-1", "min_years"),
    ("max_daily_rate=1.5", "max_daily_rate"),
    ("available_before=2025-13-01", "available_before"),
    ("work_mode=underwater", "work_mode"),
    ("ordering=name", "ordering"),
])
def test_unknown_filter_values_answer_400_not_an_empty_list(recruiter_api, profiles, query, field):
    response = recruiter_api.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_pages(recruiter_api, profiles):
    body = recruiter_api.get(f"{URL}?page_size=2&page=2").json()
    assert body["count"] == 3 and [r["id"] for r in body["results"]] == [profiles[2].pk]
    assert recruiter_api.get(f"{URL}?page=9").status_code == 404


def test_detail_and_labels_in_english(esn_recruiter, profiles):
    body = token_client(esn_recruiter, language="en").get(f"{URL}{profiles[0].pk}/").json()
    assert body["sectors"][0] == {"code": "btp", "label": "Construction and public works", "years": 3}
    assert body["tools"][0]["code"] == "ms_project"
    assert {"diplomas", "experiences", "certifications"} <= set(body)


def test_hidden_and_unknown_profiles_answer_404(recruiter_api, profiles):
    hidden = FreelancerProfileFactory(is_visible=False)
    assert recruiter_api.get(f"{URL}{hidden.pk}/").status_code == 404
    assert recruiter_api.get(f"{URL}999999/").status_code == 404


def test_no_contact_details_unless_shortlisted_by_the_callers_organisation(recruiter_api, esn_org, profiles,
                                                                          other_org_member):
    a, b, _c = profiles
    a.user.phone = "06 00 00 00 01"
    a.user.save()
    ShortlistEntry.objects.create(mission=MissionFactory(organisation=other_org_member.memberships.get().organisation),
                                  profile=b)
    detail = recruiter_api.get(f"{URL}{a.pk}/").json()
    assert detail["email"] is None and detail["phone"] is None
    ShortlistEntry.objects.create(mission=MissionFactory(organisation=esn_org), profile=a)
    detail = recruiter_api.get(f"{URL}{a.pk}/").json()
    assert detail["email"] == a.user.email and detail["phone"] == "06 00 00 00 01"
    listed = {r["id"]: r["email"] for r in recruiter_api.get(URL).json()["results"]}
    assert listed == {a.pk: a.user.email, b.pk: None, profiles[2].pk: None}


def test_freelancers_read_their_own_profile_only(freelancer, profiles):
    client = token_client(freelancer)
    own = client.get(f"{URL}{freelancer.profile.pk}/")
    assert own.status_code == 200 and own.json()["email"] == freelancer.email
    assert client.get(f"{URL}{profiles[0].pk}/").status_code == 404
    assert client.get(URL).status_code == 403


def test_client_members_and_staff_search_profiles(client_member, staff_user, profiles):
    assert token_client(client_member).get(URL).status_code == 200
    staff = token_client(staff_user).get(URL).json()["results"]
    assert all(item["email"] for item in staff)


@pytest.mark.parametrize("page_size", [5, 50])
def test_query_count_does_not_grow_with_the_page_size(recruiter_api, esn_org, page_size):
    for _ in range(50):
        profile = FreelancerProfileFactory()
        ProfileSectorFactory(profile=profile)
        ProfileToolFactory(profile=profile)
        profile.skills.add(skill("planning"))
    ShortlistEntry.objects.create(mission=MissionFactory(organisation=esn_org), profile=profile)
    recruiter_api.get(URL)  # the token's last use is written once
    with CaptureQueriesContext(connection) as queries:
        response = recruiter_api.get(f"{URL}?page_size={page_size}&sector=btp")
    assert len(response.json()["results"]) == page_size
    # token+user, membership, count, page, sectors, tools, skills, wanted and refused sectors, contacts,
    # filter's sector lookup
    assert len(queries) == 11, "\n".join(q["sql"][:150] for q in queries)
