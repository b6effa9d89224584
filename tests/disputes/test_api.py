"""The disputes API as a real client uses it: the public application (same checks as the page,
nothing half-saved), the staff's cases by bearer token without a cookie (CSRF enforced) or by the
session with its CSRF token, scoped to the committee, a step through the kernel, and documents
read back; the work-injury element set producing its benefit claim (hand-worked)."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from docx import Document

from renshe.disputes import services
from renshe.disputes.models import Case
from renshe.platform.accounts.models import ApiToken
from renshe.rules import parameters
from tests.disputes.conftest import EMPLOYER_CODE, WORKER_ID, application
from tests.documents.checks import pdf_text

BODY = {
    "committee": "350200", "dispute_type": "wages", "applicant_name": "陈小明", "applicant_id_number": WORKER_ID,
    "applicant_phone": "13800138000", "respondent_name": "厦门海湾建材有限公司", "respondent_credit_code": EMPLOYER_CODE,
    "facts": "公司拖欠两个月工资。", "requested": ["unpaid_wages"],
    "statements": {"hire": "2024-05-06", "monthly_wage": "6000", "unpaid_wages": "2025-12 6000\n2026-01 6000"},
}


def bearer(user) -> Client:
    return Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {ApiToken.issue(user, 'test')[1]}"})


def post(client: Client, url: str, body: dict, **headers):
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def test_apply_files_the_case_and_gives_the_party_link(orgs):
    r = post(Client(enforce_csrf_checks=True), "/api/v1/disputes/apply", BODY)
    assert r.status_code == 201, r.content
    case = Case.objects.get()
    out = r.json()
    assert out["number"] == case.number and out["state"] == "applied" and out["party_url"] == f"/disputes/my/{case.token}/"
    assert out["next_due"]  # the five-day acceptance clock (第二十九条)
    assert Client().get(out["party_url"]).status_code == 200


@pytest.mark.parametrize("change,field,zh", [
    ({"applicant_id_number": WORKER_ID[:-1] + "0"}, "applicant_id_number", "校验码"),
    ({"respondent_credit_code": EMPLOYER_CODE[:-1] + "0"}, "respondent_credit_code", "统一社会信用代码"),
    ({"statements": {**BODY["statements"], "end": "2023-01-31"}}, "end", "离职日期早于入职日期"),
    ({"requested": ["holiday_bonus"]}, "requested", "请求不在列表中"),
    ({"committee": "999999"}, "committee", "仲裁委员会"),
    ({"statements": {"hire": "2024-05-06", "mood": "x"}}, "statements.mood", "要素"),
    ({"applicant_phone": "12345"}, "applicant_phone", "手机号"),
])
def test_apply_refuses_bad_input_naming_the_field_and_saves_nothing(orgs, change, field, zh):
    r = post(Client(enforce_csrf_checks=True), "/api/v1/disputes/apply", {**BODY, **change})
    assert r.status_code == 422, r.content
    problems = {p["field"]: p for p in r.json()["problems"]}
    assert field in problems and zh in problems[field]["zh"] and problems[field]["en"]
    assert not Case.objects.exists()


@pytest.fixture
def cases(orgs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    xm = [services.save_application(application(orgs), [], submit=True) for _ in range(3)]
    fz = services.save_application(application(orgs, organisation_id=orgs["fz"].pk), [], submit=True)
    return xm, fz


def test_list_is_scoped_and_paginated(cases, users):
    xm, fz = cases
    r = bearer(users["arbitrator"]).get("/api/v1/disputes/cases?page_size=2")
    assert r.status_code == 200
    page = r.json()
    assert page["count"] == 3 and page["pages"] == 2 and len(page["items"]) == 2
    page2 = bearer(users["arbitrator"]).get("/api/v1/disputes/cases?page_size=2&page=2").json()
    ids = {i["id"] for i in page["items"]} | {i["id"] for i in page2["items"]}
    assert ids == {c.pk for c in xm} and fz.pk not in ids
    assert bearer(users["arbitrator_fz"]).get("/api/v1/disputes/cases").json()["count"] == 1
    assert bearer(users["inspector"]).get("/api/v1/disputes/cases").status_code == 403
    assert Client().get("/api/v1/disputes/cases").status_code == 401
    bad = bearer(users["arbitrator"]).get("/api/v1/disputes/cases?state=lost")
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "state"
    # the Chinese message names each state by its label as well as its code
    assert "accepted（已受理）" in bad.json()["problems"][0]["zh"]


def test_detail_masks_personal_data_and_another_city_is_404(cases, users):
    xm, fz = cases
    c = bearer(users["mediator"])
    d = c.get(f"/api/v1/disputes/cases/{xm[0].pk}").json()
    assert d["number"] == xm[0].number and WORKER_ID not in json.dumps(d) and d["applicant_id_number"].startswith("3502")
    assert d["applicant_phone"] != "13800138000" and d["clocks"][0]["param"] == "deadlines.arbitration_acceptance"
    r = c.get(f"/api/v1/disputes/cases/{fz.pk}")
    assert r.status_code == 404 and r.json()["problems"][0]["zh"]


def test_a_step_through_the_kernel_by_token_and_by_session(cases, users):
    case = cases[0][0]
    steps = bearer(users["arbitrator"]).get(f"/api/v1/disputes/cases/{case.pk}/steps").json()
    assert {s["action"] for s in steps} >= {"accept", "reject", "refer"}
    reject = next(s for s in steps if s["action"] == "reject")
    assert reject["needs"] == [{"fact": "reason", "reason": "写明不予受理的理由"}] and "第二十九条" in reject["basis"]
    # the mediator may not accept (the kernel's role check): 403, nothing moved
    r = post(bearer(users["mediator"]), f"/api/v1/disputes/cases/{case.pk}/steps/accept", {})
    assert r.status_code == 403 and r.json()["problems"][0]["en"]
    # a missing fact: 422 naming it
    r = post(bearer(users["arbitrator"]), f"/api/v1/disputes/cases/{case.pk}/steps/reject", {"facts": {}})
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "reason"
    # an arbitrator of another city: the case does not exist for them
    r = post(bearer(users["arbitrator_fz"]), f"/api/v1/disputes/cases/{case.pk}/steps/accept", {})
    assert r.status_code == 404
    assert Case.objects.get(pk=case.pk).state == "applied"
    # a browser session without its CSRF token is refused; with it, the step is taken
    session = Client(enforce_csrf_checks=True)
    session.force_login(users["arbitrator"])
    r = post(session, f"/api/v1/disputes/cases/{case.pk}/steps/accept", {"note": "材料齐全"})
    assert r.status_code == 403 and b"CSRF" in r.content
    session.get("/disputes/")  # the page sets the CSRF cookie
    r = post(session, f"/api/v1/disputes/cases/{case.pk}/steps/accept", {"note": "材料齐全"},
             **{"X-CSRFToken": session.cookies["csrftoken"].value})
    assert r.status_code == 200 and r.json()["state"] == "accepted"
    assert "serve" in r.json()["steps"]
    # a wrong step now: 422 naming the state
    r = post(bearer(users["arbitrator"]), f"/api/v1/disputes/cases/{case.pk}/steps/accept", {})
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "state"


def test_documents_read_back(cases, users):
    case = cases[0][0]
    c = bearer(users["arbitrator"])
    kinds = {d["kind"] for d in c.get(f"/api/v1/disputes/cases/{case.pk}/documents").json()}
    assert {"application", "acceptance", "agreement"} <= kinds
    pdf = c.get(f"/api/v1/disputes/cases/{case.pk}/documents/application?format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "仲裁申请书" in text and "陈小明" in text and "厦门海湾建材有限公司" in text
    docx = c.get(f"/api/v1/disputes/cases/{case.pk}/documents/application?format=docx")
    body = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    body += "\n".join(cell.text for t in Document(io.BytesIO(docx.content)).tables for row in t.rows for cell in row.cells)
    assert "仲裁申请书" in body and "陈小明" in body and case.number in body
    assert c.get(f"/api/v1/disputes/cases/{case.pk}/documents/poem?format=pdf").status_code == 404
    bad = c.get(f"/api/v1/disputes/cases/{case.pk}/documents/application?format=odt")
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "format"


def test_work_injury_elements_give_the_disability_subsidy(orgs, users, settings, tmp_path):
    """A level-7 worker whose employer did not insure: 工伤保险条例第三十七条第（一）项, 13 months of
    本人工资; 6,000 lies between 60 % and 300 % of Xiamen's average, so 13 × 6,000 = 78,000."""
    settings.MEDIA_ROOT = tmp_path
    case = services.save_application(application(orgs, dispute_type="work_injury", requested=["injury_disability_subsidy"],
                                                  statements={"hire": "2022-05-06", "monthly_wage": "6000"}),
                                     [], submit=True)
    for key, value in (("hire", "2022-05-06"), ("monthly_wage", "6000"), ("injury_recognised_on", "2025-03-01"),
                       ("disability_level", "7"), ("disability_appraised_on", "2025-06-30"), ("injury_wage", "6000"),
                       ("injury_insured", "否")):
        services.record_element(users["mediator"], case, key, applicant_says="", respondent_says="", status="agreed",
                                value_text=value, finding="", evidence_ids=[])
    avg = float(parameters.value_at("wages.avg_monthly", case.received_on, "fujian.xiamen").value)
    assert 0.6 * avg <= 6000 <= 3 * avg
    d = bearer(users["arbitrator"]).get(f"/api/v1/disputes/cases/{case.pk}").json()
    claim = next(c for c in d["claims"] if c["kind"] == "injury_disability_subsidy")
    assert claim["amount"] == 78_000.00 and claim["final_award"] is False  # > 12 × 2,265 = 27,180
    els = {e["key"]: e for e in bearer(users["arbitrator"]).get(f"/api/v1/disputes/cases/{case.pk}/elements").json()}
    assert els["disability_level"]["display"] == "7级" and els["injury_insured"]["display"] == "否"
