"""The register as an Excel workbook (staff exchange data in xlsx)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from renshe.documents.excel import table_bytes

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
    """One row a document; dates as Excel dates; the header row frozen (renshe.documents.excel:
    a title from outside never becomes a formula)."""
    rows = []
    for d in docs:
        filing = d.filings.order_by("-filed_on").first()
        cleanup = d.cleanups.order_by("-year", "-decided_on").first()
        rows.append([
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
        ])
    return table_bytes("规范性文件登记簿", [c for c, _ in COLUMNS], rows, widths=[w for _, w in COLUMNS])
