"""REST API base: the token endpoint, and what every endpoint shares (error bodies, pagination,
permissions, the schema's common parts). accounts sits under every other app, so all may import it.

Error bodies are one shape everywhere: `{"detail", "code"}`, plus for invalid input
`"errors": {"<field>": ["message", ...]}` with dotted paths for nested fields
(`tools.1.tool`), and `"non_field_errors"` for the input as a whole.
"""
from __future__ import annotations

import hashlib

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from accounts.authentication import api_token_issue, api_token_revoke


# ---------------------------------------------------------------- errors
class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="A sentence in the request's language.")
    code = serializers.CharField(help_text="A stable machine-readable code (not_found, throttled, …).")


class ValidationErrorSerializer(ErrorSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per field; nested fields as dotted paths (tools.1.tool); "
                  "non_field_errors for the input as a whole.",
    )


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(detail, list) and any(isinstance(item, (dict, list)) for item in detail):
        out = {}
        for index, item in enumerate(detail):
            out.update(_flatten(item, f"{prefix}.{index}" if prefix else str(index)))
        return out
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(item) for item in items]} if items else {}


def exception_handler(exc, context):
    """DRF's handler, with every error body in the one shape described above."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = {"detail": str(getattr(exc, "summary", None) or _("Données invalides.")),
                "code": getattr(exc, "summary_code", "invalid"), "errors": _flatten(exc.detail)}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data.get("detail", "")
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        body = {"detail": str(detail), "code": code}
    body.update(getattr(exc, "extra", None) or {})
    response.data = body
    return response


_DESCRIPTIONS = {
    400: "Invalid input or filter value: messages per field.",
    401: "No token, or an invalid, expired or revoked one.",
    403: "The token's user may not use this endpoint (not an organisation member, a freelancer…).",
    404: "No such object, or one of another organisation (the API never says which).",
    429: "Too many requests: retry after the Retry-After header's seconds.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """Documented error responses for an operation; 429 is always possible."""
    out = {}
    for code in (*codes, 429):
        serializer = ValidationErrorSerializer if code == 400 else ErrorSerializer
        out[code] = OpenApiResponse(serializer, description=_DESCRIPTIONS[code])
    return out


class ApiAutoSchema(AutoSchema):
    """Adds the Accept-Language header (labels, messages and reasons follow it) to every operation,
    and says that integer path parameters are digits only (what `<int:…>` matches)."""

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            if parameter["schema"].get("type") == "integer":
                parameter["schema"]["minimum"] = 0
        return parameters

    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                "Accept-Language", OpenApiTypes.STR, OpenApiParameter.HEADER, enum=["fr", "en"], required=False,
                description="Language of labels, messages and ranking reasons; French by default.",
            ),
        ]


# ---------------------------------------------------------------- paging and access
class ApiPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class IsOrganisationMember(permissions.BasePermission):
    """Missions, rankings and shortlists are for members of an organisation."""

    message = _("Réservé aux membres d'une organisation.")

    def has_permission(self, request, view):
        return is_organisation_member(request.user)


def is_organisation_member(user) -> bool:
    if not user or not user.is_authenticated:
        return False
    if not hasattr(user, "_api_is_member"):
        user._api_is_member = user.memberships.exists()
    return user._api_is_member


# ---------------------------------------------------------------- token endpoint
class TokenObtainSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, max_length=256, style={"input_type": "password"})
    name = serializers.CharField(required=False, allow_blank=True, max_length=100, write_only=True,
                                 help_text="A label to tell your tokens apart in the admin (e.g. \"CRM sync\").")

    def validate(self, attrs):
        request = self.context.get("request")
        user = authenticate(getattr(request, "_request", request), email=attrs["email"].strip().lower(),
                            password=attrs["password"])
        if user is None or not user.is_active:
            raise serializers.ValidationError(_("Adresse e-mail ou mot de passe incorrect."), code="authorization")
        if not _email_verified(user):
            raise serializers.ValidationError(_("Confirmez d'abord votre adresse e-mail."), code="unverified")
        attrs["user"] = user
        return attrs


def _email_verified(user) -> bool:
    """Browser log-in requires a verified address; so does the API. Accounts created without
    allauth (staff, demo data, invitations) have no address record and count as verified."""
    from allauth.account.models import EmailAddress

    flags = list(EmailAddress.objects.filter(user=user).values_list("verified", flat=True))
    return not flags or any(flags)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Shown once: send it as `Authorization: Token <token>`.")
    expires_at = serializers.DateTimeField(allow_null=True, help_text="Null when tokens do not expire.")


class TokenAccountRateThrottle(SimpleRateThrottle):
    """Token requests per account (the e-mail posted), whatever the address they come from; the
    `auth_token` scope limits them per address. The window slides: the refusal ends by itself."""

    scope = "auth_token_account"

    def get_cache_key(self, request, view):
        if request.method != "POST":
            return None
        email = request.data.get("email") if hasattr(request.data, "get") else None
        if not isinstance(email, str) or not email.strip():
            return None
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()  # no address in cache keys
        return self.cache_format % {"scope": self.scope, "ident": digest}


class TokenView(APIView):
    """POST e-mail and password for a token; DELETE revokes the token that authenticates the request."""

    throttle_scope = "auth_token"
    throttle_classes = [*api_settings.DEFAULT_THROTTLE_CLASSES, TokenAccountRateThrottle]

    def get_permissions(self):
        if self.request is not None and self.request.method == "POST":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    @extend_schema(operation_id="auth_token_create", request=TokenObtainSerializer,
                   responses={201: TokenSerializer, **error_responses(400, 401)})
    def post(self, request):
        serializer = TokenObtainSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, raw = api_token_issue(user=serializer.validated_data["user"],
                                     name=serializer.validated_data.get("name", ""))
        return Response(TokenSerializer({"token": raw, "expires_at": token.expires_at}).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(operation_id="auth_token_destroy", request=None,
                   responses={204: OpenApiResponse(description="Token revoked."), **error_responses(401)})
    def delete(self, request):
        api_token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)
