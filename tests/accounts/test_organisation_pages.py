import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation, Membership, Organisation, User

pytestmark = pytest.mark.django_db


def test_the_organisation_signup_creates_the_admin_and_sends_the_verification_email(client):
    response = client.post(reverse("client:signup"), {
        "organisation_name": "Usine du Rhône", "kind": "client", "city": "Lyon", "first_name": "Alice",
        "last_name": "Durand", "email": "alice@usine.fr", "password1": "x-very-long-pass", "password2": "x-very-long-pass",
    })
    assert response.status_code == 302
    user = User.objects.get(email="alice@usine.fr")
    assert user.account_type == User.AccountType.ORGANISATION
    assert Membership.objects.get(user=user).role == Membership.Role.ADMIN
    assert len(mail.outbox) == 1 and "alice@usine.fr" in mail.outbox[0].to


def test_the_organisation_signup_shows_field_errors(client):
    response = client.post(reverse("client:signup"), {
        "organisation_name": "", "kind": "client", "email": "pas-une-adresse", "password1": "abc", "password2": "abd",
    })
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"organisation_name", "email", "password2"} <= set(errors)


def _signup(client, email, **extra):
    return client.post(reverse("client:signup"), {
        "organisation_name": "Usine du Rhône", "kind": "client", "email": email,
        "password1": "x-very-long-pass", "password2": "x-very-long-pass"}, **extra)


def test_the_organisation_signup_answers_the_same_for_a_known_address_and_mails_its_owner(client, client_admin):
    new, known = Client(), Client()
    answers = [_signup(c, email) for c, email in ((new, "alice@usine.fr"), (known, client_admin.email))]
    assert [(a.status_code, a["Location"]) for a in answers] == [(302, reverse("account_email_verification_sent"))] * 2
    assert sorted(answers[0].cookies) == sorted(answers[1].cookies)
    pages = [c.get(a["Location"]) for c, a in zip((new, known), answers)]
    texts = [re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", p.content.decode()).replace(e, "EMAIL")
             for p, e in zip(pages, ("alice@usine.fr", client_admin.email))]
    assert texts[0] == texts[1]
    # The owner of the known address is told, and nothing is created for it.
    verification, warning = mail.outbox
    assert verification.to == ["alice@usine.fr"] and "/accounts/confirm-email/" in verification.body
    assert warning.to == [client_admin.email]
    assert "/accounts/login/" in warning.body and "/accounts/password/reset/" in warning.body
    assert Membership.objects.filter(user=client_admin).count() == 1
    assert not Organisation.objects.filter(name="Usine du Rhône", memberships__user=client_admin).exists()


def test_the_new_administrator_confirms_the_address_and_lands_on_the_organisation_home(client):
    _signup(client, "alice@usine.fr")
    assert "_auth_user_id" not in client.session  # not logged in before the address is verified
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    response = client.post(path)
    user = User.objects.get(email="alice@usine.fr")
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(response["Location"], follow=True).request["PATH_INFO"] == reverse("client:dashboard")


def test_the_organisation_signup_has_allauths_sign_up_limit_per_address(client, db):
    answers = [_signup(client, f"alice{n}@usine.fr", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
               for n in range(21)]
    assert {a.status_code for a in answers[:20]} == {302}
    assert answers[20].status_code == 429
    assert User.objects.filter(email__startswith="alice").count() == 20


def test_an_admin_invites_a_colleague_who_joins_with_the_link(client, client_org, client_admin,
                                                              django_capture_on_commit_callbacks):
    client.force_login(client_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("client:members"), {"email": "collegue@client.fr", "role": "member"})
    assert response.status_code == 302
    link = re.search(r"https?://\S+/organisation/invitations/\S+/", mail.outbox[0].body).group(0)
    client.logout()
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    response = client.post(path, {"password1": "x-very-long-pass", "password2": "x-very-long-pass"})
    assert response.status_code == 302
    user = User.objects.get(email="collegue@client.fr")
    assert Membership.objects.get(user=user).organisation == client_org
    assert client.get(reverse("client:dashboard")).status_code == 200


def test_a_plain_member_sees_the_members_but_cannot_invite_or_manage_them(client, client_admin, client_member):
    client.force_login(client_member)
    response = client.get(reverse("client:members"))
    assert response.status_code == 200 and response.context["form"] is None
    assert client.post(reverse("client:members"), {"email": "x@client.fr", "role": "admin"}).status_code == 403
    admin_membership = Membership.objects.get(user=client_admin)
    assert client.post(reverse("client:member_remove", args=[admin_membership.pk])).status_code == 403
    assert client.post(reverse("client:member_role", args=[admin_membership.pk]),
                       {"role": "member"}).status_code == 403
    assert not Invitation.objects.exists()
    assert Membership.objects.filter(pk=admin_membership.pk, role="admin").exists()


def test_an_admin_promotes_and_removes_members_of_their_organisation_only(client, client_admin, client_member,
                                                                          other_org_member):
    client.force_login(client_admin)
    member = Membership.objects.get(user=client_member)
    client.post(reverse("client:member_role", args=[member.pk]), {"role": "admin"})
    member.refresh_from_db()
    assert member.role == "admin"
    other = Membership.objects.get(user=other_org_member)
    assert client.post(reverse("client:member_remove", args=[other.pk])).status_code == 404
    client.post(reverse("client:member_remove", args=[member.pk]))
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_the_organisation_home_leads_to_the_dashboard(client, client_member):
    client.force_login(client_member)
    response = client.get(reverse("client:organisation_home"))
    assert response.status_code == 302 and response["Location"] == reverse("client:dashboard")
