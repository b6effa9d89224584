"""Services that create and move alerts; each change and its audit record in one transaction.

- :func:`dispatch_warnings` turns the latest run's red and orange warnings into alerts
  (idempotent: one alert per project and month);
- :func:`open_from_complaint` opens an orange alert from a wage complaint another module
  received (``renshe.appeals.links``), with the alert workflow's own deadline;
- :func:`transition` takes one step of the table in :mod:`renshe.arrears.core.alerts`;
- :func:`escalate_overdue` adds the next level up as supervisor of every alert whose deadline has passed;
- :func:`attach_evidence` files a piece of evidence;
- :func:`industry_feedback` records what a copied industry department did about an alert.

Deadlines are :class:`~renshe.platform.lawcalendar.models.TrackedDeadline` rows, counted
on the working-day calendar and moved when a holiday notice changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.service import record, snapshot
from renshe.platform.workflow import clocks, notify
from renshe.platform.workflow.services import acting_roles, apply, may_act

from .core import alerts, figures
from .models import Alert, Evidence


@dataclass(frozen=True)
class DispatchSummary:
    created: int
    existing: int
    skipped: list[str]


def _start_deadline(alert: Alert, on: dt.date, actor: Any) -> None:
    """Close the running deadline and start the one of the alert's state (its parameter and law)."""
    for c in clocks.open_clocks(alert):
        clocks.close(c, on=on, actor=actor)
    spec = alerts.deadline_spec(alert.state, alert.level, alert.outcome)
    alert.deadline = None if spec is None else clocks.start(alert, spec[0], on, actor=actor, key=spec[1],
                                                            region=alerts.REGION)


def _note_deadline(alert: Alert) -> str:
    return clocks.describe(alert.deadline) if alert.deadline_id else "闭环完成"


#: the indicator an alert opened from a complaint shows (《保障农民工工资支付条例》第十条: the right to complain)
COMPLAINT_INDICATOR = {
    "code": "complaint",
    "title": "欠薪投诉（诉求转办）",
    "level": "orange",
    "article": "《保障农民工工资支付条例》第十条",
}


@transaction.atomic
def open_from_complaint(*, key: int, reference: str, month: str, project: str, employer: str, place: str,
                        amount: Decimal, workers: int, on: dt.date, actor: Any, note: str) -> Alert:
    """An orange alert for a wage complaint (its number ``reference``), dispatched on ``on`` to the
    labour-inspection office of the county of ``place`` (the city's when the county has none), with
    the alert's first deadline started and the dispatch audited (``note`` says where it came from).

    The complaint has no project in the monitoring store: ``project_id`` and ``contractor_id``
    are ``-key`` (the complaint's id, negated), so they never collide with a monitored project's.
    The caller checks that the actor may hand the complaint on."""
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=[place, place[:4] + "00"])}
    county = orgs.get(place) or orgs.get(place[:4] + "00")
    alert = Alert.objects.create(
        project_id=-key, month=month, warning_id=f"TS-{reference}", project_name=project, contractor_id=-key,
        contractor_name=employer, region_code=place, county=county, organisation=county, level="orange", score=0.0,
        indicators=[{**COMPLAINT_INDICATOR, "value": f"{amount:.2f}元，{workers}人"}],
        amount_owed=amount, workers_affected=workers, dispatched_on=on, run_id=f"appeal:{reference}",
    )
    _start_deadline(alert, on, actor)
    alert.save()
    record(actor, alert, "dispatch", after=snapshot(alert), note=f"{note}；{_note_deadline(alert)}")
    return alert


def dispatch_warnings(
    warnings: Iterable[dict[str, Any]], *, store: Path | None = None, on: dt.date | None = None, actor: Any = None
) -> DispatchSummary:
    """Create an alert for every red or orange warning that has none yet.

    ``warnings`` are rows of :func:`renshe.arrears.core.warnings.read`. The alert goes to the
    labour inspection office of the county where the project sits (its organisation code is
    the county's 行政区划代码), or to the city when the county has no office on the platform.
    """
    on = on or timezone.localdate()
    orgs = {o.code: o for o in Organisation.objects.filter(kind__in=["county", "city"])}
    todo = [w for w in warnings if w["level"] in alerts.DISPATCH_LEVELS]
    have = set(
        Alert.objects.filter(warning_id__in=[f"{w['project_id']}-{w['month']}" for w in todo]).values_list(
            "warning_id", flat=True
        )
    )
    todo = [w for w in todo if f"{w['project_id']}-{w['month']}" not in have]
    ids = [w["project_id"] for w in todo]
    amounts = figures.by_project_month(store, ids) if store else {}
    industry = figures.industries(store, ids) if store else {}
    created, skipped = 0, []
    for w in todo:
        wid = f"{w['project_id']}-{w['month']}"
        county = orgs.get(w["region_code"]) or orgs.get(w["region_code"][:4] + "00")
        if county is None:
            skipped.append(f"{wid}：区县代码 {w['region_code']} 没有对应的人社部门")
            continue
        city = county if county.kind == "city" else county.parent
        ind = w.get("industry") or industry.get(int(w["project_id"]), "")
        co = alerts.co_dispatch(w["indicators"], ind, city.name, on)
        amount, workers = amounts.get((int(w["project_id"]), w["month"]), (0.0, 0))
        with transaction.atomic():
            alert = Alert.objects.create(
                warning_id=wid,
                project_id=w["project_id"],
                month=w["month"],
                project_name=w.get("project_name") or f"项目{w['project_id']}",
                contractor_id=w["contractor_id"],
                contractor_name=w.get("contractor_name") or f"单位{w['contractor_id']}",
                industry=ind,
                region_code=w["region_code"],
                county=county,
                organisation=county,
                co_department=co.department if co else "",
                co_duty=co.articles if co else [],
                level=w["level"],
                score=w["score"],
                indicators=w["indicators"],
                amount_owed=Decimal(str(amount)),
                workers_affected=workers,
                dispatched_on=on,
                run_id=w.get("run_id") or "",
            )
            _start_deadline(alert, on, actor)
            alert.save(update_fields=["deadline"])
            to = county.name + (f"，同时交办{co.department}" if co else "")
            record(actor, alert, "dispatch", after=alert.workflow_snapshot(), note=f"交办{to}；{_note_deadline(alert)}")
        created += 1
    return DispatchSummary(created=created, existing=len(have), skipped=skipped)


