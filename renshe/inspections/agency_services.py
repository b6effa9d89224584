"""Every write of human-resources market supervision, each in one transaction with its audit record.

The agency submits its yearly report itself, online, with the report code staff gave it
(only its SHA-256 is stored); staff check it. A daily job reminds each bureau of the reports
still missing before the due date and lists the overdue ones (《福建省人力资源市场条例》第五十一条:
未按规定提交年度报告的 … 加强重点监督管理).
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
import hmac
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from renshe.inspections.models import Agency, AnnualReport, CreditRecord, Enterprise, PatrolFinding
from renshe.platform.accounts.access import has_role
from renshe.platform.accounts.scoping import visible_organisations
from renshe.platform.audit.service import record, snapshot
from renshe.platform.workflow import notify
from renshe.rules import parameters
from renshe.rules.errors import FieldProblem, RulesError

MARKET_STAFF = ("labour_inspector", "division_staff", "leader")
#: days before the due date from which a missing report is put on the bureau's 待办 (a working
#: reminder, not a legal period)
REMIND_DAYS = 30


def _staff(actor: Any, agency: Agency | None = None) -> None:
    if not has_role(actor, *MARKET_STAFF):
        raise PermissionDenied("没有人力资源市场监管的权限")
    if agency is not None and not actor.is_superuser and \
            not visible_organisations(actor).filter(pk=agency.organisation_id).exists():
        raise PermissionDenied("该机构不属于本机关监管范围")


def add_months(d: dt.date, months: int) -> dt.date:
    """《民法典》第二百零二条: the corresponding day of the month, or its last day."""
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return d.replace(year=year, month=month, day=min(d.day, cal.monthrange(year, month)[1]))


def report_due(year: int) -> dt.date:
    """The day the report on ``year`` is due (parameter ``inspections.annual_report_due``)."""
    first = dt.date(year + 1, 1, 1)
    md = parameters.value("inspections.annual_report_due", first)
    return dt.date(year + 1, int(md["month"]), int(md["day"]))


def register(actor: Any, *, enterprise: Enterprise, permit: str, permit_number: str, permitted_on: dt.date,
             scope: str, via_commitment: bool) -> tuple[Agency, str]:
    """Put an agency on the register and issue its report code (returned once, stored hashed)."""
    _staff(actor)
    problems = []
    if permit not in Agency.Permit.values:
        problems.append(FieldProblem("permit", "请选择许可或备案", "choose licence or filing"))
    if not permit_number.strip():
        problems.append(FieldProblem("permit_number", "请填写许可证编号或备案凭证号", "the permit number is required"))
    if not scope.strip():
        problems.append(FieldProblem("scope", "请填写服务范围", "the scope is required"))
    if permitted_on > dt.date.today():
        problems.append(FieldProblem("permitted_on", "许可（备案）日期不能晚于今天", "permitted in the future"))
    if via_commitment and permit != Agency.Permit.LICENCE:
        problems.append(FieldProblem("via_commitment", "告知承诺制只适用于人力资源服务许可", "only a licence"))
    if Agency.objects.filter(enterprise=enterprise).exists():
        problems.append(FieldProblem("credit_code", "该机构已在名录中", "already registered"))
    if problems:
        raise RulesError(problems)
    if not actor.is_superuser and not visible_organisations(actor).filter(pk=enterprise.organisation_id).exists():
        raise PermissionDenied("该机构不属于本机关监管范围")
    due = None
    if via_commitment:
        months = int(parameters.value("inspections.commitment_verification_months", permitted_on, "fujian"))
        due = add_months(permitted_on, months)
    code = secrets.token_urlsafe(9)
    with transaction.atomic():
        agency = Agency.objects.create(
            enterprise=enterprise, organisation=enterprise.organisation, permit=permit,
            permit_number=permit_number.strip(), permitted_on=permitted_on, scope=scope.strip(),
            via_commitment=via_commitment, verification_due=due, report_code_digest=Agency.digest(code))
        if not enterprise.is_agency:
            enterprise.is_agency = True
            enterprise.save(update_fields=["is_agency"])
        record(actor, agency, "agency.registered", after=snapshot(agency))
    return agency, code


def new_report_code(agency: Agency, actor: Any) -> str:
    _staff(actor, agency)
    code = secrets.token_urlsafe(9)
    with transaction.atomic():
        agency.report_code_digest = Agency.digest(code)
        agency.save(update_fields=["report_code_digest"])
        record(actor, agency, "agency.report_code", note="重新发放年度报告码（旧码作废）")
    return code


def verify(agency: Agency, actor: Any, *, on: dt.date, kept: bool, result: str) -> Agency:
    """Record the 告知承诺 verification; a broken promise goes on the credit record (闽人社发〔2025〕4号)."""
    _staff(actor, agency)
    if not agency.via_commitment:
        raise RulesError.of("verify", "该机构不是以告知承诺方式取得许可", "not licensed by commitment")
    if not result.strip():
        raise RulesError.of("result", "请填写核查结论", "the result is required")
    if on > dt.date.today():
        raise RulesError.of("verified_on", "核查日期不能晚于今天", "verified in the future")
    with transaction.atomic():
        before = snapshot(agency)
        agency.verified_on, agency.verification_result = on, result.strip()
        agency.save()
        if not kept:
            CreditRecord.objects.create(agency=agency, on=on, kind="bad", reason=f"违反告知承诺：{result.strip()}")
        record(actor, agency, "agency.verified", before=before, after=snapshot(agency))
    return agency


NUMBERS = {"staff_count": "从业人员数", "people_served": "服务求职者人次", "employers_served": "服务用人单位家次",
           "placements": "帮助实现就业人数"}


def submit_report(*, credit_code: str, code: str, year: int, data: dict[str, str]) -> AnnualReport:
    """The agency's own online submission (no account: its report code). Refusals name the field."""
    agency = Agency.objects.filter(enterprise__credit_code=credit_code.strip().upper()).first()
    if agency is None or not agency.report_code_digest or \
            not hmac.compare_digest(agency.report_code_digest, Agency.digest(code)):
        raise RulesError.of("code", "统一社会信用代码或年度报告码不正确", "credit code or report code is wrong")
    problems, values = [], {}
    today = timezone.localdate()
    if year != today.year - 1:
        problems.append(FieldProblem("year", f"只能提交{today.year - 1}年度的报告", f"only the report on {today.year - 1}"))
    for name, label in NUMBERS.items():
        try:
            values[name] = int(str(data.get(name, "")).strip())
            if values[name] < 0:
                raise ValueError
        except ValueError:
            problems.append(FieldProblem(name, f"{label}须为非负整数", f"{name} must be a whole number ≥ 0"))
    try:
        values["revenue"] = Decimal(str(data.get("revenue", "")).strip()).quantize(Decimal("0.01"))
        if values["revenue"] < 0:
            raise InvalidOperation
    except InvalidOperation:
        problems.append(FieldProblem("revenue", "营业收入须为不小于0的金额（元，两位小数）", "revenue must be an amount ≥ 0"))
    values["summary"] = str(data.get("summary", "")).strip()
    if not values["summary"]:
        problems.append(FieldProblem("summary", "请填写经营情况说明", "the summary is required"))
    existing = AnnualReport.objects.filter(agency=agency, year=year).first()
    if existing and existing.state != AnnualReport.State.RETURNED:
        problems.append(FieldProblem("year", f"{year}年度报告已提交", "already submitted"))
    if problems:
        raise RulesError(problems)
    with transaction.atomic():
        report = existing or AnnualReport(agency=agency, year=year)
        before = snapshot(report) if existing else None
        for k, v in values.items():
            setattr(report, k, v)
        report.state, report.submitted_at = AnnualReport.State.SUBMITTED, timezone.now()
        report.late = today > report_due(year)
        report.save()
        record(None, report, "agency.report_submitted", before=before, after=snapshot(report),
               note="机构在线提交（《人力资源市场暂行条例》第三十六条）")
    return report


