"""Project-wide middleware: the Content-Security-Policy header, and a 503 instead of a stack trace
when the database is unreachable. Also the error handlers (handler400…handler500): under /api/ they
answer the API's error shape (`{"detail", "code"}`, plus `errors` on a 400), never an HTML page."""
from __future__ import annotations

import json
import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions

logger = logging.getLogger(__name__)

CSP_HEADER = "Content-Security-Policy"


def content_security_policy(*, frame_ancestors: str) -> str:
    """The CSP_DIRECTIVES setting as a header value, with the page's frame-ancestors."""
    directives = {**settings.CSP_DIRECTIVES, "frame-ancestors": [frame_ancestors]}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class ContentSecurityPolicyMiddleware:
    """Sets Content-Security-Policy on every response that has none.

    Scripts only from our own origin (no inline script, no eval); see CSP_DIRECTIVES in settings.
    frame-ancestors follows X-Frame-Options: 'none' by default, 'self' for the pages that allow
    being framed by our own pages (the CV viewer). Place it above XFrameOptionsMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CSP_DIRECTIVES and CSP_HEADER not in response:
            same_origin = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
            response[CSP_HEADER] = content_security_policy(frame_ancestors="'self'" if same_origin else "'none'")
        return response


class DatabaseUnavailableMiddleware:
    """A lost or refused database connection answers 503 with Retry-After, never a stack trace:
    a plain page in the browser, the API's error shape (`{"detail", "code"}`) under /api/."""

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        return database_unavailable_response(request, exception)


def database_unavailable_response(request, exception: Exception) -> HttpResponse:
    """503 with Retry-After: a plain page, or the API's error shape under /api/. Renders no template and
    reads nothing from the database (which is what failed)."""
    # The exception's class only: its message may quote SQL parameters (personal data).
    logger.error("Database unavailable (%s) on %s %s", type(exception).__name__, request.method, request.path)
    message = _("Le service est momentanément indisponible. Merci de réessayer dans quelques instants.")
    if _is_api(request):
        response = api_error(status=503, detail=message, code="service_unavailable")
    else:
        title = _("Service indisponible")
        response = HttpResponse(
            f'<!doctype html><html lang="{escape(getattr(request, "LANGUAGE_CODE", "fr"))}"><head>'
            f'<meta charset="utf-8"><title>{escape(title)}</title></head>'
            f"<body><h1>{escape(title)}</h1><p>{escape(message)}</p></body></html>",
            status=503, content_type="text/html; charset=utf-8",
        )
    response["Retry-After"] = str(DatabaseUnavailableMiddleware.RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def api_error(*, status: int, detail: str, code: str) -> HttpResponse:
    body = {"detail": str(detail), "code": code}
    if status == 400:
        body["errors"] = {"non_field_errors": [str(detail)]}
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


def bad_request(request, exception):
    """handler400: a request Django refuses before any view (a body too large, a bad host…)."""
    if _is_api(request):
        return api_error(status=400, detail=exceptions.ValidationError.default_detail, code="bad_request")
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _is_api(request):
        return api_error(status=403, detail=exceptions.PermissionDenied.default_detail, code="permission_denied")
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    """handler404: an /api/ URL that matches no route (an unknown path, a non-numeric id)."""
    if _is_api(request):
        return api_error(status=404, detail=exceptions.NotFound.default_detail, code="not_found")
    return defaults.page_not_found(request, exception)


def server_error(request, *args, **kwargs):
    """handler500: a database error raised outside a view (in a middleware, say, saving the session)
    still answers 503; anything else gets a plain 500 (the API's error shape under /api/)."""
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        return database_unavailable_response(request, exception)
    if _is_api(request):
        return api_error(status=500, detail=exceptions.APIException.default_detail, code="server_error")
    return defaults.server_error(request, *args, **kwargs)
