"""Every write of a 劳动保障监察 case: registering a clue, the steps (kernel ``apply``), papers.

Registration checks what the clue needs (the 工单号 of a 12345/96333 request, the alert
or task it comes from, within the organisation's scope) and writes the audit record in the
same transaction; the steps go through :func:`renshe.platform.workflow.services.apply`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from renshe.documents.doc import to_docx, to_pdf
from renshe.inspections.core import papers
from renshe.inspections.core.tabular import credit_code_ok
from renshe.inspections.models import Case, Enterprise, Task
from renshe.inspections.models.cases import INVESTIGATION
from renshe.platform.accounts.access import has_role
from renshe.platform.accounts.models import Organisation, User
from renshe.platform.accounts.roles import ROLES
from renshe.platform.accounts.scoping import visible_organisations
from renshe.platform.audit.service import record
from renshe.platform.workflow import clocks, notify
from renshe.platform.workflow import services as kernel
from renshe.rules.errors import FieldProblem, RulesError

PHONE = re.compile(r"^1\d{10}$|^0\d{2,3}-?\d{7,8}$")
REGISTRARS = ("labour_inspector", "division_staff", "leader")


def _next_number(org: Organisation, year: int) -> str:
    prefix = f"{org.code}-JC{year}-"
    last = Case.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True).first()
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:05d}"


def register(actor: Any, *, source: str, employer: str, allegation: str, received_on: dt.date,
             credit_code: str = "", complainant: str = "", phone: str = "", source_ref: str = "",
             violation_end: dt.date | None = None, alert_id: int | None = None, task: Task | None = None) -> Case:
    """Register a clue as a case (登记), in the actor's office; bad input names every field."""
    if not has_role(actor, *REGISTRARS):
        raise PermissionDenied("没有登记监察案件的权限")
    problems = []
    if source not in Case.Source.values:
        problems.append(FieldProblem("source", "请选择线索来源", "choose a source"))
    if not employer.strip():
        problems.append(FieldProblem("employer", "请填写用人单位", "the employer is required"))
    if not allegation.strip():
        problems.append(FieldProblem("allegation", "请填写反映的问题", "describe the allegation"))
    if received_on > dt.date.today():
        problems.append(FieldProblem("received_on", "收到日期不能晚于今天", "received in the future"))
    if violation_end and violation_end > received_on:
        problems.append(FieldProblem("violation_end", "违法行为终了日期不能晚于收到日期", "the violation ends after receipt"))
    credit_code = credit_code.strip().upper()
    if credit_code and not credit_code_ok(credit_code):
        problems.append(FieldProblem("credit_code", "不是有效的统一社会信用代码", "not a valid credit code"))
    if phone.strip() and not PHONE.match(phone.strip()):
        problems.append(FieldProblem("phone", "电话号码格式不正确", "not a phone number"))
    if source in ("12345", "96333") and not source_ref.strip():
        problems.append(FieldProblem("source_ref", f"{source}转办的线索须填写工单号", "the request number is required"))
    alert = None
    if source == "alert":
        from renshe.arrears.models import Alert

        alert = Alert.objects.filter(pk=alert_id, organisation__in=visible_organisations(actor)).first()
        if alert is None:
            problems.append(FieldProblem("alert_id", "没有这条欠薪预警，或不在本机关管辖范围", "no such alert in your scope"))
    if source == "inspection" and task is None:
        problems.append(FieldProblem("task", "双随机检查发现的线索须关联检查任务", "an inspection finding needs its task"))
    if problems:
        raise RulesError(problems)
    org = task.organisation if task else actor.organisation
    if org is None or org.kind not in (Organisation.Kind.CITY, Organisation.Kind.COUNTY):
        raise RulesError.of("organisation", "案件须由设区市或县（市、区）人社部门登记办理",
                            "a case is registered by a city or county bureau")
    with transaction.atomic():
        case = Case.objects.create(
            number=_next_number(org, received_on.year), organisation=org, source=source, source_ref=source_ref.strip(),
            alert=alert, task=task, employer=employer.strip(), credit_code=credit_code,
            enterprise=Enterprise.objects.filter(credit_code=credit_code).first() if credit_code else None,
            complainant=complainant.strip(), phone=phone.strip(), allegation=allegation.strip(),
            received_on=received_on, violation_end=violation_end, assignee=actor,
        )
        record(actor, case, "register", after=case.workflow_snapshot(), note=f"线索来源：{case.get_source_display()}")
    return case


def from_task(task: Task, actor: Any) -> Case:
    """立案查处 what an inspection found (the task's problem items become the allegation)."""
    problems = [f"{r.item.name}：{r.note or '发现问题'}" for r in task.checklist.select_related("item")
                if r.outcome == "problem"]
    if not problems:
        raise RulesError.of("task", "该检查未发现问题，无需立案", "the inspection found no problem")
    return register(actor, source="inspection", employer=task.enterprise.name, credit_code=task.enterprise.credit_code,
                    allegation="；".join(problems), received_on=task.inspected_on or dt.date.today(), task=task)


def step(case: Case, action: str, actor: Any, *, facts: dict[str, Any] | None = None, on: dt.date | None = None) -> Case:
    """One step on the kernel; after 立案 the investigation's due date is kept on the case."""
    with transaction.atomic():
        case = kernel.apply(case, action, actor, facts=facts or {}, on=on)
        if action == "file":
            clock = clocks.open_clocks(case).filter(param=INVESTIGATION).first()
            case.investigation_due = clock.due
            case.save(update_fields=["investigation_due"])
        if action == "submit_review":
            for reviewer in legal_reviewers(case):
                notify(reviewer, f"法制审核：{case.number} {case.employer}", case.get_absolute_url(),
                       module="inspections", key=f"inspections-case-{case.pk}-review")
    return case


def legal_reviewers(case: Case) -> list[Any]:
    """The legal office staff whose part of the province includes the case's office (their 待办)."""
    staff = User.objects.filter(is_active=True, groups__name=ROLES["legal_office"].name).select_related("organisation")
    return [u for u in staff if visible_organisations(u).filter(pk=case.organisation_id).exists()]


def _parties(case: Case) -> papers.Parties:
    return papers.Parties(office=f"{case.organisation.name}人力资源和社会保障局" if case.organisation.kind == "city"
                          else case.organisation.name, number=case.number, employer=case.employer,
                          credit_code=case.credit_code or "—")


def paper(case: Case, kind: str, fmt: str) -> tuple[str, bytes]:
    """(file name, bytes) of the case's 责令改正指令书 or 行政处理决定书 as PDF or DOCX."""
    if kind == "rectification" and case.rectify_due:
        doc = papers.rectification_order(_parties(case), facts=case.findings or case.allegation,
                                         legal_basis=case.legal_basis, due=case.rectify_due,
                                         issued=dt.date.today())
        title = "责令改正指令书"
    elif kind == "decision" and case.decided_on:
        doc = papers.decision(_parties(case), facts=case.findings, decision_text=case.decision_text,
                              legal_basis=case.legal_basis, issued=case.decided_on, reviewed=bool(case.review_opinion))
        title = "行政处理决定书"
    else:
        raise RulesError.of("kind", "该案件还没有这份文书", "the case has no such document yet")
    body = to_pdf(doc) if fmt == "pdf" else to_docx(doc)
    return f"{case.number}-{title}.{fmt}", body
