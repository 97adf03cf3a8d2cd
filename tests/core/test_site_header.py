"""The site header is rendered once per kind of visitor and language, with each request's own address, CSRF token
and page to come back to."""
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _header(html: str) -> str:
    return html[html.index('<header class="site-header">'):html.index("</header>")]


def test_each_member_sees_their_own_address_and_no_one_elses(client_org):
    first = MembershipFactory(organisation=client_org, user__email="a&b@client.fr").user
    second = MembershipFactory(organisation=client_org, user__email="second@client.fr").user
    pages = []
    for user in (first, second):
        browser = Client()
        browser.force_login(user)
        pages.append(_header(browser.get(reverse("client:dashboard")).content.decode()))
    assert "a&amp;b@client.fr" in pages[0] and "second@client.fr" not in pages[0]
    assert "second@client.fr" in pages[1] and "a&amp;b@client.fr" not in pages[1]
    assert reverse("client:members") in pages[1] and reverse("freelancer:missions") not in pages[1]


def test_the_header_forms_carry_the_requests_token_and_page(client_member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(client_member)
    header = _header(browser.get(reverse("client:dashboard"), {"min_score": 50, "x": '"><b>'}).content.decode())
    assert '<input name="next" type="hidden" value="/missions/?min_score=50&amp;x=%22%3E%3Cb%3E">' in header
    assert "slot" not in header
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', header)
    assert len(tokens) == 2
    response = browser.post(reverse("set_language"), {"language": "en", "next": "/missions/",
                                                      "csrfmiddlewaretoken": tokens[1]})
    assert response.status_code == 302
    english = _header(browser.get(reverse("client:dashboard")).content.decode())
    assert '<option value="en" lang="en" selected>' in english and "Log out" in english
    assert browser.post(reverse("account_logout"), {"csrfmiddlewaretoken": tokens[0]}).status_code == 302
    assert browser.get(reverse("client:dashboard")).status_code == 302  # logged out


def test_anonymous_freelancer_and_staff_headers(client, freelancer, django_user_model):
    anonymous = _header(client.get("/").content.decode())
    assert reverse("account_login") in anonymous and "who-am-i" not in anonymous
    client.force_login(freelancer)
    mine = _header(client.get("/").content.decode())
    assert reverse("freelancer:missions") in mine and freelancer.email in mine
    assert reverse("admin:index") not in mine
    staff = django_user_model.objects.create_user(email="staff@amoe.fr", password="x" * 12, is_staff=True,
                                                  account_type="staff")
    client.force_login(staff)
    assert reverse("admin:index") in _header(client.get("/").content.decode())

