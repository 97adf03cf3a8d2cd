import datetime

import pytest
from django.urls import reverse

from profiles.models import Experience, FreelancerProfile
from tests.factories import DiplomaFactory, ExperienceFactory, ProfileSectorFactory, sector, skill, tool

pytestmark = pytest.mark.django_db


def _management(prefix, total=1, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def _post(client, key, data):
    return client.post(reverse("freelancer:profile_edit", args=[key]), data)


def test_every_section_page_opens_for_the_freelancer(freelancer_client):
    for key in ("identity", "roles", "experience", "diplomas", "certifications", "sectors", "tools", "skills",
                "english", "availability", "visibility"):
        response = freelancer_client.get(reverse("freelancer:profile_edit", args=[key]))
        assert response.status_code == 200, key
    assert freelancer_client.get(reverse("freelancer:profile_cv")).status_code == 200
    assert freelancer_client.get(reverse("freelancer:profile")).status_code == 200


def test_an_unknown_section_is_a_404(freelancer_client):
    assert freelancer_client.get("/profile/edit/nope/").status_code == 404


def test_an_organisation_member_has_no_editor(client, client_member):
    client.force_login(client_member)
    assert client.get(reverse("freelancer:profile")).status_code == 404


def test_the_editor_needs_a_login(client):
    response = client.get(reverse("freelancer:profile"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_identity_saves_the_user_name_and_phone_with_the_headline(freelancer_client, profile):
    response = _post(freelancer_client, "identity", {
        "profile-first_name": "Léa", "profile-last_name": "Durand", "profile-phone": "06 12 34 56 78",
        "profile-headline": "AMOE BTP", "profile-summary": "Dix ans de chantiers.", "then": "next"})
    assert response.status_code == 302 and response["Location"] == reverse("freelancer:profile_edit", args=["roles"])
    profile.refresh_from_db()
    profile.user.refresh_from_db()
    assert (profile.user.first_name, profile.user.phone, profile.headline) == ("Léa", "06 12 34 56 78", "AMOE BTP")


def test_availability_sets_the_coordinates_from_the_city(freelancer_client, profile):
    response = _post(freelancer_client, "availability", {
        "profile-daily_rate": "650", "profile-available_from": "2030-01-15", "profile-days_per_week": "4",
        "profile-work_modes": ["hybrid", "remote"], "profile-city": "Nantes", "profile-mobility_km": "80"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.daily_rate == 650 and profile.work_modes == ["hybrid", "remote"]
    assert (profile.latitude, profile.longitude) == pytest.approx((47.2184, -1.5536))


def test_a_negative_rate_is_a_field_error_and_nothing_is_saved(freelancer_client, profile):
    before = FreelancerProfile.objects.filter(pk=profile.pk).values().get()
    response = _post(freelancer_client, "availability", {
        "profile-daily_rate": "-5", "profile-available_from": "2030-01-15", "profile-days_per_week": "3",
        "profile-work_modes": ["remote"], "profile-city": "Paris", "profile-mobility_km": "10"})
    assert response.status_code == 200
    assert "daily_rate" in response.context["form"].errors
    assert FreelancerProfile.objects.filter(pk=profile.pk).values().get() == before
    # What was typed is shown again, not lost.
    assert response.context["form"]["city"].value() == "Paris"


def test_a_city_outside_the_list_is_refused(freelancer_client, profile):
    response = _post(freelancer_client, "availability", {
        "profile-daily_rate": "600", "profile-days_per_week": "5", "profile-city": "Atlantis",
        "profile-mobility_km": "10"})
    assert "city" in response.context["form"].errors


def test_an_experience_ending_before_it_starts_is_refused_and_the_saved_ones_stay(freelancer_client, profile):
    kept = ExperienceFactory(profile=profile, client="Bouygues")
    data = {"profile-years_experience": "9", **_management("experience", total=2, initial=1),
            "experience-0-id": str(kept.pk), "experience-0-client": "Bouygues", "experience-0-role": "amoe",
            "experience-0-scale": "large", "experience-0-start_date": "2019-01-01",
            "experience-0-end_date": "2021-06-30",
            "experience-1-client": "Eiffage", "experience-1-role": "amoe", "experience-1-scale": "medium",
            "experience-1-sector": str(sector("btp").pk),
            "experience-1-start_date": "2022-05-01", "experience-1-end_date": "2021-01-01"}
    response = _post(freelancer_client, "experience", data)
    assert response.status_code == 200
    assert "end_date" in response.context["formset"].forms[1].errors
    assert list(Experience.objects.filter(profile=profile).values_list("client", flat=True)) == ["Bouygues"]
    profile.refresh_from_db()
    assert profile.years_experience == 5  # the years posted with the bad row were not saved either


def test_experiences_are_added_with_the_total_years(freelancer_client, profile):
    data = {"profile-years_experience": "9", **_management("experience"),
            "experience-0-client": "Eiffage", "experience-0-role": "amoe", "experience-0-scale": "very_large",
            "experience-0-sector": str(sector("btp").pk), "experience-0-start_date": "2020-05-01",
            "experience-0-description": "Pilotage OPC."}
    assert _post(freelancer_client, "experience", data).status_code == 302
    profile.refresh_from_db()
    assert profile.years_experience == 9
    assert profile.experiences.get().scale == "very_large"


def test_an_experience_starting_in_the_future_is_refused(freelancer_client, profile):
    future = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    data = {"profile-years_experience": "5", **_management("experience"),
            "experience-0-client": "Eiffage", "experience-0-role": "amoe", "experience-0-scale": "small",
            "experience-0-start_date": future}
    response = _post(freelancer_client, "experience", data)
    assert "start_date" in response.context["formset"].forms[0].errors
    assert not profile.experiences.exists()


def test_a_diploma_year_in_the_future_is_refused_and_the_saved_diploma_stays(freelancer_client, profile):
    saved = DiplomaFactory(profile=profile)
    data = {**_management("diplomas", total=2, initial=1),
            "diplomas-0-id": str(saved.pk), "diplomas-0-kind": "engineering", "diplomas-0-level": "5",
            "diplomas-0-title": "Ingénieur", "diplomas-0-school": "INSA", "diplomas-0-year": "2010",
            "diplomas-1-kind": "master", "diplomas-1-level": "5", "diplomas-1-title": "Master MOE",
            "diplomas-1-year": str(datetime.date.today().year + 1)}
    response = _post(freelancer_client, "diplomas", data)
    assert response.status_code == 200
    assert "year" in response.context["formset"].forms[1].errors
    saved.refresh_from_db()
    assert (saved.title, saved.year) == ("Diplôme d'ingénieur", 2012)
    assert profile.diplomas.count() == 1


def test_a_diploma_row_can_be_deleted(freelancer_client, profile):
    saved = DiplomaFactory(profile=profile)
    data = {**_management("diplomas", total=1, initial=1), "diplomas-0-id": str(saved.pk),
            "diplomas-0-kind": "engineering", "diplomas-0-level": "5", "diplomas-0-title": "X",
            "diplomas-0-year": "2010", "diplomas-0-DELETE": "on"}
    assert _post(freelancer_client, "diplomas", data).status_code == 302
    assert not profile.diplomas.exists()


def test_certifications_are_saved(freelancer_client, profile):
    data = {**_management("certifications"), "certifications-0-name": "PMP", "certifications-0-issuer": "PMI",
            "certifications-0-year": "2018"}
    assert _post(freelancer_client, "certifications", data).status_code == 302
    assert profile.certifications.get().name == "PMP"


def test_sectors_carry_years_and_a_sector_twice_is_refused(freelancer_client, profile):
    btp = str(sector("btp").pk)
    data = {**_management("sectors", total=2), "sectors-0-sector": btp, "sectors-0-years": "4",
            "sectors-1-sector": btp, "sectors-1-years": "2"}
    response = _post(freelancer_client, "sectors", data)
    assert response.status_code == 200 and not profile.sector_years.exists()
    data["sectors-1-sector"] = str(sector("immobilier").pk)
    assert _post(freelancer_client, "sectors", data).status_code == 302
    assert dict(profile.sector_years.values_list("sector__code", "years")) == {"btp": 4, "immobilier": 2}


def test_sector_years_can_be_changed(freelancer_client, profile):
    row = ProfileSectorFactory(profile=profile, years=3)
    data = {**_management("sectors", total=1, initial=1), "sectors-0-id": str(row.pk),
            "sectors-0-sector": str(row.sector_id), "sectors-0-years": "11"}
    assert _post(freelancer_client, "sectors", data).status_code == 302
    row.refresh_from_db()
    assert row.years == 11


def test_tools_carry_a_proficiency(freelancer_client, profile):
    data = {**_management("tools"), "tools-0-tool": str(tool("ms_project").pk), "tools-0-proficiency": "4"}
    assert _post(freelancer_client, "tools", data).status_code == 302
    assert profile.tool_levels.get().proficiency == 4


def test_a_tool_outside_the_vocabulary_is_refused(freelancer_client, profile):
    data = {**_management("tools"), "tools-0-tool": "Excel maison", "tools-0-proficiency": "4"}
    response = _post(freelancer_client, "tools", data)
    assert "tool" in response.context["formset"].forms[0].errors


def test_skills_are_picked_from_the_vocabulary(freelancer_client, profile):
    data = {"profile-skills": [str(skill("planning").pk), str(skill("budgeting").pk)]}
    assert _post(freelancer_client, "skills", data).status_code == 302
    assert set(profile.skills.values_list("code", flat=True)) == {"planning", "budgeting"}


def test_english_levels_outside_the_cefr_scale_are_refused(freelancer_client, profile):
    response = _post(freelancer_client, "english", {"profile-english_written": "C3",
                                                    "profile-english_spoken": "B2"})
    assert "english_written" in response.context["form"].errors
    assert _post(freelancer_client, "english", {"profile-english_written": "C1",
                                                "profile-english_spoken": "B2"}).status_code == 302
    profile.refresh_from_db()
    assert (profile.english_written, profile.english_spoken) == ("C1", "B2")


def test_roles_and_visibility(freelancer_client, profile):
    assert _post(freelancer_client, "roles", {"profile-roles": ["amoe", "pmo"]}).status_code == 302
    assert _post(freelancer_client, "visibility", {}).status_code == 302  # unchecked box: hidden
    profile.refresh_from_db()
    assert profile.roles == ["amoe", "pmo"] and profile.is_visible is False


def test_an_unknown_role_is_refused(freelancer_client, profile):
    response = _post(freelancer_client, "roles", {"profile-roles": ["astronaut"]})
    assert "roles" in response.context["form"].errors
    profile.refresh_from_db()
    assert profile.roles == ["amoe"]
