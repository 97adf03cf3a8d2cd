"""What every endpoint of the REST API shares: error bodies, pagination, the schema's common parts.

Error bodies are one shape everywhere: `{"detail", "code"}`, plus for invalid input
`"errors": {"<field>": ["message", ...]}` with dotted paths for nested fields
(`tools.1.tool`), and `"non_field_errors"` for the input as a whole.
"""
from __future__ import annotations

import decimal
import math
import re

import orjson
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle
from rest_framework.views import exception_handler as drf_exception_handler


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
    """DRF's handler, with every error body in the one shape described above: every 400 has `errors`
    (a body that is not JSON is wrong as a whole), every 429 a whole number of seconds in Retry-After."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = {"detail": str(getattr(exc, "summary", None) or _("Données invalides.")),
                "code": getattr(exc, "summary_code", "invalid"), "errors": _flatten(exc.detail)}
    elif isinstance(exc, exceptions.ParseError):
        # DRF's message quotes the JSON decoder's (English, internal); the code says what happened.
        detail = str(exceptions.ParseError.default_detail)
        body = {"detail": detail, "code": "parse_error", "errors": {"non_field_errors": [detail]}}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data.get("detail", "")
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        body = {"detail": str(detail), "code": code}
    if response.status_code == status.HTTP_400_BAD_REQUEST and "errors" not in body:
        body["errors"] = {"non_field_errors": [body["detail"]]}
    if isinstance(exc, exceptions.Throttled):
        response["Retry-After"] = str(retry_after_seconds(exc.wait))
    body.update(getattr(exc, "extra", None) or {})
    response.data = body
    return response


# A throttle whose window holds more requests than its rate (a lowered rate, concurrent requests)
# cannot say when a slot frees up; its longest window is a minute or an hour: ask for a minute.
RETRY_AFTER_UNKNOWN = 60


def retry_after_seconds(wait: float | None) -> int:
    """Retry-After is whole seconds: round up, so a retry at that time is not refused again."""
    return max(1, math.ceil(wait)) if wait else RETRY_AFTER_UNKNOWN


_DESCRIPTIONS = {
    400: "Invalid input or filter value: messages per field.",
    401: "No token, or an invalid, expired or revoked one.",
    403: "The token's user may not use this endpoint (not an organisation member, a freelancer…).",
    404: "No such object, or one of another organisation (the API never says which).",
    415: "The body is not sent as application/json.",
    429: "Too many requests: retry after the Retry-After header's seconds.",
    503: "The database is unreachable for a moment: retry after the Retry-After header's seconds.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """Documented error responses for an operation; 429 and 503 are always possible. ApiAutoSchema
    adds 400 to paginated lists, 415 to operations with a body, and the limits to 429."""
    return {code: _error_response(code) for code in (*codes, 429, 503)}


def _error_response(code: int, description: str = "") -> OpenApiResponse:
    serializer = ValidationErrorSerializer if code == 400 else ErrorSerializer
    return OpenApiResponse(serializer, description=description or _DESCRIPTIONS[code])


_PERIODS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def throttle_limits(view) -> list[str]:
    """The request limits that apply to a view, in words ("600 per minute per user"), from the rates
    its throttles enforce."""
    limits = []
    for throttle_class in getattr(view, "throttle_classes", ()):
        if issubclass(throttle_class, ScopedRateThrottle):
            scope, subject = getattr(view, "throttle_scope", None), "per user (or address) for this operation"
        else:
            scope = throttle_class.scope
            subject = getattr(throttle_class, "limit_subject", None) or (
                "per address without a token" if issubclass(throttle_class, AnonRateThrottle)
                else "per user (or address without a token)" if issubclass(throttle_class, UserRateThrottle)
                else "per client")
        rate = throttle_class.THROTTLE_RATES.get(scope) if scope else None
        if rate:
            count, period = rate.split("/")
            limits.append(f"{count} per {_PERIODS[period[0]]} {subject}")
    return limits


class ApiAutoSchema(AutoSchema):
    """What drf-spectacular leaves out: the Accept-Language header (labels, messages and reasons
    follow it) and Retry-After; the error responses every view shares (see error_responses); the
    bounds, lengths and codes that fields and filters validate; the stateful links between operations
    (`links`: operationId → status → OpenAPI links, set by the project's subclass)."""

    links: dict[str, dict[str, dict]] = {}

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        for code, links in self.links.get((operation or {}).get("operationId"), {}).items():
            if code in operation["responses"]:
                operation["responses"][code]["links"] = links
        return operation

    def _get_response_bodies(self, direction="response"):
        # Here rather than in get_response_serializers, which @extend_schema(responses=…) replaces.
        responses = super()._get_response_bodies(direction)
        extra = {}
        if self._is_list_view() and self._get_paginator() and "400" not in responses:
            extra[400] = _error_response(400)
        if self.method in ("POST", "PUT", "PATCH") and self.get_request_serializer() is not None:
            extra[415] = _error_response(415)
        limits = throttle_limits(self.view)
        if "429" in responses and limits:
            extra[429] = _error_response(429, f"{_DESCRIPTIONS[429]} Limits: {'; '.join(limits)}.")
        for code, response in extra.items():
            responses[str(code)] = self._get_response_for_code(response, str(code), direction=direction)
        return dict(sorted(responses.items()))

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            if parameter["schema"].get("type") == "integer":
                parameter["schema"]["minimum"] = 0  # what <id:…> matches: digits only
        return parameters

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        filterset_class = getattr(self.view, "filterset_class", None)
        filters = filterset_class.base_filters if filterset_class else {}
        for parameter in parameters:
            filter_field = filters.get(parameter["name"])
            if filter_field is not None:
                schema = parameter["schema"]
                _constrain(schema.get("items", schema), filter_field.extra, getattr(filter_field, "queryset", None),
                           filter_field.extra.get("to_field_name"))
                if _accepts_empty(filter_field, parameter["name"]):
                    parameter["allowEmptyValue"] = True
        return parameters

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction == "request" and not field.read_only:
            if isinstance(field, serializers.ListSerializer):
                _constrain_list(schema, field)
            elif isinstance(field, serializers.SlugRelatedField):
                _constrain(schema, {}, field.queryset, field.slug_field, nullable=field.allow_null)
            elif isinstance(field, serializers.CharField) and not field.allow_blank and field.trim_whitespace:
                schema.setdefault("pattern", r"\S")  # blank once trimmed is refused
        return schema

    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                "Accept-Language", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
                description="Language of labels, messages and ranking reasons: fr or en (a browser's list such as "
                            "`en-GB,en;q=0.9` works); French for anything else.",
            ),
            OpenApiParameter(
                "Retry-After", OpenApiTypes.INT, OpenApiParameter.HEADER, required=True, response=[429, 503],
                description="Seconds to wait before retrying.",
            ),
        ]


