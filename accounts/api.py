"""The API's token endpoint and who may use the organisation endpoints (the shared error bodies,
pagination and schema parts are in core.api)."""
from __future__ import annotations

import hashlib

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from accounts.access import is_organisation_member
from accounts.authentication import api_token_issue, api_token_revoke
from core import fields
from core.api import error_responses
from core.throttles import CounterThrottle


# ---------------------------------------------------------------- access
class IsOrganisationMember(permissions.BasePermission):
    """Missions, rankings and shortlists are for members of an organisation."""

    message = _("Réservé aux membres d'une organisation.")

    def has_permission(self, request, view):
        return is_organisation_member(request.user)


# ---------------------------------------------------------------- token endpoint
class TokenObtainSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = fields.CharField(trim_whitespace=False, max_length=256, style={"input_type": "password"})
    name = fields.CharField(required=False, allow_blank=True, max_length=100, write_only=True,
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
    """Browser log-in requires a verified address; so does the API. Every way of making an account
    leaves a verified address (sign-up after confirming, invitations, seed_demo, createsuperuser, the
    admin); an account with no record at all comes from before that and counts as verified."""
    from allauth.account.models import EmailAddress

    flags = list(EmailAddress.objects.filter(user=user).values_list("verified", flat=True))
    return not flags or any(flags)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Shown once: send it as `Authorization: Token <token>`.")
    expires_at = serializers.DateTimeField(allow_null=True, help_text="Null when tokens do not expire.")


class TokenAccountRateThrottle(CounterThrottle):
    """Token requests per account (the e-mail posted), whatever the address they come from; the
    `auth_token` scope limits them per address. The window is fixed: the refusal ends with it."""

    scope = "auth_token_account"
    limit_subject = "per e-mail address posted"

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
