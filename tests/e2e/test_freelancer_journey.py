"""A new freelancer signs up, verifies the e-mail, fills every section, uploads a PDF,
reaches 100 % and sees the profile as a client would. Screenshots go to screenshots/."""
import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from accounts.models import Membership, Organisation, User
from profiles import vocabulary_data
from profiles.models import FreelancerProfile, Sector, Skill, Tool
from tests.profiles.pdfs import minimal_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "un-Mot-de-passe-solide-42"
PHONE = (390, 844)
DESKTOP = (1280, 900)


def _ensure_vocabularies():
    """Transactional tests flush the tables, the vocabularies loaded by migration included."""
    if Sector.objects.exists():
        return
    sectors = {code: Sector.objects.create(code=code, label_fr=fr, label_en=en)
               for code, fr, en in vocabulary_data.SECTORS}
    for a, b in vocabulary_data.SECTOR_ADJACENCY:
        sectors[a].adjacent.add(sectors[b])
    Tool.objects.bulk_create([Tool(code=c, label_fr=fr, label_en=en, category=cat)
                              for c, fr, en, cat in vocabulary_data.TOOLS])
    Skill.objects.bulk_create([Skill(code=c, label_fr=fr, label_en=en) for c, fr, en in vocabulary_data.SKILLS])


def pick(page, select_id, query, option=None):
    """Search-as-you-type in a tom-select picker, then choose the option."""
    page.locator(f"#{select_id}-ts-control").focus()
    page.keyboard.type(query)
    page.locator(f"#{select_id}-ts-dropdown .option", has_text=option or query).first.click()
    page.wait_for_function("([id, text]) => [...document.getElementById(id).selectedOptions]"
                           ".some(o => o.text.includes(text))", arg=[select_id, option or query])
    close_pickers(page)


def close_pickers(page):
    """Close every picker's dropdown, as a user clicking elsewhere would. tom-select may take the focus back
    (and open its dropdown) an instant after a pick, and an open dropdown covers the buttons underneath."""
    page.evaluate("""() => document.querySelectorAll("select[data-picker]").forEach(select => {
        if (select.tomselect) { select.tomselect.close(); select.tomselect.blur(); }
    })""")


def press(page, name):
    button = page.get_by_role("button", name=name)
    for attempt in range(3):
        close_pickers(page)
        try:
            button.click(timeout=5_000)
            return
        except PlaywrightTimeoutError:  # a dropdown opened again over the button: close it and retry
            if attempt == 2:
                raise


def save_and_continue(page, expected_path):
    press(page, "Enregistrer et continuer")
    page.wait_for_url(f"**{expected_path}")
    assert page.locator(".messages").inner_text().startswith("Section")


def shoot(page, path, width_height):
    page.set_viewport_size({"width": width_height[0], "height": width_height[1]})
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})


def test_a_freelancer_signs_up_fills_the_profile_and_sees_it_as_a_client(live_server, page, screenshot_dir):
    _ensure_vocabularies()
    cache.clear()  # allauth's rate limits live in the cache
    url = live_server.url
    page.set_default_timeout(30_000)  # each save re-ranks; a loaded two-core machine can take seconds

    # Sign up and verify the e-mail from the outbox.
    page.goto(url + "/accounts/signup/")
    assert page.get_by_role("link", name="Je recrute pour une entreprise").get_attribute("href") == "/organisation/signup/"
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Nom", exact=True).fill("Durand")
    page.get_by_label("Adresse e-mail").fill("lea.durand@example.com")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte freelance").click()
    page.wait_for_url("**/accounts/confirm-email/")
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(url + link)
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url("**/profile/")
    assert page.get_by_test_id("completeness").inner_text() == "0 %"

    # Every section, in order, with "save and continue".
    page.get_by_role("link", name="Commencer par l'identité").click()
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
    press(page, "Ajouter une expérience")
    page.fill("#id_experience-1-client", "Nexity")
    pick(page, "id_experience-1-sector", "Immo", "Immobilier")
    page.select_option("#id_experience-1-scale", "medium")
    page.fill("#id_experience-1-start_date", "2022-09-01")
    shoot(page, screenshot_dir / "freelancer-editor-desktop.png", DESKTOP)
    shoot(page, screenshot_dir / "freelancer-editor-phone.png", PHONE)
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
    press(page, "Ajouter un secteur")
    pick(page, "id_sectors-1-sector", "immo", "Immobilier")
    page.fill("#id_sectors-1-years", "3")
    save_and_continue(page, "/profile/edit/tools/")

    pick(page, "id_tools-0-tool", "project", "Microsoft Project")
    page.select_option("#id_tools-0-proficiency", "4")
    press(page, "Ajouter un outil")
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
    press(page, "Enregistrer et continuer")
    assert page.locator("#id_profile-daily_rate_error").is_visible()
    page.get_by_label("Taux journalier (€ HT)").fill("650")
    page.get_by_label("Disponible à partir du").fill("2026-09-01")
    page.get_by_label("Jours par semaine").fill("4")
    page.get_by_label("Hybride").check()
    page.get_by_label("À distance").check()
    pick(page, "id_profile-city", "Lyo", "Lyon")
    page.get_by_label("Mobilité (km)").fill("80")
    save_and_continue(page, "/profile/edit/visibility/")

    assert page.get_by_label("Visible par les clients").is_checked()
    press(page, "Enregistrer et continuer")
    page.wait_for_url("**/profile/edit/cv/")
    assert page.get_by_test_id("completeness").inner_text() == "91 %"

    page.get_by_label("CV (PDF, 5 Mo au plus)").set_input_files(
        files=[{"name": "cv-lea-durand.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf("Lea Durand")}])
    page.get_by_role("button", name="Envoyer le CV").click()
    page.wait_for_url("**/profile/edit/cv/")
    assert page.get_by_test_id("completeness").inner_text() == "100 %"
    assert page.get_by_text("Toutes les sections comptées sont remplies.").is_visible()

    profile = FreelancerProfile.objects.get(user__email="lea.durand@example.com")
    assert profile.daily_rate == 650 and profile.experiences.count() == 2 and profile.cv

    # The freelancer's preview, then the page as a client of the platform sees it.
    page.get_by_role("link", name="Voir mon profil comme un client").click()
    assert page.get_by_text("Aperçu : voici votre profil tel qu'un client le voit.").is_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    organisation = Organisation.objects.create(name="Bâtiments du Rhône")
    client = User.objects.create_user("client@example.com", PASSWORD, account_type=User.AccountType.ORGANISATION)
    client.emailaddress_set.create(email=client.email, verified=True, primary=True)
    Membership.objects.create(user=client, organisation=organisation)
    page.goto(url + "/accounts/login/")
    page.fill("input[name=login]", "client@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(url + f"/profile/{profile.pk}/")
    assert page.get_by_role("heading", name="Léa Durand").is_visible()
    assert page.get_by_text("AMOE pilotage de travaux, 9 ans en BTP").is_visible()
    assert page.get_by_text("Microsoft Project — Expert").is_visible()
    content = page.content()
    assert "lea.durand@example.com" not in content and "06 12 34 56 78" not in content
    shoot(page, screenshot_dir / "freelancer-public-profile-desktop.png", DESKTOP)
    shoot(page, screenshot_dir / "freelancer-public-profile-phone.png", PHONE)
