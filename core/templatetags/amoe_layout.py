"""{% site_header %}: the header of every page, rendered once per process for each kind of visitor and language.

The header is the same for every visitor of a kind (anonymous, freelancer, organisation member, staff or not) in a
language, but for the address shown, the CSRF token of its two forms and the page to come back to after a change
of language: those are slots filled per request. What is kept is a function of the code alone (links, labels,
translations), like the compiled templates themselves, so each process keeps its own copy; a settings change in
tests forgets it.
"""
from functools import lru_cache

from django import template
from django.contrib.auth.models import AnonymousUser
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.page_slots import CSRF_SLOT, CSRF_TOKEN_SLOT, csrf_filled

register = template.Library()
EMAIL_SLOT = "site-header-email-slot"
NEXT_SLOT = "site-header-next-slot"


@lru_cache(maxsize=64)
def _header(authenticated: bool, account_type: str, is_staff: bool, language: str) -> str:
    return render_to_string("partials/site_header.html", {
        "authenticated": authenticated, "account_type": account_type, "is_staff": is_staff,
        "LANGUAGE_CODE": language, "csrf_token": CSRF_TOKEN_SLOT, "email": EMAIL_SLOT, "next": NEXT_SLOT,
    })


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()  # a page rendered without a request, or before log-in
    html = _header(user.is_authenticated, getattr(user, "account_type", ""), user.is_staff, get_language())
    html = html.replace(NEXT_SLOT, escape(request.get_full_path()) if request else "")
    if user.is_authenticated:
        html = html.replace(EMAIL_SLOT, escape(user.email))
    return mark_safe(csrf_filled(html, request) if request else html.replace(CSRF_SLOT, ""))


def _forget(**kwargs) -> None:
    _header.cache_clear()


setting_changed.connect(_forget, dispatch_uid="amoe-layout-site-header")
