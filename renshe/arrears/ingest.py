"""``renshe arrears ingest``: validate files and load them into the DuckDB store.

Each file (``<table>.csv``, ``<table>.xlsx`` or ``<table>.parquet``, optionally
``<table>.<part>.<ext>``) is read as text into a staging table, every row is checked
against :mod:`renshe.arrears.schema` in one SQL pass (type, required, allowed values, the
check digits of ID numbers and credit codes, references to rows already in the store, a
key repeated in the file), and the valid rows whose natural key is not yet in the store
are inserted. So:

* every bad row goes to the rejects report with its file, row (the line of the file,
  header = 1; the Excel row; the Parquet row counted from 1) and reason in Chinese and
  English, and no good row is lost;
* loading the same files again inserts nothing (idempotent by natural key);
* the whole load is one transaction: if it stops half-way, the store is as before.

Banks and the housing department push rows over the API (:func:`push`, ``POST
/api/v1/arrears/push/{table}``); pushed rows are staged like a file's and go through the
same checks and the same insert (:func:`_check_and_insert`), one transaction per push.
"""

from __future__ import annotations

import csv
import datetime as dt
import threading
import time
from pathlib import Path

import duckdb

from renshe.arrears.schema import BY_NAME, TABLES, Column, Table
from renshe.rules import ids
from renshe.rules.errors import RulesError

DEFAULT_STORE = Path("var/arrears.duckdb")
EXTS = (".csv", ".xlsx", ".parquet")

_STRUCTURAL = {
    "MISSING COLUMNS": ("列数不足", "too few columns"),
    "TOO MANY COLUMNS": ("列数过多", "too many columns"),
    "UNQUOTED VALUE": ("引号不成对", "unterminated quote"),
    "INVALID UNICODE": ("不是 UTF-8 编码", "not valid UTF-8"),
    "INVALID ENCODING": ("不是 UTF-8 编码", "not valid UTF-8"),
    "LINE SIZE OVER MAXIMUM": ("行过长", "line too long"),
}


