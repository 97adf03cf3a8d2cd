"""Schemathesis over every operation of /api/schema/ with a recruiter's token.

Positive cases (valid per the schema) must get a documented status, content type, headers and
body; negative cases (invalid on purpose) must at least never get a server error. Half the
cases use ids that exist (the recruiter's mission, a shortlisted profile), so writes reach the
services, not only the 404s. Each case runs in a savepoint rolled back afterwards: every case
starts from the same data. Hypothesis is derandomized, so CI runs the same cases every time.
"""
import os

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.authentication import api_token_issue
from recruiting.models import ShortlistEntry

EXAMPLES_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "50"))
# Where the Accept-Language header is an operation's only input, the first four examples reach every line that
# fifty reach (measured line by line): later examples only send the same request again.
EXAMPLES_WITHOUT_INPUT = min(10, EXAMPLES_PER_OPERATION)
POSITIVE_CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
                   response_headers_conformance, response_schema_conformance]


def _examples(operation) -> int:
    has_input = len(operation.path_parameters) or len(operation.query) or len(operation.body)
    return EXAMPLES_PER_OPERATION if has_input else EXAMPLES_WITHOUT_INPUT


@pytest.fixture
def wsgi_app(monkeypatch):
    """The real WSGI application; the test's transaction must survive its request signals."""
    rates = django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {scope: "100000/min" for scope in rates})
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_operation_answers_as_its_schema_says(wsgi_app, esn_recruiter, esn_mission, capsys):
    profile = esn_mission.candidates[0]
    ShortlistEntry.objects.create(mission=esn_mission, profile=profile, note="Déjà vu")
    real_ids = {"id": esn_mission.pk, "profile_id": profile.pk}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    counts: dict[str, int] = {}

    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            label = f"{operation.label} [{mode.value}]"
            counts[label] = 0

            @settings(max_examples=_examples(operation), derandomize=True, database=None, deadline=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode), use_real_ids=st.booleans())
            def run(case, use_real_ids):
                counts[label] += 1
                if use_real_ids and case.path_parameters:
                    case.path_parameters = {k: real_ids.get(k, v) for k, v in case.path_parameters.items()}
                with transaction.atomic():
                    _token, raw = api_token_issue(user=esn_recruiter)  # a fresh one: DELETE /auth/token/ revokes
                    response = case.call(headers={"Authorization": f"Token {raw}"})
                    transaction.set_rollback(True)
                checks = POSITIVE_CHECKS if mode == schemathesis.GenerationMode.POSITIVE else [not_a_server_error]
                case.validate_response(response, checks=checks)

            run()

    total = sum(counts.values())
    with capsys.disabled():
        print(f"\nSchemathesis: {total} cases over {len(operations)} operations")
        for label, count in counts.items():
            print(f"  {count:4d}  {label}")
    assert len(operations) == 23 and total > 23 * 2 * 10
