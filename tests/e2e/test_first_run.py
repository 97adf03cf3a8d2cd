"""A newcomer's first run: an empty database, the demo data loaded as `make run` loads it, then each demo
account logs in through the real form and lands on its home page."""
import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from demo.demo_data import DEMO_CLIENT, DEMO_FREELANCER, DEMO_PASSWORD, DEMO_RECRUITER
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_each_demo_account_logs_in_through_the_form_after_seed_demo(live_server, browser):
    assert not User.objects.exists()
    call_command("seed_demo", "--if-empty", "--profiles", "200", "--missions", "10")  # `make run`, smaller
    cache.clear()  # allauth's log-in limits live in the cache
    homes = {DEMO_FREELANCER: ("/profile/", "Mon profil"), DEMO_CLIENT: ("/missions/", "Vos missions"),
             DEMO_RECRUITER: ("/missions/", "Vos missions")}
    for email, (home, heading) in homes.items():
        context = browser.new_context(locale="fr-FR")
        page = context.new_page()
        log_in(page, live_server.url, email, DEMO_PASSWORD, lands_on=home)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        context.close()
