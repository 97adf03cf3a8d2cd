import pytest
from django.urls import reverse

from matching.models import RankingRun
from matching.tasks import nightly_rerank_task
from tests.factories import FreelancerProfileFactory, MembershipFactory, MissionFactory, ProfileSectorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_mission_page_marks_candidates_new_in_the_top_10_since_last_night(client):
    admin = MembershipFactory(role="admin").user
    mission = MissionFactory(organisation=admin.memberships.get().organisation)
    veteran = FreelancerProfileFactory(user__first_name="Ancien", user__last_name="Classé")
    ProfileSectorFactory(profile=veteran)
    nightly_rerank_task.delay()
    RankingRun.objects.update(status=RankingRun.Status.SUCCEEDED)
    newcomer = FreelancerProfileFactory(user__first_name="Nouvelle", user__last_name="Venue")
    ProfileSectorFactory(profile=newcomer)
    client.force_login(admin)
    page = client.get(reverse("client:mission_detail", args=[mission.pk])).content.decode()
    veteran_card = page.split(f'id="candidate-{veteran.pk}"')[1].split("</li>")[0]
    newcomer_card = page.split(f'id="candidate-{newcomer.pk}"')[1].split("</li>")[0]
    assert "Nouveau depuis hier" in newcomer_card
    assert "Nouveau depuis hier" not in veteran_card


def test_a_mission_ranked_for_the_first_time_marks_nobody_new(client):
    """Without an earlier nightly ranking there is no "yesterday" to be new since."""
    admin = MembershipFactory(role="admin").user
    mission = MissionFactory(organisation=admin.memberships.get().organisation)
    for name in ("Alice", "Bruno"):
        ProfileSectorFactory(profile=FreelancerProfileFactory(user__first_name=name))
    client.force_login(admin)
    page = client.get(reverse("client:mission_detail", args=[mission.pk])).content.decode()
    assert 'id="candidate-' in page
    assert "Nouveau depuis hier" not in page
