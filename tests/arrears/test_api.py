"""GET /api/v1/arrears/warnings: inspectors, leaders and administrators, scoped to their area."""

from __future__ import annotations

import pytest

from renshe.arrears.core import engines, ingest


@pytest.fixture
def store(hand_built, tmp_path, monkeypatch):
    path = tmp_path / "a.duckdb"
    ingest.ingest(hand_built, path)
    engines.run(path, "duckdb")
    monkeypatch.setenv("RENSHE_ARREARS_STORE", str(path))
    return path


@pytest.mark.django_db
def test_anonymous_is_refused(client, store):
    assert client.get("/api/v1/arrears/warnings").status_code == 401


@pytest.mark.django_db
def test_a_user_without_a_monitoring_role_is_forbidden(client, django_user_model, store):
    user = django_user_model.objects.create_user(username="someone", password="x-123456")
    client.force_login(user)
    assert client.get("/api/v1/arrears/warnings").status_code == 403


def test_each_office_sees_its_own_area(client, demo, store):
    # The hand-built project lies in 鼓楼区 of 福州市: Fuzhou's inspector sees it, Xiamen's does not,
    # the department's leader sees the whole province.
    client.force_login(demo["inspector.xm"])
    assert client.get("/api/v1/arrears/warnings").json() == []
    client.force_login(demo["leader"])
    assert [w["warning_id"] for w in client.get("/api/v1/arrears/warnings").json()] == ["1-2025-09"]


def test_inspector_sees_warnings_of_their_city(client, demo, store):
    client.force_login(demo["inspector.fz"])
    body = client.get("/api/v1/arrears/warnings").json()
    assert [w["warning_id"] for w in body] == ["1-2025-09"]
    w = body[0]
    assert (w["level"], w["month"], w["contractor_id"], w["county"]) == ("red", "2025-09", 2, "鼓楼区")
    assert {i["code"] for i in w["indicators"]} >= {"unpaid_worker_share", "collective_complaint"}
    assert client.get("/api/v1/arrears/warnings?level=yellow").json() == []
    assert client.get("/api/v1/arrears/warnings?level=purple").status_code == 422


@pytest.mark.django_db
def test_platform_demo_loads_warnings_once(tmp_path, monkeypatch, settings):
    import io

    from renshe.arrears import demo_load
    from renshe.arrears.core import warnings

    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("RENSHE_ARREARS_STORE", str(tmp_path / "demo.duckdb"))
    out = io.StringIO()
    demo_load.load(out)
    assert "arrears demo" in out.getvalue()
    first = warnings.read(tmp_path / "demo.duckdb")
    assert any(w["level"] == "red" for w in first)
    demo_load.load(io.StringIO())  # a second start changes nothing
    assert warnings.read(tmp_path / "demo.duckdb") == first
