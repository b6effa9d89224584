"""Security: the deploy check, headers, CSRF on forms, staff pages behind the login, API docs offline."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import Resolver404, resolve

from ..conftest import DEMO_PASSWORD

REPO = Path(__file__).resolve().parents[2]
STAFF_PAGES = ["/disputes/", "/arrears/", "/appeals/", "/inspections/", "/admin/"]  # CONTRACTS.md


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "renshe.platform.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "renshe.example.gov.cn",
        "RENSHE_VAR": str(tmp_path),
        "PYTHONPATH": str(REPO),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # a test-only switch (tests/e2e), never deployed
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "renshe.platform.settings.production", "SECRET_KEY": ""}
    env["RENSHE_VAR"], env["PYTHONPATH"] = str(tmp_path), str(REPO)
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0 and "SECRET_KEY" in done.stderr


@pytest.mark.parametrize("url", ["/", "/calc/", "/parameters/", "/api/v1/docs", "/accounts/login/", "/health"])
def test_security_headers(client, db, url):
    r = client.get(url)
    assert r.status_code == 200
    csp = r["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-eval" not in csp and "http" not in csp
    assert r["X-Frame-Options"] == "DENY"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in r["Permissions-Policy"]


def test_api_docs_load_nothing_from_outside_and_run_no_inline_script(client, db):
    html = client.get("/api/v1/docs").content.decode()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    for m in re.finditer(r"<script([^>]*)>(.*?)</script>", html, re.S):
        attrs, body = m.groups()
        assert "src=" in attrs or 'type="application/json"' in attrs, m.group(0)  # JSON data does not run
        assert "src=" not in attrs or not body.strip()
    for ref in re.findall(r"""(?:src|href)="/static/([^"]+)\"""", html):
        assert finders.find(ref), ref  # ninja ships them; served by whitenoise
    assert re.search(r'data-csrf-token="[^"]+"', html)  # "try it out" works for session-authenticated staff


def test_vendored_assets_are_served_locally(client, db):
    html = client.get("/").content.decode()
    assert "/static/vendor/htmx/htmx.min.js" in html
    for ref in ["vendor/htmx/htmx.min.js", "vendor/echarts/echarts.min.js"]:
        assert finders.find(ref), ref
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_pages_send_anonymous_visitors_to_login(client, db, url):
    try:
        resolve(url)
    except Resolver404:
        pytest.skip(f"{url} is not installed on this branch")
    r = client.get(url)
    assert r.status_code == 302
    assert r["Location"] == f"/accounts/login/?next={url}"


def test_every_post_form_carries_a_csrf_token(client, demo):
    client.login(username="admin", password=DEMO_PASSWORD)
    pages = ["/", "/accounts/login/", "/admin/accounts/organisation/add/", "/admin/accounts/user/add/"]
    pages += [f"/calc/{m}/" for m in _calculator_names()]
    for url in pages:
        html = client.get(url).content.decode()
        forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S | re.I)
        assert forms, url
        for body in forms:
            assert 'name="csrfmiddlewaretoken"' in body, url


def test_login_without_csrf_token_is_refused(demo):
    c = Client(enforce_csrf_checks=True)
    r = c.post("/accounts/login/", {"username": "admin", "password": DEMO_PASSWORD})
    assert r.status_code == 403


def _calculator_names() -> list[str]:
    from renshe.rules import calculators

    return list(calculators.registry())
