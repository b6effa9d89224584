"""A wage complaint becomes a wage-arrears alert (劳动监测预警), linked both ways.

《保障农民工工资支付条例》第十条 gives workers the right to complain and puts complaints under
first-contact responsibility; 第七条第一款 makes the HRSS department investigate arrears. A
complaint about a project (闽治欠, 96333, 12345) that staff judge to need the arrears
closed loop is dispatched as an alert to the labour inspectors of the county where it arose,
with the alert workflow's own deadlines (:mod:`renshe.arrears.workflow`). The alert lists the
complaint (``alert.appeals``), the complaint its alert (``appeal.arrears_alert``).

An alert made from a complaint has no project in the monitoring store: its ``project_id`` is
the negative of the complaint's id, so it can never collide with a monitored project's.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from renshe.arrears.core import alerts
from renshe.arrears.models import Alert
from renshe.arrears.workflow import _note_deadline, _start_deadline
from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.service import record, snapshot
from renshe.rules.errors import RulesError

from .models import Appeal
from .services import _may_handle

COMPLAINT_INDICATOR = {
    "code": "complaint",
    "title": "欠薪投诉（诉求转办）",
    "level": "orange",
    "article": "《保障农民工工资支付条例》第十条",
}


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
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=[appeal.place, appeal.place[:4] + "00"])}
    county = orgs.get(appeal.place) or orgs.get(appeal.place[:4] + "00")
    alert = Alert.objects.create(
        project_id=-appeal.pk, month=appeal.received_on.strftime("%Y-%m"), warning_id=f"TS-{appeal.number}",
        project_name=appeal.project, contractor_id=-appeal.pk, contractor_name=appeal.employer,
        region_code=appeal.place, county=county, organisation=county, level="orange", score=0.0,
        indicators=[{**COMPLAINT_INDICATOR, "value": f"{appeal.amount or 0:.2f}元，{appeal.workers or 1}人"}],
        amount_owed=appeal.amount or 0, workers_affected=appeal.workers or 1, dispatched_on=on,
        run_id=f"appeal:{appeal.number}",
    )
    _start_deadline(alert, on, actor)
    alert.save()
    record(actor, alert, "dispatch", after=snapshot(alert),
           note=f"由诉求 {appeal.number} 转为欠薪预警；{_note_deadline(alert)}")
    before = snapshot(appeal)
    appeal.arrears_alert = alert
    appeal.save(update_fields=["arrears_alert"])
    record(actor, appeal, "to_arrears_alert", before=before, after=snapshot(appeal),
           note=f"转为欠薪预警 {alert.warning_id}（{alerts.LEVELS['orange']}）")
    return alert
