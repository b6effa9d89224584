"""Human-resources market supervision: register, 告知承诺 verification, yearly report submitted by
the agency and checked by staff, reminders and the overdue list, patrols and the credit record,
and agencies drawn with the 20-item checklist (safety items marked)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from renshe.inspections import agency_services as svc
from renshe.inspections import services
from renshe.inspections.models import Agency, AnnualReport, Enterprise, InspectionItem
from renshe.platform.workflow.models import Notification
from renshe.rules.errors import RulesError
from tests.conftest import DEMO_PASSWORD
from tests.inspections.conftest import login

pytestmark = pytest.mark.django_db
D = dt.date
REPORT = {"staff_count": "12", "people_served": "3400", "employers_served": "85", "placements": "960",
          "revenue": "1280000.5", "summary": "全年举办招聘会12场"}


def test_months_and_due_dates_follow_the_civil_code_and_the_parameters():
    assert svc.add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)  # 《民法典》第二百零二条: no 31 Feb
    assert svc.add_months(D(2025, 11, 20), 1) == D(2025, 12, 20)
    assert svc.report_due(2025) == D(2026, 3, 31)


def test_registering_by_commitment_sets_the_verification_due_and_a_broken_promise_is_on_record(catalogue):
    inspector = catalogue["inspector.xm"]
    ent = Enterprise.objects.filter(organisation__code="350200", is_agency=False).first()
    agency, code = svc.register(inspector, enterprise=ent, permit="licence", permit_number="350200-2026-01",
                                permitted_on=D(2026, 1, 31), scope="职业介绍", via_commitment=True)
    assert agency.verification_due == D(2026, 2, 28) and code and agency.report_code_digest != code
    ent.refresh_from_db()
    assert ent.is_agency
    with pytest.raises(PermissionDenied):
        svc.verify(agency, catalogue["inspector.fz"], on=D(2026, 2, 20), kept=True, result="属实")
    svc.verify(agency, inspector, on=D(2026, 2, 20), kept=False, result="实际经营场所与承诺不符")
    assert agency.credit.filter(kind="bad", reason__contains="违反告知承诺").exists()


def test_the_agency_submits_its_report_and_staff_check_it(catalogue):
    agency = Agency.objects.filter(organisation__code="350200").first()
    credit = agency.enterprise.credit_code
    with pytest.raises(RulesError) as exc:
        svc.submit_report(credit_code=credit, code="wrong", year=2025, data=REPORT)
    assert exc.value.problems[0].field == "code"
    with pytest.raises(RulesError) as exc:
        svc.submit_report(credit_code=credit, code=DEMO_PASSWORD, year=2025,
                          data={**REPORT, "placements": "-1", "revenue": "很多", "summary": ""})
    assert {p.field for p in exc.value.problems} == {"placements", "revenue", "summary"}
    assert not AnnualReport.objects.exists()
    report = svc.submit_report(credit_code=credit.lower(), code=DEMO_PASSWORD, year=2025, data=REPORT)
    assert str(report.revenue) == "1280000.50"
    assert report.late  # today (2026-12) is after 31 March 2026
    with pytest.raises(RulesError):
        svc.submit_report(credit_code=credit, code=DEMO_PASSWORD, year=2025, data=REPORT)
    with pytest.raises(RulesError):
        svc.check_report(report, catalogue["inspector.xm"], accept=False, note=" ")
    report = svc.check_report(report, catalogue["inspector.xm"], accept=False, note="营业收入与报表不符")
    report = svc.submit_report(credit_code=credit, code=DEMO_PASSWORD, year=2025, data={**REPORT, "revenue": "1300000"})
    report = svc.check_report(report, catalogue["inspector.xm"], accept=True, note="")
    assert report.state == "accepted"


def test_reminders_before_the_due_date_and_the_overdue_list(catalogue):
    n = Agency.objects.count()
    assert svc.remind_annual_reports(D(2026, 2, 1)) == 0  # more than 30 days before 31 March
    assert svc.remind_annual_reports(D(2026, 3, 10)) == n
    assert svc.remind_annual_reports(D(2026, 3, 10)) == n  # idempotent by key: no second notification
    assert Notification.objects.filter(title__contains="即将到期").count() == n
    svc.remind_annual_reports(D(2026, 4, 1))
    assert Notification.objects.filter(title__contains="逾期未提交").count() == n


def test_patrols_and_the_register_page_scoped_by_city(client, catalogue):
    xm = Agency.objects.filter(organisation__code="350200").first()
    fz = Agency.objects.filter(organisation__code="350100").first()
    svc.record_patrol(xm, catalogue["inspector.xm"], found_on=D(2026, 11, 1), channel="招聘平台",
                      description="发布含性别限制的招聘信息", serious=True)
    login(client, catalogue["inspector.xm"])
    page = client.get("/inspections/agencies/").content.decode()
    assert xm.enterprise.name in page and fz.enterprise.name not in page
    assert client.get(f"/inspections/agencies/{fz.pk}/").status_code == 404
    detail = client.get(f"/inspections/agencies/{xm.pk}/").content.decode()
    assert "线上巡查：发布含性别限制的招聘信息" in detail


def test_agencies_are_drawn_with_the_20_item_checklist_safety_marked(catalogue):
    checklist = list(InspectionItem.objects.filter(subject="agency", code__startswith="A"))
    assert len(checklist) == 20 and sum(i.safety for i in checklist) == 6
    plan = services.draw_plan(catalogue["staff"], title="人力资源服务机构抽查暨安全生产检查", year=2026,
                              items=checklist, sample={"350200": 3}, per_task=2, seed=1)
    for task in plan.tasks.all():
        assert task.enterprise.is_agency and task.items.count() == 20
    with pytest.raises(RulesError) as exc:
        services.draw_plan(catalogue["staff"], title="混合", year=2026, items=[checklist[0], *InspectionItem.objects.filter(code="R06")],
                           sample={"350200": 1}, per_task=2, seed=1)
    assert "分别制定计划" in exc.value.problems[0].zh
