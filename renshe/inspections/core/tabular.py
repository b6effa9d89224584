"""Reading the catalogue's Excel (.xlsx) and CSV files and checking their rows (pure; no Django).

Rows are numbered as the file shows them (header = row 1). Each bad row is reported with
its column and reason; the good rows go on (the import is then idempotent by key).
The 统一社会信用代码 check digit follows GB 32100-2015 §4.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from renshe.rules.errors import RulesError

_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
MAX_ROWS = 200_000


def credit_code_ok(code: str) -> bool:
    """GB 32100-2015: 18 characters from the 31-character set, the last a weighted mod-31 check."""
    if len(code) != 18 or any(c not in _CODE_CHARS for c in code):
        return False
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(code[:17], _CODE_WEIGHTS, strict=True))
    return _CODE_CHARS[(31 - total % 31) % 31] == code[17]


def with_check_digit(first17: str) -> str:
    """The full code for 17 characters (used to make demo registers)."""
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(first17, _CODE_WEIGHTS, strict=True))
    return first17 + _CODE_CHARS[(31 - total % 31) % 31]


@dataclass
class Reject:
    row: int
    column: str
    reason: str


@dataclass
class Parsed:
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime | dt.date):
        return v.isoformat()[:10]
    return str(v).strip()


def read_table(name: str, content: bytes) -> list[dict[str, str]]:
    """The file's rows as {header: text}; .xlsx or .csv (UTF-8, with or without BOM, or GB18030)."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        import openpyxl

        try:
            wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several types for a file that is not a workbook
            raise RulesError.of("file", "文件不是有效的 Excel (.xlsx) 文件", f"not a valid .xlsx file: {exc}") from None
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [_cell(h) for h in next(rows, [])]
        table = [dict(zip(header, (_cell(v) for v in r), strict=False)) for r in rows]
    elif lower.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise RulesError.of("file", "CSV 文件编码无法识别（请用 UTF-8 或 GB18030）", "CSV is neither UTF-8 nor GB18030")
        table = [{k.strip(): (v or "").strip() for k, v in r.items() if k} for r in csv.DictReader(io.StringIO(text))]
    else:
        raise RulesError.of("file", "只支持 .xlsx 或 .csv 文件", "only .xlsx or .csv files")
    if len(table) > MAX_ROWS:
        raise RulesError.of("file", f"一次最多导入 {MAX_ROWS} 行", f"at most {MAX_ROWS} rows at a time")
    return [r for r in table if any(r.values())]


Check = Callable[[dict[str, str]], tuple[dict[str, Any], list[tuple[str, str]]]]


def parse(table: list[dict[str, str]], required: Iterable[str], check: Check, key: str, key_column: str) -> Parsed:
    """Check each row: missing required columns refuse the file; bad rows become rejects.

    ``key`` is the checked value's identifying field, ``key_column`` the file's column it comes from.
    """
    required = list(required)
    if table:
        missing = [c for c in required if c not in table[0]]
        if missing:
            raise RulesError.of("file", f"缺少列：{'、'.join(missing)}", f"missing columns: {', '.join(missing)}")
    out, seen = Parsed(), {}
    for n, raw in enumerate(table, start=2):
        problems = [(c, "必填") for c in required if not raw.get(c)]
        value, more = check(raw) if not problems else ({}, [])
        problems += more
        if not problems and value[key] in seen:
            problems.append((key_column, f"与第 {seen[value[key]]} 行重复"))
        if problems:
            out.rejects += [Reject(n, c, r) for c, r in problems]
            continue
        seen[value[key]] = n
        out.rows.append((n, value))
    return out


def yes(text: str) -> bool | None:
    t = text.strip().lower()
    if t in {"是", "y", "yes", "true", "1"}:
        return True
    if t in {"否", "", "n", "no", "false", "0"}:
        return False
    return None


def rejects_csv(rejects: list[Reject]) -> str:
    """The rejects report as CSV text (行号, 列, 原因), for download beside the page's table."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["行号", "列", "原因"])
    for r in rejects:
        w.writerow([r.row, r.column, r.reason])
    return buf.getvalue()
