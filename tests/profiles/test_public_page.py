import pytest
from django.urls import reverse

from tests.factories import FreelancerProfileFactory, ProfileSectorFactory, ProfileToolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shown(profile):
    profile.user.phone = "06 11 22 33 44"
    profile.user.save()
    ProfileSectorFactory(profile=profile, years=7)
    ProfileToolFactory(profile=profile, proficiency=4)
    return profile


def test_a_client_sees_the_profile_without_e_mail_or_phone(client, client_member, shown):
    client.force_login(client_member)
    response = client.get(shown.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert shown.headline in page and "Microsoft Project" in page and "7 ans" in page
    assert shown.user.email not in page and "06 11 22 33 44" not in page


def test_a_hidden_profile_is_a_404_for_clients(client, client_member, shown):
    shown.is_visible = False
    shown.save()
    client.force_login(client_member)
    assert client.get(shown.get_absolute_url()).status_code == 404


def test_another_freelancer_cannot_browse_profiles(client, shown):
    client.force_login(FreelancerProfileFactory().user)
    assert client.get(shown.get_absolute_url()).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, shown):
    assert client.get(shown.get_absolute_url()).status_code == 302


def test_staff_see_any_profile(client, staff_user, shown):
    shown.is_visible = False
    shown.save()
    client.force_login(staff_user)
    assert client.get(shown.get_absolute_url()).status_code == 200


def test_the_freelancer_previews_their_own_profile_as_a_client_sees_it(freelancer_client, shown):
    response = freelancer_client.get(reverse("freelancer:profile_preview"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Aperçu" in page and shown.headline in page
    assert "06 11 22 33 44" not in page
