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

import pyarrow as pa
import pyarrow.compute as pc

from renshe.arrears.core import incremental, indicators, ingest, lake, published, warnings
from renshe.arrears.core.schema import TABLES
from renshe.rules.errors import RulesError

_EPOCH = dt.date(1970, 1, 1)
#: a DATE expression's day number (days since 1970-01-01) in each engine's SQL
DUCKDB_DAY = "CAST({0} - DATE '1970-01-01' AS INTEGER)"
SPARK_DAY = "datediff({0}, DATE '1970-01-01')"
#: what a run keeps: output name → the step that holds it (the indicator values and what a later
#: month-incremental run carries, :mod:`.incremental`)
OUTPUTS = {"indicator_value": "indicator_value", "state_pm": "state_pm", "state_gc": "state_gc",
           "state_att": "att_w", "state_bal": "acct_m", "late_pay": "late_pay"}


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
                   prior: incremental.Prior) -> dict[str, pa.Table]:
    """Indicator values (long) and state on DuckDB over the snapshot's files; temp objects only.

    The steps are sets (every later step joins or groups), so DuckDB need not keep row order
    while materialising them, and the outputs come out as Arrow."""
    snap.attach_duckdb(con, prior.files(snap))
    for t in TABLES:
        con.execute(f"CREATE OR REPLACE TEMP VIEW x_{t.name} AS " + _view_sql(t, DUCKDB_DAY).format(src=t.name))
    cal = month_cal(months)
    con.register("_month_cal", cal)
    con.execute("CREATE OR REPLACE TEMP TABLE month_cal AS SELECT * FROM _month_cal")
    con.unregister("_month_cal")
    for name, sql in prior.sql(snap.lake, "duckdb"):
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")
    for name, sql in indicators.steps(as_of):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
    return {n: con.sql(f"SELECT * FROM {step}").to_arrow_table() for n, step in OUTPUTS.items()}


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
    only = prior.files(snap)
    lk = snap.lake

    def addressed(uri: str) -> str:  # Hadoop reads S3 through its s3a connector
        return ("s3a://" + uri[5:] if uri.startswith("s3://") else uri) if lk.remote else "file://" + uri

    acts: list[list[str]] = []
    for t in TABLES:
        uris = only[t.name] if t.name in only else snap.uris(t.name)
        if uris:
            rels = [u[len(lk.root) + 1:] for u in uris]
            acts.append(["parquet", f"raw_{t.name}", addressed(lk.root) + "/{" + ",".join(rels) + "}"])
        acts.append(["view", t.name, snap.view_sql(t, uris, f"raw_{t.name}")])
        acts.append(["view", f"x_{t.name}", _view_sql(t, SPARK_DAY).format(src=t.name)])
    acts.append(["view", "month_cal", _month_cal_sql(months)])
    for name, sql in prior.sql(lk, "spark"):
        if sql.startswith("parquet:"):
            acts.append(["parquet", name, addressed(sql[len("parquet:"):])])
        else:
            acts.append(["view", name, sql])
    acts += [["step", name, sql] for name, sql in indicators.steps(as_of)]
    acts += [["output", step, str(out / f"{n}.parquet")] for n, step in OUTPUTS.items()]
    return acts


def compute_spark(snap: lake.Snapshot, as_of: dt.date, months: list[int],
                  prior: incremental.Prior) -> dict[str, pa.Table]:
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
        return {n: pq.read_table(str(out / f"{n}.parquet")) for n in OUTPUTS}


def _carried_totals(lk: lake.Lake, prior: incremental.Prior) -> tuple[dict[str, int], int, int]:
    """Warnings by level, indicator values and project-months of the months an incremental run
    carries from earlier runs (nothing for a full run)."""
    if not prior.start:
        return {}, 0, 0
    carried = {**prior.prev, "parts": prior.parts}
    levels = dict(published.query(lk, carried, "warnings", "SELECT level, count(*) FROM {t} GROUP BY level"))
    values = published.query(lk, carried, "values", "SELECT count(*) FROM {t}")[0][0]
    pms = published.query(lk, carried, "state_pm", "SELECT count(*) FROM {t}")[0][0]
    return levels, int(values), int(pms)


