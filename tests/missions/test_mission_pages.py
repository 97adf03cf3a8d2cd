import datetime
import re

import pytest
from django.urls import reverse

from matching.engine.criteria import DEFAULT_WEIGHTS
from missions.models import Mission
from tests.factories import MissionFactory, tool

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def mission_post(**overrides):
    data = {
        "title": "AMOE rénovation d'un siège social", "description": "Suivi des lots techniques.",
        "role": "amoe", "sector": "", "scale": "large", "complexity": "high",
        "english_written_min": "B1", "english_spoken_min": "", "start_date": (TODAY + datetime.timedelta(days=30)).isoformat(),
        "duration_months": 12, "days_per_week": 5, "work_mode": "hybrid", "city": "Lyon", "daily_rate_max": 750,
        "min_diploma_level": "",
        "tools-TOTAL_FORMS": 1, "tools-INITIAL_FORMS": 0, "tools-0-tool": tool("ms_project").pk,
        "tools-0-importance": "must", "tools-0-min_proficiency": 3,
        "skills-TOTAL_FORMS": 0, "skills-INITIAL_FORMS": 0,
        "questions-TOTAL_FORMS": 1, "questions-INITIAL_FORMS": 0, "questions-0-text": "Votre plus grand chantier ?",
    }
    data.update({f"weight_{c}": w for c, w in DEFAULT_WEIGHTS.items()})
    data.update(overrides)
    return data


def test_the_form_offers_each_level_with_a_help_line_and_sliders_at_the_default_weights(client, client_member):
    client.force_login(client_member)
    response = client.get(reverse("client:mission_create"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Processus connus, peu d&#x27;interfaces" in html or "Processus connus, peu d'interfaces" in html
    assert "profil senior" in html
    assert html.count('type="range"') == len(DEFAULT_WEIGHTS)
    for criterion, weight in DEFAULT_WEIGHTS.items():
        assert re.search(rf'<input type="range" name="weight_{criterion}" value="{weight:g}"', html), criterion


def test_a_member_posts_a_draft_mission_with_its_tools_questions_and_custom_weights(client, client_org, client_member):
    client.force_login(client_member)
    response = client.post(reverse("client:mission_create"), mission_post(weight_english=20))
    mission = Mission.objects.get()
    assert response.status_code == 302 and response["Location"] == mission.get_absolute_url()
    assert mission.organisation == client_org and mission.status == Mission.Status.DRAFT
    assert mission.weights == {"english": 20.0}
    assert mission.tool_requirements.get().min_proficiency == 3
    assert mission.questions.get().text == "Votre plus grand chantier ?"


def test_save_and_publish_opens_the_mission(client, client_member):
    client.force_login(client_member)
    client.post(reverse("client:mission_create"), mission_post(publish="1"))
    mission = Mission.objects.get()
    assert mission.status == Mission.Status.OPEN and mission.published_at is not None


@pytest.mark.parametrize(("overrides", "field"), [
    ({"start_date": (TODAY - datetime.timedelta(days=1)).isoformat()}, "start_date"),
    ({"daily_rate_max": -1}, "daily_rate_max"),
    ({"weight_sector": -5}, "weight_sector"),
    ({"weight_rate": "abc"}, "weight_rate"),
])
def test_an_invalid_mission_gives_a_field_error_not_a_500(client, client_member, overrides, field):
    client.force_login(client_member)
    response = client.post(reverse("client:mission_create"), mission_post(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Mission.objects.exists()


def test_a_must_have_tool_that_does_not_exist_gives_a_field_error(client, client_member):
    client.force_login(client_member)
    response = client.post(reverse("client:mission_create"), mission_post(**{"tools-0-tool": 999999}))
    assert response.status_code == 200
    assert "tool" in response.context["tools"].forms[0].errors
    assert not Mission.objects.exists()


def test_the_same_tool_twice_gives_a_field_error_rather_than_a_database_error(client, client_member):
    client.force_login(client_member)
    data = mission_post(**{"tools-TOTAL_FORMS": 2, "tools-1-tool": tool("ms_project").pk,
                           "tools-1-importance": "nice", "tools-1-min_proficiency": 2})
    response = client.post(reverse("client:mission_create"), data)
    assert response.status_code == 200
    assert "tool" in response.context["tools"].forms[1].errors


def test_all_weights_at_zero_is_refused(client, client_member):
    client.force_login(client_member)
    response = client.post(reverse("client:mission_create"),
                           mission_post(**{f"weight_{c}": 0 for c in DEFAULT_WEIGHTS}))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_editing_keeps_a_start_date_that_has_since_passed(client, client_org, client_member):
    mission = MissionFactory(organisation=client_org, start_date=TODAY - datetime.timedelta(days=10))
    client.force_login(client_member)
    data = mission_post(start_date=mission.start_date.isoformat(), title="Nouveau titre")
    response = client.post(reverse("client:mission_edit", args=[mission.pk]), data)
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.title == "Nouveau titre"


def test_publish_fill_close_buttons_move_the_mission(client, client_org, client_member):
    mission = MissionFactory(organisation=client_org, status=Mission.Status.DRAFT)
    client.force_login(client_member)
    for name, status in (("publish", "open"), ("fill", "filled"), ("close", "closed")):
        response = client.post(reverse(f"client:mission_{name}", args=[mission.pk]))
        assert response.status_code == 302
        mission.refresh_from_db()
        assert mission.status == status


def test_another_organisation_gets_404_on_editing_or_publishing_a_mission(client, client_org, other_org_member):
    mission = MissionFactory(organisation=client_org, status=Mission.Status.DRAFT)
    client.force_login(other_org_member)
    assert client.get(reverse("client:mission_edit", args=[mission.pk])).status_code == 404
    for name in ("publish", "fill", "close"):
        assert client.post(reverse(f"client:mission_{name}", args=[mission.pk])).status_code == 404
    mission.refresh_from_db()
    assert mission.status == Mission.Status.DRAFT


def test_a_freelancer_gets_404_on_a_mission_form(client, client_org, freelancer):
    mission = MissionFactory(organisation=client_org)
    client.force_login(freelancer)
    assert client.get(reverse("client:mission_edit", args=[mission.pk])).status_code == 404
    assert client.get(reverse("client:mission_create")).status_code == 404


def test_a_duplicate_after_a_deleted_row_is_shown_on_the_row_that_repeats(client, client_member):
    client.force_login(client_member)
    data = mission_post(**{"tools-TOTAL_FORMS": 3, "tools-1-tool": tool("excel").pk, "tools-1-importance": "nice",
                           "tools-1-min_proficiency": 2, "tools-1-DELETE": "on", "tools-2-tool": tool("ms_project").pk,
                           "tools-2-importance": "nice", "tools-2-min_proficiency": 2})
    response = client.post(reverse("client:mission_create"), data)
    assert response.status_code == 200
    forms = response.context["tools"].forms
    assert not forms[1].errors and forms[2].errors["tool"] == ["Cet élément est déjà demandé plus haut."]
    assert not Mission.objects.exists()
