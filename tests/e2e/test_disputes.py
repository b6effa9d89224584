"""智慧调解仲裁 in a real browser: a worker applies on a phone, an arbitrator accepts, a mediator
records the elements, computes the claims and records the agreement, and the worker sees it."""

from __future__ import annotations

import re

import pytest

from renshe.disputes.models import Case
from renshe.platform.accounts.models import Organisation
from tests.arrears.alerts.factories import user
from tests.disputes.conftest import EMPLOYER_CODE, WORKER_ID

from ..conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def _login(page, base, username, url):
    page.context.clear_cookies()
    page.goto(base + url)
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(re.escape(url) + "$"))


def test_worker_to_signed_agreement(page, live_server, page_log, demo, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    mediator = user("mediator.city", "350200", "mediator")
    mediator.set_password(DEMO_PASSWORD)
    mediator.save()
    evidence = tmp_path / "劳动合同.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # the worker, on a phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/disputes/apply/")
    page.fill("#applicant_name", "陈小明")
    page.fill("#applicant_id_number", WORKER_ID)
    page.fill("#applicant_phone", "13800138000")
    page.fill("#respondent_name", "厦门海湾建材有限公司")
    page.fill("#respondent_credit_code", EMPLOYER_CODE)
    page.select_option("#organisation", str(Organisation.objects.get(code="350200").pk))
    page.select_option("#dispute_type", "termination")
    page.check("input[name=requested][value=unpaid_wages]")
    page.check("input[name=requested][value=damages]")
    page.fill("#el_hire", "2024-05-06")
    page.fill("#el_end", "2026-01-31")
    page.fill("#el_monthly_wage", "6000")
    page.fill("#el_signed", "2024-05-06")
    page.select_option("#el_termination", "unlawful")
    page.fill("#el_unpaid_wages", "2025-12 6000\n2026-01 6000")
    page.set_input_files("#evidence", str(evidence))
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r"/disputes/my/[\w-]+/$"))
    party_url = page.url
    assert "已申请，待审查" in page.inner_text("main") and "最迟" in page.inner_text("main")
    case = Case.objects.get()
    assert case.evidence.count() == 1

    # the arbitrator accepts
    page.set_viewport_size({"width": 1280, "height": 900})
    _login(page, live_server.url, "arbitrator.xm", f"/disputes/{case.pk}/")
    page.locator("details:has(summary:text-is('受理'))").locator("summary").click()
    page.locator("form[action$='/step/accept/'] button").click()
    page.wait_for_selector("text=已受理")

    # the mediator records the elements, computes the claims, records the agreement
    _login(page, live_server.url, "mediator.city", f"/disputes/{case.pk}/")
    for key, value, status in (("hire", "2024-05-06", "agreed"), ("monthly_wage", "6000", "proven"),
                               ("local_avg_monthly_wage", "9000", "proven")):
        box = page.locator(f"#el-{key}")
        if box.get_attribute("open") is None:
            box.locator("summary").click()
        box.locator("[name=value]").fill(value)
        box.locator("select[name=status]").select_option(status)
        box.get_by_role("button", name="保存要素").click()
        page.wait_for_load_state()
    page.get_by_role("button", name="按要素计算请求").click()
    claims = page.inner_text("#claims")
    # unpaid 6000 + 6000 = 12000; damages: 1 year 8 months 26 days → N = 2, 2 × 6000 × 2 = 24000
    assert "12,000.00" in claims or "12000.00" in claims
    assert "24000.00" in claims.replace(",", "") and "违法解除或终止劳动合同赔偿金" in claims
    page.fill("#terms", "被申请人于2026年3月20日前一次性支付申请人30000元，双方劳动争议就此了结。")
    page.get_by_role("button", name="记录调解协议并生成调解书").click()
    page.wait_for_selector("text=已记录调解协议")
    case.refresh_from_db()
    assert case.state == "mediated"

    # the worker sees it
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(party_url)
    text = page.inner_text("main")
    assert "调解结案" in text and "30000元" in text and "调解书" in text
    assert page_log.outside == [] and page_log.errors == []
