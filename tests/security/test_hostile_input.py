"""Issue 13, item 5: hostile input to every API operation that takes a body (generated from the
API schema, so a new operation is covered by default) and to ``renshe calc``: JSON nested
100,000 deep, a 5,000-digit integer, a 5 MB body, dates 9999-12-31 and 0001-01-01. Each gets a
bilingual 4xx (exit 2 on the command line), never a server error or a traceback; the 5 MB body
is refused from its Content-Length before it is read."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from renshe.platform.accounts.models import ApiToken, User
from renshe.platform.api import api
from renshe.rules import calculators, dates

REPO = Path(__file__).resolve().parents[2]
SCHEMA = api.get_openapi_schema()
DEEP = "[" * 100_000 + "]" * 100_000
HUGE_INT = '{"x": ' + "7" * 5000 + "}"
BAD_DATES = ["9999-12-31", "0001-01-01"]


def _body_operations() -> list[tuple[str, str, dict]]:
    """(path with its parameters filled, schema path, JSON request schema) of every operation with a body."""
    out = []
    for path, ops in SCHEMA["paths"].items():
        for method, op in ops.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if method == "post" and body:
                url = path.replace("{table}", "payroll").replace("{case_id}", "1").replace("{action}", "accept")
                assert "{" not in url, f"fill the path parameter of {path} here"
                out.append((url, path, body["schema"]))
    return out


OPERATIONS = _body_operations()
IDS = [p for _, p, _ in OPERATIONS]


def _problem_or_refusal(r) -> None:
    assert 400 <= r.status_code < 500, (r.status_code, r.content[:300])
    body = r.json()
    assert body["problems"] and body["problems"][0]["zh"] and body["problems"][0]["en"], body


@pytest.fixture
def client(db):
    """A CSRF-enforcing client with a superuser's token, so operations behind a role are reached."""
    user = User.objects.create_superuser("hostile-admin", password="x-Unused-2025")
    token = ApiToken.issue(user, "hostile")[1]
    return Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})


def _post(client, url, data: str | bytes):
    return client.post(url, data=data, content_type="application/json")


@pytest.mark.parametrize("url,path,schema", OPERATIONS, ids=IDS)
def test_deep_nesting_and_huge_integers_are_a_4xx(client, url, path, schema):
    for body in (DEEP, HUGE_INT, '{"rows": [{"a": ' + "9" * 5000 + "}]}"):
        _problem_or_refusal(_post(client, url, body))


@pytest.mark.parametrize("url,path,schema", OPERATIONS, ids=IDS)
def test_a_5mb_body_is_413(client, url, path, schema):
    r = _post(client, url, b'{"x": "' + b"a" * 5_000_000 + b'"}')
    assert r.status_code == 413
    _problem_or_refusal(r)


def _resolve(node: dict) -> dict:
    """A property's own schema, ``anyOf [X, null]`` taken as X."""
    for option in node.get("anyOf", []):
        if option.get("type") != "null":
            return option
    return node


def _minimal(schema: dict) -> dict:
    """The smallest body the schema asks for: each required field at its first allowed value."""
    body = {}
    for name in schema.get("required", []):
        prop = _resolve(schema["properties"][name])
        if "enum" in prop:
            body[name] = prop["enum"][0]
        elif prop.get("format") == "year-month":
            body[name] = "1985-06"
        elif prop.get("format") == "date":
            body[name] = "2024-06-03"
        elif prop.get("type") in ("number", "integer"):
            body[name] = max(prop.get("minimum", 0), prop.get("exclusiveMinimum", 0) + 1, 1) * 3000
        elif prop.get("type") == "object":
            body[name] = _minimal(prop)
        elif prop.get("type") == "string":
            body[name] = "x" * max(1, prop.get("minLength", 1))
    return body


def _base(path: str, schema: dict) -> dict:
    if path.startswith("/api/v1/calc/"):
        return calculators.get(path.rsplit("/", 1)[1]).example
    if "example" in schema:  # an operation whose minimal body cannot be valid (a phone number, a code)
        return schema["example"]
    return _minimal(schema)


def _date_fields(schema: dict) -> list[str]:
    return [n for n, p in schema.get("properties", {}).items() if _resolve(p).get("format") == "date"]


DATED = [(u, p, s) for u, p, s in OPERATIONS if _date_fields(s)]


def _appeals_ready() -> None:
    """Registering a request needs the organisations, a routing rule and a desk that receives it."""
    from renshe.appeals.models import Desk, RoutingRule
    from renshe.platform.accounts.models import Organisation
    from renshe.platform.accounts.organisations import sync_organisations

    sync_organisations()
    RoutingRule.objects.create(category="", place="", target="@city")
    Desk.objects.create(organisation=Organisation.objects.get(code="350000"),
                        user=User.objects.get(username="hostile-admin"))


@pytest.mark.parametrize("url,path,schema", DATED, ids=[p for _, p, _ in DATED])
def test_dates_outside_what_the_law_covers_are_a_4xx_naming_them(client, url, path, schema):
    if path.startswith("/api/v1/appeals/"):
        _appeals_ready()
    base = _base(path, schema)
    assert _post(client, url, json.dumps(base)).status_code in (200, 201), f"the base body of {path} must be valid"
    for name in _date_fields(schema):
        for bad in BAD_DATES:
            r = _post(client, url, json.dumps({**base, name: bad}))
            _problem_or_refusal(r)
            named = any(name in p["field"] for p in r.json()["problems"]) or bad in r.json()["message"]
            assert named, (name, r.json())  # the field, or the date if another check came first


def test_the_date_range_comes_from_the_data():
    first, last = dates.known_range()
    assert first.year < 2000 < last.year  # the earliest parameter, the calendar's last day


@pytest.mark.django_db(transaction=True)
def test_a_large_body_is_refused_before_it_is_read(live_server):
    """Over a real socket: the headers promise 5 MB, only a few bytes follow, and the 413 comes
    back at once (a server that read the body first would wait for the rest)."""
    host, port = live_server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"POST /api/v1/calc/economic-compensation HTTP/1.1\r\nHost: localhost\r\n"
                  b"Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{\"x\":")
        answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


@pytest.mark.parametrize("body", [DEEP, HUGE_INT, '{"start": "0001-01-01", "end": "9999-12-31", "monthly_wage": 8000}'],
                         ids=["deep", "huge-int", "dates"])
def test_renshe_calc_exits_2_without_a_traceback(tmp_path, body):
    done = subprocess.run([sys.executable, "-m", "renshe.cli", "calc", "economic-compensation", "--input", "-"],
                          input=body, capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and " / " in done.stderr
