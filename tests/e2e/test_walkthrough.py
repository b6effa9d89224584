"""Issue 18, done means: a browser walks the citizen pages at phone size and each staff role's
工作台, checking that every page fits the screen and speaks to its reader — Chinese, no field
codes, a way back from a refused or missing page, advice a person could live with.

Screenshots go to the test's tmp_path (pass ``--basetemp`` to keep them).
"""

from __future__ import annotations

import re

import pytest

from ..conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
#: text a reader must never see: field codes, programmer messages, English error pages
RAW = re.compile(r"dates_worked\.|local_avg_monthly_wage|（界限 |Forbidden|Not Found|Server Error|\bNone\b")


@pytest.fixture(autouse=True)
def _patient(page):
    """This walk opens many pages in one test; on a loaded machine the first load of a page (the
    search index, the charts) can take longer than the default 15 s."""
    page.set_default_navigation_timeout(60_000)
    page.set_default_timeout(30_000)


def _fits(page) -> None:
    # measured once the page's stylesheet has applied: a page read while it was still loading was
    # laid out without site.css (a long URL in the trace unbroken: 577 px on a 390 px screen)
    page.wait_for_load_state("load")
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _reads_as_chinese(page) -> None:
    text = page.locator("body").inner_text()
    assert not RAW.search(text), (page.url, RAW.search(text).group())


CITIZEN_PAGES = [
    "/", "/calc/", "/calc/overtime-pay/", "/calc/annual-leave/", "/calc/economic-compensation/", "/planner/",
    "/knowledge/", "/knowledge/doc/retirement-measures/", "/knowledge/doc/social-insurance-law/",
    "/knowledge/policy-list/", "/parameters/",
]


def test_citizen_pages_fit_a_phone(page, live_server, page_log, db, tmp_path):
    page.set_viewport_size(PHONE)
    for path in CITIZEN_PAGES:
        page.goto(live_server.url + path)
        _fits(page)
        if path != "/parameters/":  # the parameter page names each parameter for maintainers too
            _reads_as_chinese(page)
        page.screenshot(path=str(tmp_path / f"citizen{path.replace('/', '_')}.png"), full_page=True)
    assert not page_log.outside


def test_overtime_on_a_phone_marks_the_bad_date_and_classifies_the_good_ones(page, live_server, db, tmp_path):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/calc/overtime-pay/")
    page.fill('[name="monthly_wage"]', "6525")
    page.fill('[name="dates_worked"]', "2026-13-01 8")
    page.get_by_role("button", name="计算").click()
    field = page.locator(".field.invalid textarea[name=dates_worked]")
    assert field.count() == 1
    assert "没有 2026-13-01 这一天" in page.locator(".error-box").inner_text()
    _reads_as_chinese(page)
    page.fill('[name="dates_worked"]', "2025-10-01 8\n2025-10-04 8")
    page.get_by_role("button", name="计算").click()
    kinds = page.locator('[data-testid="date-kinds"]').inner_text()
    assert "法定节假日" in kinds and "休息日" in kinds
    page.wait_for_load_state("load")  # the browser scrolls to #result once the page has loaded
    top = page.evaluate("document.querySelector('#result').getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"]  # the result is brought into view
    _fits(page)
    page.screenshot(path=str(tmp_path / "overtime-result.png"), full_page=False)


def test_planner_on_a_phone_leaves_a_thin_income_enough_to_live_on(page, live_server, db, tmp_path):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/planner/")
    page.fill("#f-birth", "1980-03")
    page.select_option("#f-employment", "flexible")
    page.select_option("#f-region", "fujian.fuzhou")
    page.locator("fieldset[data-step='1'] .step-btn.next").click()
    page.fill("#f-monthly_income", "3000")
    page.fill("#f-monthly_debt_payments", "0")
    page.fill("#f-children", "0")
    page.locator("fieldset[data-step='2'] .step-btn.next").click()
    page.click("#plan-submit")
    page.wait_for_selector("[data-testid='recommended']")
    reasons = page.locator("body").inner_text()
    assert "本人的基本生活费" in reasons and "最低生活保障" in reasons and "每月缴费不超过其中 50%" in reasons
    _fits(page)
    page.screenshot(path=str(tmp_path / "planner-thin-income.png"), full_page=True)


def test_policy_list_form_on_a_phone(page, live_server, db, tmp_path):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/knowledge/policy-list/")
    # 个人 / 企业 each on one line (they wrapped one character a line)
    for name in ("个人", "企业"):
        box = page.locator(".kind-choice label", has_text=name).bounding_box()
        assert box["height"] < 40, (name, box)
    assert page.locator('fieldset[data-kind="person"]').is_visible()
    assert not page.locator('fieldset[data-kind="enterprise"]').is_visible()
    page.locator(".kind-choice label", has_text="企业").click()
    assert page.locator('fieldset[data-kind="enterprise"]').is_visible()
    assert not page.locator('fieldset[data-kind="person"]').is_visible()
    page.get_by_role("button", name="生成清单").click()
    assert "请至少勾选一项" in page.locator(".error-box").inner_text()
    _fits(page)
    page.screenshot(path=str(tmp_path / "policy-list.png"), full_page=True)


def _login(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base + "/")


#: each role's account and a module its 工作台 must show, and one it must not
ROLES = [
    ("legal", "行政规范性文件", "劳动监测预警"),
    ("staff", "批量社保规划", "劳动监测预警"),
    ("inspector.xm", "劳动监测预警", "行政规范性文件"),
    ("leader", "劳动监测预警", None),
    ("admin", "管理后台", None),
    ("housing.xm", "劳动监测预警", "批量社保规划"),
    ("mediator.xm", "调解仲裁办案", "劳动监测预警"),
    ("arbitrator.xm", "调解仲裁办案", "行政规范性文件"),
]


@pytest.mark.parametrize("username,has,lacks", ROLES)
def test_each_role_has_its_own_workbench(page, live_server, demo, page_log, username, has, lacks, tmp_path):
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        _login(page, live_server.url, username)
        page.get_by_role("link", name="工作台").first.click()
        page.wait_for_url(live_server.url + "/workbench/")
        cards = page.locator('[data-testid="workbench-modules"]').inner_text()
        assert has in cards
        if lacks:
            assert lacks not in cards
        _fits(page)
        _reads_as_chinese(page)
        page.screenshot(path=str(tmp_path / f"workbench-{username}-{size['width']}.png"), full_page=True)
        # every module on it opens (no door that answers 403)
        for href in page.locator('[data-testid="workbench-modules"] a').evaluate_all("as => as.map(a => a.getAttribute('href'))"):
            response = page.goto(live_server.url + href)
            assert response.status == 200, (username, href)
        page.context.clear_cookies()
    assert not page_log.outside


def test_refused_and_missing_pages_lead_back(page, live_server, demo, tmp_path):
    page.set_viewport_size(PHONE)
    _login(page, live_server.url, "inspector.xm")
    response = page.goto(live_server.url + "/normdocs/")
    assert response.status == 403
    assert "没有访问权限" in page.locator("h1").inner_text()
    _reads_as_chinese(page)
    _fits(page)
    page.screenshot(path=str(tmp_path / "403.png"), full_page=True)
    page.get_by_role("link", name="回到我的工作台").click()
    page.wait_for_url(live_server.url + "/workbench/")
    response = page.goto(live_server.url + "/no/such/page/")
    assert response.status == 404 and "页面不存在" in page.locator("h1").inner_text()
    _reads_as_chinese(page)
    page.get_by_role("link", name="回到首页").click()
    page.wait_for_url(live_server.url + "/")
