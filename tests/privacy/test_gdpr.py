"""GDPR rights: access (JSON export), erasure (own page and admin action), consent (is_visible)."""
import json
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.authentication import api_token_issue
from accounts.models import ApiToken, User
from matching.models import MissionRanking, RankingEntry, RankingRequest
from missions.models import Recommendation
from privacy import services as privacy
from privacy.services import freelancer_account_erase, freelancer_data_export
from profiles.models import FreelancerProfile
from recruiting.models import ShortlistEntry
from tests.factories import RecommendationFactory

PASSWORD = "correct-horse-battery"


# ---------------------------------------------------------------- access
def test_the_export_holds_the_account_profile_rankings_shortlists_and_recommendations(world):
    user = world.users["freelancer"]
    RecommendationFactory(profile=world.profile, author_name="Jean Dupont", text="Très rigoureuse.")
    api_token_issue(user=user, name="CRM")
    data = freelancer_data_export(user=user)
    json.dumps(data)  # JSON-ready as it is
    assert data["account"]["email"] == user.email
    assert data["profile"]["headline"] == world.profile.headline
    assert data["profile"]["cv"] is True
    assert data["profile"]["sectors"] and data["profile"]["tools"] and data["profile"]["diplomas"]
    assert [r["mission"] for r in data["rankings"]] == ["Mission du client", "Mission ESN"]
    assert data["shortlists"][0]["mission"] == "Mission du client"
    assert "Très rigoureuse." in [r["text"] for r in data["recommendations"]]
    assert data["api_tokens"][0]["name"] == "CRM" and "digest" not in data["api_tokens"][0]
    # Nobody else's data: not the other freelancer's rankings, not the client staff's names.
    dumped = json.dumps(data)
    assert world.other_profile.user.email not in dumped
    assert world.users["client_admin"].email not in dumped


def test_a_freelancer_downloads_their_data_as_a_json_file(client, world):
    client.force_login(world.users["freelancer"])
    assert client.get(reverse("freelancer:privacy")).status_code == 200
    response = client.get(reverse("freelancer:privacy_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    assert json.loads(response.content)["account"]["email"] == "freelance@example.com"


# ---------------------------------------------------------------- erasure
def _cv_path(profile) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / profile.cv.name


def test_erasing_removes_the_account_profile_cv_and_everything_about_the_person(
        world, django_capture_on_commit_callbacks):
    user, profile = world.users["freelancer"], world.profile
    RecommendationFactory(profile=profile, mission=world.mission)
    api_token_issue(user=user)
    cv = _cv_path(profile)
    assert cv.exists()
    with django_capture_on_commit_callbacks(execute=True), mock.patch.object(privacy.logger, "info") as log:
        summary = freelancer_account_erase(user=user)
    assert summary == {"rankings": 2, "shortlists": 1, "recommendations": 2, "cv": 1}  # the world's and this one
    assert not User.objects.filter(pk=user.pk).exists()
    assert not FreelancerProfile.objects.filter(pk=profile.pk).exists()
    assert not cv.exists()
    assert not RankingEntry.objects.filter(profile_id=profile.pk).exists()
    assert not ShortlistEntry.objects.filter(profile_id=profile.pk).exists()
    assert not Recommendation.objects.filter(profile_id=profile.pk).exists()
    assert not ApiToken.objects.filter(user_id=user.pk).exists()
    # Kept, anonymous: the missions' ranking headers, re-ranked so that their counts close up.
    assert MissionRanking.objects.filter(mission=world.mission).exists()
    assert RankingRequest.objects.filter(kind="mission", object_id=world.mission.pk).exists()
    # Other people's data is untouched.
    assert RankingEntry.objects.filter(profile=world.other_profile).exists()
    assert _cv_path(world.other_profile).exists()
    # Logs name the account by id only.
    logged = " ".join(str(arg) for call in log.call_args_list for arg in call.args)
    assert user.email not in logged and user.last_name not in logged


def test_only_freelancer_accounts_are_erased_this_way(world):
    with pytest.raises(ValidationError):
        freelancer_account_erase(user=world.users["client_admin"])
    with pytest.raises(ValidationError):
        freelancer_account_erase(user=world.users["staff"])


def test_erasing_ones_account_asks_for_the_password_and_logs_out(client, world):
    user = world.users["freelancer"]
    client.force_login(user)
    url = reverse("freelancer:privacy_erase")
    wrong = client.post(url, {"password": "pas-le-bon", "confirm": "on"})
    assert wrong.status_code == 200 and User.objects.filter(pk=user.pk).exists()
    unconfirmed = client.post(url, {"password": PASSWORD})
    assert unconfirmed.status_code == 200 and User.objects.filter(pk=user.pk).exists()
    response = client.post(url, {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert not User.objects.filter(pk=user.pk).exists()
    assert "_auth_user_id" not in client.session


def test_staff_erase_an_account_on_a_request_received_by_e_mail(client, world):
    client.force_login(world.users["staff"])
    response = client.post(reverse("admin:privacy_personaldatarequest_changelist"), {
        "action": "privacy_erase_action", "_selected_action": [world.profile.pk]})
    assert response.status_code == 302
    assert not User.objects.filter(pk=world.users["freelancer"].pk).exists()
    assert User.objects.filter(pk=world.users["other_freelancer"].pk).exists()


def test_staff_export_an_accounts_data_on_a_request_received_by_e_mail(client, world):
    client.force_login(world.users["staff"])
    response = client.post(reverse("admin:privacy_personaldatarequest_changelist"), {
        "action": "privacy_export_action", "_selected_action": [world.profile.pk]})
    assert response.status_code == 200
    assert json.loads(response.content)[0]["account"]["email"] == "freelance@example.com"


# ---------------------------------------------------------------- consent
def test_withdrawing_consent_leaves_every_ranking_at_once(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.users["freelancer"])
    assert RankingEntry.objects.filter(profile=world.profile).count() == 2
    with django_capture_on_commit_callbacks(execute=True):  # the withdrawal task runs on commit
        response = client.post(reverse("freelancer:profile_edit", args=["visibility"]), {})  # the box unticked
    assert response.status_code == 302
    world.profile.refresh_from_db()
    assert world.profile.is_visible is False
    assert not RankingEntry.objects.filter(profile=world.profile).exists()
    # Clients no longer see the profile page; the ESN (ranked only) no longer opens the CV.
    recruiter = client.__class__()
    recruiter.force_login(world.users["esn_recruiter"])
    assert recruiter.get(reverse("freelancer:profile_public", args=[world.profile.pk])).status_code == 404
    assert recruiter.get(reverse("freelancer:cv", args=[world.profile.pk])).status_code == 404


def test_the_freelancers_menu_links_to_their_data_page(client, freelancer):
    client.force_login(freelancer)
    assert reverse("freelancer:privacy") in client.get(reverse("freelancer:profile")).content.decode()