def run(store: Path | str, engine: str = "duckdb", as_of: str | None = None,
        incremental_run: bool = False, lake_version: int | None = None) -> dict:
    """Compute indicators and warnings over the store's newest version (or ``lake_version``, to
    compute again what an earlier version gave) and publish them; return the JSON summary.
    ``incremental_run`` recomputes only the months that changed since the current published
    run (:mod:`.incremental`), when that run allows it."""
    if engine not in ("duckdb", "spark"):
        raise RulesError.of("engine", "引擎应为 duckdb 或 spark", "engine must be duckdb or spark")
    begun = time.perf_counter()
    lk = lake.Lake(store)
    latest = lk.latest_version()
    if lake_version is not None and not 1 <= lake_version <= latest:
        raise RulesError.of("lake_version", f"分析库版本应在 1 到 {latest} 之间", f"the store's version must be 1 to {latest}")
    snap = lk.snapshot(lake_version or latest)
    if snap.version == 0:
        raise RulesError.of("store", f"找不到分析库 {lk.root}，请先入库", f"no store at {lk.root}; ingest first")
    months = month_range(snap)
    if not months:
        raise RulesError.of("store", "分析库中没有考勤数据", "the store has no attendance")
    con = ingest.work_connection()
    try:
        snap.attach_duckdb(con)
        day = as_of_date(con, as_of)
        prior = incremental.plan(lk, snap, day, months) if incremental_run else incremental.Prior.none()
        todo = [m for m in months if m >= prior.start] if prior.start else months
        started = time.perf_counter()
        if engine == "duckdb":
            out = compute_duckdb(con, snap, day, todo, prior)
        else:
            out = compute_spark(snap, day, todo, prior)
        seconds = time.perf_counter() - started
        names = con.sql(
            "SELECT p.project_id, p.gc_id AS contractor_id, p.region_code, p.name AS project_name, "
            "o.name AS contractor_name, r.city, r.county FROM project p LEFT JOIN org o ON o.org_id = p.gc_id "
            "LEFT JOIN region r ON r.region_code = p.region_code").to_arrow_table().to_pandas()
    finally:
        con.close()
    values = out["indicator_value"].to_pandas()
    rows = warnings.build(values, day)
    run_id = uuid.uuid4().hex[:12]
    levels, carried_values, carried_pms = _carried_totals(lk, prior)
    by_level = {lvl: levels.get(lvl, 0) + sum(1 for r in rows if r["level"] == lvl) for lvl in ("red", "orange", "yellow")}
    late = out["late_pay"].column(0)[0].as_py() if out["late_pay"].num_rows else None
    run_rec = {"run_id": run_id, "engine": engine, "as_of": day.isoformat(),
               "lake_version": snap.version, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
               "params": incremental.params_fingerprint(day), "first_month_computed": todo[0],
               "last_month": months[-1], "late_pay_from": None if late is None else int(late),
               "parts": [*prior.parts, {"run_id": run_id, "from": prior.start, "to": None}],
               "att_state": prior.att_state(run_id, months),
               "warnings": sum(by_level.values())}
    read = prior.att_read(months)
    att = out["state_att"]
    published.publish(lk, run_rec, {"warnings": published.warnings_frame(rows, names, run_rec), "values": values,
                                    **{n: out[n] for n in ("state_pm", "state_gc", "state_bal")},
                                    **{f"state_att/ym={m}": att.filter(pc.equal(att["ym"], m)) for m in read}})
    return {"run_id": run_id, "engine": engine, "as_of": day.isoformat(),
            "months": [f"{m // 100:04d}-{m % 100:02d}" for m in months],
            "months_computed": [f"{m // 100:04d}-{m % 100:02d}" for m in todo],
            "incremental": bool(prior.start),
            "attendance_months_read": read,
            "project_months": carried_pms + out["state_pm"].num_rows,
            "indicator_values": carried_values + len(values), "warnings": run_rec["warnings"], "by_level": by_level,
            "seconds": round(seconds, 2), "run_seconds": round(time.perf_counter() - begun, 2),
            "store": lk.root, "lake_version": snap.version}
