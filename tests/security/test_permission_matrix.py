"""The permission matrix: every role × every page and API endpoint × own and others' objects.

One row per (URL name, object); its statuses are in the order of ROLES:

    anonymous, freelancer, other freelancer, client member, client admin,
    member of another organisation, ESN recruiter, staff

Objects belong to the freelancer (`profile`, `entry`) or to the client organisation of client_member and
client_admin (`mission`, `membership`, `invitation`); the `other_*` objects belong to the other freelancer
or to the other organisation. So a row with `mission` is "own" for the client's members and "others'" for
everybody else. Pages answer anonymous visitors with a redirect to the log-in (302), the API with 401;
other organisations' objects answer 404 (their existence does not leak); a freelancer's page opened by an
organisation account answers 404 (no such profile), a members-only action by a plain member 403.

The CVs: an organisation may open the CV of a profile ranked or shortlisted for one of its open missions;
the ESN's mission ranks both freelancers, the client's mission only the freelancer, the other organisation's
only the other freelancer; the hidden profile is ranked nowhere.

POST-only pages are requested with POST and an empty body (an invalid form changes nothing, a refused user
gets the same answer as for a GET); everything else with GET. API requests carry a token of the role's user.

Any URL of the project without a row fails `test_every_url_has_a_row`.
"""
from typing import NamedTuple

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from accounts.authentication import api_token_issue
from tests.conftest import (
    make_client_admin,
    make_client_member,
    make_client_org,
    make_esn_recruiter,
    make_freelancer,
    make_staff_user,
)
from tests.recruiting.conftest_client import make_other_org_member
from tests.security.conftest import ROLES, build_world, make_other_freelancer

EXCLUDED_PREFIXES = ("admin/", "accounts/", "i18n/", "static/", "media/")


class Row(NamedTuple):
    url: str  # the URL name, with its namespace
    objects: str  # what the URL's parameters point to (a label; `kwargs` builds them)
    kwargs: object  # world -> URL kwargs
    expected: tuple[int, ...]  # one status per role, in the order of ROLES
    method: str = "get"


def _none(world):
    return {}


def _profile(attr):
    return lambda world: {"pk": getattr(world, attr).pk}


def _cv(attr):
    return lambda world: {"profile_id": getattr(world, attr).pk}


def _mission(attr):
    return lambda world: {"pk": getattr(world, attr).pk}


def _entry(mission_attr, entry_attr):
    return lambda world: {"pk": getattr(world, mission_attr).pk, "entry_pk": getattr(world, entry_attr).pk}


def _recommend(mission_attr, profile_attr):
    return lambda world: {"pk": getattr(world, mission_attr).pk, "profile_pk": getattr(world, profile_attr).pk}


def _api_mission(attr):
    return lambda world: {"id": getattr(world, attr).pk}


def _api_profile(attr):
    return lambda world: {"id": getattr(world, attr).pk}


def _api_shortlist(mission_attr, profile_attr):
    return lambda world: {"id": getattr(world, mission_attr).pk, "profile_id": getattr(world, profile_attr).pk}


