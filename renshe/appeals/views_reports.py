"""Staff pages for figures and bulk work: the KPI page (definitions beside the figures, by channel,
city, office, category and month, Excel export, charts) and the 12345 work-order import."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from renshe.platform.accounts.access import role_required
from renshe.platform.web.tables import Table, xlsx_response
from renshe.rules.errors import RulesError

from . import importer, stats
from .core.kpi import DEFINITIONS
from .scoping import appeals_for, disclosures_for

STAFF = role_required("division_staff", "labour_inspector", "leader", "legal_office", "administrator")
KPI_CODES = ("timely_acceptance", "on_time_completion", "satisfaction", "answered")


def _period(request: HttpRequest, today: dt.date) -> tuple[dt.date, dt.date]:
    try:
        start = dt.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        start = dt.date(today.year, 1, 1)
    try:
        end = dt.date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        end = today
    return start, max(start, end)


def _rate(r) -> float | None:
    return None if r.rate is None else round(100 * r.rate, 2)


def kpi_table(lines: list[stats.Line], title: str) -> Table:
    t = Table("kpi", title, ["分组", "登记件数（不含重复件）", "重复件", "来访人次", "及时受理率（%）", "及时受理（分子/分母）",
                              "按时办结率（%）", "按时办结（分子/分母）", "群众满意率（%）", "满意（分子/分母）",
                              "来信来访答复率（%）", "答复（分子/分母）"])
    for ln in lines:
        f = ln.figures
        t.rows.append([ln.label, f.received, f.repeats, f.visits_people,
                       _rate(f.timely_acceptance), f"{f.timely_acceptance.numerator}/{f.timely_acceptance.denominator}",
                       _rate(f.on_time_completion), f"{f.on_time_completion.numerator}/{f.on_time_completion.denominator}",
                       _rate(f.satisfaction), f"{f.satisfaction.numerator}/{f.satisfaction.denominator}",
                       _rate(f.answered), f"{f.answered.numerator}/{f.answered.denominator}"])
    return t


@STAFF
def kpi(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    start, end = _period(request, today)
    by = request.GET.get("by", "channel")
    by = by if by in stats.BREAKDOWNS else "channel"
    qs = stats.period(appeals_for(request.user), start, end)
    lines = stats.breakdown(qs, by, today)
    total = stats.total_of(lines)
    title = f"诉求办理指标（{start:%Y年%-m月%-d日}至{end:%Y年%-m月%-d日}，按{stats.BREAKDOWNS[by]}）"
    if request.GET.get("export") == "xlsx":
        return xlsx_response(kpi_table([stats.Line("total", "合计", total), *lines], title))
    disclosure = stats.disclosure_on_time(
        disclosures_for(request.user).filter(received_on__gte=start, received_on__lte=end), today)
    cards = [(DEFINITIONS[c], getattr(total, c)) for c in KPI_CODES]
    chart = {"labels": [ln.label for ln in lines],
             "series": {DEFINITIONS[c].name: [_rate(getattr(ln.figures, c)) for ln in lines] for c in KPI_CODES},
             "received": [ln.figures.received for ln in lines]}
    return render(request, "appeals/kpi.html", {
        "start": start, "end": end, "by": by, "breakdowns": stats.BREAKDOWNS, "total": total, "cards": cards,
        "table": kpi_table(lines, title), "chart": chart,
        "disclosure": disclosure, "disclosure_def": DEFINITIONS["disclosure_on_time"], "today": today,
    })


@STAFF
@require_http_methods(["GET", "POST"])
def import_orders(request: HttpRequest) -> HttpResponse:
    if request.GET.get("template"):
        resp = HttpResponse(importer.template_xlsx(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        resp["Content-Disposition"] = 'attachment; filename="12345-template.xlsx"'
        return resp
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise RulesError.of("file", "请选择要导入的 Excel 文件", "choose a file")
            result = importer.import_rows(importer.read(upload.read()), actor=request.user, source=upload.name)
        except RulesError as exc:
            messages.error(request, "；".join(p.zh for p in exc.problems))
        else:
            request.session["appeals_import_rejects"] = result.as_dict()["rejects"]
    if request.GET.get("rejects"):
        res = importer.Result(rejects=[(r["row"], r["column"], r["reason"])
                                       for r in request.session.get("appeals_import_rejects", [])])
        resp = HttpResponse(importer.rejects_xlsx(res),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        resp["Content-Disposition"] = 'attachment; filename="12345-rejects.xlsx"'
        return resp
    return render(request, "appeals/import.html", {"result": result, "columns": importer.COLUMNS})
