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


def _cells(
    qs: QuerySet[Case], clocks: QuerySet[TrackedDeadline] | None = None
) -> tuple[dict[tuple[int, Any], dict[str, Any]], dict[tuple[int, Any], tuple[int, int]]]:
    """Two grouped queries, by (committee, month of receipt): the case figures, and the award
    clocks closed and met — :func:`kpi.on_time`'s definition (closed on or before the due date,
    which counts pauses and the extension), grouped; ``tests/disputes/test_measures.py`` holds
    every committee's share and the total to ``kpi.on_time`` itself. ``clocks`` is the award
    clocks of ``qs`` (default :func:`award_clocks`); a migration passes its own historical models'."""
    cases_ = {
        (g.pop("organisation"), g.pop("m")): g
        for g in qs.annotate(m=TruncMonth("received_on")).values("organisation", "m").annotate(**_COUNTS).order_by()
    }
    timely = {
        (r["dispute_case__organisation"], r["m"]): (r["closed"], r["met"])
        for r in (award_clocks(qs) if clocks is None else clocks).filter(is_open=False, closed_on__isnull=False)
        .annotate(m=TruncMonth("dispute_case__received_on")).values("dispute_case__organisation", "m")
        .annotate(closed=Count("id"), met=Count("id", filter=Q(closed_on__lte=F("due")))).order_by()
    }
    return cases_, timely


def _roll(cells: dict, timely: dict, key) -> dict[Any, tuple[dict[str, Any], list[int]]]:
    out: dict[Any, tuple[dict[str, Any], list[int]]] = {}
    for cell, g in cells.items():
        acc = out.setdefault(key(cell), ({k: 0 for k in _ADDITIVE}, [0, 0]))
        for k in _ADDITIVE:
            acc[0][k] += g[k] or 0
        closed, met = timely.get(cell, (0, 0))
        acc[1][0] += closed
        acc[1][1] += met
    return out


@dataclass(frozen=True)
class Tables:
    committees: list[Row]
    cities: list[Row]
    months: list[Row]
    total: Row


def tables(qs: QuerySet[Case]) -> Tables:
    """Every table of the dashboard from the two grouped queries over the cases and their clocks
    (the direct path: the benchmark's baseline and the rollup's recount)."""
    return _tables(*_cells(qs))


def tables_from_rollup(user_orgs: QuerySet[Organisation], year: int) -> Tables:
    """Every table of the dashboard from :class:`rollup.MeasureCell` (one row per committee and
    month, kept current with the cases): the same figures as :func:`tables` over :func:`cases`."""
    from .rollup import MeasureCell

    cells, timely = {}, {}
    for c in MeasureCell.objects.filter(organisation__in=user_orgs, month__year=year):
        cells[(c.organisation_id, c.month)] = c.figures()
        timely[(c.organisation_id, c.month)] = (c.clocks_closed, c.clocks_met)
    return _tables(cells, timely)


def _tables(cells: dict, timely: dict) -> Tables:
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in={c[0] for c in cells}).select_related("parent")}

    def city(pk: int) -> Organisation:
        o = orgs[pk]
        return o if o.kind == Organisation.Kind.CITY or o.parent is None else o.parent

    def rows(rolled: dict, label) -> list[Row]:
        return [Row(label(k), _figures(g, c, m)) for k, (g, (c, m)) in rolled.items()]

    committees = rows(dict(sorted(_roll(cells, timely, lambda c: c[0]).items(), key=lambda kv: orgs[kv[0]].code)),
                      lambda pk: orgs[pk].name)
    cities = rows(_roll(cells, timely, lambda c: city(c[0]).name), lambda name: name)
    months = rows(dict(sorted(_roll(cells, timely, lambda c: _month(c[1])).items())),
                  lambda m: f"{m.year}年{m.month}月")
    (g, (c, m)), = _roll(cells, timely, lambda c: "all").values() or [({k: 0 for k in _ADDITIVE}, [0, 0])]
    return Tables(committees, cities, months, Row("合计", _figures(g, c, m)))


def _month(m: Any) -> dt.date:
    return m if isinstance(m, dt.date) and not isinstance(m, dt.datetime) else dt.date.fromisoformat(str(m)[:10])


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
