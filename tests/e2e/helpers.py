"""What browser tests share: logging in through the real form, and screenshots taken only when asked for."""
import os
from pathlib import Path

from playwright.sync_api import expect

# Git-ignored. Screenshots are written only with AMOE_SCREENSHOTS=1, never during a plain `make test`.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def screenshots_asked() -> bool:
    return os.environ.get("AMOE_SCREENSHOTS") == "1"


def screenshot(page, name: str, **options) -> Path | None:
    """Save the page as screenshots/<name> when AMOE_SCREENSHOTS=1; do nothing otherwise."""
    if not screenshots_asked():
        return None
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), **{"full_page": True, **options})
    return path


def log_in(page, base_url: str, email: str, password: str, *, lands_on: str, next_path: str = "") -> None:
    """Log in through allauth's form, as a person would, and check the page it leads to."""
    page.goto(base_url + "/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    submit = page.locator("main form button[type=submit]")
    submit.click(trial=True)  # waits until the button can take the click
    with page.expect_navigation():
        submit.click()
    expect(page).to_have_url(base_url + lands_on)
