"""Excel tables: the one writer every export uses (the normdocs register, arrears tables,
planner batch results), so that text from outside can never become a live formula.

Issue 13, item 7: a draft titled ``=HYPERLINK(…)`` became a live formula in the normdocs
export, and pushed names did the same in the arrears exports and batch results. As OWASP's
"CSV Injection" advises, a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is written with a leading apostrophe, so Excel, LibreOffice and WPS show it as
the text it is; numbers and dates are written as numbers and dates. The same applies to CSV
files meant to be opened in Excel (:func:`neutralise_frame`).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

#: What a spreadsheet may take as the start of a formula (OWASP, CSV Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value: Any) -> Any:
    """``value`` as a cell: text that could start a formula prefixed with an apostrophe."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None or isinstance(value, bool | int | float | dt.date):
        return value
    return safe(str(value))


def neutralise_frame(df: Any) -> Any:
    """A pandas DataFrame with every text cell passed through :func:`safe` (for to_excel/to_csv)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith("str"):
            out[col] = out[col].map(lambda v: safe(v) if isinstance(v, str) else v)
    out.columns = [safe(c) if isinstance(c, str) else c for c in out.columns]
    return out


def add_sheet(wb: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
              money: Iterable[int] = (), widths: Sequence[int] | None = None) -> None:
    """One sheet: a bold, frozen header row; dates as dates; ``money`` columns (0-based) as yuan."""
    ws = wb.create_sheet(title=safe(title)[:31].lstrip("'") or "Sheet")
    ws.append([safe(h) for h in headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    money = set(money)
    for row in rows:
        ws.append([safe(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif cell.column - 1 in money:
                cell.number_format = "#,##0.00"
    for i, h in enumerate(headers, 1):
        width = widths[i - 1] if widths else max(10, len(str(h)) * 2 + 2)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def table_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], **kw: Any) -> bytes:
    """A workbook of one table (see :func:`add_sheet`) as .xlsx bytes."""
    wb = Workbook()
    wb.remove(wb.active)
    add_sheet(wb, title, headers, rows, **kw)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def unpacked_size(file: Any) -> int | None:
    """What a zip-based file (.xlsx, .docx) unpacks to, in bytes, read from its directory without
    unpacking anything; None if it is not a zip. Check it before any reader opens the file: a
    265 KB workbook unpacked to 104 MB took a worker to 1.4 GB (issue 13, item 6)."""
    try:
        with zipfile.ZipFile(file) as zf:
            return sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
