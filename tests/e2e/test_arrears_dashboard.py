"""The leaders' dashboard in a real browser: log in, open /arrears/, drill from the city tile
to the project, its worker months, and into the red warning; take a step with its button."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from renshe.arrears import workflow
from tests.arrears.alerts.factories import make_store, user, warning

from ..conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def red_alert(demo, tmp_path, monkeypatch):
    store = make_store(tmp_path / "store.duckdb")
    monkeypatch.setenv("RENSHE_ARREARS_STORE", str(store))
    workflow.dispatch_warnings([warning(level="red"), warning(project_id=9, level="orange", region="350203")],
                               store=store, on=dt.date(2025, 9, 30))
    u = user("insp.huli", "350206", "labour_inspector")
    u.set_password(DEMO_PASSWORD)
    u.save()


def _login(page, base, username):
    page.goto(base + "/arrears/")
    page.wait_for_url(re.compile(r"/accounts/login/\?next=/arrears/"))
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/arrears/$"))


def test_dashboard_drill_down_to_a_red_warning(page, live_server, page_log, red_alert):
    _login(page, live_server.url, "leader")
    assert page.locator("h1").inner_text() == "欠薪监测预警态势"
    page.wait_for_selector("#trend-chart canvas")  # ECharts drew the trend from the static script
    tile = page.locator('.tiles a[data-city="350200"]')
    assert "红 1" in tile.inner_text() and "lv-red" in tile.get_attribute("class")
    tile.click()
    page.wait_for_url(re.compile(r"/arrears/city/350200/$"))
    page.get_by_role("link", name="测试项目7").first.click()
    page.wait_for_url(re.compile(r"/arrears/project/7/$"))
    # worker months: 张三 20 days × 300.00 = 6,000.00 due, 4,000.00 paid → 2,000.00 owed
    row = page.locator("#t-workers tbody tr").first
    assert "张三" in row.inner_text() and "2,000.00" in row.inner_text()
    page.locator("#t-alerts tbody a").first.click()
    page.wait_for_url(re.compile(r"/arrears/alerts/\d+/$"))
    assert "红色" in page.locator("h1").inner_text()
    assert page.locator('[data-state="dispatched"]').count() == 1
    assert page_log.outside == [] and page_log.errors == []


def test_inspector_signs_for_with_the_button(page, live_server, page_log, red_alert):
    _login(page, live_server.url, "insp.huli")
    page.goto(live_server.url + "/arrears/alerts/")
    assert page.locator("text=测试项目9").count() == 0  # 思明区's alert is not 湖里区's
    page.get_by_role("link", name="测试项目7").click()
    page.locator('form[data-action="sign_for"] button').click()
    page.wait_for_selector('[data-state="signed_for"]')
    assert page.locator('.history-list li[data-action="sign_for"]').count() == 1
    page.set_viewport_size({"width": 375, "height": 800})  # phone: the step form still fits
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380
    assert page_log.outside == [] and page_log.errors == []


def test_province_dashboard_tables_fit_a_desktop(page, live_server, page_log, red_alert, tmp_path):
    """Issue 18: at 1366 px the province table was cut off (scrolled inside a 960 px column)."""
    page.set_viewport_size({"width": 1366, "height": 900})
    _login(page, live_server.url, "leader")
    page.wait_for_selector("#trend-chart canvas")
    page.screenshot(path=str(tmp_path / "dashboard-1366.png"), full_page=True)
    tables = page.locator(".arrears-table table.list").all()  # each its own scroll box (site.css)
    assert tables
    for t in tables:
        assert t.evaluate("t => t.scrollWidth <= t.clientWidth + 1"), t.evaluate("t => [t.scrollWidth, t.clientWidth]")
    assert page_log.errors == []
