"""Tables shown on the staff pages, and the same tables as Excel (staff exchange data in xlsx).

A page builds :class:`Table` objects; the template renders them and every one has an
"导出Excel" link (``?export=<name>``) that :func:`xlsx_response` answers with the same rows.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font


@dataclass(frozen=True)
class Link:
    """A cell that links to a page; Excel gets its text."""

    text: Any
    url: str

    def __str__(self) -> str:
        return str(self.text)


@dataclass
class Table:
    name: str
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    money: set[int] = field(default_factory=set)  # column indexes shown as yuan with 2 decimals


def _cell(value: Any) -> Any:
    if isinstance(value, Link):
        return _cell(value.text)
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, int | float | str | dt.date):
        return value
    return str(value)


def xlsx_bytes(table: Table) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = table.title[:31]
    ws.append(table.headers)
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in table.rows:
        ws.append([_cell(v) for v in row])
        for i in table.money:
            ws.cell(row=ws.max_row, column=i + 1).number_format = "#,##0.00"
    for i, h in enumerate(table.headers, 1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(10, len(h) * 2 + 2)
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(table: Table) -> HttpResponse:
    resp = HttpResponse(
        xlsx_bytes(table), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{table.title}-{dt.date.today():%Y%m%d}.xlsx"
    resp["Content-Disposition"] = f"attachment; filename=\"{table.name}.xlsx\"; filename*=UTF-8''{quote(name)}"
    return resp


def export_or_none(request, tables: list[Table]) -> HttpResponse | None:
    """The Excel file of the table named by ``?export=``, if asked for."""
    name = request.GET.get("export")
    for t in tables:
        if t.name == name:
            return xlsx_response(t)
    return None
