import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_visitor_sees_the_home_page_in_french_and_switches_to_english(live_server, page, screenshot_dir):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "AMOE match"
    assert page.get_by_role("link", name="Créer un compte").is_visible()
    page.screenshot(path=str(screenshot_dir / "home-fr.png"), full_page=True)
    page.select_option("#language-select", "en")
    page.get_by_role("button", name="Changer").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
