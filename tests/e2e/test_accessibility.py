"""Every page, as each role, in French and in English, passes axe-core with no serious or critical violation.

Also: the language choice is remembered from page to page (allauth's included), form errors are announced
and linked to their fields, the profile editor and the mission page work from the keyboard, and, with
AMOE_SCREENSHOTS=1 only, the French screenshots of the README are taken (screenshots/, copied to docs/screenshots/).
"""
import shutil
from pathlib import Path

import pytest

from profiles.sections import SECTIONS
from tests.e2e.conftest_a11y import (
    axe_violations,
    build_world,
    check_pages,
    format_violations,
    new_context,
)
from tests.e2e.helpers import screenshot, screenshots_asked

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}


@pytest.fixture
def world(freelancer, client_org, client_admin, client_member, esn_recruiter, staff_user):
    return build_world(freelancer=freelancer, client_org=client_org, client_admin=client_admin,
                       client_member=client_member, esn_recruiter=esn_recruiter, staff_user=staff_user)


def _pages(world, role):
    m, entry, profile = world.mission, world.entry, world.freelancer.profile
    other = world.others[0]
    compare = f"/missions/{m.pk}/compare/?p={profile.pk}&p={other.pk}&p={world.others[1].pk}"
    return {
        "anonymous": ["/", "/accounts/login/", "/accounts/signup/", "/account/signup/", "/organisation/signup/",
                      "/accounts/password/reset/", f"/organisation/invitations/{world.invitation.token}/"],
        "freelancer": ["/", "/profile/", *[f"/profile/edit/{s.key}/" for s in SECTIONS if s.key != "cv"],
                       "/profile/edit/cv/", "/profile/preview/", "/freelancer/missions/", "/freelancer/coach/",
                       "/missions/applications/",
                       f"/missions/applications/{entry.pk}/questionnaire/", "/freelancer/privacy/",
                       "/freelancer/privacy/erase/", "/accounts/email/",
                       "/accounts/password/change/"],
        "client_admin": ["/missions/", f"/missions/{m.pk}/", compare, f"/missions/{m.pk}/shortlist/",
                         f"/missions/{m.pk}/shortlist/{entry.pk}/", f"/missions/{m.pk}/recommend/{profile.pk}/",
                         f"/missions/{world.draft.pk}/", "/organisation/missions/new/",
                         f"/organisation/missions/{m.pk}/edit/", "/organisation/members/", f"/profile/{profile.pk}/"],
        "client_member": ["/missions/", f"/missions/{m.pk}/", "/organisation/members/"],
        "esn_recruiter": ["/missions/", "/organisation/members/", "/organisation/missions/new/"],
        "staff": ["/", f"/profile/{profile.pk}/", "/admin/"],
    }[role]


@pytest.mark.parametrize("role", ["anonymous", "freelancer", "client_admin", "client_member", "esn_recruiter", "staff"])
def test_every_page_passes_axe_in_both_languages(role, world, live_server, browser):
    user = None if role == "anonymous" else getattr(world, "staff_user" if role == "staff" else role)
    context = new_context(browser, live_server, user=user)
    try:
        found = check_pages(context, live_server, _pages(world, role))
    finally:
        context.close()
    assert not found, "axe-core found serious or critical violations:\n" + format_violations(found)


