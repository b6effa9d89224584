"""The 待办 in a real browser: the county inspector finds the alert dispatched to the office in
/todo/ (the alert's deadline is past, so it is listed as 已超期), opens it from there, signs for
it, and the 办理记录 says so in Chinese; the list no longer offers the step."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from renshe.arrears import workflow
from tests.arrears.alerts.factories import make_store, user, warning

from ..conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def dispatched(demo, tmp_path, monkeypatch):
    store = make_store(tmp_path / "store.duckdb")
    monkeypatch.setenv("RENSHE_ARREARS_STORE", str(store))
    workflow.dispatch_warnings([warning(level="red")], store=store, on=dt.date(2025, 9, 30))
    u = user("insp.huli", "350206", "labour_inspector")
    u.set_password(DEMO_PASSWORD)
    u.save()


def test_inspector_works_from_the_todo_list(page, live_server, page_log, dispatched):
    page.goto(live_server.url + "/todo/")
    page.wait_for_url(re.compile(r"/accounts/login/\?next=/todo/"))
    page.fill("#id_username", "insp.huli")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/todo/$"))
    assert page.locator("h1").inner_text() == "我的待办"
    item = page.locator('.inbox-item[data-kind="overdue"]')
    assert item.count() == 1 and "已超期" in item.inner_text() and "可办理：签收" in item.inner_text()
    assert "2025年10月9日" in item.inner_text()  # the deadline, as a Chinese date
    item.get_by_role("link", name=re.compile("测试项目7")).click()
    page.wait_for_url(re.compile(r"/arrears/alerts/\d+/$"))
    page.locator('form[data-action="sign_for"] button').click()
    page.wait_for_selector('[data-state="signed_for"]')
    history = page.locator(".history-list").inner_text()
    assert "签收" in history and "sign_for" not in history and "状态" in history and "已签收" in history
    page.goto(live_server.url + "/todo/")
    assert "可办理：核实" in page.locator(".inbox-item").first.inner_text()
    assert page_log.outside == [] and page_log.errors == []
