"""``renshe arrears ingest``, and the queue's load of pushed rows: validate, then append to the store.

Each file (``<table>.csv``, ``.xlsx`` or ``.parquet``, any case, optionally
``<table>.<part>.<ext>`` or ``<table>_<part>.<ext>``; see :func:`staging.table_of`) is read
as text, every row checked in one SQL pass (:mod:`.checks`, references against the store
plus the rows of this load), and the valid rows are appended to the Parquet store
(:mod:`.lake`) as new files of their month, made visible by one commit at the end. So:

* every bad row goes to the rejects report with its file, row (the line of the file, header =
  1; the Excel row; the Parquet row counted from 1) and reason in Chinese and English; a file
  that cannot be read at all, or whose name names no table, is reported too, never skipped;
* loading the same files again appends nothing (idempotent by natural key);
* a row whose key is in the store with other values is a **correction**: appended with its
  commit version, read in place of the older row, counted in ``corrected`` (the old row stays
  as the record of what was first reported); to correct a row, send it again with the right
  values;
* the whole load is one commit: if it stops half-way, readers never see its rows;
* one writer: a second load waits for the first (``RENSHE_ARREARS_WRITER_WAIT`` seconds), then
  is refused with a bilingual error (exit 2).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from renshe.arrears.core import checks, lake, staging
from renshe.arrears.core.schema import Table
from renshe.rules.errors import RulesError

DEFAULT_STORE = lake.DEFAULT
_REJECTS = "CREATE TEMP TABLE _rejects (file VARCHAR, row BIGINT, reason_zh VARCHAR, reason_en VARCHAR)"


def memory_limit() -> str:
    """DuckDB's memory cap for loads and runs (``RENSHE_ARREARS_DUCKDB_MEMORY``, default 6GB)."""
    return os.environ.get("RENSHE_ARREARS_DUCKDB_MEMORY") or "6GB"


