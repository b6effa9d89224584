"""The measures the department's report tracks for 快立、快调、快审、快结: days from application to
acceptance, to a mediation result and to an award; the share of cases ended by mediation; the
share of award periods met (the kernel's :func:`renshe.platform.workflow.kpi.on_time` over each
case's award clock, pauses and extensions counted); by committee, city and month — and the same
table as an Excel workbook.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from openpyxl import Workbook
from openpyxl.styles import Font

from renshe.platform.accounts.models import Organisation
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.platform.workflow import kpi

from .models import Case

FIGURES = {
    "received": "收案数",
    "accepted": "受理数",
    "mediated": "调解结案数",
    "awarded": "裁决结案数",
    "days_acceptance": "平均受理天数",
    "days_mediation": "平均调解结案天数",
    "days_award": "平均裁决天数",
    "mediated_share": "调解结案率（%）",
    "on_time": "法定期限内审结率（%）",
}


@dataclass(frozen=True)
class Row:
    label: str
    figures: dict[str, Any]

    @property
    def cells(self) -> list[Any]:
        """The figures in the order of :data:`FIGURES` (the table's columns)."""
        return [self.figures.get(k) for k in FIGURES]


_COUNTS = {
    "received": Count("id"),
    "accepted": Count("id", filter=Q(accepted_on__isnull=False)),
    "mediated": Count("id", filter=Q(mediated_on__isnull=False)),
    "awarded": Count("id", filter=Q(awarded_on__isnull=False)),
    "sum_acceptance": Sum("days_to_acceptance"),
    "n_acceptance": Count("days_to_acceptance"),
    "sum_mediation": Sum("days_to_mediation"),
    "n_mediation": Count("days_to_mediation"),
    "sum_award": Sum("days_to_award"),
    "n_award": Count("days_to_award"),
}
_ADDITIVE = tuple(_COUNTS)


def _rate(part: int, whole: int) -> Decimal | None:
    """A percentage with one decimal, rounded half up (as :func:`kpi.on_time` rounds)."""
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP) if whole else None


def _figures(g: dict[str, Any], closed: int, met: int) -> dict[str, Any]:
    f = {k: g[k] for k in ("received", "accepted", "mediated", "awarded")}
    for k in ("acceptance", "mediation", "award"):
        n = g[f"n_{k}"]
        f[f"days_{k}"] = (Decimal(g[f"sum_{k}"] or 0) / n).quantize(Decimal("0.1"), ROUND_HALF_UP) if n else None
    f["mediated_share"] = _rate(g["mediated"], g["mediated"] + g["awarded"])
    f["on_time"] = _rate(met, closed)
    return f


def cases(user_orgs: QuerySet[Organisation], year: int) -> QuerySet[Case]:
    return Case.objects.filter(organisation__in=user_orgs, received_on__year=year)


def award_clocks(qs: QuerySet[Case]) -> QuerySet[TrackedDeadline]:
    """The award clocks of ``qs``'s cases, for :func:`kpi.on_time`."""
    return TrackedDeadline.objects.filter(dispute_case__in=qs)


def on_time_by_committee(qs: QuerySet[Case]) -> dict[int, tuple[int, int]]:
    """Award clocks closed and met, per committee, in one query: :func:`kpi.on_time`'s definition
    (closed on or before the due date, which counts pauses and the extension) grouped;
    ``tests/disputes/test_measures.py`` holds each committee's figures to ``kpi.on_time``."""
    rows = (
        award_clocks(qs).filter(is_open=False, closed_on__isnull=False)
        .values("dispute_case__organisation")
        .annotate(closed=Count("id"), met=Count("id", filter=Q(closed_on__lte=F("due"))))
    )
    return {r["dispute_case__organisation"]: (r["closed"], r["met"]) for r in rows}


def by_committee(qs: QuerySet[Case]) -> tuple[list[Row], list[Row]]:
    """One row per committee and one per city (a district's committee counts with its city)."""
    grouped = {g.pop("organisation"): g for g in qs.values("organisation").annotate(**_COUNTS).order_by()}
    timely = on_time_by_committee(qs)
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=grouped).select_related("parent")}
    committees, cities = [], {}
    for pk in sorted(grouped, key=lambda p: orgs[p].code):
        org, g = orgs[pk], grouped[pk]
        closed, met = timely.get(pk, (0, 0))
        committees.append(Row(org.name, _figures(g, closed, met)))
        city = org if org.kind == Organisation.Kind.CITY or org.parent is None else org.parent
        acc = cities.setdefault(city.name, ({k: 0 for k in _ADDITIVE}, [0, 0]))
        for k in _ADDITIVE:
            acc[0][k] += g[k] or 0
        acc[1][0] += closed
        acc[1][1] += met
    city_rows = [Row(name, _figures(g, c, m)) for name, (g, (c, m)) in cities.items()]
    return committees, city_rows


def by_month(qs: QuerySet[Case]) -> list[Row]:
    """One row per month of receipt, and the award clocks closed in that month met on time."""
    grouped = qs.annotate(m=TruncMonth("received_on")).values("m").order_by("m").annotate(**_COUNTS)
    timely = {
        r["m"]: (r["closed"], r["met"])
        for r in award_clocks(qs).filter(is_open=False, closed_on__isnull=False)
        .annotate(m=TruncMonth("dispute_case__received_on")).values("m").order_by("m")
        .annotate(closed=Count("id"), met=Count("id", filter=Q(closed_on__lte=F("due"))))
    }
    out = []
    for g in grouped:
        m = g.pop("m")
        month = m if isinstance(m, dt.date) else dt.date.fromisoformat(str(m)[:10])
        closed, met = timely.get(m, (0, 0))
        out.append(Row(f"{month.year}年{month.month}月", _figures(g, closed, met)))
    return out


def total(qs: QuerySet[Case]) -> Row:
    """The whole scope; its on-time share is :func:`kpi.on_time` itself."""
    figures = _figures(qs.aggregate(**_COUNTS), 0, 0)
    figures["on_time"] = kpi.on_time(award_clocks(qs)).rate
    return Row("合计", figures)


def workbook(year: int, sheets: dict[str, list[Row]]) -> bytes:
    """The tables as an Excel workbook: one sheet per grouping, the figures' Chinese names as headers."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        ws.append([f"{year}年劳动人事争议调解仲裁主要指标（{title}）"])
        ws["A1"].font = Font(bold=True)
        ws.append(["", *FIGURES.values()])
        for r in rows:
            ws.append([r.label, *[float(v) if isinstance(v, Decimal) else v for v in r.cells]])
        ws.column_dimensions["A"].width = 28
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
