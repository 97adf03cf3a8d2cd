"""Per-request values in HTML that is built once and kept: slots written where they go, filled in per request.

{% csrf_token %} rendered with `csrf_token` set to CSRF_TOKEN_SLOT writes CSRF_SLOT; csrf_filled puts the request's
own token in its place. No text a user wrote can hold a slot: every value in such HTML is escaped, quotes included.
"""
from django.template.backends.utils import csrf_input

CSRF_TOKEN_SLOT = "csrf-token-slot"
CSRF_SLOT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{CSRF_TOKEN_SLOT}">'


def csrf_filled(html: str, request) -> str:
    """The HTML with the request's CSRF token in every slot: one masked token per request (masking one draws 32
    random characters), which each form accepts."""
    if CSRF_SLOT not in html:
        return html
    if not hasattr(request, "_csrf_input"):
        request._csrf_input = csrf_input(request)
    return html.replace(CSRF_SLOT, request._csrf_input)
