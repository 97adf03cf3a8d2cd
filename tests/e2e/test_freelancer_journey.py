"""A new freelancer signs up, verifies the e-mail, fills every section, uploads a PDF, reaches 100 % and
sees the profile as a client would: the demo client, logging in through the form."""
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from demo.demo_data import DEMO_CLIENT, DEMO_PASSWORD
from profiles.models import FreelancerProfile
from tests.e2e.helpers import log_in, screenshot
from tests.profiles.pdfs import minimal_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "un-Mot-de-passe-solide-42"
PHONE = (390, 844)
DESKTOP = (1280, 900)


def pick(page, select_id, query, option=None):
    """Search-as-you-type in a tom-select picker, choose the option, then close the list with Escape."""
    page.locator(f"#{select_id}-ts-control").focus()
    page.keyboard.type(query)
    page.locator(f"#{select_id}-ts-dropdown .option", has_text=option or query).first.click()
    page.wait_for_function("([id, text]) => [...document.getElementById(id).selectedOptions]"
                           ".some(o => o.text.includes(text))", arg=[select_id, option or query])
    page.keyboard.press("Escape")  # a multiple picker keeps its list open for the next pick


def click(page, name):
    """A button that stays on the page (adds a row)."""
    button = page.get_by_role("button", name=name)
    button.click(trial=True)
    button.click()


def submit(page, name):
    """A button that submits: wait until it can take the click, then click once and wait for the next page."""
    button = page.get_by_role("button", name=name)
    button.click(trial=True)
    with page.expect_navigation():
        button.click()


def save_and_continue(page, expected_path):
    submit(page, "Enregistrer et continuer")
    expect(page).to_have_url(re.compile(re.escape(expected_path) + "$"))
    expect(page.locator(".messages")).to_contain_text("Section")


def shoot(page, name, width_height):
    page.set_viewport_size({"width": width_height[0], "height": width_height[1]})
    screenshot(page, name)
    page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})


