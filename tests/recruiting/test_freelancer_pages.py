import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from matching.models import RankingEntry
from matching.services import mission_rank
from missions.models import Mission
from recruiting.models import ShortlistEntry
from tests.factories import (
    FreelancerProfileFactory,
    MembershipFactory,
    MissionFactory,
    MissionToolFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    skill,
    tool,
)
from tests.profiles.pdfs import minimal_pdf

pytestmark = pytest.mark.django_db




def _btp_profile(user=None, years=6, **kwargs):
    profile = user.profile if user else FreelancerProfileFactory(years_experience=years, **kwargs)
    ProfileSectorFactory(profile=profile, years=years)
    ProfileToolFactory(profile=profile, proficiency=4)
    profile.skills.add(skill("planning"))
    return profile


@pytest.fixture
def profile_with_cv(freelancer):
    profile = _btp_profile(user=freelancer)
    profile.cv.save("cv.pdf", ContentFile(minimal_pdf()))
    return profile


# ------------------------------------------------------------ missions for me
def test_missions_for_me_lists_open_ranked_missions_best_first_with_reasons(client, freelancer):
    profile = _btp_profile(user=freelancer)
    good = MissionFactory(title="Mission moyenne BTP", scale="small", complexity="low")
    hard = MissionFactory(title="Très grand projet", scale="very_large", complexity="high")
    MissionToolFactory(mission=hard, tool=tool("sap"))
    closed = MissionFactory(title="Mission close")
    for mission in (good, hard, closed):
        mission_rank(mission_id=mission.pk)
    Mission.objects.filter(pk=closed.pk).update(status=Mission.Status.CLOSED)
    ShortlistEntry.objects.create(mission=good, profile=profile)

    client.force_login(freelancer)
    response = client.get(reverse("freelancer:missions"))
    assert response.status_code == 200
    titles = [item["mission"].title for item in response.context["missions"]]
    assert titles == ["Mission moyenne BTP", "Très grand projet"]
    scores = [item["score"] for item in response.context["missions"]]
    assert scores == sorted(scores, reverse=True)
    first = response.context["missions"][0]
    assert len(first["criteria"]) == 9 and all(row.reason for row in first["criteria"])
    page = response.content.decode()
    assert "Mission close" not in page and "Connaissance du secteur" in page and "Présélectionné" in page
    assert "Outils indispensables manquants : SAP" in page  # reasons name vocabulary items by label


def test_missions_for_me_in_english(client, freelancer):
    _btp_profile(user=freelancer)
    mission = MissionFactory()
    mission_rank(mission_id=mission.pk)
    client.force_login(freelancer)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("freelancer:missions"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "of experience for the" in page


def test_a_profile_without_a_rate_is_told_why_it_is_not_ranked(client, freelancer):
    freelancer.profile.daily_rate = None
    freelancer.profile.save()
    client.force_login(freelancer)
    page = client.get(reverse("freelancer:missions")).content.decode()
    assert "Taux journalier" in page and "classé sur aucune mission" in page


def test_missions_for_me_is_for_freelancers_only(client, client_member):
    client.force_login(client_member)
    assert client.get(reverse("freelancer:missions")).status_code == 404


# ------------------------------------------------------------ CV access
def _cv_url(profile):
    return reverse("freelancer:cv", args=[profile.pk])


def test_the_freelancer_gets_their_cv_as_a_pdf_with_safe_headers(client, freelancer, profile_with_cv):
    client.force_login(freelancer)
    response = client.get(_cv_url(profile_with_cv))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    download = client.get(_cv_url(profile_with_cv) + "?download=1")
    assert download["Content-Disposition"].startswith("attachment")


def test_staff_get_the_cv(client, staff_user, profile_with_cv):
    client.force_login(staff_user)
    assert client.get(_cv_url(profile_with_cv)).status_code == 200


def test_a_client_with_an_open_mission_ranking_the_profile_gets_the_cv(client, client_member, client_org,
                                                                       profile_with_cv):
    mission = MissionFactory(organisation=client_org)
    mission_rank(mission_id=mission.pk)
    assert RankingEntry.objects.filter(mission=mission, profile=profile_with_cv).exists()
    client.force_login(client_member)
    assert client.get(_cv_url(profile_with_cv)).status_code == 200


def test_a_client_who_shortlisted_the_profile_on_an_open_mission_gets_the_cv(client, client_member, client_org,
                                                                             profile_with_cv):
    ShortlistEntry.objects.create(mission=MissionFactory(organisation=client_org), profile=profile_with_cv)
    client.force_login(client_member)
    assert client.get(_cv_url(profile_with_cv)).status_code == 200


def test_once_the_mission_is_closed_the_client_loses_the_cv(client, client_member, client_org, profile_with_cv):
    mission = MissionFactory(organisation=client_org)
    ShortlistEntry.objects.create(mission=mission, profile=profile_with_cv)
    mission.status = Mission.Status.CLOSED
    mission.save()
    client.force_login(client_member)
    assert client.get(_cv_url(profile_with_cv)).status_code == 404


def test_a_client_with_no_related_mission_gets_a_404(client, client_member, client_org, profile_with_cv):
    MissionFactory(organisation=client_org)  # open, but neither ranked nor shortlisted
    other_org_mission = MissionFactory()
    ShortlistEntry.objects.create(mission=other_org_mission, profile=profile_with_cv)  # someone else's mission
    client.force_login(client_member)
    assert client.get(_cv_url(profile_with_cv)).status_code == 404


def test_another_freelancer_gets_a_404(client, profile_with_cv):
    client.force_login(FreelancerProfileFactory().user)
    assert client.get(_cv_url(profile_with_cv)).status_code == 404


def test_an_anonymous_visitor_gets_a_404(client, profile_with_cv):
    assert client.get(_cv_url(profile_with_cv)).status_code == 404


def test_a_profile_without_cv_is_a_404_even_for_its_owner(client, freelancer):
    client.force_login(freelancer)
    assert client.get(_cv_url(freelancer.profile)).status_code == 404


def test_contact_details_are_for_organisations_that_shortlisted(client_member, client_org, profile_with_cv):
    from recruiting.access import can_view_contact

    assert not can_view_contact(client_member, profile_with_cv)
    ShortlistEntry.objects.create(mission=MissionFactory(organisation=client_org), profile=profile_with_cv)
    assert can_view_contact(client_member, profile_with_cv)
    assert not can_view_contact(MembershipFactory().user, profile_with_cv)
