"""A wage complaint becomes a wage-arrears alert (劳动监测预警) or a 劳动保障监察 case, linked both ways.

《保障农民工工资支付条例》第十条 gives workers the right to complain and puts complaints under
first-contact responsibility; 第七条第一款 makes the HRSS department investigate arrears. A
complaint about a project (闽治欠, 96333, 12345) that staff judge to need the arrears
closed loop is dispatched as an alert to the labour inspectors of the county where it arose,
with the alert workflow's own deadlines (:mod:`renshe.arrears.workflow`). The alert lists the
complaint (``alert.appeals``), the complaint its alert (``appeal.arrears_alert``).

The alert is opened by arrears' public :func:`renshe.arrears.workflow.open_from_complaint`.

A complaint that alleges a violation the labour inspectors must investigate (《劳动保障监察条例》
第九条: a worker may complain of an employer's violation to the HRSS department; 第十四条: the
department decides whether to accept it, and the case, once filed, runs on the inspection clocks) is registered as an inspection case by
:func:`renshe.inspections.case_services.register` — the inspections module's own checks (the
registrar's role: labour inspector, division staff or leader; a city or county bureau), its own
case number, state machine and clocks. The case lists the complaint (``case.appeals``), the
complaint its case (``appeal.inspection_case``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from renshe.arrears.core import alerts
from renshe.arrears.models import Alert
from renshe.arrears.workflow import open_from_complaint
from renshe.inspections import case_services
from renshe.inspections.models import Case
from renshe.platform.audit.service import record, snapshot
from renshe.rules.errors import RulesError

from .models import Appeal
from .services import _may_handle


@transaction.atomic
def to_arrears_alert(appeal: Appeal, actor: Any, on=None) -> Alert:
    """Dispatch the wage complaint as an orange alert; once only."""
    on = on or timezone.localdate()
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if not _may_handle(actor, appeal):
        raise PermissionDenied("该诉求不由本单位承办 / not your organisation's request")
    if appeal.category != "wage_arrears":
        raise RulesError.of("category", "只有拖欠工资类诉求可以转为欠薪预警", "only wage complaints become alerts")
    if appeal.arrears_alert_id:
        raise RulesError.of("arrears_alert", f"已转为欠薪预警（{appeal.arrears_alert.warning_id}）",
                            "already an arrears alert")
    missing = [label for f, label in (("project", "工程项目"), ("employer", "欠薪单位")) if not getattr(appeal, f)]
    if missing:
        raise RulesError.of("project", f"{'、'.join(missing)}：请先补充", "project and employer are required")
    alert = open_from_complaint(
        key=appeal.pk, reference=appeal.number, month=appeal.received_on.strftime("%Y-%m"), project=appeal.project,
        employer=appeal.employer, place=appeal.place, amount=appeal.amount or 0, workers=appeal.workers or 1, on=on,
        actor=actor, note=f"由诉求 {appeal.number} 转为欠薪预警")
    before = snapshot(appeal)
    appeal.arrears_alert = alert
    appeal.save(update_fields=["arrears_alert"])
    record(actor, appeal, "to_arrears_alert", before=before, after=snapshot(appeal),
           note=f"转为欠薪预警 {alert.warning_id}（{alerts.LEVELS['orange']}）")
    return alert


#: the case's 线索来源 by the channel the complaint came in on (the inspections' own choices)
CASE_SOURCE = {"12345": Case.Source.HOTLINE_12345, "96333": Case.Source.HOTLINE_96333}


@transaction.atomic
def to_inspection_case(appeal: Appeal, actor: Any) -> Case:
    """Register the wage complaint as a 劳动保障监察 case in the actor's bureau; once only.

    The actor must handle the complaint (its office or a supervising one) and may register
    cases (inspections' roles and office kind, checked by ``case_services.register``)."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if not _may_handle(actor, appeal):
        raise PermissionDenied("该诉求不由本单位承办 / not your organisation's request")
    if appeal.category != "wage_arrears":
        raise RulesError.of("category", "只有拖欠工资类诉求可以转为劳动保障监察案件",
                            "only wage complaints become inspection cases")
    if appeal.inspection_case_id:
        raise RulesError.of("inspection_case", f"已转为劳动保障监察案件（{appeal.inspection_case.number}）",
                            "already an inspection case")
    if not appeal.employer:
        raise RulesError.of("employer", "欠薪单位：请先补充", "the employer is required")
    facts = "；".join(x for x in (appeal.project and f"工程项目：{appeal.project}",
                                  appeal.amount and f"欠薪金额：{appeal.amount:.2f}元",
                                  appeal.workers and f"涉及{appeal.workers}人") if x)
    case = case_services.register(
        actor, source=CASE_SOURCE.get(appeal.channel, Case.Source.COMPLAINT), employer=appeal.employer,
        allegation=f"{appeal.content}" + (f"（{facts}）" if facts else "") + f"；由诉求 {appeal.number} 转来",
        received_on=appeal.received_on, complainant=appeal.name, phone=appeal.phone,
        source_ref=appeal.external_id or appeal.number)
    before = snapshot(appeal)
    appeal.inspection_case = case
    appeal.save(update_fields=["inspection_case"])
    record(actor, appeal, "to_inspection_case", before=before, after=snapshot(appeal),
           note=f"转为劳动保障监察案件 {case.number}（{case.organisation}，《劳动保障监察条例》第九条、第十四条）")
    return case