#               anon  free  free2 memb  admin other esn   staff
PUBLIC = (200,) * 8
ROWS = [
    # ------------------------------------------------------------------ public pages
    Row("home", "-", _none, PUBLIC),
    Row("healthz", "-", _none, PUBLIC),
    Row("accounts:signup_choice", "-", _none, PUBLIC),
    Row("client:signup", "-", _none, (200, 302, 302, 302, 302, 302, 302, 302)),
    Row("client:invitation_accept", "client's invitation", lambda w: {"token": w.invitation.token}, PUBLIC),
    Row("client:invitation_accept", "no such invitation", lambda w: {"token": "inconnu"}, (404,) * 8),
    # ------------------------------------------------------------------ the freelancer's profile editor
    Row("freelancer:profile", "own", _none, (302, 200, 200, 404, 404, 404, 404, 404)),
    Row("freelancer:profile_cv", "own", _none, (302, 200, 200, 404, 404, 404, 404, 404)),
    Row("freelancer:profile_edit", "own", lambda w: {"key": "identity"}, (302, 200, 200, 404, 404, 404, 404, 404)),
    Row("freelancer:profile_preview", "own", _none, (302, 200, 200, 404, 404, 404, 404, 404)),
    Row("freelancer:profile_public", "freelancer's profile", _profile("profile"), (302, 200, 404, 200, 200, 200, 200, 200)),
    Row("freelancer:profile_public", "other freelancer's profile", _profile("other_profile"),
        (302, 404, 200, 200, 200, 200, 200, 200)),
    Row("freelancer:profile_public", "hidden profile", _profile("hidden_profile"), (302, 404, 404, 404, 404, 404, 404, 200)),
    # ------------------------------------------------------------------ freelancer pages of matching
    Row("freelancer:missions", "own", _none, (302, 200, 200, 404, 404, 404, 404, 404)),
    Row("freelancer:cv", "freelancer's CV", _cv("profile"), (404, 200, 404, 200, 200, 404, 200, 200)),
    Row("freelancer:cv", "other freelancer's CV", _cv("other_profile"),
        (404, 404, 200, 404, 404, 200, 200, 200)),
    Row("freelancer:cv", "hidden profile's CV", _cv("hidden_profile"),
        (404, 404, 404, 404, 404, 404, 404, 200)),
    Row("freelancer:privacy", "own", _none, (302, 200, 200, 404, 404, 404, 404, 404)),
    Row("freelancer:privacy_export", "own", _none, (302, 200, 200, 404, 404, 404, 404, 404)),
    Row("freelancer:privacy_erase", "own", _none, (302, 200, 200, 404, 404, 404, 404, 404)),
    Row("freelancer:my_applications", "own", _none, (302, 200, 200, 200, 200, 200, 200, 200)),
    Row("freelancer:alerts", "own", _none, (302, 200, 200, 404, 404, 404, 404, 404)),
    Row("freelancer:coach", "own", _none, (302, 200, 200, 404, 404, 404, 404, 404)),
    # The signed link is the authority, no log-in: a forged token is nobody's subscription.
    Row("freelancer:digest_unsubscribe", "forged token", lambda w: {"token": "forged"},
        (404,) * 8, "post"),
    Row("freelancer:questionnaire_answer", "freelancer's entry", lambda w: {"entry_pk": w.entry.pk},
        (302, 200, 404, 404, 404, 404, 404, 404)),
    Row("freelancer:questionnaire_answer", "other freelancer's entry", lambda w: {"entry_pk": w.other_entry.pk},
        (302, 404, 200, 404, 404, 404, 404, 404)),
    Row("freelancer:collaboration", "freelancer's entry", lambda w: {"entry_pk": w.entry.pk},
        (302, 302, 404, 404, 404, 404, 404, 404), "post"),
    Row("freelancer:collaboration", "other freelancer's entry", lambda w: {"entry_pk": w.other_entry.pk},
        (302, 404, 302, 404, 404, 404, 404, 404), "post"),
    Row("freelancer:recommendation_respond", "freelancer's recommendation", lambda w: {"pk": w.recommendation.pk},
        (302, 302, 404, 404, 404, 404, 404, 404), "post"),
    Row("freelancer:recommendation_report", "freelancer's recommendation", lambda w: {"pk": w.recommendation.pk},
        (302, 302, 404, 404, 404, 404, 404, 404), "post"),
    # ------------------------------------------------------------------ organisation pages
    Row("client:organisation_home", "-", _none, (302,) * 8),
    Row("client:members", "own organisation", _none, (302, 404, 404, 200, 200, 200, 200, 404)),
    Row("client:member_role", "client's membership", lambda w: {"membership_pk": w.membership.pk},
        (302, 404, 404, 403, 302, 404, 404, 404), "post"),
    Row("client:member_role", "other organisation's membership",
        lambda w: {"membership_pk": w.other_membership.pk}, (302, 404, 404, 403, 404, 302, 404, 404), "post"),
    Row("client:member_remove", "client's membership", lambda w: {"membership_pk": w.membership.pk},
        (302, 404, 404, 403, 302, 404, 404, 404), "post"),
    Row("client:member_remove", "other organisation's membership",
        lambda w: {"membership_pk": w.other_membership.pk}, (302, 404, 404, 403, 404, 302, 404, 404), "post"),
    Row("client:invitation_revoke", "client's invitation", lambda w: {"invitation_pk": w.invitation.pk},
        (302, 404, 404, 403, 302, 404, 404, 404), "post"),
    Row("client:mission_create", "own organisation", _none, (302, 404, 404, 200, 200, 200, 200, 404)),
    Row("client:mission_edit", "client's mission", _mission("mission"), (302, 404, 404, 200, 200, 404, 404, 404)),
    Row("client:mission_edit", "other organisation's mission", _mission("other_mission"),
        (302, 404, 404, 404, 404, 200, 404, 404)),
    Row("client:mission_publish", "client's mission", _mission("mission"),
        (302, 404, 404, 302, 302, 404, 404, 404), "post"),
    Row("client:mission_publish", "other organisation's mission", _mission("other_mission"),
        (302, 404, 404, 404, 404, 302, 404, 404), "post"),
    Row("client:mission_fill", "client's mission", _mission("mission"),
        (302, 404, 404, 302, 302, 404, 404, 404), "post"),
    Row("client:mission_fill", "other organisation's mission", _mission("other_mission"),
        (302, 404, 404, 404, 404, 302, 404, 404), "post"),
    Row("client:mission_close", "client's mission", _mission("mission"),
        (302, 404, 404, 302, 302, 404, 404, 404), "post"),
    Row("client:mission_close", "other organisation's mission", _mission("other_mission"),
        (302, 404, 404, 404, 404, 302, 404, 404), "post"),
    # ------------------------------------------------------------------ rankings and shortlists (client pages)
    Row("client:dashboard", "own organisation", _none, (302, 302, 302, 200, 200, 200, 200, 302)),
    Row("client:mission_detail", "client's mission", _mission("mission"), (302, 404, 404, 200, 200, 404, 404, 404)),
    Row("client:mission_detail", "other organisation's mission", _mission("other_mission"),
        (302, 404, 404, 404, 404, 200, 404, 404)),
    Row("client:compare", "client's mission", _mission("mission"), (302, 404, 404, 302, 302, 404, 404, 404)),
    Row("client:compare", "other organisation's mission", _mission("other_mission"),
        (302, 404, 404, 404, 404, 302, 404, 404)),
    Row("client:shortlist", "client's mission", _mission("mission"), (302, 404, 404, 200, 200, 404, 404, 404)),
    Row("client:shortlist", "other organisation's mission", _mission("other_mission"),
        (302, 404, 404, 404, 404, 200, 404, 404)),
    Row("client:shortlist_add", "client's mission", _mission("mission"),
        (302, 404, 404, 302, 302, 404, 404, 404), "post"),
    Row("client:shortlist_add", "other organisation's mission", _mission("other_mission"),
        (302, 404, 404, 404, 404, 302, 404, 404), "post"),
    Row("client:shortlist_entry", "client's entry", _entry("mission", "entry"),
        (302, 404, 404, 200, 200, 404, 404, 404)),
    Row("client:shortlist_entry", "other organisation's entry", _entry("other_mission", "other_entry"),
        (302, 404, 404, 404, 404, 200, 404, 404)),
    Row("client:shortlist_entry", "other organisation's entry under the client's mission",
        _entry("mission", "other_entry"), (302, 404, 404, 404, 404, 404, 404, 404)),
    Row("client:shortlist_move", "client's entry", _entry("mission", "entry"),
        (302, 404, 404, 302, 302, 404, 404, 404), "post"),
    Row("client:shortlist_move", "other organisation's entry", _entry("other_mission", "other_entry"),
        (302, 404, 404, 404, 404, 302, 404, 404), "post"),
    Row("client:shortlist_remove", "client's entry", _entry("mission", "entry"),
        (302, 404, 404, 302, 302, 404, 404, 404), "post"),
    Row("client:shortlist_remove", "other organisation's entry", _entry("other_mission", "other_entry"),
        (302, 404, 404, 404, 404, 302, 404, 404), "post"),
    Row("client:shortlist_questionnaire", "client's entry", _entry("mission", "entry"),
        (302, 404, 404, 302, 302, 404, 404, 404), "post"),
    Row("client:shortlist_questionnaire", "other organisation's entry", _entry("other_mission", "other_entry"),
        (302, 404, 404, 404, 404, 302, 404, 404), "post"),
    Row("client:recommend", "client's mission, shortlisted freelancer", _recommend("mission", "profile"),
        (302, 404, 404, 200, 200, 404, 404, 404)),
    Row("client:recommend", "client's mission, freelancer not shortlisted there",
        _recommend("mission", "other_profile"), (302, 404, 404, 404, 404, 404, 404, 404)),
    Row("client:recommend", "other organisation's mission", _recommend("other_mission", "other_profile"),
        (302, 404, 404, 404, 404, 200, 404, 404)),
    # ------------------------------------------------------------------ REST API
    Row("api:token", "-", _none, (401, 405, 405, 405, 405, 405, 405, 405)),
    Row("api:sectors", "-", _none, (401, 200, 200, 200, 200, 200, 200, 200)),
    Row("api:tools", "-", _none, (401, 200, 200, 200, 200, 200, 200, 200)),
    Row("api:skills", "-", _none, (401, 200, 200, 200, 200, 200, 200, 200)),
    Row("api:profiles", "-", _none, (401, 403, 403, 200, 200, 200, 200, 200)),
    Row("api:profile", "freelancer's profile", _api_profile("profile"), (401, 200, 404, 200, 200, 200, 200, 200)),
    Row("api:profile", "other freelancer's profile", _api_profile("other_profile"),
        (401, 404, 200, 200, 200, 200, 200, 200)),
    Row("api:profile", "hidden profile", _api_profile("hidden_profile"), (401, 404, 404, 404, 404, 404, 404, 200)),
    Row("api:my_missions", "own", _none, (401, 200, 200, 403, 403, 403, 403, 403)),
    Row("api:my_coach", "own", _none, (401, 200, 200, 403, 403, 403, 403, 403)),
    Row("api:my_preferences", "own", _none, (401, 200, 200, 403, 403, 403, 403, 403)),
    Row("api:my_preferences", "own", _none, (401, 200, 200, 403, 403, 403, 403, 403), "patch"),
    Row("api:missions", "own organisation", _none, (401, 403, 403, 200, 200, 200, 200, 403)),
    Row("api:mission", "client's mission", _api_mission("mission"), (401, 403, 403, 200, 200, 404, 404, 403)),
    Row("api:mission", "other organisation's mission", _api_mission("other_mission"),
        (401, 403, 403, 404, 404, 200, 404, 403)),
    Row("api:mission", "ESN's mission", _api_mission("esn_mission"), (401, 403, 403, 404, 404, 404, 200, 403)),
    Row("api:candidates", "client's mission", _api_mission("mission"), (401, 403, 403, 200, 200, 404, 404, 403)),
    Row("api:candidates", "other organisation's mission", _api_mission("other_mission"),
        (401, 403, 403, 404, 404, 200, 404, 403)),
    Row("api:candidates", "ESN's mission", _api_mission("esn_mission"), (401, 403, 403, 404, 404, 404, 200, 403)),
    Row("api:rank", "client's mission", _api_mission("mission"), (401, 403, 403, 202, 202, 404, 404, 403), "post"),
    Row("api:rank", "other organisation's mission", _api_mission("other_mission"),
        (401, 403, 403, 404, 404, 202, 404, 403), "post"),
    Row("api:shortlist", "client's mission", _api_mission("mission"), (401, 403, 403, 200, 200, 404, 404, 403)),
    Row("api:shortlist", "other organisation's mission", _api_mission("other_mission"),
        (401, 403, 403, 404, 404, 200, 404, 403)),
    Row("api:shortlist_entry", "client's entry", _api_shortlist("mission", "profile"),
        (401, 403, 403, 200, 200, 404, 404, 403)),
    Row("api:shortlist_entry", "other organisation's entry", _api_shortlist("other_mission", "other_profile"),
        (401, 403, 403, 404, 404, 200, 404, 403)),
    Row("api:shortlist_entry", "other organisation's profile under the client's mission",
        _api_shortlist("mission", "other_profile"), (401, 403, 403, 404, 404, 404, 404, 403)),
    Row("api:schema", "-", _none, PUBLIC),
    Row("api:docs", "-", _none, PUBLIC),
    Row("api:redoc", "-", _none, PUBLIC),
]


