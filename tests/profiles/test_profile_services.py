import pytest
from django.core.exceptions import ValidationError

from matching.models import RankingEntry
from profiles.models import FreelancerProfile
from profiles.services import profile_create, profile_for_user, profile_update
from tests.factories import FreelancerProfileFactory, MissionFactory, UserFactory, skill

pytestmark = pytest.mark.django_db


def test_profile_create_is_idempotent():
    user = UserFactory()
    first = profile_create(user=user)
    assert profile_create(user=user) == first
    assert FreelancerProfile.objects.filter(user=user).count() == 1


def test_only_freelancer_accounts_get_a_profile(client_member, freelancer):
    assert profile_for_user(user=client_member) is None
    assert profile_for_user(user=freelancer) == freelancer.profile


def test_profile_update_validates_everything_before_saving_anything():
    profile = FreelancerProfileFactory(daily_rate=500, headline="Avant")
    with pytest.raises(ValidationError) as error:
        profile_update(profile=profile, headline="Après", daily_rate=-1, first_name="Zoé")
    assert "daily_rate" in error.value.message_dict
    stored = FreelancerProfile.objects.select_related("user").get(pk=profile.pk)
    assert (stored.headline, stored.daily_rate, stored.user.first_name) == ("Avant", 500, "Camille")


def test_profile_update_sets_skills_and_coordinates():
    profile = FreelancerProfileFactory(city="", latitude=None, longitude=None)
    profile_update(profile=profile, city="Lille", skills=[skill("planning")])
    profile.refresh_from_db()
    assert profile.latitude == pytest.approx(50.6292)
    assert list(profile.skills.values_list("code", flat=True)) == ["planning"]


def test_an_unknown_city_clears_the_coordinates():
    profile = FreelancerProfileFactory()
    profile_update(profile=profile, city="")
    profile.refresh_from_db()
    assert profile.latitude is None and profile.longitude is None


def test_a_change_through_the_service_reaches_the_rankings_once_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mission = MissionFactory(daily_rate_max=500)
        profile = FreelancerProfileFactory(daily_rate=900)
    assert not RankingEntry.objects.filter(mission=mission, profile=profile).exists()
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(profile=profile, daily_rate=450)
    assert RankingEntry.objects.filter(mission=mission, profile=profile).exists()
