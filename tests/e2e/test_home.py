import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_visitor_sees_the_home_page_in_french_and_switches_to_english(live_server, page):
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_have_text("AMOE match")
    expect(page.get_by_role("link", name="Créer un compte")).to_be_visible()
    screenshot(page, "home-fr.png")
    page.select_option("#language-select", "en")
    with page.expect_navigation():
        page.get_by_role("button", name="Changer").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
