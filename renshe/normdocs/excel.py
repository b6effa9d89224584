"""The register as an Excel workbook (staff exchange data in xlsx)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .models import NormativeDocument

COLUMNS = [
    ("文号", 22),
    ("文件名称", 60),
    ("起草处室", 16),
    ("状态", 12),
    ("公布日期", 12),
    ("施行日期", 12),
    ("有效期至", 12),
    ("剩余天数", 10),
    ("备案期限", 12),
    ("备案日期", 12),
    ("最近清理", 16),
    ("演示数据", 10),
]


def register_workbook(docs: Iterable[NormativeDocument], today: dt.date) -> bytes:
    """One row a document; dates as Excel dates; the header row frozen."""
    wb = Workbook()
    ws = wb.active
    ws.title = "规范性文件登记簿"
    ws.append([c for c, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for d in docs:
        filing = d.filings.order_by("-filed_on").first()
        cleanup = d.cleanups.order_by("-year", "-decided_on").first()
        ws.append(
            [
                d.number,
                d.title,
                d.drafting_division.name,
                d.get_status_display(),
                d.published_on,
                d.effective_from,
                d.valid_until,
                d.days_left(today),
                d.filing_deadline.due if d.filing_deadline else None,
                filing.filed_on if filing else None,
                f"{cleanup.year}年{cleanup.get_decision_display()}" if cleanup else "",
                "是" if d.demo else "",
            ]
        )
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
