"""A client company's whole journey in the browser on the demo data, and the demo freelancer answering its
questionnaire. Both log in through the form as the accounts seed_demo made."""
import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from demo.demo_data import DEMO_CLIENT, DEMO_FREELANCER, DEMO_PASSWORD
from matching.models import RankingEntry
from missions.models import Mission, Recommendation
from recruiting.models import QuestionnaireAnswer, ShortlistEntry
from tests.e2e.helpers import log_in, screenshot, screenshots_asked

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
RANKING_WAIT_RELOADS = 12  # × 5 s: a minute for the ranking that publishing starts


def _link_path(path):
    """The path of the latest e-mailed link to `path`, whatever host the e-mail names."""
    for message in reversed(mail.outbox):
        match = re.search(rf"https?://[^/\s]+({re.escape(path)})", message.body)
        if match:
            return match.group(1)
    raise AssertionError(f"no e-mail with a link to {path}")


def _wait_for_ranking(page):
    """Publishing ranks the mission in the background: reload until the candidates show, for a minute at most."""
    for _ in range(RANKING_WAIT_RELOADS):
        try:
            expect(page.locator("li.candidate").first).to_be_visible(timeout=5_000)
            return
        except AssertionError:
            page.reload()
    pytest.fail("no ranking a minute after publishing")


def _phone_screenshot(browser, page, name):
    if screenshots_asked():
        phone = browser.new_context(locale="fr-FR", storage_state=page.context.storage_state(), **PHONE)
        phone_page = phone.new_page()
        phone_page.goto(page.url)
        screenshot(phone_page, name)
        phone.close()


def _submit(page, button):
    button.click(trial=True)
    with page.expect_navigation():
        button.click()


