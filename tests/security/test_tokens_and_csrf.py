"""Issue 13, item 2: a machine client with a bearer token and no cookie is let in, as a real
client sends it (Django's test client with CSRF enforced, and urllib against a live server);
a browser session still needs its CSRF token."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from django.test import Client

from renshe.platform.accounts.models import ApiToken

ROWS = {"rows": [{"region_code": "350203", "month": "2026-01"}]}  # whatever the checks make of it


def _push(client: Client, **headers):
    return client.post("/api/v1/arrears/push/payroll", data=json.dumps(ROWS), content_type="application/json",
                       headers=headers)


@pytest.mark.django_db
def test_bearer_token_without_cookie_passes_enforced_csrf(demo):
    token = ApiToken.issue(demo["feed.bank"], "bank")[1]
    r = _push(Client(enforce_csrf_checks=True), Authorization=f"Bearer {token}")
    assert r.status_code not in (401, 403), r.content
    assert b"CSRF" not in r.content


@pytest.mark.django_db
def test_session_still_needs_its_csrf_token(demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo["feed.bank"])
    r = _push(client)
    assert r.status_code == 403 and b"CSRF" in r.content


@pytest.mark.django_db
def test_a_wrong_token_is_401_not_a_csrf_refusal(demo):
    r = _push(Client(enforce_csrf_checks=True), Authorization="Bearer not-a-token")
    assert r.status_code == 401


@pytest.mark.django_db(transaction=True)
def test_bearer_token_over_real_http(live_server, demo):
    token = ApiToken.issue(demo["feed.bank"], "bank")[1]
    req = urllib.request.Request(
        f"{live_server.url}/api/v1/arrears/push/payroll", data=json.dumps(ROWS).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            status, body = resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    assert status not in (401, 403), body
    assert b"CSRF" not in body
    # and the same without the token: 401, not a CSRF page
    req = urllib.request.Request(f"{live_server.url}/api/v1/arrears/push/payroll", data=b"{}", method="POST",
                                 headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(req, timeout=30)
    assert exc.value.code == 401
