"""A wage complaint becomes a wage-arrears alert (劳动监测预警), linked both ways.

《保障农民工工资支付条例》第十条 gives workers the right to complain and puts complaints under
first-contact responsibility; 第七条第一款 makes the HRSS department investigate arrears. A
complaint about a project (闽治欠, 96333, 12345) that staff judge to need the arrears
closed loop is dispatched as an alert to the labour inspectors of the county where it arose,
with the alert workflow's own deadlines (:mod:`renshe.arrears.workflow`). The alert lists the
complaint (``alert.appeals``), the complaint its alert (``appeal.arrears_alert``).

The alert is opened by arrears' public :func:`renshe.arrears.workflow.open_from_complaint`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from renshe.arrears import alerts
from renshe.arrears.models import Alert
from renshe.arrears.workflow import open_from_complaint
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
