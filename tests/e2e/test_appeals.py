"""A citizen files a wage complaint on a phone and follows it; the county's staff sign for it,
accept and answer it; the citizen rates the answer; the leader's KPI page counts it. A Fuzhou
inspector never sees it. Real Chromium, the live server, the real database."""

from __future__ import annotations

import re

import pytest

from renshe.appeals import demo_load
from renshe.appeals.models import Appeal, Desk, RoutingRule
from renshe.platform.accounts.models import Organisation
from tests.arrears.alerts.factories import user

from ..conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def appeals_setup(demo):
    for category, place, target, note in demo_load.RULES:
        RoutingRule.objects.create(category=category, place=place, target=target, note=note)
    for code, username in demo_load.DESKS.items():
        Desk.objects.create(organisation=Organisation.objects.get(code=code), user=demo[username])
    u = user("staff.huli", "350206", "labour_inspector")
    u.last_name, u.first_name = "许", "湖里"
    u.set_password(DEMO_PASSWORD)
    u.save()


def _login(page, base, username, then):
    page.goto(base + then)
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(re.escape(then) + "$"))


def _logout(page):
    page.get_by_role("button", name="退出").click()


def test_wage_complaint_from_a_phone_to_the_kpi_page(page, live_server, page_log, appeals_setup):
    base = live_server.url
    page.set_viewport_size(PHONE)
    page.goto(base + "/appeals/new/")
    assert not page.locator("#wage-fields").is_visible()
    page.select_option("#id_category", "wage_arrears")
    assert page.locator("#wage-fields").is_visible()
    page.fill("#id_name", "林建华")
    page.fill("#id_phone", "138 0592 1111")
    page.select_option("#id_place", "350206")
    page.fill("#id_project", "湖里区某安置房项目")
    page.fill("#id_employer", "某建筑劳务有限公司")
    page.fill("#id_amount", "三万")  # not a number: refused, naming the field
    page.fill("#id_content", "在工地做木工三个月，工资一直没有结清。")
    page.get_by_role("button", name="提交").click()
    assert "欠薪金额（元）：" in page.locator(".error-box").inner_text()
    assert Appeal.objects.count() == 0
    assert page.locator("#id_project").input_value() == "湖里区某安置房项目"
    page.fill("#id_amount", "36800")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(re.compile(r"/appeals/track/\?number=SQ"))
    number = re.search(r"编号 (SQ\d+)", page.locator(".messages").inner_text()).group(1)
    page.fill("#id_phone", "13805921111")
    page.get_by_role("button", name="查询").click()
    status = page.locator(".appeal-status").inner_text()
    assert "已登记待受理" in status and "138****1111" in status and "待签收" in status
    page.screenshot(path=str(live_server_screens() / "appeals-track-phone.png"), full_page=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    _login(page, base, "inspector.fz", "/appeals/")
    assert number not in page.content()  # another city's request
    _logout(page)

    _login(page, base, "staff.huli", "/appeals/")
    page.get_by_role("link", name=number).click()
    page.get_by_role("button", name="签收（由我负责）").click()
    assert "已签收" in page.locator(".messages").inner_text()
    page.get_by_role("button", name="受理", exact=True).click()
    form = page.locator("form", has=page.get_by_role("button", name="答复", exact=True))
    form.locator("textarea[name=reply]").fill("经核查，已责令某建筑劳务有限公司于3日内足额支付。")
    form.get_by_role("button", name="答复", exact=True).click()
    rate_link = page.locator("a[href*='/appeals/rate/']").first.get_attribute("href")
    assert "【福建人社】" in page.locator("textarea.sms").input_value()
    _logout(page)

    page.set_viewport_size(PHONE)
    page.goto(rate_link)
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_url(re.compile(r"/appeals/track/"))
    a = Appeal.objects.get(number=number)
    assert a.state == "closed" and a.satisfaction == "satisfied" and a.organisation.code == "350206"

    page.set_viewport_size({"width": 1280, "height": 900})
    _login(page, base, "leader", "/appeals/kpi/")
    assert page.locator("#received").inner_text() == "1"
    assert page.locator("[data-kpi=satisfaction] .figure").inner_text() == "100.00%"
    assert page.locator("#kpi-chart canvas").count() == 1  # ECharts drew the chart
    page.screenshot(path=str(live_server_screens() / "appeals-kpi.png"), full_page=True)
    assert page_log.outside == [] and page_log.errors == []


def live_server_screens():
    from pathlib import Path

    out = Path("var/screens")
    out.mkdir(parents=True, exist_ok=True)
    return out