def test_a_client_company_posts_ranks_compares_shortlists_and_hires(live_server, browser, page):
    call_command("seed_demo", "--profiles", "200", "--missions", "8")
    cache.clear()  # allauth's log-in limits live in the cache
    base = live_server.url
    log_in(page, base, DEMO_CLIENT, DEMO_PASSWORD, lands_on="/missions/")

    # Post and publish a mission that suits the demo freelancer (Lyon, BTP, 650 €/day).
    page.get_by_role("link", name="Publier une mission").click()
    page.fill("#id_title", "AMOE réhabilitation du siège")
    page.select_option("#id_sector", label="Bâtiment et travaux publics (BTP)")
    page.check("input[name=scale][value=medium]")
    page.check("input[name=complexity][value=moderate]")
    page.select_option("#id_tools-0-tool", label="Microsoft Project")
    page.fill("#id_start_date", (datetime.date.today() + datetime.timedelta(days=14)).isoformat())
    page.select_option("#id_work_mode", "hybrid")
    page.fill("#id_city", "Lyon")
    page.fill("#id_daily_rate_max", "850")
    page.fill("#id_questions-0-text", "Quel chantier de réhabilitation avez-vous suivi ?")
    _submit(page, page.get_by_role("button", name="Enregistrer et publier"))
    mission = Mission.objects.get(title="AMOE réhabilitation du siège")
    assert mission.status == Mission.Status.OPEN

    # Ranked candidates with their reasons, from the ranking that publishing started.
    _wait_for_ranking(page)
    cards = page.locator("li.candidate")
    best = RankingEntry.objects.select_related("profile__user").get(mission=mission, rank=1)
    expect(cards.first.locator("h3")).to_contain_text(best.profile.user.get_full_name())
    expect(cards.first).to_contain_text("d'expérience pour 4 requis")
    expect(page.locator(".ranking-summary")).to_contain_text("au-dessus de votre plafond de TJM")
    claire = page.locator("li.candidate", has_text="Claire Moreau")
    expect(claire).to_be_visible()
    screenshot(page, "client-mission-desktop.png")
    _phone_screenshot(browser, page, "client-mission-phone.png")

    # Compare the demo freelancer with two others.
    claire.get_by_label("Comparer").check()
    others = cards.filter(has_not_text="Claire Moreau")
    for card in range(2):
        others.nth(card).get_by_label("Comparer").check()
    _submit(page, page.get_by_role("button", name="Comparer la sélection"))
    table = page.locator("table.compare")
    expect(table.locator("thead th")).to_have_count(4)
    for row in ("Diplômes", "Parcours", "Années par secteur", "Outils maîtrisés", "Niveau d'anglais", "TJM demandé",
                "Disponible à partir du", "Recommandations reçues", "Outils", "Recommandations"):
        expect(table.get_by_role("rowheader", name=row, exact=True)).to_have_count(1)
    expect(table).to_contain_text("Travail rigoureux, excellent relationnel avec la MOE.")
    screenshot(page, "client-compare-desktop.png")
    _phone_screenshot(browser, page, "client-compare-phone.png")

    # Shortlist the demo freelancer and one other from the comparison.
    column = [text.split("\n")[0] for text in table.locator("thead th").all_inner_texts()].index("Claire Moreau")
    shortlist_row = table.locator("tr", has=page.get_by_role("rowheader", name="Présélection"))
    _submit(page, shortlist_row.locator("td").nth(column - 1).get_by_role("button", name="Présélectionner"))
    _submit(page, table.get_by_role("button", name="Présélectionner").first)
    assert ShortlistEntry.objects.filter(mission=mission).count() == 2
    hired = ShortlistEntry.objects.select_related("profile__user").get(mission=mission, profile__user__email=DEMO_FREELANCER)
    expect(table).to_contain_text(DEMO_FREELANCER)  # contact details once shortlisted

    # Send the questionnaire to her.
    page.goto(base + f"/missions/{mission.pk}/shortlist/")
    _submit(page, page.locator(f"#entry-{hired.pk}").get_by_role("button", name="Envoyer le questionnaire"))
    answer_path = _link_path(f"/missions/applications/{hired.pk}/questionnaire/")

    # The demo freelancer logs in from the link and answers, in another browser.
    freelancer = browser.new_context(locale="fr-FR")
    fpage = freelancer.new_page()
    log_in(fpage, base, DEMO_FREELANCER, DEMO_PASSWORD, next_path=answer_path, lands_on=answer_path)
    fpage.get_by_label("Quel chantier de réhabilitation avez-vous suivi ?").fill("Le siège de la Caisse d'Épargne, 12 000 m².")
    _submit(fpage, fpage.get_by_role("button", name="Envoyer mes réponses"))
    expect(fpage.locator("table")).to_contain_text("Questionnaire")
    freelancer.close()
    assert QuestionnaireAnswer.objects.filter(entry=hired).count() == 1

    # Answers on the shortlist; trial period, then hired.
    page.reload()
    entry_card = page.locator(f"#entry-{hired.pk}")
    expect(entry_card).to_contain_text("12 000 m²")
    for label, note in (("Période d'essai", "Deux semaines d'essai"), ("Retenu", "Essai concluant")):
        entry_card.locator("select[name=to_status]").select_option(label=label)
        entry_card.locator("input[name=note]").fill(note)
        _submit(page, entry_card.get_by_role("button", name="Déplacer"))
    hired.refresh_from_db()
    assert hired.status == ShortlistEntry.Status.HIRED
    assert list(hired.moves.order_by("id").values_list("to_status", flat=True))[-2:] == ["trial", "hired"]

    # The mission is filled: leave a recommendation.
    _submit(page, page.get_by_role("button", name="Marquer comme pourvue"))
    page.goto(base + f"/missions/{mission.pk}/shortlist/")
    page.locator(f"#entry-{hired.pk}").get_by_role("link", name="Laisser une recommandation").click()
    page.select_option("#id_rating", "5")
    page.fill("#id_text", "Rigueur et écoute, chantier livré à l'heure.")
    _submit(page, page.get_by_role("button", name="Publier la recommandation"))
    recommendation = Recommendation.objects.get(mission=mission)
    assert (recommendation.profile_id, recommendation.rating) == (hired.profile_id, 5)
    expect(page.get_by_text("Recommandation laissée")).to_be_visible()
