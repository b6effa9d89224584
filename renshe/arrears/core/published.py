"""Results of runs, published where pages and the API read them without touching the writer.

A run writes its warnings (with the project's, contractor's and county's names), its
indicator values and the state a later month-incremental run continues from into a folder
of its own, ``<store>/_published/runs/<run_id>/``, never written again; then it points
``_published/CURRENT.json`` at its record (written under a temporary name and renamed, one
PUT on object storage). A reader reads the pointer, then immutable files: it never waits
for an ingest or a run, and never sees half a run. The alert workflow (``dispatch_latest``)
and the rating page read the same published run.

A month-incremental run (:mod:`.incremental`) writes only the months it recomputed: its
record's ``parts`` list, for each range of months ``[from, to)`` (``None``: open), the run
whose folder holds them — the earlier runs' months before its start, then its own. Readers
take the union (:func:`sources`, :func:`relation`), so a new month never rewrites the year.
A record without ``parts`` is one whole run. The per-worker days of a month (``state_att``,
the largest state) are one file per month, ``state_att/ym=<YYYYMM>.parquet``; the record's
``att_state`` names, for each month, the run whose folder holds its file, so a run writes only
the months whose attendance it read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid

import duckdb
import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from renshe.arrears.core import lake as lake_mod
from renshe.arrears.core.indicators import LEVELS

#: the published tables whose month is the text ``YYYY-MM`` (the others have ``ym``, YYYYMM)
BY_MONTH_TEXT = frozenset({"warnings", "values"})
#: columns a reader takes from the current run rather than from the part's own run
RUN_COLUMNS = ("run_id", "as_of", "engine")


def _write_bytes(lk: lake_mod.Lake, rel: str, body: bytes) -> None:
    local = lk.local_path(rel)
    if local is not None:
        local.parent.mkdir(parents=True, exist_ok=True)
        tmp = local.with_name(f".{local.name}.{uuid.uuid4().hex[:6]}")
        tmp.write_bytes(body)
        os.replace(tmp, local)
    else:
        with lk.fs.open_output_stream(lk._path(rel)) as out:
            out.write(body)


def publish(lk: lake_mod.Lake, run: dict, frames: dict[str, pd.DataFrame | pa.Table]) -> None:
    """Write the run's files, then make it the current run (atomically)."""
    base = f"_published/runs/{run['run_id']}"
    for name, frame_ in frames.items():
        table = frame_ if isinstance(frame_, pa.Table) else pa.Table.from_pandas(frame_, preserve_index=False)
        local = lk.local_path(f"{base}/{name}.parquet")
        if local is not None:
            local.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, str(local), compression="zstd")
        else:
            pq.write_table(table, lk._path(f"{base}/{name}.parquet"), filesystem=lk.fs, compression="zstd")
    body = json.dumps(run, ensure_ascii=False).encode("utf-8")
    _write_bytes(lk, f"{base}/run.json", body)
    _write_bytes(lk, "_published/CURRENT.json", body)


def current(lk: lake_mod.Lake) -> dict | None:
    """The current run's record (run_id, as_of, engine, lake_version, …), or None before the first run."""
    try:
        with lk.fs.open_input_stream(lk._path("_published/CURRENT.json")) as f:
            return json.loads(f.read().decode("utf-8"))
    except (FileNotFoundError, OSError):
        return None


def parts(run: dict) -> list[dict]:
    """The run's parts: ``{"run_id", "from", "to"}``, months ``[from, to)`` as YYYYMM or None."""
    return run.get("parts") or [{"run_id": run["run_id"], "from": None, "to": None}]