def test_pages_stay_accessible_on_a_360_px_phone(world, live_server, browser):
    context = new_context(browser, live_server, user=world.client_admin, **PHONE)
    try:
        m = world.mission
        found = check_pages(context, live_server, [f"/missions/{m.pk}/", f"/organisation/missions/{m.pk}/edit/"],
                            languages=("fr",))
        page = context.new_page()
        page.goto(live_server.url + f"/missions/{m.pk}/")
        # Nothing wider than the screen: no horizontal scrolling on a 360 px phone.
        wide = page.evaluate("""() => Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > 361 && !e.closest('.table-scroll'))
            .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide
    finally:
        context.close()
    assert not found, format_violations(found)


def test_the_language_choice_is_remembered_on_every_page_allauth_included(live_server, browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.select_option("#language-select", "en")
    page.get_by_role("button", name="Changer").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Create an account").is_visible()
    for path in ("/accounts/login/", "/accounts/signup/", "/organisation/signup/", "/"):
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == "en", path
        assert page.locator("#language-select").input_value() == "en"
    page.select_option("#language-select", "fr")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "fr"
    context.close()


def test_form_errors_are_announced_and_linked_to_their_fields(world, live_server, browser):
    context = new_context(browser, live_server, user=world.freelancer)
    page = context.new_page()
    page.goto(live_server.url + "/profile/edit/availability/")
    page.get_by_label("Taux journalier (€ HT)").fill("-50")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer", exact=True).click()
    field = page.get_by_label("Taux journalier (€ HT)")
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby").split()
    error_id = next(i for i in described if i.endswith("_error"))
    assert page.locator(f"#{error_id}").inner_text().strip()
    assert page.locator("[role=alert]").first.is_visible()  # the summary is announced
    assert not axe_violations(page)
    context.close()


def test_the_profile_editor_works_from_the_keyboard(world, live_server, browser):
    context = new_context(browser, live_server, user=world.freelancer)
    page = context.new_page()
    page.goto(live_server.url + "/profile/edit/identity/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")  # skip to the content
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_profile-headline":
            break
    else:
        pytest.fail("the headline field is not reachable with Tab")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("AMOE réhabilitation au clavier")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the section form
    assert "/profile/edit/roles/" in page.url  # Enter pressed the form's first button: save and continue
    world.freelancer.profile.refresh_from_db()
    assert world.freelancer.profile.headline == "AMOE réhabilitation au clavier"

    # The search-as-you-type picker: Tab in, type, Enter picks, Tab on to the save button, Enter saves.
    page.goto(live_server.url + "/profile/edit/skills/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_profile-skills-ts-control":
            break
    else:
        pytest.fail("the skills picker is not reachable with Tab")
    page.keyboard.type("Budgét")
    page.locator(".ts-dropdown .option.active", has_text="Budgétisation").wait_for()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert world.freelancer.profile.skills.filter(code="budgeting").exists()
    context.close()


def test_the_mission_page_works_from_the_keyboard(world, live_server, browser):
    context = new_context(browser, live_server, user=world.client_admin)
    page = context.new_page()
    page.goto(live_server.url + f"/missions/{world.mission.pk}/")
    checked = 0
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input[data-compare]')"):
            page.keyboard.press("Space")
            checked += 1
            if checked == 2:
                break
    assert checked == 2, "the Compare boxes are not reachable with Tab"
    page.locator("#compare-form button").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/compare/" in page.url
    assert page.locator("table.compare thead th").count() == 3
    context.close()


@pytest.mark.skipif(not screenshots_asked(), reason="README screenshots are taken with AMOE_SCREENSHOTS=1")
def test_readme_screenshots_in_french(world, live_server, browser):
    context = new_context(browser, live_server, user=world.client_admin, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    m, profile = world.mission, world.freelancer.profile
    shots = {
        "home-fr.png": "/",
        "mission-ranking-fr.png": f"/missions/{m.pk}/",
        "comparison-fr.png": f"/missions/{m.pk}/compare/?p={profile.pk}&p={world.others[0].pk}&p={world.others[1].pk}",
    }
    freelancer = new_context(browser, live_server, user=world.freelancer, viewport={"width": 1280, "height": 800})
    fpage = freelancer.new_page()
    try:
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        taken = {}
        for name, path in shots.items():
            page.goto(live_server.url + path)
            taken[name] = _shoot(page, f"readme-{name}", height=800 if path == "/" else 1300)
        fpage.goto(live_server.url + "/profile/edit/tools/")
        taken["profile-editor-fr.png"] = _shoot(fpage, "readme-profile-editor-fr.png", height=900)
        for name, source in taken.items():
            shutil.copyfile(source, DOCS_SCREENSHOTS / name)
            assert (DOCS_SCREENSHOTS / name).stat().st_size < 300_000, name
    finally:
        context.close()
        freelancer.close()


def _shoot(page, name, height=1300):
    """The top of the page down to `height` pixels (the first ranked candidates), small enough to commit."""
    page.wait_for_load_state("networkidle")
    height = min(height, page.evaluate("document.documentElement.scrollHeight"))
    return screenshot(page, name, clip={"x": 0, "y": 0, "width": 1280, "height": height})
