"""Reading files and pushed rows into a staging table ``_stg`` (every value as text, with its row).

Each reader refuses a file it cannot read — empty, truncated, a repeated column name, too
many rows, an Excel file that unpacks to more than the cap — with a :class:`RulesError` in
both languages, which the loader reports against the file's header row; no traceback, and
the other files still load (《保障农民工工资支付条例》第十五条: the ledger the department keeps
must be complete, so nothing is dropped without a word).

Limits (settings): ``RENSHE_ARREARS_MAX_ROWS_PER_FILE`` (default 50,000,000 for CSV and
Parquet), ``RENSHE_ARREARS_XLSX_MAX_ROWS`` (1,048,576, Excel's own limit) and
``RENSHE_ARREARS_XLSX_MAX_UNPACKED`` (200 MB of XML). Excel is streamed (openpyxl read-only,
in chunks of 20,000 rows through Arrow), so a file's memory does not grow with its rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import zipfile
from pathlib import Path

import duckdb
import pyarrow as pa

from renshe.arrears.core.schema import TABLES, Table
from renshe.rules.errors import RulesError

EXTS = (".csv", ".xlsx", ".parquet")
CHUNK = 20_000

_STRUCTURAL = {
    "MISSING COLUMNS": ("列数不足", "too few columns"),
    "TOO MANY COLUMNS": ("列数过多", "too many columns"),
    "UNQUOTED VALUE": ("引号不成对", "unterminated quote"),
    "INVALID UNICODE": ("不是 UTF-8 编码", "not valid UTF-8"),
    "INVALID ENCODING": ("不是 UTF-8 编码", "not valid UTF-8"),
    "LINE SIZE OVER MAXIMUM": ("行过长", "line too long"),
}
UNREADABLE = ("文件无法读取（已损坏、被截断或格式不符）", "unreadable file (damaged, truncated or not of its type)")


def max_rows() -> int:
    return int(os.environ.get("RENSHE_ARREARS_MAX_ROWS_PER_FILE") or 50_000_000)


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def table_of(path: Path) -> Table | None:
    """The table a file is for, by its normalised name: ``Account_txn.CSV``, ``account_txn.2026.csv``
    and ``account_txn_2026.csv`` are all ``account_txn`` (the longest table name the lower-cased
    name starts with, followed by the end, ``.``, ``_`` or ``-``)."""
    stem = path.name.lower().rsplit(".", 1)[0]
    best = None
    for t in TABLES:
        if stem == t.name or re.match(re.escape(t.name) + r"[._\-]", stem):
            best = t if best is None or len(t.name) > len(best.name) else best
    return best


def files_in(src: Path) -> tuple[list[tuple[Path, Table]], list[dict]]:
    """(loadable files in load order — referenced tables first, unrecognised files with the reason)."""
    found = sorted(p for p in src.iterdir() if p.is_file() and not p.name.startswith(".")) if src.is_dir() else [src]
    order = {t.name: i for i, t in enumerate(TABLES)}
    out, ignored = [], []
    for p in found:
        table = table_of(p)
        if p.suffix.lower() not in EXTS:
            ignored.append({"file": str(p), "reason_zh": f"不支持的文件类型（只接受 {'、'.join(EXTS)}）",
                            "reason_en": f"unsupported file type (only {', '.join(EXTS)})"})
        elif table is None:
            ignored.append({"file": str(p), "reason_zh": "文件名不对应任何数据表（应以表名开头，如 attendance.csv）",
                            "reason_en": "file name names no table (it must start with one, e.g. attendance.csv)"})
        else:
            out.append((p, table))
    return sorted(out, key=lambda x: (order[x[1].name], x[0].name)), ignored


def require(where: str, header: list[str], names: list[str]) -> None:
    """The header has every column of the table, and no name twice."""
    if not any(h for h in header):
        raise RulesError.of(where, "文件为空或没有表头", "empty file or no header")
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        raise RulesError.of(where, f"列名重复：{'、'.join(twice)}", f"duplicated column(s): {', '.join(twice)}")
    missing = [n for n in names if n not in header]
    if missing:
        raise RulesError.of(where, f"文件缺少列：{'、'.join(missing)}", f"file lacks column(s): {', '.join(missing)}")


def _too_many(where: str, limit: int) -> RulesError:
    return RulesError.of(where, f"行数超过上限 {limit}，请分批提供", f"more than {limit} rows; split the file")


def stage(con: duckdb.DuckDBPyConnection, path: Path, table: Table, where: str | None = None) -> None:
    """Read ``path`` as text into temp table ``_stg`` (columns of ``table`` and ``_line``, the row
    the file shows: header = 1); structural CSV errors go straight to ``_rejects``."""
    where = where or str(path)
    con.execute("DROP TABLE IF EXISTS _stg")
    if path.stat().st_size == 0:
        raise RulesError.of(where, "文件为空", "empty file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            _stage_csv(con, path, table, where)
        elif suffix == ".parquet":
            _stage_parquet(con, path, table, where)
        else:
            _stage_excel(con, path, table, where)
    except (duckdb.Error, zipfile.BadZipFile, OSError, KeyError, EOFError, ValueError) as exc:
        if isinstance(exc, RulesError):
            raise
        raise RulesError.of(where, *UNREADABLE) from exc


def _csv_newline(path: Path) -> str | None:
    """``\\r`` when the file ends its lines with CR alone (old Mac/Excel exports), else None (auto)."""
    with path.open("rb") as f:
        head = f.read(1 << 16)
    return "\\r" if b"\r" in head and b"\n" not in head else None


def _stage_csv(con, path: Path, table: Table, where: str) -> None:
    names = [c.name for c in table.columns]
    newline = _csv_newline(path)
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
        header = next(csv.reader(f), [])
    require(where, [h.strip() for h in header], names)
    cols = "{" + ", ".join(f"{_lit(h)}: 'VARCHAR'" for h in header) + "}"
    nl = f", new_line={_lit(newline)}" if newline else ""
    con.execute("DROP TABLE IF EXISTS _re; DROP TABLE IF EXISTS _rs")
    con.execute(
        f"CREATE TEMP TABLE _raw AS SELECT *, row_number() OVER () AS _ord FROM read_csv(?, header=true, "
        f"auto_detect=false, columns={cols}, store_rejects=true, rejects_table='_re', rejects_scan='_rs'{nl})",
        [str(path)],
    )
    n = con.execute("SELECT count(*) FROM _raw").fetchone()[0] + con.execute("SELECT count(*) FROM _re").fetchone()[0]
    if n > max_rows():
        raise _too_many(where, max_rows())
    bad = con.execute("SELECT DISTINCT line, error_type FROM _re ORDER BY line").fetchall()
    for line, kind in bad:
        zh, en = _STRUCTURAL.get(str(kind), ("格式错误", str(kind).lower()))
        con.execute("INSERT INTO _rejects VALUES (?, ?, ?, ?)", [where, int(line), zh, en])
    # a good row's line: its ordinal + header + the structural rejects before it
    con.execute("CREATE TEMP TABLE _gap AS SELECT line - 1 - row_number() OVER (ORDER BY line) AS g, "
                "row_number() OVER (ORDER BY line) AS n FROM (SELECT DISTINCT line FROM _re)")
    quoted = ", ".join(f'"{h}" AS {h.strip()}' for h in header if h.strip() in names)
    con.execute(f"CREATE TEMP TABLE _stg AS SELECT {quoted}, r._ord + 1 + coalesce(g.n, 0) AS _line "
                "FROM _raw r ASOF LEFT JOIN _gap g ON r._ord > g.g")
    con.execute("DROP TABLE _raw; DROP TABLE _gap; DROP TABLE IF EXISTS _re; DROP TABLE IF EXISTS _rs")


def _stage_parquet(con, path: Path, table: Table, where: str) -> None:
    names = [c.name for c in table.columns]
    header = [r[0] for r in con.execute("SELECT name FROM parquet_schema(?) WHERE num_children IS NULL",
                                        [str(path)]).fetchall()]
    require(where, header, names)
    n = con.execute("SELECT sum(num_rows) FROM parquet_file_metadata(?)", [str(path)]).fetchone()[0] or 0
    if n > max_rows():
        raise _too_many(where, max_rows())
    # typed columns need no text round trip: the checks accept the engine's own text of a value
    con.execute(
        f"CREATE TEMP TABLE _stg AS SELECT {', '.join(f'CAST({n} AS VARCHAR) AS {n}' for n in names)}, "
        "file_row_number + 1 AS _line FROM read_parquet(?, file_row_number=true)",
        [str(path)],
    )


def as_text(x: object) -> str | None:
    """A cell or JSON value as the text the checks read (dates ISO, 3.0 as 3, booleans true/false)."""
    if x is None:
        return None
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, dt.datetime):
        return x.date().isoformat() if x.time() == dt.time() else x.isoformat()
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _unpacked_limit() -> int:
    return int(os.environ.get("RENSHE_ARREARS_XLSX_MAX_UNPACKED") or 200_000_000)


def _stage_excel(con, path: Path, table: Table, where: str) -> None:
    import openpyxl

    with zipfile.ZipFile(path) as z:  # a zip bomb is refused before anything is unpacked
        unpacked = sum(i.file_size for i in z.infolist())
    if unpacked > _unpacked_limit():
        raise RulesError.of(where, f"Excel 文件解压后超过 {_unpacked_limit()} 字节，请分批提供",
                            f"Excel file unpacks to more than {_unpacked_limit()} bytes; split it")
    limit = int(os.environ.get("RENSHE_ARREARS_XLSX_MAX_ROWS") or 1_048_576)
    names = [c.name for c in table.columns]
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(rows, ())]
        require(where, header, names)
        idx = [header.index(n) for n in names]
        width = max(idx) + 1
        con.execute(f"CREATE TEMP TABLE _stg ({', '.join(f'{n} VARCHAR' for n in names)}, _line BIGINT)")
        chunk: list[list[str | None]] = []
        line = 1
        for r in wb.worksheets[0].iter_rows(min_row=2, max_col=width, values_only=True):
            line += 1
            if line - 1 > limit:
                raise _too_many(where, limit)
            chunk.append([as_text(r[i]) if i < len(r) else None for i in idx] + [line])
            if len(chunk) >= CHUNK:
                _append(con, names, chunk)
                chunk = []
        _append(con, names, chunk)
    finally:
        wb.close()


def _append(con, names: list[str], chunk: list[list]) -> None:
    if not chunk:
        return
    cols = list(zip(*chunk, strict=True))
    arrow = pa.table({**{n: pa.array(cols[i], pa.string()) for i, n in enumerate(names)},
                      "_line": pa.array(cols[-1], pa.int64())})
    con.register("_chunk", arrow)
    con.execute("INSERT INTO _stg SELECT * FROM _chunk")
    con.unregister("_chunk")


def stage_rows(con: duckdb.DuckDBPyConnection, table: Table, rows: list[dict], first_line: int = 0) -> None:
    """Pushed JSON rows into ``_stg``, numbered from ``first_line`` (their index)."""
    names = [c.name for c in table.columns]
    con.execute("DROP TABLE IF EXISTS _stg")
    con.execute(f"CREATE TEMP TABLE _stg ({', '.join(f'{n} VARCHAR' for n in names)}, _line BIGINT)")
    for lo in range(0, len(rows), CHUNK):
        _append(con, names, [[as_text(r.get(n)) for n in names] + [first_line + lo + i]
                             for i, r in enumerate(rows[lo:lo + CHUNK])])
