"""Run the indicators of :mod:`renshe.arrears.core.indicators` on DuckDB (default) or Spark, over the store.

The adapter is the only engine-specific part: it exposes each table of the Parquet store
(:mod:`.lake`) as a view ``x_<table>`` with a day number ``<col>_d`` beside every date
column, and registers ``month_cal`` and the incremental state. Both engines read the store's
files where they are — DuckDB through ``read_parquet`` on the files of the snapshot, Spark's
executors through ``spark.read.parquet`` on the same paths or URIs — so nothing is exported
through the driver, and a cluster on other machines reads the store it shares.

The Spark driver is a process of its own without pandas (:mod:`.spark_driver` says why:
PySpark 4.3 supports pandas only below 3.0, the platform runs pandas 3); results come back
as Arrow written to Parquet.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa

from renshe.arrears.core import incremental, indicators, ingest, lake, published, warnings
from renshe.arrears.core.schema import TABLES
from renshe.rules.errors import RulesError

_EPOCH = dt.date(1970, 1, 1)
#: a DATE expression's day number (days since 1970-01-01) in each engine's SQL
DUCKDB_DAY = "CAST({0} - DATE '1970-01-01' AS INTEGER)"
SPARK_DAY = "datediff({0}, DATE '1970-01-01')"
OUTPUTS = ("indicator_value", "state_pm", "state_gc")


def month_cal(yms: list[int]) -> pa.Table:
    rows = []
    for ym in sorted(yms):
        y, m = divmod(ym, 100)
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        rows.append({
            "ym": ym, "month": f"{y:04d}-{m:02d}",
            "start_d": (dt.date(y, m, 1) - _EPOCH).days,
            "end_d": (dt.date(y, m, calendar.monthrange(y, m)[1]) - _EPOCH).days,
            "next_start_d": (dt.date(ny, nm, 1) - _EPOCH).days,
            "next_end_d": (dt.date(ny, nm, calendar.monthrange(ny, nm)[1]) - _EPOCH).days,
        })
    schema = pa.schema([("ym", pa.int32()), ("month", pa.string()), ("start_d", pa.int32()), ("end_d", pa.int32()),
                        ("next_start_d", pa.int32()), ("next_end_d", pa.int32())])
    return pa.Table.from_pylist(rows, schema=schema)


def _view_sql(table, day: str) -> str:
    extra = [day.format(c.name) + f" AS {c.name}_d" for c in table.columns if c.kind == "date"]
    return f"SELECT *{''.join(', ' + e for e in extra)} FROM {{src}}"


def as_of_date(con, as_of: str | None) -> dt.date:
    """``as_of`` if given, else the batch's as-of date (table ``meta``), else the last payroll date."""
    if as_of:
        try:
            return dt.date.fromisoformat(as_of)
        except ValueError:
            raise RulesError.of("as_of", "日期格式应为 YYYY-MM-DD", "as-of date must be YYYY-MM-DD") from None
    rows = con.execute("SELECT value FROM meta WHERE key = 'as_of'").fetchall()
    row = rows[0] if rows else None
    if row:
        return dt.date.fromisoformat(row[0])
    last = con.execute("SELECT max(paid_date) FROM payroll").fetchall()[0][0]
    if last is None:
        raise RulesError.of("store", "分析库中没有数据，请先入库", "the store is empty; ingest first")
    return last