def connect(store: Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the store with every table of the schema."""
    store.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(store))
    for t in TABLES:
        con.execute(t.ddl())
    return con


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _checks(c: Column) -> list[tuple[str, str, str]]:
    """(condition that makes the value bad, 中文, English) for one column; ``v`` is the trimmed text."""
    v = f"trim({c.name})"
    out = []
    if c.required:
        out.append((f"({v} IS NULL OR {v} = '')", "必填项缺失", "is missing"))
    present = f"{v} IS NOT NULL AND {v} <> ''"
    kind = {
        "int": (f"TRY_CAST({v} AS BIGINT) IS NULL", "应为整数", "not an integer"),
        "float": (f"coalesce(NOT isfinite(TRY_CAST({v} AS DOUBLE)), true)", "应为数字", "not a number"),
        "date": (f"TRY_CAST({v} AS DATE) IS NULL", "日期格式应为 YYYY-MM-DD", "not a date (YYYY-MM-DD)"),
        "bool": (f"lower({v}) NOT IN ('true', 'false', '1', '0', '是', '否')", "应为 true 或 false", "not true/false"),
        "month": (f"NOT regexp_full_match({v}, '[0-9]{{4}}-(0[1-9]|1[0-2])')", "月份格式应为 YYYY-MM",
                  "not a month (YYYY-MM)"),
    }.get(c.kind)
    if kind:
        out.append((f"({present} AND {kind[0]})", kind[1], kind[2]))
    if c.choices:
        allowed = ", ".join(_lit(x) for x in c.choices)
        out.append((f"({present} AND {v} NOT IN ({allowed}))", f"取值不在允许范围内（{'、'.join(c.choices)}）",
                    f"not one of {', '.join(c.choices)}"))
    if c.min is not None:
        out.append((f"({present} AND TRY_CAST({v} AS DOUBLE) < {c.min})", f"不得小于 {c.min:g}", f"below {c.min:g}"))
    if c.check == "id_number":
        s = " + ".join(f"TRY_CAST(substr({v}, {i + 1}, 1) AS INTEGER) * {w}" for i, w in enumerate(ids.ID_WEIGHTS))
        ok = f"regexp_full_match({v}, '[0-9]{{17}}[0-9Xx]') AND substr('{ids.ID_CHECK}', ({s}) % 11 + 1, 1) = upper(substr({v}, 18, 1))"
        out.append((f"({present} AND NOT coalesce({ok}, false))", "公民身份号码格式或校验码不正确（GB 11643）",
                    "ID number malformed or wrong check digit (GB 11643)"))
    if c.check == "credit_code":
        chars = ids.USCC_CHARS
        s = " + ".join(f"(strpos('{chars}', substr({v}, {i + 1}, 1)) - 1) * {w}" for i, w in enumerate(ids.USCC_WEIGHTS))
        ok = f"regexp_full_match({v}, '[{chars}]{{18}}') AND substr('{chars}', (31 - ({s}) % 31) % 31 + 1, 1) = substr({v}, 18, 1)"
        out.append((f"({present} AND NOT coalesce({ok}, false))", "统一社会信用代码格式或校验码不正确（GB 32100）",
                    "credit code malformed or wrong check character (GB 32100)"))
    if c.check == "region":
        out.append((f"({present} AND NOT regexp_full_match({v}, '35[0-9]{{4}}'))", "不是福建省区县代码",
                    "not a Fujian county code"))
    return out


def _typed(c: Column) -> str:
    v = f"NULLIF(trim({c.name}), '')"
    return {
        "int": f"TRY_CAST({v} AS BIGINT)",
        "float": f"TRY_CAST({v} AS DOUBLE)",
        "date": f"TRY_CAST({v} AS DATE)",
        "bool": f"lower({v}) IN ('true', '1', '是')",
    }.get(c.kind, v)


def _stage(con: duckdb.DuckDBPyConnection, path: Path, table: Table) -> None:
    """Read ``path`` as text into temp table ``_stg`` with its row number ``_line``;
    structural CSV errors go straight to ``_rejects``."""
    names = [c.name for c in table.columns]
    con.execute("DROP TABLE IF EXISTS _stg")
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
            header = next(csv.reader(f), [])
        _require(path, header, names)
        cols = "{" + ", ".join(f"{_lit(h)}: 'VARCHAR'" for h in header) + "}"
        con.execute("DROP TABLE IF EXISTS _re; DROP TABLE IF EXISTS _rs")
        con.execute(
            f"CREATE TEMP TABLE _raw AS SELECT *, row_number() OVER () AS _ord FROM read_csv(?, header=true, "
            f"auto_detect=false, columns={cols}, store_rejects=true, rejects_table='_re', rejects_scan='_rs')",
            [str(path)],
        )
        bad = con.execute("SELECT DISTINCT line, error_type FROM _re ORDER BY line").fetchall()
        for line, kind in bad:
            zh, en = _STRUCTURAL.get(str(kind), ("格式错误", str(kind).lower()))
            con.execute("INSERT INTO _rejects VALUES (?, ?, ?, ?)", [str(path), int(line), zh, en])
        # a good row's line: its ordinal + header + the structural rejects before it
        con.execute("CREATE TEMP TABLE _gap AS SELECT line - 1 - row_number() OVER (ORDER BY line) AS g, "
                    "row_number() OVER (ORDER BY line) AS n FROM (SELECT DISTINCT line FROM _re)")
        con.execute(
            f"CREATE TEMP TABLE _stg AS SELECT {', '.join(names)}, r._ord + 1 + coalesce(g.n, 0) AS _line "
            "FROM _raw r ASOF LEFT JOIN _gap g ON r._ord > g.g"
        )
        con.execute("DROP TABLE _raw; DROP TABLE _gap; DROP TABLE IF EXISTS _re; DROP TABLE IF EXISTS _rs")
    elif path.suffix == ".parquet":
        header = [r[0] for r in con.execute("SELECT name FROM parquet_schema(?) WHERE num_children IS NULL",
                                            [str(path)]).fetchall()]
        _require(path, header, names)
        con.execute(
            f"CREATE TEMP TABLE _stg AS SELECT {', '.join(f'CAST({n} AS VARCHAR) AS {n}' for n in names)}, "
            "file_row_number + 1 AS _line FROM read_parquet(?, file_row_number=true)",
            [str(path)],
        )
    else:
        _stage_excel(con, path, names)


def _as_text(x: object) -> str | None:
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


def _stage_excel(con: duckdb.DuckDBPyConnection, path: Path, names: list[str]) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = wb.worksheets[0].iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(rows, ())]
    _require(path, header, names)

    data = [[_as_text(v) for v in r[: len(header)]] + [None] * (len(header) - len(r)) for r in rows]
    wb.close()
    _stage_frame(con, header, data, names, first_line=2)


def _stage_frame(con: duckdb.DuckDBPyConnection, header: list[str], data: list[list[str | None]],
                 names: list[str], first_line: int) -> None:
    """Rows already read as text (Excel cells, pushed JSON values) into ``_stg``, numbered from ``first_line``."""
    import pandas as pd

    frame = pd.DataFrame(data, columns=header, dtype=object).astype("string")
    frame["_line"] = range(first_line, len(frame) + first_line)
    con.register("_frame", frame)
    con.execute(f"CREATE TEMP TABLE _stg AS SELECT {', '.join(names)}, _line FROM _frame")
    con.unregister("_frame")


def _require(path: Path, header: list[str], names: list[str]) -> None:
    missing = [n for n in names if n not in header]
    if missing:
        raise RulesError.of(
            str(path), f"文件缺少列：{'、'.join(missing)}", f"file lacks column(s): {', '.join(missing)}"
        )


def _load(con: duckdb.DuckDBPyConnection, path: Path, table: Table) -> tuple[int, int]:
    """Validate the staged rows of ``path``; insert the good new ones. Returns (inserted, skipped).
    A file without the table's columns is refused whole, reported against its header (row 1)."""
    try:
        _stage(con, path, table)
    except RulesError as exc:
        p = exc.problems[0]
        con.execute("INSERT INTO _rejects VALUES (?, 1, ?, ?)", [str(path), p.zh, p.en])
        return 0, 0
    return _check_and_insert(con, table, str(path), FILE_ROW)


#: how a duplicate-key reason names the first row: (中文, English) with ``{}`` for its number
FILE_ROW = ("本文件第 {} 行", "row {} of this file")
PUSH_ROW = ("本次推送序号 {} 的行", "index {} of this push")


def _check_and_insert(con: duckdb.DuckDBPyConnection, table: Table, source: str,
                      row_words: tuple[str, str]) -> tuple[int, int]:
    """Check every row of ``_stg`` (type, required, choices, check digits, references to rows in the
    store, a key repeated in the batch), send the bad ones to ``_rejects`` under ``source`` and insert
    the good ones whose natural key is not in the store yet. Returns (inserted, skipped as present).
    Files and pushed rows both come through here, so both are held to the same rules."""
    checks = [(cond, f"{c.name}：{zh}", f"{c.name}: {en}") for c in table.columns for cond, zh, en in _checks(c)]
    zh = "concat_ws('；', " + ", ".join(f"CASE WHEN {cond} THEN {_lit(z)} END" for cond, z, _ in checks) + ")"
    en = "concat_ws('; ', " + ", ".join(f"CASE WHEN {cond} THEN {_lit(e)} END" for cond, _, e in checks) + ")"
    typed = ", ".join(f"{_typed(c)} AS {c.name}" for c in table.columns)
    con.execute(f"CREATE TEMP TABLE _chk AS SELECT _line, {zh} AS zh, {en} AS en, {typed} FROM _stg")
    con.execute("DROP TABLE _stg")
    # references to rows that must already be in the store (loaded earlier in this transaction)
    for cols, target in table.refs:
        ref = BY_NAME[target]
        on = " AND ".join(f"r.{k} = c.{c}" for c, k in zip(cols, ref.key, strict=True))
        null = " OR ".join(f"c.{c} IS NULL" for c in cols)
        zh_msg, en_msg = f"{'、'.join(cols)}：引用的{ref.title}不存在", f"{', '.join(cols)}: no such {target} in the store"
        con.execute(
            f"UPDATE _chk c SET zh = {_lit(zh_msg)}, en = {_lit(en_msg)} "
            f"WHERE zh = '' AND NOT ({null}) AND NOT EXISTS (SELECT 1 FROM {target} r WHERE {on})"
        )
    key = ", ".join(table.key)
    zh_row, en_row = (_lit(w).replace("{}", "' || d.first || '") for w in row_words)
    con.execute(
        f"UPDATE _chk c SET zh = '键重复（与' || {zh_row} || '相同）', "
        f"en = 'duplicate key (same as ' || {en_row} || ')' FROM ("
        f"SELECT _line, min(_line) OVER (PARTITION BY {key}) AS first FROM _chk WHERE zh = '') d "
        "WHERE c._line = d._line AND d._line <> d.first"
    )
    con.execute("INSERT INTO _rejects SELECT ?, _line, zh, en FROM _chk WHERE zh <> ''", [source])
    valid = con.execute("SELECT count(*) FROM _chk WHERE zh = ''").fetchone()[0]
    match = " AND ".join(f"t.{k} = c.{k}" for k in table.key)
    names = ", ".join(c.name for c in table.columns)
    inserted = con.execute(
        f"INSERT INTO {table.name} ({names}) SELECT {names} FROM _chk c WHERE zh = '' "
        f"AND NOT EXISTS (SELECT 1 FROM {table.name} t WHERE {match})"
    ).fetchone()[0]
    con.execute("DROP TABLE _chk")
    return int(inserted), int(valid - inserted)


_REJECTS = "CREATE TEMP TABLE _rejects (file VARCHAR, row BIGINT, reason_zh VARCHAR, reason_en VARCHAR)"


def files_in(src: Path) -> list[tuple[Path, Table]]:
    """The loadable files under ``src`` in load order (referenced tables first)."""
    found = [p for p in sorted(src.iterdir()) if p.suffix in EXTS] if src.is_dir() else [src]
    order = {t.name: i for i, t in enumerate(TABLES)}
    out = [(p, BY_NAME[p.name.split(".")[0]]) for p in found if p.name.split(".")[0] in BY_NAME]
    return sorted(out, key=lambda x: (order[x[1].name], x[0].name))


def ingest(src: Path, store: Path = DEFAULT_STORE, rejects: Path | None = None) -> dict:
    """Load every file under ``src`` into ``store`` in one transaction; write the rejects report."""
    if not src.exists():
        raise RulesError.of("src", f"找不到 {src}", f"{src} does not exist")
    files = files_in(src)
    con = connect(store)
    started = time.perf_counter()
    loaded: dict[str, int] = {}
    skipped: dict[str, int] = {}
    con.execute(_REJECTS)
    con.execute("BEGIN TRANSACTION")
    try:
        for path, table in files:
            n_in, n_skip = _load(con, path, table)
            loaded[table.name] = loaded.get(table.name, 0) + n_in
            skipped[table.name] = skipped.get(table.name, 0) + n_skip
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        con.close()
        raise
    rejects = rejects or store.with_name(f"{store.stem}-rejects-{dt.datetime.now():%Y%m%d-%H%M%S}.csv")
    n_rej = con.execute("SELECT count(*) FROM _rejects").fetchone()[0]
    con.execute(f"COPY (SELECT * FROM _rejects ORDER BY file, row) TO {_lit(str(rejects))} (HEADER)")
    con.close()
    return {
        "store": str(store),
        "files": [str(p) for p, _ in files],
        "loaded": loaded,
        "skipped_existing": skipped,
        "rejected": int(n_rej),
        "rejects_report": str(rejects),
        "seconds": round(time.perf_counter() - started, 2),
        "rows_read": int(sum(loaded.values()) + sum(skipped.values()) + n_rej),
    }


def push(store: Path, table: Table, rows: list[dict] | None = None, csv_path: Path | None = None) -> dict:
    """Load rows pushed by a bank or the housing department into ``table``, in one transaction.

    ``rows`` are JSON objects keyed by column name (extra keys are ignored, as extra columns
    of a file are); ``csv_path`` is a CSV body with the table's header. Either way the rows
    are staged as text and checked exactly as a file's rows are. A row's ``index`` counts
    from 0: the position in ``rows``, or the data row of the CSV (line 2 is index 0).
    Rows whose natural key is already in the store are left as they are, so pushing the
    same rows again changes nothing. A CSV body without the table's columns raises
    :class:`RulesError` and loads nothing.
    """
    with _PUSH_LOCK:
        return _push(store, table, rows, csv_path)


#: one push at a time in a process: the check for keys already in the store and the insert
#: must not interleave, or two threads pushing the same rows would both insert them (another
#: process cannot interleave: DuckDB locks the file while a push has it open)
_PUSH_LOCK = threading.Lock()


def _push(store: Path, table: Table, rows: list[dict] | None, csv_path: Path | None) -> dict:
    names = [c.name for c in table.columns]
    con = connect(store)
    con.execute(_REJECTS)
    con.execute("BEGIN TRANSACTION")
    try:
        if csv_path is not None:
            _stage(con, csv_path, table)
            con.execute("UPDATE _stg SET _line = _line - 2")
            con.execute("UPDATE _rejects SET row = row - 2")
        else:
            _stage_frame(con, names, [[_as_text(r.get(n)) for n in names] for r in rows or []], names, first_line=0)
        inserted, skipped = _check_and_insert(con, table, "push", PUSH_ROW)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        con.close()
        raise
    rejects = [{"index": int(i), "reason_zh": zh, "reason_en": en} for i, zh, en in
               con.execute("SELECT row, reason_zh, reason_en FROM _rejects ORDER BY row").fetchall()]
    con.close()
    return {
        "table": table.name,
        "received": inserted + skipped + len(rejects),
        "accepted": inserted + skipped,
        "inserted": inserted,
        "unchanged": skipped,
        "rejected": len(rejects),
        "rejects": rejects,
    }
