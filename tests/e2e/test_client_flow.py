"""A client company's whole journey in the browser, and a freelancer answering its questionnaire."""
import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from matching import index_cache
from matching.models import QuestionnaireAnswer, RankingEntry, ShortlistEntry
from matching.services import mission_rank
from missions.models import Mission, Recommendation
from tests.factories import (
    DiplomaFactory,
    ExperienceFactory,
    FreelancerProfileFactory,
    ProfileSectorFactory,
    ProfileToolFactory,
    RecommendationFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def _freelancers():
    profiles = []
    for i, (years, rate) in enumerate(((12, 750), (9, 700), (7, 650), (5, 600), (3, 520))):
        profile = FreelancerProfileFactory(
            user__email=f"amoe{i}@freelance.fr", user__first_name=["Claire", "Hugo", "Inès", "Karim", "Léa"][i],
            user__last_name="Moreau", user__phone="06 11 22 33 4" + str(i), years_experience=years, daily_rate=rate,
            headline="AMOE travaux et réhabilitation",
        )
        EmailAddress.objects.create(user=profile.user, email=profile.user.email, primary=True, verified=True)
        ProfileSectorFactory(profile=profile, years=min(years, 8))
        ProfileToolFactory(profile=profile, proficiency=4 if years > 6 else 2)
        DiplomaFactory(profile=profile, level=5 if years > 4 else 3, title="Master génie civil")
        ExperienceFactory(profile=profile, scale="large" if years > 6 else "small")
        profiles.append(profile)
    RecommendationFactory(profile=profiles[1], rating=5, text="Un suivi de chantier irréprochable.")
    FreelancerProfileFactory(daily_rate=2500)  # above any ceiling: excluded
    return profiles


def _link(pattern):
    for message in reversed(mail.outbox):
        match = re.search(pattern, message.body)
        if match:
            return match.group(0)
    raise AssertionError(f"no e-mail with {pattern}")


def test_a_client_company_posts_ranks_compares_shortlists_and_hires(live_server, browser, page, screenshot_dir):
    profiles = _freelancers()
    index_cache.reset()
    base = live_server.url

    # Sign up as a client company and verify the address from the e-mail.
    page.goto(base + "/organisation/signup/")
    page.fill("#id_organisation_name", "Immobilière du Confluent")
    page.fill("#id_city", "Lyon")
    page.fill("#id_first_name", "Sophie")
    page.fill("#id_last_name", "Bernard")
    page.fill("#id_email", "sophie@confluent.fr")
    page.fill("#id_password1", "Conflu-2026-long")
    page.fill("#id_password2", "Conflu-2026-long")
    page.get_by_role("button", name="Créer le compte de l'organisation").click()
    page.wait_for_load_state()
    confirm = _link(r"https?://[^\s]+/accounts/confirm-email/[^\s]+")
    page.goto(confirm.replace("http://testserver", base))
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()

    # Post and publish a mission.
    page.goto(base + "/missions/")
    page.get_by_role("link", name="Publier une mission").click()
    page.fill("#id_title", "AMOE réhabilitation du siège")
    page.select_option("#id_sector", label="Bâtiment et travaux publics (BTP)")
    page.check("input[name=scale][value=medium]")
    page.check("input[name=complexity][value=moderate]")
    page.select_option("#id_tools-0-tool", label="Microsoft Project")
    page.fill("#id_start_date", (datetime.date.today() + datetime.timedelta(days=14)).isoformat())
    page.select_option("#id_work_mode", "hybrid")
    page.fill("#id_city", "Lyon")
    page.fill("#id_daily_rate_max", "800")
    page.fill("#id_questions-0-text", "Quel chantier de réhabilitation avez-vous suivi ?")
    page.get_by_role("button", name="Enregistrer et publier").click()
    page.wait_for_load_state()
    mission = Mission.objects.get(title="AMOE réhabilitation du siège")
    assert mission.status == Mission.Status.OPEN
    if not RankingEntry.objects.filter(mission=mission).exists():  # the ranking task had not run yet
        index_cache.reset()
        mission_rank(mission_id=mission.pk)
        page.reload()

    # Ranked candidates with their reasons.
    cards = page.locator("li.candidate")
    assert cards.count() == 5
    best = RankingEntry.objects.select_related("profile__user").get(mission=mission, rank=1)
    assert best.profile.user.first_name in cards.first.locator("h3").inner_text()
    assert "d'expérience pour 4 requis" in cards.first.inner_text()
    assert "au-dessus de votre plafond de TJM" in page.locator(".ranking-summary").inner_text()
    page.screenshot(path=str(screenshot_dir / "client-mission-desktop.png"), full_page=True)
    phone = browser.new_context(locale="fr-FR", storage_state=page.context.storage_state(), **PHONE)
    phone_page = phone.new_page()
    phone_page.goto(page.url)
    phone_page.screenshot(path=str(screenshot_dir / "client-mission-phone.png"), full_page=True)

    # Compare three.
    for card in range(3):
        cards.nth(card).get_by_label("Comparer").check()
    page.get_by_role("button", name="Comparer la sélection").click()
    page.wait_for_load_state()
    table = page.locator("table.compare")
    assert table.locator("thead th").count() == 4
    for row in ("Diplômes", "Parcours", "Années par secteur", "Outils maîtrisés", "Niveau d'anglais", "TJM demandé",
                "Disponible à partir du", "Recommandations reçues", "Outils", "Recommandations"):
        assert table.get_by_role("rowheader", name=row, exact=True).count() == 1
    assert "Un suivi de chantier irréprochable." in table.inner_text()
    page.screenshot(path=str(screenshot_dir / "client-compare-desktop.png"), full_page=True)
    phone_page.goto(page.url)
    phone_page.screenshot(path=str(screenshot_dir / "client-compare-phone.png"), full_page=True)
    phone.close()

    # Shortlist two from the comparison.
    for _ in range(2):
        table.get_by_role("button", name="Présélectionner").first.click()
        page.wait_for_load_state()
    assert ShortlistEntry.objects.filter(mission=mission).count() == 2
    hired = ShortlistEntry.objects.filter(mission=mission).order_by("id").first()
    assert hired.profile.user.email in page.content()  # contact details once shortlisted

    # Send the questionnaire to one of them.
    page.goto(base + f"/missions/{mission.pk}/shortlist/")
    entry_card = page.locator(f"#entry-{hired.pk}")
    entry_card.get_by_role("button", name="Envoyer le questionnaire").click()
    page.wait_for_load_state()
    answer_url = _link(rf"https?://[^\s]+/missions/applications/{hired.pk}/questionnaire/")

    # The freelancer answers in another browser context.
    freelancer = browser.new_context(locale="fr-FR")
    fpage = freelancer.new_page()
    fpage.goto(base + "/accounts/login/?next=" + answer_url.split("testserver", 1)[-1])
    fpage.fill("input[name=login]", hired.profile.user.email)
    fpage.fill("input[name=password]", PASSWORD)
    fpage.locator("form button[type=submit]").last.click()
    fpage.wait_for_load_state()
    fpage.get_by_label("Quel chantier de réhabilitation avez-vous suivi ?").fill("Le siège de la Caisse d'Épargne, 12 000 m².")
    fpage.get_by_role("button", name="Envoyer mes réponses").click()
    fpage.wait_for_load_state()
    assert "Questionnaire" in fpage.locator("table").inner_text()
    freelancer.close()
    assert QuestionnaireAnswer.objects.filter(entry=hired).count() == 1

    # Answers on the shortlist; trial period, then hired.
    page.reload()
    entry_card = page.locator(f"#entry-{hired.pk}")
    assert "12 000 m²" in entry_card.inner_text()
    for label, note in (("Période d'essai", "Deux semaines d'essai"), ("Retenu", "Essai concluant")):
        entry_card.locator("select[name=to_status]").select_option(label=label)
        entry_card.locator("input[name=note]").fill(note)
        entry_card.get_by_role("button", name="Déplacer").click()
        page.wait_for_load_state()
        entry_card = page.locator(f"#entry-{hired.pk}")
    hired.refresh_from_db()
    assert hired.status == ShortlistEntry.Status.HIRED
    assert list(hired.moves.order_by("id").values_list("to_status", flat=True))[-2:] == ["trial", "hired"]

    # The mission is filled: leave a recommendation.
    page.get_by_role("button", name="Marquer comme pourvue").click()
    page.wait_for_load_state()
    page.goto(base + f"/missions/{mission.pk}/shortlist/")
    page.locator(f"#entry-{hired.pk}").get_by_role("link", name="Laisser une recommandation").click()
    page.select_option("#id_rating", "5")
    page.fill("#id_text", "Rigueur et écoute, chantier livré à l'heure.")
    page.get_by_role("button", name="Publier la recommandation").click()
    page.wait_for_load_state()
    recommendation = Recommendation.objects.get(mission=mission)
    assert (recommendation.profile_id, recommendation.rating) == (hired.profile_id, 5)
    assert "Recommandation laissée" in page.content()
    assert profiles  # the factories' freelancers were the candidates
