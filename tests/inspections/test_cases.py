"""劳动保障监察 cases on the kernel: registration, the 60 + 30 working-day investigation clock
across holidays, the two-year look-back, legal review on the legal office's 待办, the papers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from renshe.inspections import case_services
from renshe.inspections.core import casework
from renshe.inspections.models import Case
from renshe.platform.workflow.inbox import items_for
from renshe.platform.workflow.machine import WorkflowError
from renshe.rules.errors import RulesError
from tests.documents.checks import assert_embeds_chinese
from tests.inspections.conftest import login

pytestmark = pytest.mark.django_db
D = dt.date


def _case(user, **kw):
    data = {"source": "12345", "source_ref": "FJ12345-2026-0001", "employer": "厦门演示制造有限公司01",
            "allegation": "拖欠3名员工5月、6月工资", "received_on": D(2026, 6, 29), "complainant": "王五",
            "phone": "13800001234", "violation_end": None}
    data.update(kw)
    return case_services.register(user, **data)


def test_lookback_is_two_years_from_the_end_of_the_violation():
    # 《劳动保障监察条例》第二十条; 《民法典》第二百零二条: 2024-02-29 + 2 years has no 29 Feb → 2026-02-28
    assert casework.lookback_ends(D(2024, 2, 29), 2) == D(2026, 2, 28)
    assert casework.within_lookback(D(2024, 6, 1), D(2026, 6, 1), 2)
    assert not casework.within_lookback(D(2024, 6, 1), D(2026, 6, 2), 2)
    assert casework.within_lookback(None, D(2030, 1, 1), 2)  # still going on


def test_registration_names_every_bad_field_and_saves_nothing(catalogue):
    with pytest.raises(RulesError) as exc:
        _case(catalogue["inspector.xm"], source_ref="", phone="12345", employer=" ", credit_code="91350200MA0000000X")
    fields = {p.field for p in exc.value.problems}
    assert fields == {"source_ref", "phone", "employer", "credit_code"}
    assert "工单号" in next(p.zh for p in exc.value.problems if p.field == "source_ref")
    assert not Case.objects.exists()


def test_a_complaint_investigated_and_extended_across_holidays(catalogue):
    inspector, leader = catalogue["inspector.xm"], catalogue["leader"]
    case = _case(inspector)
    assert case.organisation.code == "350200" and case.number == "350200-JC2026-00001"
    case = case_services.step(case, "accept", inspector)
    case = case_services.step(case, "file", inspector, on=D(2026, 7, 1))
    # 60 working days from 2 July 2026 (国办发明电〔2025〕7号: 9月20日周日上班, 中秋9月25–27日):
    # 7月2–3日 (1–2), 6–31日 four weeks (3–22), 8月3–28日 (23–42), 8月31日–9月18日 (43–57),
    # 9月20日 (58, a working Sunday), 21日 (59), 22日 (60).
    assert case.investigation_due == D(2026, 9, 22)
    with pytest.raises(PermissionDenied):  # only the head of the department approves (第十七条)
        case_services.step(case, "extend", inspector, facts={"reason": "涉及人数多"})
    with pytest.raises(PermissionDenied):  # a leader of another city does not see the case
        case_services.step(case, "extend", catalogue["leader.fz"], facts={"reason": "涉及人数多"})
    case = case_services.step(case, "extend", leader, facts={"reason": "涉及人数多，需调取银行流水"})
    # +30 working days from 22 Sep: 23–24日 (1–2), 中秋 off, 28–30日 (3–5), 国庆10月1–7日 off,
    # 10月8–9日 (6–7), 10日周六上班 (8), 12–30日 three weeks (9–23), 11月2–6日 (24–28), 9日 (29), 10日 (30).
    assert case.investigation_due == D(2026, 11, 10) and case.extended
    with pytest.raises(WorkflowError) as exc:
        case_services.step(case, "extend", leader, facts={"reason": "再延"})
    assert "只能延长一次" in exc.value.problems[0].zh


def test_significant_decision_goes_through_legal_review_on_the_legal_offices_todo(catalogue):
    inspector, legal = catalogue["inspector.xm"], catalogue["legal"]
    case = _case(inspector, credit_code="9144030071526726XG")
    for action in ("accept", "file"):
        case = case_services.step(case, action, inspector, on=D(2026, 7, 1))
    case = case_services.step(case, "order_rectify", inspector,
                              facts={"rectify_due": dt.date.today() + dt.timedelta(days=10),
                                     "legal_basis": "《保障农民工工资支付条例》第十一条"})
    name, pdf = case_services.paper(case, "rectification", "pdf")
    assert name.endswith("责令改正指令书.pdf")
    assert_embeds_chinese(pdf, "劳动保障监察责令改正指令书", "第十八条第一款第二项", "9144030071526726XG")
    case = case_services.step(case, "conclude", inspector, facts={
        "findings": "该单位拖欠3名员工2个月工资共计人民币36,000.00元。", "significant": True, "heard": True,
        "decision_text": "限期支付拖欠的工资", "legal_basis": "《劳动保障监察条例》第二十六条"})
    with pytest.raises(WorkflowError) as exc:  # a significant decision is not made before 法制审核
        case_services.step(case, "decide", inspector)
    assert "法制审核" in exc.value.problems[0].zh
    case = case_services.step(case, "submit_review", inspector)
    todo = [i for i in items_for(legal, dt.date.today()) if case.number in str(getattr(i, "title", i))]
    assert todo, "the review is on the legal office's 待办"
    with pytest.raises(PermissionDenied):
        case_services.step(case, "approve_review", inspector, facts={"reason": "同意"})
    case = case_services.step(case, "approve_review", legal, facts={"reason": "事实清楚，依据正确，同意"})
    case = case_services.step(case, "decide_reviewed", inspector, on=D(2026, 9, 1))
    _, docx = case_services.paper(case, "decision", "docx")
    assert docx[:2] == b"PK"
    _, pdf = case_services.paper(case, "decision", "pdf")
    assert_embeds_chinese(pdf, "劳动保障监察行政处理决定书", "限期支付拖欠的工资", "陈述、申辩", "已经法制审核")
    case = case_services.step(case, "close", inspector)
    assert case.state == "closed"


def test_a_stale_violation_is_not_accepted(catalogue):
    case = _case(catalogue["inspector.xm"], violation_end=D(2024, 6, 1))
    with pytest.raises(WorkflowError) as exc:
        case_services.step(case, "accept", catalogue["inspector.xm"])
    assert "第二十条" in exc.value.problems[0].zh
    case = case_services.step(case, "refuse", catalogue["inspector.xm"], facts={"reason": "超过两年未被发现、未被投诉"})
    assert case.state == "not_accepted"


def test_another_city_cannot_open_a_case_page(client, catalogue):
    case = _case(catalogue["inspector.xm"])
    login(client, catalogue["inspector.fz"])
    assert client.get(f"/inspections/cases/{case.pk}/").status_code == 404
    assert case.number not in client.get("/inspections/cases/").content.decode()
    login(client, catalogue["inspector.xm"])
    page = client.get(f"/inspections/cases/{case.pk}/").content.decode()
    assert "138****1234" in page and "13800001234" not in page  # the phone masked


def test_a_case_page_refuses_bad_input_in_chinese(client, catalogue):
    login(client, catalogue["inspector.xm"])
    r = client.post("/inspections/cases/new/", {"source": "96333", "employer": "某公司", "allegation": "欠薪",
                                                "received_on": "2026-06-01"})
    assert "96333转办的线索须填写工单号" in r.content.decode() and not Case.objects.exists()


def test_an_inspection_finding_becomes_a_case_linked_both_ways(client, catalogue):
    from renshe.inspections import services
    from renshe.inspections.models import InspectionItem, Task

    inspector = catalogue["inspector.xm"]
    plan = services.draw_plan(catalogue["staff"], title="专项", year=2026, sample={"350200": 10}, per_task=2, seed=9,
                              items=list(InspectionItem.objects.filter(code__in=["R06", "R02"])))
    task = Task.objects.filter(plan=plan, inspectors__user=inspector).first()
    services.record_inspection(task, inspector, on=D(2026, 11, 2),
                               results={"R06": ("problem", "未按月足额支付工资"), "R02": ("compliant", "")})
    login(client, inspector)
    r = client.post(f"/inspections/tasks/{task.pk}/case/")
    case = Case.objects.get(task=task)
    assert r["Location"] == f"/inspections/cases/{case.pk}/"
    assert case.source == "inspection" and "未按月足额支付工资" in case.allegation
    assert case.number in client.get(f"/inspections/tasks/{task.pk}/").content.decode()
    assert f"/inspections/tasks/{task.pk}/" in client.get(f"/inspections/cases/{case.pk}/").content.decode()


def test_an_arrears_alert_becomes_a_case_linked_both_ways(client, catalogue):
    from renshe.arrears.models import Alert
    from renshe.platform.accounts.models import Organisation

    xm = Organisation.objects.get(code="350200")
    alert = Alert.objects.create(
        project_id=7, month="2026-10", warning_id="W-2026-10-7", project_name="演示安置房项目", contractor_id=1,
        contractor_name="演示建设有限公司", region_code="350206", county=Organisation.objects.get(code="350206"),
        organisation=xm, level="red", score=0.9, dispatched_on=D(2026, 11, 1))
    inspector = catalogue["inspector.xm"]
    with pytest.raises(RulesError) as exc:  # another city's alert is not within reach
        case_services.register(catalogue["inspector.fz"], source="alert", alert_id=alert.pk, employer="演示建设有限公司",
                               allegation="红色预警", received_on=D(2026, 11, 2))
    assert exc.value.problems[0].field == "alert_id"
    case = case_services.register(inspector, source="alert", alert_id=alert.pk, employer="演示建设有限公司",
                                  allegation="连续两月未发放工资", received_on=D(2026, 11, 2))
    login(client, inspector)
    assert f"/arrears/alerts/{alert.pk}/" in client.get(f"/inspections/cases/{case.pk}/").content.decode()
    assert case.number in client.get(f"/arrears/alerts/{alert.pk}/").content.decode()
