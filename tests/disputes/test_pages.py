"""The pages as a real client uses them: CSRF enforced, anonymous redirected, other cities 404,
the phone form refusing bad input with Chinese messages, documents read back."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from docx import Document

from renshe.disputes import services
from renshe.disputes.models import Case
from tests.disputes.conftest import EMPLOYER_CODE, WORKER_ID, pdf_file
from tests.disputes.test_services import record_all
from tests.documents.checks import assert_docx_embeds_chinese, assert_embeds_chinese, pdf_text

pytestmark = pytest.mark.django_db


def csrf_client(user=None) -> Client:
    c = Client(enforce_csrf_checks=True)
    if user:
        c.force_login(user)
    return c


def token(c: Client, url: str) -> str:
    html = c.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def form(orgs, **over):
    data = {
        "applicant_name": "陈小明", "applicant_id_number": WORKER_ID, "applicant_phone": "13800138000",
        "respondent_name": "厦门海湾建材有限公司", "respondent_credit_code": EMPLOYER_CODE,
        "organisation": str(orgs["xm"].pk), "dispute_type": "termination",
        "requested": ["unpaid_wages", "damages"], "el_hire": "2024-05-06", "el_end": "2026-01-31",
        "el_monthly_wage": "6000", "el_termination": "unlawful", "el_unpaid_wages": "2025-12 6000", "action": "submit",
    }
    data.update(over)
    return data


def test_apply_draft_resume_submit(orgs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = csrf_client()
    assert c.post("/disputes/apply/", form(orgs, action="draft")).status_code == 403  # no CSRF token
    r = c.post("/disputes/apply/", {**form(orgs, action="draft", applicant_id_number=""),
                                    "csrfmiddlewaretoken": token(c, "/disputes/apply/")})
    draft = Case.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/disputes/apply/{draft.token}/?saved=1"
    page = c.get(r["Location"]).content.decode()
    assert "草稿已保存" in page and "陈小明" in page
    # another visitor without the link sees nothing of it; a made-up link is 404
    other = csrf_client()
    assert "陈小明" not in other.get("/disputes/apply/").content.decode()
    assert other.get("/disputes/apply/not-a-real-token/").status_code == 404
    bad = c.post(f"/disputes/apply/{draft.token}/", {**form(orgs, applicant_id_number="350203199003071235"),
                                                      "csrfmiddlewaretoken": token(c, f"/disputes/apply/{draft.token}/")})
    assert bad.status_code == 422 and "公民身份号码校验码不正确" in bad.content.decode()
    ok = c.post(f"/disputes/apply/{draft.token}/", {**form(orgs), "evidence": pdf_file(),
                                                     "csrfmiddlewaretoken": token(c, f"/disputes/apply/{draft.token}/")})
    draft.refresh_from_db()
    assert ok.status_code == 302 and ok["Location"] == f"/disputes/my/{draft.token}/"
    party = c.get(ok["Location"]).content.decode()
    assert draft.number in party and "已申请，待审查" in party and "最迟" in party
    assert draft.evidence.count() == 1


def test_staff_pages_need_login_and_scope(filed_case, users):
    assert Client().get("/disputes/").status_code == 302
    assert Client().get("/disputes/").url.startswith("/accounts/login/")
    assert csrf_client(users["inspector"]).get("/disputes/").status_code == 403
    xm = csrf_client(users["mediator"])
    assert filed_case.number in xm.get("/disputes/").content.decode()
    page = xm.get(f"/disputes/{filed_case.pk}/").content.decode()
    assert "350203********1236" in page and WORKER_ID not in page  # ID masked on the staff page
    fz = csrf_client(users["arbitrator_fz"])
    assert filed_case.number not in fz.get("/disputes/").content.decode()
    assert fz.get(f"/disputes/{filed_case.pk}/").status_code == 404


def test_element_form_and_documents(filed_case, users):
    c = csrf_client(users["mediator"])
    url = f"/disputes/{filed_case.pk}/"
    r = c.post(f"{url}elements/monthly_wage/", {"status": "proven", "value": "六千", "csrfmiddlewaretoken": token(c, url)})
    assert r.status_code == 422 and "格式不正确" in r.content.decode()
    record_all(filed_case, users["mediator"])
    services.step(users["arbitrator"], filed_case, "accept")
    r = c.post(f"{url}agreement/", {"terms": "被申请人于2026年3月20日前一次性支付申请人40000元，双方再无其他争议。",
                                    "csrfmiddlewaretoken": token(c, url)})
    assert r.status_code == 302
    pdf = c.get(f"{url}agreement.pdf").content
    assert_embeds_chinese(pdf, "调解书", "陈小明", "厦门海湾建材有限公司", "40000元", "第四十二条")
    text = "".join(pdf_text(pdf).split())
    assert "350203********1236" in text and WORKER_ID not in text
    docx = c.get(f"{url}award.docx").content
    assert_docx_embeds_chinese(docx, "裁决书", "未签书面劳动合同二倍工资差额")
    d = Document(io.BytesIO(docx))
    rows = {r.cells[0].text: [x.text for x in r.cells] for t in d.tables for r in t.rows}
    # the award draft: each claim with its amount, computation and finality (limit 27180)
    assert rows["违法解除或终止劳动合同赔偿金"][1] == "24,000.00元" and rows["违法解除或终止劳动合同赔偿金"][4] == "终局"
    assert rows["未签书面劳动合同二倍工资差额"][1] == "66,000.00元" and rows["未签书面劳动合同二倍工资差额"][4].startswith("非终局")
    assert "6000.00 × (2 - 1) × 11.0000 = 66000.00" in rows["未签书面劳动合同二倍工资差额"][2]
    # agreed elements and the disputed one with its finding
    assert rows["入职日期（用工之日）"][1] == "2024年5月6日"
    assert "违法解除" in rows["解除或终止的情形"][3]
    app_pdf = c.get(f"{url}application.pdf").content
    assert_embeds_chinese(app_pdf, "劳动人事争议仲裁申请书", WORKER_ID, "拖欠工资", filed_case.number)


def test_party_sees_the_agreement(filed_case, users):
    services.step(users["arbitrator"], filed_case, "accept")
    services.record_agreement(users["mediator"], filed_case, "被申请人支付申请人40000元。")
    page = Client().get(f"/disputes/my/{filed_case.token}/").content.decode()
    assert "调解结案" in page and "40000元" in page and "调解书" in page
    assert Client().get(f"/disputes/my/{filed_case.token}/agreement.pdf").status_code == 200
    assert Client().get(f"/disputes/my/{filed_case.token}/award.pdf").status_code == 404


def test_steps_on_the_case_page(filed_case, users):
    url = f"/disputes/{filed_case.pk}/"
    med = csrf_client(users["mediator"])
    assert "受理</button>" not in med.get(url).content.decode()  # a mediator is not offered 受理
    assert med.post(f"{url}step/accept/", {"csrfmiddlewaretoken": token(med, url)}).status_code == 403
    arb = csrf_client(users["arbitrator"])
    page = arb.get(url).content.decode()
    assert "受理审查" in page or "决定是否受理" in page  # the running acceptance clock is shown
    r = arb.post(f"{url}step/reject/", {"reason": " ", "csrfmiddlewaretoken": token(arb, url)})
    assert r.status_code == 422 and "写明不予受理的理由" in r.content.decode()
    assert arb.post(f"{url}step/accept/", {"csrfmiddlewaretoken": token(arb, url)}).status_code == 302
    filed_case.refresh_from_db()
    assert filed_case.state == "accepted"
    page = arb.get(url).content.decode()
    assert "第四十三条" in page and "届满" in page
