"""双随机一公开 in a real browser: staff draw a plan, record a checklist and publish the result;
the public page shows it (also on a phone)."""

from __future__ import annotations

import io
import re

import pytest

from ..conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def catalogue(demo):
    from renshe.inspections import demo_load as inspections_demo

    inspections_demo.load(io.StringIO())
    return demo


def _login(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/?next=/inspections/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/inspections/$"))


def test_staff_draw_inspect_publish_and_the_public_sees_it(page, live_server, catalogue, page_log):
    from renshe.inspections.models import Task

    _login(page, live_server, "inspector.xm")
    page.get_by_role("link", name="制定抽查计划").first.click()
    page.fill("#id_title", "工资支付和劳动合同专项抽查")
    page.get_by_label(re.compile("R06")).check()
    page.get_by_label(re.compile("R02")).check()
    page.fill("#id_seed", "9")
    page.fill("#id_sample_350200", "10")
    page.get_by_role("button", name="抽取").click()
    page.wait_for_url(re.compile(r"/inspections/plans/\d+/$"))
    assert "sha256:" in page.locator(".digest").inner_text()
    assert page.locator("table tbody tr").count() == 10

    task = Task.objects.filter(inspectors__user__username="inspector.xm").first()
    page.goto(f"{live_server.url}/inspections/tasks/{task.pk}/")
    # submitting without the items' results (the browser's own check switched off, as an old
    # browser would): a Chinese message naming each, nothing saved
    page.fill("#id_inspected_on", "2026-11-02")
    page.evaluate("document.getElementById('checklist').noValidate = true")
    page.get_by_role("button", name="保存检查结果").click()
    assert "R06" in page.locator(".error-box").first.inner_text()
    task.refresh_from_db()
    assert task.state == "scheduled"
    for item in ("R06", "R02"):
        page.locator(f'input[name="outcome_{item}"][value="compliant"]').check()
    page.fill("#id_summary", "工资台账、劳动合同齐全")
    page.get_by_role("button", name="保存检查结果").click()
    page.get_by_role("button", name="公示检查结果").click()
    assert "结果已公示" in page.locator(".facts").inner_text()

    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/inspections/results/")
    assert task.enterprise.name in page.locator("#results").inner_text()
    page.fill("#q", task.enterprise.credit_code)
    page.get_by_role("button", name="查询").click()
    assert "本年已抽查" in page.locator("#own-record").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert not page_log.outside and not page_log.errors


def test_an_agency_submits_its_annual_report_and_staff_accept_it(page, live_server, catalogue, page_log):
    from renshe.inspections.models import Agency

    agency = Agency.objects.filter(organisation__code="350200").first()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/inspections/agencies/report/")
    page.fill("#id_credit_code", agency.enterprise.credit_code)
    page.fill("#id_code", DEMO_PASSWORD)
    for name, value in {"staff_count": "12", "people_served": "3400", "employers_served": "85",
                        "placements": "960", "revenue": "1280000.50"}.items():
        page.fill(f"#id_{name}", value)
    page.get_by_role("button", name="提交年度报告").click()
    # the summary was left empty: refused with the field named, nothing saved
    assert page.locator("#id_summary:invalid").count() == 1 or "经营情况说明" in page.locator(".error-box").inner_text()
    page.fill("#id_summary", "全年举办招聘会12场，服务求职者3400人次")
    page.get_by_role("button", name="提交年度报告").click()
    assert "已提交" in page.locator("#report-done").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.set_viewport_size({"width": 1280, "height": 900})
    _login(page, live_server, "inspector.xm")
    page.goto(f"{live_server.url}/inspections/agencies/{agency.pk}/")
    page.get_by_role("button", name="审核通过").click()
    assert "审核通过" in page.locator("table").first.inner_text()
    assert not page_log.outside and not page_log.errors
