"""Staff pages: login redirect, scoping (a county sees only its own alerts), buttons, evidence,
Excel export that openpyxl opens with the rows (real database)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from renshe.arrears import workflow
from renshe.arrears.models import Alert

from .factories import warning

pytestmark = pytest.mark.django_db

TUE = dt.date(2025, 9, 30)


@pytest.fixture
def two(people, store, monkeypatch):
    """One red alert in 湖里区 (project 7) and one orange in 思明区 (project 9)."""
    monkeypatch.setenv("RENSHE_ARREARS_STORE", str(store))
    workflow.dispatch_warnings([warning(), warning(project_id=9, level="orange", region="350203")], store=store, on=TUE)
    return Alert.objects.get(project_id=7), Alert.objects.get(project_id=9)


def _client(client, u):
    client.force_login(u)
    return client


@pytest.mark.parametrize("url", ["/arrears/", "/arrears/alerts/", "/arrears/rating/", "/arrears/alerts/1/",
                                 "/arrears/city/350200/", "/arrears/project/7/"])
def test_anonymous_is_sent_to_login(client, url):
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/?next=")


def test_a_role_without_arrears_access_is_refused(client, people):
    assert _client(client, people["mediator"]).get("/arrears/").status_code == 403


def test_county_sees_only_its_own_alerts(client, people, two):
    huli_alert, siming_alert = two
    c = _client(client, people["huli"])
    page = c.get("/arrears/alerts/").content.decode()
    assert "测试项目7" in page and "测试项目9" not in page
    assert c.get(f"/arrears/alerts/{huli_alert.pk}/").status_code == 200
    assert c.get(f"/arrears/alerts/{siming_alert.pk}/").status_code == 404
    assert c.get("/arrears/project/9/").status_code == 404
    assert c.post(f"/arrears/alerts/{siming_alert.pk}/step/", {"action": "sign_for"}).status_code == 404
    siming_alert.refresh_from_db()
    assert siming_alert.state == "dispatched"


def test_city_and_province_see_both(client, people, two):
    for who in ("xm_leader", "province"):
        page = _client(client, people[who]).get("/arrears/alerts/").content.decode()
        assert "测试项目7" in page and "测试项目9" in page


def test_dashboard_drills_down_city_project_worker_months(client, people, two):
    c = _client(client, people["province"])
    page = c.get("/arrears/").content.decode()
    assert 'href="/arrears/city/350200/"' in page and 'id="trend-data"' in page
    assert "<script>" not in page  # CSP: no inline script
    city = c.get("/arrears/city/350200/").content.decode()
    assert "湖里区" in city and 'href="/arrears/project/7/"' in city
    project = c.get("/arrears/project/7/").content.decode()
    # worker 1: 20 days × 300.00 = 6,000.00 due, 4,000.00 paid, 2,000.00 owed
    assert "张三" in project and "6,000.00" in project and "2,000.00" in project
    assert c.get("/arrears/city/350100/").status_code == 200  # visible to the province, even with no alerts


def test_county_user_cannot_open_another_city(client, people, two):
    assert _client(client, people["huli"]).get("/arrears/city/350100/").status_code == 404


def test_buttons_post_with_csrf_and_record_history(people, two):
    from django.test import Client

    a, _ = two
    c = Client(enforce_csrf_checks=True)
    c.force_login(people["huli"])
    page = c.get(f"/arrears/alerts/{a.pk}/").content.decode()
    assert 'data-action="sign_for"' in page and 'name="csrfmiddlewaretoken"' in page
    assert c.post(f"/arrears/alerts/{a.pk}/step/", {"action": "sign_for"}).status_code == 403  # no token
    token = c.cookies["csrftoken"].value
    r = c.post(f"/arrears/alerts/{a.pk}/step/", {"action": "sign_for", "csrfmiddlewaretoken": token})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.state == "signed_for"
    page = c.get(f"/arrears/alerts/{a.pk}/").content.decode()
    assert 'data-action="sign_for"' in page  # in the history list now
    assert 'data-action="verify"' in page


def test_forbidden_step_shows_a_message_and_changes_nothing(client, people, two):
    a, _ = two
    c = _client(client, people["huli"])
    r = c.post(f"/arrears/alerts/{a.pk}/step/", {"action": "verify", "finding": "x"}, follow=True)
    assert "“核实”只能在" in r.content.decode()  # a step of the inspector's, in the wrong state
    # a step the inspector's role may never take is refused as such, whatever the state (the
    # kernel checks organisation, then role, then state)
    assert c.post(f"/arrears/alerts/{a.pk}/step/", {"action": "close"}).status_code == 403
    a.refresh_from_db()
    assert a.state == "dispatched"


def test_evidence_upload_and_download(client, people, two):
    a, _ = two
    c = _client(client, people["huli"])
    pdf = SimpleUploadedFile("凭证.pdf", b"%PDF-1.4 x", "application/pdf")
    c.post(f"/arrears/alerts/{a.pk}/evidence/", {"file": pdf, "description": "代发凭证"})
    ev = a.evidence.get()
    r = c.get(f"/arrears/evidence/{ev.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    assert _client(client, people["siming"]).get(f"/arrears/evidence/{ev.pk}/").status_code == 404
    bad = SimpleUploadedFile("x.pdf", b"not a pdf")
    r = _client(client, people["huli"]).post(f"/arrears/alerts/{a.pk}/evidence/", {"file": bad}, follow=True)
    assert "不符" in r.content.decode() and a.evidence.count() == 1


@pytest.mark.parametrize("url,table,first_row", [
    ("/arrears/alerts/?state=all", "alerts", ["测试项目7", "2025-09", "红色"]),
    ("/arrears/", "cities", ["厦门市", 1, 1, 2000]),
    ("/arrears/project/7/", "workers", [1, "张三", "钢筋工", "2025-09", 20, 300, 6000, 4000]),
    ("/arrears/city/350200/", "projects", ["测试项目7", "湖里区", "闽测建设有限公司", 1, 0, 1, 2000]),
])
def test_excel_export_opens_with_the_rows(client, people, two, url, table, first_row):
    r = _client(client, people["province"]).get(url + ("&" if "?" in url else "?") + f"export={table}")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) >= 2
    assert list(rows[1][: len(first_row)]) == first_row


def test_project_page_while_a_loader_holds_the_store(client, people, two, store):
    """A writer in another process holds the store's writer lock: the page does not wait and shows
    the workers (it reads committed, immutable files; the writer's lock is for writers only)."""
    import subprocess
    import sys
    import time

    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from renshe.arrears.core import lake\n"
         f"with lake.Lake({str(store)!r}).writer('test'):\n    print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        page = _client(client, people["province"]).get("/arrears/project/7/").content.decode()
        assert "测试项目7" in page and "张三" in page and "6,000.00" in page
        assert time.monotonic() - started < 5
    finally:
        holder.stdin.close()
        holder.wait(10)
