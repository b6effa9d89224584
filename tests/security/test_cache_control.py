"""Issue 13, item 11: answers that may hold personal data are sent ``Cache-Control: no-store``
(staff pages, exports and downloads, the API for signed-in and token clients, answers to
submitted data); the public's pages stay cacheable."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from renshe.platform.accounts.models import ApiToken


def _no_store(r) -> bool:
    return "no-store" in r.get("Cache-Control", "")


@pytest.mark.django_db
@pytest.mark.parametrize("user,url", [
    ("legal", "/normdocs/"), ("legal", "/normdocs/export.xlsx"), ("inspector.xm", "/arrears/alerts/"),
    ("staff", "/planner/batch/"), ("staff", "/planner/batch/template.xlsx"), ("admin", "/admin/"),
    ("inspector.xm", "/"),
])
def test_signed_in_pages_and_downloads_are_not_stored(demo, user, url):
    client = Client()
    client.force_login(demo[user])
    r = client.get(url)
    assert r.status_code == 200, url
    assert _no_store(r), (url, r.get("Cache-Control"))


@pytest.mark.django_db
def test_token_clients_answers_are_not_stored(demo):
    token = ApiToken.issue(demo["inspector.xm"], "t")[1]
    r = Client().get("/api/v1/todo", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and _no_store(r)


@pytest.mark.django_db
def test_answers_to_submitted_data_are_not_stored(client):
    body = {"monthly_wage": "8000", "years": 3}
    r = client.post("/api/v1/calc/economic-compensation", data=json.dumps(body), content_type="application/json")
    assert r.status_code in (200, 422) and _no_store(r)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/calc/", "/parameters/"])
def test_public_pages_stay_cacheable(client, url):
    r = client.get(url)
    assert r.status_code == 200 and not _no_store(r)
