"""Staff pages of wage-arrears monitoring: the leaders' dashboard, drill-down, alerts, rating.

Every page is for staff with a role (anonymous → /accounts/login/) and shows only what
their organisation may see; an alert or area outside it is a 404. Every table can be
downloaded as Excel with ``?export=<table>``.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renshe.platform.accounts.access import role_required
from renshe.platform.accounts.models import Organisation
from renshe.platform.accounts.scoping import region_filter, visible_organisations
from renshe.platform.web.tables import Link, Table, export_or_none
from renshe.platform.workflow.services import acting_roles, available, may_act

from . import situation, workflow
from .api import store_path
from .core import alerts, figures, rating
from .core.alerts import TransitionError
from .core.lake import Lake
from .core.warnings import read as read_warnings
from .models import Alert, Evidence

ROLES = ("labour_inspector", "leader", "administrator", "industry_department")
VIEW = role_required(*ROLES, perm="arrears.view_alert")


def _area_table(name: str, title: str, rows: list[situation.AreaRow], link) -> Table:
    t = Table(name, title, ["地区", "红色（未销号）", "橙色（未销号）", "估算欠发金额（元）", "涉及人数",
                            "已销号", "平均办结工作日", "超期升级"], money={3})
    for r in rows:
        t.rows.append([Link(r.org.name, link(r.org)), r.red, r.orange, r.amount, r.workers, r.closed,
                       r.avg_close_days, r.escalated])
    return t


def _alert_table(name: str, title: str, qs) -> Table:
    t = Table(name, title, ["项目", "月份", "级别", "风险分", "施工总承包", "所在区县", "承办单位", "状态",
                            "当前期限", "估算欠发金额（元）", "涉及人数"], money={9})
    for a in qs:
        t.rows.append([Link(a.project_name, f"/arrears/alerts/{a.pk}/"), a.month, a.get_level_display(), a.score,
                       a.contractor_name, a.county.name, a.organisation.name, a.get_state_display(), a.due,
                       a.amount_owed, a.workers_affected])
    return t


def _page(request: HttpRequest, template: str, tables: list[Table], ctx: dict) -> HttpResponse:
    return export_or_none(request, tables) or render(request, template, {**ctx, "tables": tables})


@VIEW
def dashboard(request: HttpRequest) -> HttpResponse:
    qs = situation.visible_alerts(request.user)
    cities = situation.by_area(qs, "city")
    trend = situation.trend(qs)
    trend_table = Table("trend", "按月趋势", ["月份", "红色", "橙色", "估算欠发金额（元）"], money={3})
    trend_table.rows = [list(r) for r in zip(trend["months"], trend["red"], trend["orange"], trend["amount"],
                                               strict=True)]
    urgent = qs.filter(situation.OPEN, level="red").order_by("-amount_owed", "-score")[:20]
    tables = [
        _area_table("cities", "各设区市预警态势", cities, lambda o: f"/arrears/city/{o.code}/"),
        trend_table,
        _alert_table("red", "未销号的红色预警（欠发金额前20）", urgent),
    ]
    totals = qs.aggregate(
        open=Count("id", filter=situation.OPEN), red=Count("id", filter=situation.OPEN & Q(level="red")),
        overdue=Count("id", filter=situation.OPEN & Q(escalation_level__gt=0)),
    )
    return _page(request, "arrears/dashboard.html", tables, {
        "tiles": situation.tiles(cities), "trend": trend, "totals": totals,
    })


@VIEW
def city(request: HttpRequest, code: str) -> HttpResponse:
    org = get_object_or_404(Organisation, code=code, kind=Organisation.Kind.CITY)
    qs = situation.visible_alerts(request.user).filter(Q(county__parent=org) | Q(county=org))
    if not (visible_organisations(request.user).filter(pk=org.pk).exists() or qs.exists()):
        raise Http404
    counties = situation.by_area(qs, "county")
    projects = (
        qs.values("project_id", "project_name", "county__name", "contractor_name")
        .annotate(red=Count("id", filter=situation.OPEN & Q(level="red")),
                  orange=Count("id", filter=situation.OPEN & Q(level="orange")), months=Count("id"),
                  amount=Sum("amount_owed", filter=situation.OPEN))
        .order_by("-red", "-orange", "project_id")
    )
    ptable = Table("projects", f"{org.name}预警项目", ["项目", "所在区县", "施工总承包", "红色（未销号）",
                                                      "橙色（未销号）", "预警月数", "估算欠发金额（元）"], money={6})
    for p in projects:
        ptable.rows.append([Link(p["project_name"], f"/arrears/project/{p['project_id']}/"), p["county__name"],
                            p["contractor_name"], p["red"], p["orange"], p["months"], p["amount"] or 0])
    tables = [_area_table("counties", f"{org.name}各区县预警态势", counties,
                          lambda o: f"/arrears/alerts/?county={o.code}"), ptable]
    return _page(request, "arrears/city.html", tables, {"org": org})


@VIEW
def project(request: HttpRequest, project_id: int) -> HttpResponse:
    qs = situation.visible_alerts(request.user).filter(project_id=project_id).order_by("-month")
    first = qs.first()
    if first is None:
        raise Http404
    months = figures.worker_months(store_path(), project_id)
    wtable = Table("workers", f"{first.project_name}人员月度明细",
                   ["人员编号", "姓名", "工种", "月份", "考勤天数", "约定日工资（元）", "应发（元）", "已代发（元）",
                    "代发日", "估算欠发（元）"], money={5, 6, 7, 9})
    for m in months:
        wtable.rows.append([m["worker_id"], m["name"], m["work_type"], m["month"], m["days"], m["daily_wage"],
                            m["due"], m["paid"], m["paid_date"], m["owed"]])
    tables = [_alert_table("alerts", f"{first.project_name}预警", qs), wtable]
    return _page(request, "arrears/project.html", tables,
                 {"p": first, "store_missing": not Lake(store_path()).exists()})


@VIEW
def alert_list(request: HttpRequest) -> HttpResponse:
    qs = situation.visible_alerts(request.user)
    state, level = request.GET.get("state", "open"), request.GET.get("level", "")
    if state == "open":
        qs = qs.filter(situation.OPEN)
    elif state in alerts.STATES:
        qs = qs.filter(state=state)
    if level in alerts.LEVELS:
        qs = qs.filter(level=level)
    if request.GET.get("county"):
        qs = qs.filter(county__code=request.GET["county"])
    if request.GET.get("overdue"):
        qs = qs.filter(escalation_level__gt=0)
    tables = [_alert_table("alerts", "预警处置清单", qs[:1000])]
    return _page(request, "arrears/alert_list.html", tables, {
        "states": alerts.STATES, "levels": alerts.LEVELS, "state": state, "level": level,
    })


def _visible_alert(request: HttpRequest, pk: int) -> Alert:
    return get_object_or_404(situation.visible_alerts(request.user), pk=pk)


@VIEW
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _visible_alert(request, pk)
    roles = acting_roles(request.user)
    may = may_act(request.user, alert)
    steps = available(alert, request.user)
    spec = alerts.deadline_param(alert.state, alert.level, alert.outcome,
                                 alert.deadline.start if alert.deadline else alert.dispatched_on)
    rules = [{"label": t.label, "sources": "、".join(alerts.STATES[s] for s in t.sources),
              "target": alerts.STATES[t.target], "roles": "、".join(alerts.ROLE_ZH[r] for r in t.roles),
              "basis": t.basis} for t in alerts.TRANSITIONS]
    return render(request, "arrears/alert_detail.html", {
        "a": alert, "steps": steps, "findings": alerts.FINDINGS, "outcomes": alerts.OUTCOMES,
        "deadline_param": spec[1] if spec else None, "evidence": alert.evidence.select_related("uploaded_by"),
        "may_upload": may and bool(roles & {"labour_inspector", "leader"}),
        "may_feedback": "industry_department" in roles and bool(alert.co_department)
        and getattr(request.user.organisation, "name", None) == alert.co_department,
        "feedback_max": workflow.FEEDBACK_MAX_CHARS,
        "rules": rules,
    })


@require_POST
@role_required(*ROLES, perm="arrears.change_alert")
def alert_step(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _visible_alert(request, pk)
    try:
        workflow.transition(alert, request.POST.get("action", ""), request.user,
                            finding=request.POST.get("finding", ""), outcome=request.POST.get("outcome", ""),
                            note=request.POST.get("note", "").strip()[:500])
    except TransitionError as exc:
        messages.error(request, "；".join(p.zh for p in exc.problems))
    else:
        messages.success(request, "已办理")
    return redirect("arrears-alert", pk=alert.pk)


@require_POST
@role_required("industry_department", perm="arrears.add_industry_feedback")
def industry_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _visible_alert(request, pk)
    try:
        workflow.industry_feedback(alert, request.POST.get("feedback", ""), request.user)
    except TransitionError as exc:
        messages.error(request, "；".join(p.zh for p in exc.problems))
    else:
        messages.success(request, "已反馈")
    return redirect("arrears-alert", pk=alert.pk)


@require_POST
@role_required(*ROLES, perm="arrears.add_evidence")
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _visible_alert(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择文件")
        return redirect("arrears-alert", pk=alert.pk)
    try:
        workflow.attach_evidence(alert, upload, request.POST.get("description", "").strip()[:200] or upload.name,
                                 request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "证据已上传")
    return redirect("arrears-alert", pk=alert.pk)


@role_required(*ROLES, perm="arrears.view_evidence")
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    ev = get_object_or_404(Evidence.objects.select_related("alert"), pk=pk)
    _visible_alert(request, ev.alert_id)
    return FileResponse(ev.file.open("rb"), as_attachment=True, filename=Path(ev.file.name).name)


@VIEW
def rating_list(request: HttpRequest) -> HttpResponse:
    on = timezone.localdate()
    covers = region_filter(request.user)  # the user's part of the province, as everywhere
    ws = [w for w in read_warnings(store_path()) if covers(w["region_code"])]
    quarters = sorted({rating.quarter_of(w["month"]) for w in ws}, reverse=True)
    quarter = request.GET.get("quarter", "")
    escalated = Alert.objects.filter(escalation_level__gt=0, region_code__in={w["region_code"] for w in ws})
    if quarter in quarters:
        ws = [w for w in ws if rating.quarter_of(w["month"]) == quarter]
        escalated = escalated.filter(month__in={w["month"] for w in ws})
    overdue = dict(escalated.values("contractor_id").annotate(n=Count("id")).values_list("contractor_id", "n"))
    ratings, params = rating.rate(ws, overdue, on)
    t = Table("rating", f"施工总承包单位合同履约评价{quarter}", ["名次", "施工总承包单位", "得分", "等级", "项目数",
                                                  "红色", "橙色", "黄色", "超期升级", "扣分理由"])
    for r in ratings:
        t.rows.append([r.rank, r.contractor_name, r.score, rating.GRADE_LABELS[r.grade], len(r.projects),
                       r.counts["red"], r.counts["orange"], r.counts["yellow"], r.overdue, "；".join(r.reasons)])
    return export_or_none(request, [t]) or render(request, "arrears/rating.html", {
        "ratings": ratings, "params": params, "store_missing": not Lake(store_path()).exists(),
        "quarters": quarters, "quarter": quarter,
    })