def work_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that spills to a temporary folder; the store is read through views."""
    con = duckdb.connect(config={"memory_limit": memory_limit(),
                                 "temp_directory": tempfile.gettempdir() + "/renshe-duckdb-spill"})
    con.execute("SET preserve_insertion_order = false")
    return con


def _relation(w: lake.Writer, table: Table, months: set[int] | None) -> str:
    """The current rows of ``table`` (committed and pending), only ``months`` if given."""
    uris = w.base.uris(table.name, months) + w.pending().get(table.name, [])
    src = "read_parquet([" + ", ".join(checks._lit(u) for u in uris) + "], union_by_name = true)" if uris else ""
    return "(" + w.base.view_sql(table, uris, src) + ")"


def write_checked(con: duckdb.DuckDBPyConnection, w: lake.Writer, table: Table, source: str) -> dict[str, int]:
    """Append the good rows of ``_chk`` that are new or corrected; send the bad ones to ``_rejects``."""
    con.execute("INSERT INTO _rejects SELECT ?, _line, zh, en FROM _chk WHERE zh <> ''", [source])
    names = [c.name for c in table.columns]
    cols = ", ".join(names)
    month = lake.MONTH_OF.get(table.name)
    months = None
    if month and any(k in month for k in table.key):  # the key fixes the partition: read only those months
        months = {r[0] for r in con.execute(f"SELECT DISTINCT {month} FROM _chk WHERE zh = ''").fetchall()}
    match = " AND ".join(f"t.{k} = c.{k}" for k in table.key)
    same = " AND ".join(f"t.{n} IS NOT DISTINCT FROM c.{n}" for n in names)
    con.execute(
        f"CREATE TEMP TABLE _good AS SELECT c.{', c.'.join(names)}, "
        f"CASE WHEN t.{table.key[0]} IS NULL THEN 'new' WHEN {same} THEN 'same' ELSE 'changed' END AS _state "
        f"FROM _chk c LEFT JOIN {_relation(w, table, months)} t ON {match} WHERE c.zh = ''"
    )
    counts = dict(con.execute("SELECT _state, count(*) FROM _good GROUP BY ALL").fetchall())
    con.execute("DROP TABLE _chk")
    out = {"inserted": int(counts.get("new", 0)), "unchanged": int(counts.get("same", 0)),
           "corrected": int(counts.get("changed", 0))}
    if out["inserted"] + out["corrected"]:
        _append(con, w, table, cols, month)
        if out["corrected"]:
            w.corrected.add(table.name)
            w.touches_all |= month is None
        if table.name in lake.WIDENS_FROM:
            first = con.execute(f"SELECT min({lake.WIDENS_FROM[table.name]}) FROM _good WHERE _state <> 'same'").fetchone()[0]
            w.touched.add(int(first))
    con.execute("DROP TABLE _good")
    return out


def _append(con, w: lake.Writer, table: Table, cols: str, month: str | None, in_key_order: bool = False) -> None:
    """Write the new and corrected rows as one file per month, sorted by the key (rows that
    come ``in_key_order`` are written as they come)."""
    order = "" if in_key_order else " ORDER BY " + ", ".join(table.key)
    rows = f"SELECT {cols}, CAST({w.version} AS BIGINT) AS _v FROM _good WHERE _state <> 'same'"
    if month is None:
        rel, target = w.new_file(table.name, None)
        n = con.execute(f"COPY ({rows}{order}) TO {checks._lit(target)} (FORMAT parquet, COMPRESSION zstd)"
                        ).fetchone()[0]
        w.add(table.name, rel, n, None)
        return
    tmp = Path(tempfile.mkdtemp(prefix="renshe-lake-"))
    order = order.replace(" ORDER BY ", " ORDER BY ym, ")
    try:
        con.execute(f"COPY ({rows.replace(' FROM _good', f', {month} AS ym FROM _good')}{order}) TO "
                    f"{checks._lit(str(tmp))} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (ym), "
                    "FILENAME_PATTERN 'part_{i}')")
        for part in sorted(tmp.glob("ym=*/*.parquet")):
            ym = int(part.parent.name[3:])
            n = con.execute("SELECT sum(num_rows) FROM parquet_file_metadata(?)", [str(part)]).fetchone()[0]
            rel, target = w.new_file(table.name, ym)
            if w.lake.remote:
                import pyarrow.fs as pafs

                pafs.copy_files(str(part), w.lake._path(rel), destination_filesystem=w.lake.fs)
            else:
                shutil.move(part, target)
            w.add(table.name, rel, int(n), ym)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def append_rows(con, w: lake.Writer, table: Table, select: str, in_key_order: bool = False) -> None:
    """Append the rows of ``select`` (the table's columns) unchecked: for data already checked
    elsewhere, such as a test's hand-built store or the bench's generated province. Rows that
    come ``in_key_order`` (a generator's) stream to their months' files as they are read: no
    copy, no sort, so hundreds of millions of rows need no more memory than a few. (Each of
    DuckDB's write threads keeps the order it reads, so a file is a few sorted runs, not one.)"""
    cols = ", ".join(c.name for c in table.columns)
    if not in_key_order:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _good AS SELECT *, 'new' AS _state FROM ({select})")
        _append(con, w, table, cols, lake.MONTH_OF.get(table.name))
        con.execute("DROP TABLE _good")
        return
    con.execute(f"CREATE OR REPLACE TEMP VIEW _good AS SELECT *, 'new' AS _state FROM ({select})")
    con.execute("SET preserve_insertion_order = true")
    try:
        _append(con, w, table, cols, lake.MONTH_OF.get(table.name), in_key_order=True)
    finally:
        con.execute("SET preserve_insertion_order = false")
        con.execute("DROP VIEW _good")


def load_file(con, w: lake.Writer, path: Path, table: Table, where: str | None = None,
              row_words: tuple[str, str] = checks.FILE_ROW) -> dict[str, int]:
    """Stage, check and append one file; a file that cannot be read is one reject on its header row."""
    where = where or str(path)
    try:
        staging.stage(con, path, table, where)
    except RulesError as exc:
        p = exc.problems[0]
        con.execute("INSERT INTO _rejects VALUES (?, 1, ?, ?)", [where, p.zh, p.en])
        return {"inserted": 0, "unchanged": 0, "corrected": 0}
    w.base.attach_duckdb(con, pending=w.pending())
    checks.build(con, table, row_words, refs=True)
    return write_checked(con, w, table, where)


def _rejects_path(store: lake.Lake) -> Path:
    stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    base = Path(store.root) if not store.remote else Path(os.environ.get("RENSHE_VAR", "var")) / "arrears-lake"
    return base.with_name(f"{base.name}-rejects-{stamp}.csv")


def ingest(src: Path, store: Path | str = DEFAULT_STORE, rejects: Path | None = None,
           wait: float | None = None) -> dict:
    """Load every file under ``src`` into ``store`` as one commit; write the rejects report."""
    if not src.exists():
        raise RulesError.of("src", f"找不到 {src}", f"{src} does not exist")
    files, ignored = staging.files_in(src)
    if not files:
        raise RulesError.of("src", f"{src} 中没有可入库的文件（文件名须以表名开头，扩展名为 .csv、.xlsx 或 .parquet）",
                            f"no loadable file in {src} (names must start with a table name; .csv, .xlsx or .parquet)")
    the_lake = lake.Lake(store)
    started = time.perf_counter()
    totals: dict[str, dict[str, int]] = {}
    con = work_connection()
    try:
        con.execute(_REJECTS)
        for f in ignored:
            con.execute("INSERT INTO _rejects VALUES (?, 0, ?, ?)", [f["file"], f["reason_zh"], f["reason_en"]])
        with the_lake.writer(f"ingest {src}", wait) as w:
            for path, table in files:
                got = load_file(con, w, path, table)
                t = totals.setdefault(table.name, {"inserted": 0, "unchanged": 0, "corrected": 0})
                for k, v in got.items():
                    t[k] += v
            version = w.commit()
        rejects = rejects or _rejects_path(the_lake)
        rejects.parent.mkdir(parents=True, exist_ok=True)
        n_rej = con.execute("SELECT count(*) FROM _rejects WHERE row > 0").fetchone()[0]
        con.execute(f"COPY (SELECT * FROM _rejects ORDER BY file, row) TO {checks._lit(str(rejects))} (HEADER)")
    finally:
        con.close()
    loaded = {k: v["inserted"] for k, v in totals.items()}
    return {
        "store": the_lake.root, "version": version,
        "files": [str(p) for p, _ in files],
        "ignored_files": ignored,
        "loaded": loaded,
        "skipped_existing": {k: v["unchanged"] for k, v in totals.items()},
        "corrected": {k: v["corrected"] for k, v in totals.items()},
        "rejected": int(n_rej),
        "rejects_report": str(rejects),
        "seconds": round(time.perf_counter() - started, 2),
        "rows_read": int(sum(sum(v.values()) for v in totals.values()) + n_rej),
    }