def _url_names(patterns, namespace="", prefix=""):
    """(namespaced name, route) of every URL pattern, recursively, outside the excluded prefixes."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(EXCLUDED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, ns, route)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {route}>"), route


def test_every_url_has_a_row():
    """Any new URL without a row in the matrix fails here: add its row (and its answers for every role)."""
    urls = dict(_url_names(get_resolver().url_patterns))
    covered = {row.url for row in ROWS}
    missing = sorted(f"{name} ({route})" for name, route in urls.items() if name not in covered)
    assert not missing, "URLs without a row in the permission matrix: " + ", ".join(missing)
    stale = sorted(covered - set(urls))
    assert not stale, "Rows for URLs that no longer exist: " + ", ".join(stale)


def test_every_row_has_one_answer_per_role():
    assert all(len(row.expected) == len(ROLES) for row in ROWS)


def _client_for(role, user, *, api: bool, client_class):
    if api:
        client = APIClient()
        if user is not None:
            _, raw = api_token_issue(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
        return client
    client = client_class()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """The security tests' world, built once for every row in a transaction rolled back after the module: each
    row runs in a savepoint of it (the `db` fixture), each role's request in a savepoint of that."""
    with django_db_blocker.unblock(), transaction.atomic():
        client_org = make_client_org()
        yield build_world(freelancer=make_freelancer(), other_freelancer=make_other_freelancer(),
                          client_member=make_client_member(client_org), client_admin=make_client_admin(client_org),
                          other_org_member=make_other_org_member(), esn_recruiter=make_esn_recruiter(),
                          staff_user=make_staff_user())
        transaction.set_rollback(True)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.url}[{r.objects}]" for r in ROWS])
def test_permission_matrix(row, matrix_world, db):
    from django.test import Client

    world = matrix_world

    url = reverse(row.url, kwargs=row.kwargs(world))
    api = url.startswith("/api/")
    answers = {}
    for role in ROLES:
        client = _client_for(role, world.users[role], api=api, client_class=Client)
        with transaction.atomic():  # every role meets the same world: what a POST changed is rolled back
            response = getattr(client, row.method)(url)
            transaction.set_rollback(True)
        answers[role] = response.status_code
        if response.status_code == 302 and role == "anonymous" and not api:
            assert response["Location"].startswith(reverse("account_login")) or row.url == "client:organisation_home", (
                f"{url}: anonymous visitors are sent to {response['Location']}, not to the log-in")
    expected = dict(zip(ROLES, row.expected, strict=True))
    wrong = {role: f"got {answers[role]}, expected {expected[role]}" for role in ROLES if answers[role] != expected[role]}
    assert not wrong, f"{row.method.upper()} {url} ({row.objects}): {wrong}"