def month_range(snap: lake.Snapshot) -> list[int]:
    """The months (YYYYMM) from the first to the last month of attendance."""
    have = snap.months()
    if not have:
        return []
    first, last = have[0], have[-1]
    return [(k // 12) * 100 + k % 12 + 1 for k in range((first // 100) * 12 + first % 100 - 1,
                                                         (last // 100) * 12 + last % 100)]


def compute_duckdb(con, snap: lake.Snapshot, as_of: dt.date, months: list[int],
                   prior: incremental.Prior) -> dict[str, pd.DataFrame]:
    """Indicator values (long) and state on DuckDB over the snapshot's files; temp objects only.

    The steps are sets (every later step joins or groups), so DuckDB need not keep row order
    while materialising them, and the values come out through Arrow."""
    snap.attach_duckdb(con, set(months) if prior.start else None)
    for t in TABLES:
        con.execute(f"CREATE OR REPLACE TEMP VIEW x_{t.name} AS " + _view_sql(t, DUCKDB_DAY).format(src=t.name))
    for name, tbl in (("month_cal", month_cal(months)), ("prior_pm", prior.pm), ("prior_gc", prior.gc)):
        con.register(f"_{name}", tbl)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _{name}")
        con.unregister(f"_{name}")
    for name, sql in indicators.steps(as_of):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
    return {n: con.sql(f"SELECT * FROM {n}").to_arrow_table().to_pandas() for n in OUTPUTS}


def _month_cal_sql(months: list[int]) -> str:
    """``month_cal`` as a VALUES query (both engines), so Spark needs no data from the driver."""
    rows = month_cal(months).to_pylist()
    cols = list(rows[0])
    values = ", ".join("(" + ", ".join(repr(r[c]) for c in cols) + ")" for r in rows)
    return f"SELECT * FROM VALUES {values} AS t({', '.join(cols)})"


def spark_actions(snap: lake.Snapshot, as_of: dt.date, months: list[int], prior: incremental.Prior,
                  out: Path) -> list[list[str]]:
    """What the Spark driver does (:mod:`.spark_driver`): read the snapshot's files where they are,
    run the same steps, write the outputs to ``out``."""
    only = set(months) if prior.start else None
    acts: list[list[str]] = []
    for t in TABLES:
        uris = snap.uris(t.name, only if t.name in lake.PRUNABLE else None)
        if uris:
            rels = [u[len(snap.lake.root) + 1:] for u in uris]
            root = snap.lake.root if snap.lake.remote else "file://" + snap.lake.root
            acts.append(["parquet", f"raw_{t.name}", root + "/{" + ",".join(rels) + "}"])
        acts.append(["view", t.name, snap.view_sql(t, uris, f"raw_{t.name}")])
        acts.append(["view", f"x_{t.name}", _view_sql(t, SPARK_DAY).format(src=t.name)])
    acts.append(["view", "month_cal", _month_cal_sql(months)])
    for name, sql in prior.spark_sql():
        if sql.startswith("parquet:"):
            path = sql[len("parquet:"):]
            acts.append(["parquet", f"{name}_src", path if snap.lake.remote else "file://" + path])
        else:
            acts.append(["view", name, sql])
    acts += [["step", name, sql] for name, sql in indicators.steps(as_of)]
    acts += [["output", n, str(out / f"{n}.parquet")] for n in OUTPUTS]
    return acts


def compute_spark(snap: lake.Snapshot, as_of: dt.date, months: list[int],
                  prior: incremental.Prior) -> dict[str, pd.DataFrame]:
    """The same SQL on Spark (``SPARK_MASTER``, else local mode), in the driver process of
    :mod:`.spark_driver`; its executors read the snapshot's files themselves."""
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory(prefix="renshe-spark-") as tmp:
        out = Path(tmp)
        actions = spark_actions(snap, as_of, months, prior, out)
        done = subprocess.run([sys.executable, "-m", "renshe.arrears.core.spark_driver"], input=json.dumps(actions),
                              text=True, capture_output=True)
        if done.returncode != 0:
            tail = (done.stderr or "").strip().splitlines()[-5:]
            raise RuntimeError("Spark driver failed / Spark 计算失败:\n" + "\n".join(tail))
        return {n: pq.read_table(str(out / f"{n}.parquet")).to_pandas() for n in OUTPUTS}


def run(store: Path | str, engine: str = "duckdb", as_of: str | None = None,
        incremental_run: bool = False) -> dict:
    """Compute indicators and warnings over the store's newest version and publish them; return
    the JSON summary. ``incremental_run`` recomputes only the months that changed since the
    current published run (:mod:`.incremental`), when that run allows it."""
    if engine not in ("duckdb", "spark"):
        raise RulesError.of("engine", "引擎应为 duckdb 或 spark", "engine must be duckdb or spark")
    lk = lake.Lake(store)
    snap = lk.snapshot()
    if snap.version == 0:
        raise RulesError.of("store", f"找不到分析库 {lk.root}，请先入库", f"no store at {lk.root}; ingest first")
    months = month_range(snap)
    if not months:
        raise RulesError.of("store", "分析库中没有考勤数据", "the store has no attendance")
    con = ingest.work_connection()
    try:
        snap.attach_duckdb(con)
        day = as_of_date(con, as_of)
        prior = incremental.plan(con, lk, snap, day, months) if incremental_run else incremental.Prior.none()
        todo = [m for m in months if m >= prior.start] if prior.start else months
        started = time.perf_counter()
        if engine == "duckdb":
            out = compute_duckdb(con, snap, day, todo, prior)
        else:
            out = compute_spark(snap, day, todo, prior)
        seconds = time.perf_counter() - started
        out = prior.merge(out)
        names = con.sql(
            "SELECT p.project_id, p.gc_id AS contractor_id, p.region_code, p.name AS project_name, "
            "o.name AS contractor_name, r.city, r.county FROM project p LEFT JOIN org o ON o.org_id = p.gc_id "
            "LEFT JOIN region r ON r.region_code = p.region_code").to_arrow_table().to_pandas()
    finally:
        con.close()
    values = out["indicator_value"]
    rows = warnings.build(values, day)
    run_rec = {"run_id": uuid.uuid4().hex[:12], "engine": engine, "as_of": day.isoformat(),
               "lake_version": snap.version, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
               "params": incremental.params_fingerprint(day), "first_month_computed": todo[0],
               "warnings": len(rows)}
    published.publish(lk, run_rec, {"warnings": published.warnings_frame(rows, names, run_rec),
                                    "values": values, "state_pm": out["state_pm"], "state_gc": out["state_gc"]})
    by_level = {lvl: sum(1 for r in rows if r["level"] == lvl) for lvl in ("red", "orange", "yellow")}
    return {"run_id": run_rec["run_id"], "engine": engine, "as_of": day.isoformat(),
            "months": [f"{m // 100:04d}-{m % 100:02d}" for m in months],
            "months_computed": [f"{m // 100:04d}-{m % 100:02d}" for m in todo],
            "incremental": bool(prior.start),
            "project_months": int(values[["project_id", "month"]].drop_duplicates().shape[0]),
            "indicator_values": len(values), "warnings": len(rows), "by_level": by_level,
            "seconds": round(seconds, 2), "store": lk.root, "lake_version": snap.version}