def dispatch_latest(store: Path, *, on: dt.date | None = None) -> DispatchSummary:
    """Dispatch the red and orange warnings of the store's latest run (``renshe arrears run``)."""
    from .core import warnings

    return dispatch_warnings(
        [w for lv in alerts.DISPATCH_LEVELS for w in warnings.read(store, level=lv)], store=store, on=on
    )


def transition(
    alert: Alert,
    action: str,
    actor: Any,
    *,
    finding: str = "",
    outcome: str = "",
    note: str = "",
    on: dt.date | None = None,
) -> Alert:
    """Take one step through the kernel (:func:`renshe.platform.workflow.services.apply`); raises
    TransitionError (bilingual) or PermissionDenied (wrong office or role), changing nothing."""
    return apply(alert, action, actor, facts={"finding": finding, "outcome": outcome}, note=note, on=on)


def escalate_overdue(on: dt.date | None = None) -> list[Alert]:
    """Add the next level up as a supervisor of every open alert whose deadline is before ``on``.

    County → city → province (a daily django-q2 schedule, migration
    ``arrears/0004``). The office that must act keeps the alert and can still act on it
    (《保障农民工工资支付条例》第七条第一款 keeps the duty with the county's 人社 office);
    the alert keeps its state and gets a fresh deadline for it from ``on``. At the province it
    stays, listed as supervised (挂牌督办). Both offices find it in their 待办.
    """
    on = on or timezone.localdate()
    moved = []
    for pk in Alert.objects.filter(deadline__due__lt=on, deadline__is_open=True).values_list("pk", flat=True):
        with transaction.atomic():
            alert = Alert.objects.select_for_update(of=("self",)).select_related("organisation", "deadline").get(pk=pk)
            if alert.due is None or alert.due >= on or alert.deadline.paused:
                continue
            before = alert.workflow_snapshot()
            missed = alert.due
            top = alert.supervisors.order_by("path").first() or alert.organisation
            upper = top.parent
            if upper is not None:
                alert.supervisors.add(upper)
            alert.escalation_level += 1
            _start_deadline(alert, on, None)
            alert.save()
            where = f"升级至{upper.name}督办，{alert.organisation.name}继续承办" if upper else "已在省级，列入挂牌督办"
            record(
                None,
                alert,
                "escalate",
                before=before,
                after=alert.workflow_snapshot(),
                note=f"“{alerts.STATES[alert.state]}”环节期限{missed:%Y年%-m月%-d日}已过，{where}；"
                f"{_note_deadline(alert)}",
            )
            title = f"欠薪预警超期：{alert}（{alerts.STATES[alert.state]}）"
            for org in {alert.organisation, upper or top}:
                notify(org, title, alert.get_absolute_url(), module="劳动监测预警", due=alert.due,
                       body=f"期限{missed:%Y年%-m月%-d日}已过，{where}。", key=f"arrears.escalate:{alert.pk}:{alert.escalation_level}")
            moved.append(alert)
    return moved


def attach_evidence(alert: Alert, upload: Any, description: str, actor: Any) -> Evidence:
    """Validate and file one piece of evidence, audited with the alert."""
    if not may_act(actor, alert) or not (acting_roles(actor) & {"labour_inspector", "leader"}):
        raise PermissionDenied("该预警不由本单位承办 / not your organisation's alert")
    ev = Evidence(alert=alert, file=upload, description=description, uploaded_by=actor)
    ev.full_clean()
    with transaction.atomic():
        ev.save()
        record(actor, alert, "evidence", note=f"上传证据：{ev}")
    return ev


#: the longest feedback an industry department may leave in one entry
FEEDBACK_MAX_CHARS = 500


def industry_feedback(alert: Alert, text: str, actor: Any) -> None:
    """Record what the industry department the alert was copied to has done (audited).

    《保障农民工工资支付条例》第七条第二款 gives the 行业工程建设主管部门 their own duties on
    wage payment in construction (e.g. 第五十七条: the owner's labour-cost allocation); the
    alert's state is the 人社 office's to move, so feedback changes no state. Raises
    TransitionError (bilingual) for empty or over-long text, PermissionDenied for anyone but
    that department.
    """
    org = getattr(actor, "organisation", None)
    if "industry_department" not in acting_roles(actor) or org is None or alert.co_department != org.name:
        raise PermissionDenied("该预警未抄送本部门 / this alert was not copied to your department")
    text = text.strip()
    if not text:
        raise alerts.TransitionError.of("feedback", "请填写本部门的处理情况", "feedback text is required")
    if len(text) > FEEDBACK_MAX_CHARS:
        raise alerts.TransitionError.of(
            "feedback", f"处理情况不超过{FEEDBACK_MAX_CHARS}字", f"feedback must be at most {FEEDBACK_MAX_CHARS} characters"
        )
    with transaction.atomic():
        record(actor, alert, "industry_feedback",
               note=f"{org.name}反馈（《保障农民工工资支付条例》第七条第二款）：{text}")