def test_a_freelancer_signs_up_fills_the_profile_and_sees_it_as_a_client(live_server, page):
    call_command("seed_demo", "--profiles", "20", "--missions", "8")  # the client who looks at the profile
    cache.clear()  # allauth's rate limits live in the cache
    url = live_server.url

    # Sign up and verify the e-mail from the outbox.
    page.goto(url + "/accounts/signup/")
    expect(page.get_by_role("link", name="Je recrute pour une entreprise")).to_have_attribute("href", "/organisation/signup/")
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Nom", exact=True).fill("Durand")
    page.get_by_label("Adresse e-mail").fill("lea.durand@example.com")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    submit(page, "Créer mon compte freelance")
    expect(page).to_have_url(url + "/accounts/confirm-email/")
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(url + link)
    submit(page, "Confirmer")
    expect(page).to_have_url(url + "/profile/")
    expect(page.get_by_test_id("completeness")).to_have_text("0 %")

    # Every section, in order, with "save and continue".
    page.locator("main a.button[href='/profile/edit/identity/']").click()  # the call to the first missing section
    page.get_by_label("Titre du profil").fill("AMOE pilotage de travaux, 9 ans en BTP")
    page.get_by_label("Présentation").fill("J'assiste les maîtres d'œuvre sur des chantiers de logements et de bureaux.")
    page.get_by_label("Téléphone").fill("06 12 34 56 78")
    save_and_continue(page, "/profile/edit/roles/")

    page.get_by_label("AMOE – assistant à maîtrise d'œuvre").check()
    page.get_by_label("PMO – project management officer").check()
    save_and_continue(page, "/profile/edit/experience/")

    page.get_by_label("Années d'expérience").fill("9")
    page.fill("#id_experience-0-client", "Vinci Construction")
    pick(page, "id_experience-0-sector", "BTP", "Bâtiment et travaux publics")
    page.select_option("#id_experience-0-scale", "large")
    page.fill("#id_experience-0-start_date", "2018-03-01")
    page.fill("#id_experience-0-end_date", "2022-06-30")
    page.fill("#id_experience-0-description", "Suivi OPC d'un ensemble de 300 logements.")
    click(page, "Ajouter une expérience")
    page.fill("#id_experience-1-client", "Nexity")
    pick(page, "id_experience-1-sector", "Immo", "Immobilier")
    page.select_option("#id_experience-1-scale", "medium")
    page.fill("#id_experience-1-start_date", "2022-09-01")
    shoot(page, "freelancer-editor-desktop.png", DESKTOP)
    shoot(page, "freelancer-editor-phone.png", PHONE)
    save_and_continue(page, "/profile/edit/diplomas/")

    page.select_option("#id_diplomas-0-kind", "engineering")
    page.select_option("#id_diplomas-0-level", "5")
    page.fill("#id_diplomas-0-title", "Ingénieur génie civil")
    page.fill("#id_diplomas-0-school", "INSA Lyon")
    page.fill("#id_diplomas-0-year", "2014")
    save_and_continue(page, "/profile/edit/certifications/")

    page.fill("#id_certifications-0-name", "PMP")
    page.fill("#id_certifications-0-issuer", "PMI")
    save_and_continue(page, "/profile/edit/sectors/")

    pick(page, "id_sectors-0-sector", "BTP", "Bâtiment et travaux publics")
    page.fill("#id_sectors-0-years", "8")
    click(page, "Ajouter un secteur")
    pick(page, "id_sectors-1-sector", "immo", "Immobilier")
    page.fill("#id_sectors-1-years", "3")
    save_and_continue(page, "/profile/edit/tools/")

    pick(page, "id_tools-0-tool", "project", "Microsoft Project")
    page.select_option("#id_tools-0-proficiency", "4")
    click(page, "Ajouter un outil")
    pick(page, "id_tools-1-tool", "exc", "Microsoft Excel")
    page.select_option("#id_tools-1-proficiency", "3")
    save_and_continue(page, "/profile/edit/skills/")

    pick(page, "id_profile-skills", "planif", "Planification")
    pick(page, "id_profile-skills", "budg", "Budgétisation")
    pick(page, "id_profile-skills", "recet", "Recette")
    save_and_continue(page, "/profile/edit/english/")

    page.get_by_label("Anglais écrit").select_option("C1")
    page.get_by_label("Anglais parlé").select_option("B2")
    save_and_continue(page, "/profile/edit/availability/")

    page.get_by_label("Taux journalier (€ HT)").fill("-50")  # a bad value first: an error, nothing lost
    submit(page, "Enregistrer et continuer")
    expect(page.locator("#id_profile-daily_rate_error")).to_be_visible()
    page.get_by_label("Taux journalier (€ HT)").fill("650")
    page.get_by_label("Disponible à partir du").fill("2026-09-01")
    page.get_by_label("Jours par semaine").fill("4")
    page.get_by_label("Hybride").check()
    page.get_by_label("À distance").check()
    pick(page, "id_profile-city", "Lyo", "Lyon")
    page.get_by_label("Mobilité (km)").fill("80")
    save_and_continue(page, "/profile/edit/preferences/")

    page.get_by_label("Taux journalier minimum accepté (€ HT)").fill("550")
    page.get_by_label("Durée de mission minimum (mois)").fill("12")
    page.get_by_label("Durée de mission maximum (mois)").fill("3")  # an end before the start: an error
    submit(page, "Enregistrer et continuer")
    expect(page.locator("#id_profile-max_mission_months_error")).to_be_visible()
    page.get_by_label("Durée de mission maximum (mois)").fill("18")
    save_and_continue(page, "/profile/edit/visibility/")

    expect(page.get_by_label("Visible par les clients")).to_be_checked()
    submit(page, "Enregistrer et continuer")
    expect(page).to_have_url(url + "/profile/edit/cv/")
    expect(page.get_by_test_id("completeness")).to_have_text("91 %")

    page.get_by_label("CV (PDF, 5 Mo au plus)").set_input_files(
        files=[{"name": "cv-lea-durand.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf("Lea Durand")}])
    submit(page, "Envoyer le CV")
    expect(page).to_have_url(url + "/profile/edit/cv/")
    expect(page.get_by_test_id("completeness")).to_have_text("100 %")
    expect(page.get_by_text("Toutes les sections comptées sont remplies.")).to_be_visible()

    profile = FreelancerProfile.objects.get(user__email="lea.durand@example.com")
    assert profile.daily_rate == 650 and profile.experiences.count() == 2 and profile.cv
    assert (profile.min_daily_rate, profile.min_mission_months, profile.max_mission_months) == (550, 12, 18)

    # The freelancer's preview, then the page as a client of the platform sees it.
    page.get_by_role("link", name="Voir mon profil comme un client").click()
    expect(page.get_by_text("Aperçu : voici votre profil tel qu'un client le voit.")).to_be_visible()
    submit(page, "Se déconnecter")

    log_in(page, url, DEMO_CLIENT, DEMO_PASSWORD, lands_on="/missions/")
    page.goto(url + f"/profile/{profile.pk}/")
    expect(page.get_by_role("heading", name="Léa Durand")).to_be_visible()
    expect(page.get_by_text("AMOE pilotage de travaux, 9 ans en BTP")).to_be_visible()
    expect(page.get_by_text("Microsoft Project — Expert")).to_be_visible()
    content = page.content()
    assert "lea.durand@example.com" not in content and "06 12 34 56 78" not in content
    shoot(page, "freelancer-public-profile-desktop.png", DESKTOP)
    shoot(page, "freelancer-public-profile-phone.png", PHONE)