def sources(lk: lake_mod.Lake, run: dict, name: str) -> list[tuple[str, str]]:
    """(file URI, SQL condition on its month) of each part of the run's table ``name``."""
    col = "month" if name in BY_MONTH_TEXT else "ym"

    def lit(ym: int) -> str:
        return f"'{ym // 100:04d}-{ym % 100:02d}'" if col == "month" else str(ym)

    out = []
    for p in parts(run):
        cond = [f"{col} >= {lit(p['from'])}"] if p["from"] else []
        cond += [f"{col} < {lit(p['to'])}"] if p["to"] else []
        out.append((lk.uri(f"_published/runs/{p['run_id']}/{name}.parquet"), " AND ".join(cond) or "true"))
    return out


def att_uri(lk: lake_mod.Lake, run_id: str, ym: int) -> str:
    """The file of one month's per-worker days (``state_att``) that run ``run_id`` published."""
    return lk.uri(f"_published/runs/{run_id}/state_att/ym={ym}.parquet")


def relation(lk: lake_mod.Lake, run: dict, name: str) -> str:
    """A DuckDB relation (parenthesised SELECT) of the run's table ``name``: the union of its parts,
    with the run's own id, as-of date and engine on every row that has them."""
    cols = [c for c in RUN_COLUMNS if name == "warnings"]
    replace = f" REPLACE ({', '.join(f'{lake_mod._lit(str(run[c]))} AS {c}' for c in cols)})" if cols else ""
    return "(" + " UNION ALL BY NAME ".join(f"SELECT *{replace} FROM read_parquet({lake_mod._lit(u)}) WHERE {w}"
                                            for u, w in sources(lk, run, name)) + ")"


def _connect(lk: lake_mod.Lake) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    lk.connect_duckdb(con)
    return con


def query(lk: lake_mod.Lake, run: dict, name: str, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of ``sql`` over the run's table ``name`` (written ``{t}`` in the SQL)."""
    con = _connect(lk)
    try:
        return con.execute(sql.replace("{t}", relation(lk, run, name)), params or []).fetchall()
    finally:
        con.close()


def frame(lk: lake_mod.Lake, run: dict, name: str) -> pd.DataFrame:
    """One of a run's published tables (all its parts)."""
    con = _connect(lk)
    try:
        return con.sql(f"SELECT * FROM {relation(lk, run, name)}").to_arrow_table().to_pandas()
    finally:
        con.close()


def warnings_frame(rows: list[dict], names: pd.DataFrame, run: dict) -> pd.DataFrame:
    """The warnings as published: one row each, names joined, ``indicators`` as JSON text."""
    keys = ("warning_id", "project_id", "contractor_id", "region_code", "month", "level", "score")
    out = pd.DataFrame({
        **{k: [r[k] for r in rows] for k in keys},
        "level_rank": [LEVELS.index(r["level"]) for r in rows],
        "indicators": [orjson.dumps(r["indicators"]).decode("utf-8") for r in rows],
        "run_id": run["run_id"], "as_of": run["as_of"], "engine": run["engine"],
    }, columns=[*keys[:6], "level_rank", "score", "indicators", "run_id", "as_of", "engine"])
    out = out.astype({"project_id": "int64", "contractor_id": "int64", "level_rank": "int64", "score": "float64"})
    return out.merge(names, on=["project_id", "contractor_id", "region_code"], how="left")


def read(lk: lake_mod.Lake, level: str | None = None, month: str | None = None,
         limit: int | None = None) -> list[dict]:
    """Warnings of the current run, worst first; ``level`` keeps only that level."""
    run = current(lk)
    if run is None:
        return []
    con = _connect(lk)
    try:
        sql = (f"SELECT * FROM {relation(lk, run, 'warnings')} "
               "WHERE (? IS NULL OR level = ?) AND (? IS NULL OR month = ?) "
               "ORDER BY level_rank DESC, score DESC, project_id, month")
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = con.execute(sql, [level, level, month, month])
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()
    for r in rows:
        r["indicators"] = json.loads(r["indicators"])
        r["as_of"] = r["as_of"] if isinstance(r["as_of"], str) else dt.date.isoformat(r["as_of"])
        r.pop("level_rank")
    return rows
