"""Tables shown on staff pages, and the same tables as Excel (staff exchange data in xlsx); every
module's pages use them (moved here from arrears, issue 12), writing through renshe.documents.excel.

A page builds :class:`Table` objects; the template renders them and every one has an
"导出Excel" link (``?export=<name>``) that :func:`xlsx_response` answers with the same rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse

from renshe.documents.excel import table_bytes


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
    return value.text if isinstance(value, Link) else value


def xlsx_bytes(table: Table) -> bytes:
    """The table as .xlsx through the platform's one writer (renshe.documents.excel: pushed names
    never become formulas)."""
    return table_bytes(table.title, table.headers, ([_cell(v) for v in row] for row in table.rows),
                       money=table.money)


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
