"""The whole REST API against its own OpenAPI schema (schemathesis, in-process over WSGI).

Every operation, with generated valid and invalid input, must answer without a server
error (5xx): bad input is a 422 with the bilingual body, never a traceback. Examples are
bounded so the test stays well under a minute.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from ninja.responses import NinjaJSONEncoder
from schemathesis.checks import not_a_server_error

from renshe.platform.api import api

# The schema /api/v1/openapi.json serves, built without a request: a request at import time
# could touch the database (request-started signals), which tests only get inside a test.
RAW = json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
schema = schemathesis.openapi.from_dict(RAW)
schema.app = get_wsgi_application()


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_operation_answers_a_server_error(case):
    # As Django's test client does: a request must not close the connection that holds the
    # test's transaction (on PostgreSQL the next query would find it closed).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = case.call()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    case.validate_response(response, checks=[not_a_server_error])


def test_served_schema_is_the_one_tested(client, db):
    assert client.get("/api/v1/openapi.json").json() == RAW
    assert {"/api/v1/health", "/api/v1/parameters", "/api/v1/parameters/{name}/value"} <= set(RAW["paths"])