def check_report(report: AnnualReport, actor: Any, *, accept: bool, note: str) -> AnnualReport:
    _staff(actor, report.agency)
    if report.state != AnnualReport.State.SUBMITTED:
        raise RulesError.of("state", "只能审核已提交待审核的报告", "only a submitted report can be checked")
    if not accept and not note.strip():
        raise RulesError.of("check_note", "退回修改须写明理由", "say why it is returned")
    with transaction.atomic():
        before = snapshot(report)
        report.state = AnnualReport.State.ACCEPTED if accept else AnnualReport.State.RETURNED
        report.checked_by, report.checked_on, report.check_note = actor, timezone.localdate(), note.strip()
        report.save()
        record(actor, report, "agency.report_checked", before=before, after=snapshot(report))
    return report


def record_patrol(agency: Agency, actor: Any, *, found_on: dt.date, channel: str, description: str,
                  serious: bool) -> PatrolFinding:
    _staff(actor, agency)
    problems = []
    if not channel.strip():
        problems.append(FieldProblem("channel", "请填写巡查渠道", "the channel is required"))
    if not description.strip():
        problems.append(FieldProblem("description", "请填写发现的问题", "describe the finding"))
    if found_on > dt.date.today():
        problems.append(FieldProblem("found_on", "发现日期不能晚于今天", "found in the future"))
    if problems:
        raise RulesError(problems)
    with transaction.atomic():
        f = PatrolFinding.objects.create(agency=agency, found_on=found_on, channel=channel.strip(),
                                         description=description.strip(), serious=serious, recorded_by=actor)
        if serious:
            CreditRecord.objects.create(agency=agency, on=found_on, kind="bad", reason=f"线上巡查：{f.description}")
        record(actor, agency, "agency.patrol", after=snapshot(f))
    return f


def missing_reports(year: int):
    """Agencies registered before the end of ``year`` with no report on it."""
    return (Agency.objects.filter(permitted_on__lte=dt.date(year, 12, 31))
            .exclude(reports__year=year).select_related("enterprise", "organisation"))


def remind_annual_reports(today: dt.date | None = None) -> int:
    """Daily (django-q2): put each missing report on its bureau's 待办, due soon or overdue."""
    today = today or timezone.localdate()
    year = today.year - 1
    due = report_due(year)
    if today < due - dt.timedelta(days=REMIND_DAYS):
        return 0
    n = 0
    for agency in missing_reports(year):
        state = "逾期未提交" if today > due else "即将到期"
        notify(agency.organisation, f"{year}年度报告{state}：{agency.enterprise.name}", agency.get_absolute_url(),
               module="inspections", due=due, key=f"agency-report-{agency.pk}-{year}-{state}")
        n += 1
    return n
