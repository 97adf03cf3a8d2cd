"""Amounts, numbers and pages in the user's language: French by default, English on request."""
import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.templatetags.amoe_format import euros

NBSP = "\xa0"


@pytest.mark.parametrize(("language", "value", "places", "expected"), [
    ("fr", 1250, 2, f"1{NBSP}250,00{NBSP}€"),
    ("fr", 600, 0, f"600{NBSP}€"),
    ("fr", "1250.5", 2, f"1{NBSP}250,50{NBSP}€"),
    ("en", 1250, 2, "€1,250.00"),
    ("en", 600, 0, "€600"),
])
def test_euros_follow_the_active_language(language, value, places, expected):
    with translation.override(language):
        assert euros(value, places) == expected


@pytest.mark.parametrize("value", [None, "", "abc"])
def test_euros_of_nothing_is_empty(value):
    assert euros(value) == ""


def test_numbers_are_grouped_but_ids_and_years_are_not():
    template = Template("{% load l10n %}{{ n }}|{{ n|unlocalize }}|{{ d|date:'SHORT_DATE_FORMAT' }}")
    with translation.override("fr"):
        text = template.render(Context({"n": 12345, "d": datetime.date(2026, 3, 9)}))
    assert text == f"12{NBSP}345|12345|09/03/2026"
    with translation.override("en"):
        text = template.render(Context({"n": 12345, "d": datetime.date(2026, 3, 9)}))
    assert text == "12,345|12345|09/03/2026"  # British order (core/formats/en)


@pytest.mark.django_db
def test_the_home_page_is_french_by_default_and_english_when_asked(client, settings):
    assert "Créer un compte" in client.get("/").content.decode()
    assert "Create an account" in client.get("/", headers={"accept-language": "en"}).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="en"' in page and "Log in" in page


@pytest.mark.django_db
def test_set_language_remembers_the_choice_in_a_cookie(client, settings):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en"' in client.get("/organisation/signup/").content.decode()