def _constrain(schema: dict, extra: dict, queryset=None, code_field: str | None = None, nullable: bool = False):
    """Bounds and lengths from a field's or filter's arguments; the current codes of a vocabulary."""
    for argument, keyword in (("min_value", "minimum"), ("max_value", "maximum"), ("max_length", "maxLength")):
        if extra.get(argument) is not None:
            schema[keyword] = extra[argument]
    if queryset is not None and code_field:
        try:
            codes = list(queryset.order_by(code_field).values_list(code_field, flat=True))
        except DatabaseError:
            return  # no vocabulary to read (a deploy check before migrating): the schema stays open
        schema["enum"] = [*codes, *([None] if nullable else [])]
        schema.pop("minLength", None), schema.pop("pattern", None)


def _accepts_empty(filter_field, name: str) -> bool:
    """Whether `?name=` is accepted (django-filter then leaves the filter out) rather than refused."""
    field = filter_field.field
    try:
        field.clean(field.widget.value_from_datadict(QueryDict(f"{name}="), {}, name))
    except (DjangoValidationError, DatabaseError):  # no database yet (a deploy check): say no
        return False
    return True


def _constrain_list(schema: dict, field: serializers.ListSerializer):
    if field.max_length is not None:
        schema["maxItems"] = field.max_length
    if field.min_length is not None:
        schema["minItems"] = field.min_length


# ---------------------------------------------------------------- paging and access
class ApiPagination(PageNumberPagination):
    """page from 1, page_size from 1 to 100; a page_size out of range is a 400, not a silent default."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        field = serializers.IntegerField(min_value=1, max_value=self.max_page_size)
        try:
            if not re.fullmatch(r"[0-9]+", raw):
                field.fail("invalid")
            return field.run_validation(raw)
        except exceptions.ValidationError as error:
            raise exceptions.ValidationError({self.page_size_query_param: error.detail}) from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {self.page_query_param: {"minimum": 1},
                  self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size}}
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
            if parameter["name"] == self.page_query_param:
                parameter["allowEmptyValue"] = True  # `?page=` is the first page
        return parameters


class OrjsonRenderer(JSONRenderer):
    """JSON through orjson: the same document as DRF's renderer (datetimes are formatted by the serializer or
    the view beforehand), several times faster, and parts already serialized pass as orjson.Fragment."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return orjson.dumps(data, default=_plain)


def _plain(value):
    if isinstance(value, (decimal.Decimal, Promise)):
        return str(value)
    if hasattr(value, "tolist"):  # NumPy scalars and arrays
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
