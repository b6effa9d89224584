"""Results of runs, published where pages and the API read them without touching the writer.

A run writes its warnings (with the project's, contractor's and county's names), its
indicator values and the state a later month-incremental run continues from into a folder
of its own, ``<store>/_published/runs/<run_id>/``, never written again; then it points
``_published/CURRENT.json`` at that folder (written under a temporary name and renamed, one
PUT on object storage). A reader reads the pointer, then immutable files: it never waits
for an ingest or a run, and never sees half a run. The alert workflow (``dispatch_latest``)
and the rating page read the same published run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from renshe.arrears.core import lake as lake_mod
from renshe.arrears.core.indicators import LEVELS

FILES = ("warnings", "values", "state_pm", "state_gc")


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


def publish(lk: lake_mod.Lake, run: dict, frames: dict[str, pd.DataFrame]) -> None:
    """Write the run's files, then make it the current run (atomically)."""
    base = f"_published/runs/{run['run_id']}"
    for name in FILES:
        table = pa.Table.from_pandas(frames[name], preserve_index=False)
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


def uri(lk: lake_mod.Lake, run: dict, name: str) -> str:
    return lk.uri(f"_published/runs/{run['run_id']}/{name}.parquet")


def frame(lk: lake_mod.Lake, run: dict, name: str) -> pd.DataFrame:
    """One of a run's published tables."""
    path = lk.local_path(f"_published/runs/{run['run_id']}/{name}.parquet")
    if path is not None:
        return pq.read_table(str(path)).to_pandas()
    return pq.read_table(lk._path(f"_published/runs/{run['run_id']}/{name}.parquet"), filesystem=lk.fs).to_pandas()


def warnings_frame(rows: list[dict], names: pd.DataFrame, run: dict) -> pd.DataFrame:
    """The warnings as published: one row each, names joined, ``indicators`` as JSON text."""
    cols = ["warning_id", "project_id", "contractor_id", "region_code", "month", "level", "level_rank", "score",
            "indicators", "run_id", "as_of", "engine"]
    out = pd.DataFrame([{**{k: r[k] for k in ("warning_id", "project_id", "contractor_id", "region_code", "month",
                                              "level", "score")},
                         "level_rank": LEVELS.index(r["level"]),
                         "indicators": json.dumps(r["indicators"], ensure_ascii=False),
                         "run_id": run["run_id"], "as_of": run["as_of"], "engine": run["engine"]} for r in rows],
                       columns=cols)
    out = out.astype({"project_id": "int64", "contractor_id": "int64", "level_rank": "int64", "score": "float64"})
    return out.merge(names, on=["project_id", "contractor_id", "region_code"], how="left")


def read(lk: lake_mod.Lake, level: str | None = None, month: str | None = None,
         limit: int | None = None) -> list[dict]:
    """Warnings of the current run, worst first; ``level`` keeps only that level."""
    run = current(lk)
    if run is None:
        return []
    con = duckdb.connect()
    try:
        if lk.remote:
            con.execute("INSTALL httpfs; LOAD httpfs")
        sql = (f"SELECT * FROM read_parquet({lake_mod._lit(uri(lk, run, 'warnings'))}) "
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
