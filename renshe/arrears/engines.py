"""Run the indicators of :mod:`renshe.arrears.indicators` on DuckDB (default) or Spark.

The adapter is the only engine-specific part: it exposes each store table as a view
``x_<table>`` with a day number ``<col>_d`` beside every date column, and registers
``month_cal``. Spark reads the store's tables as Parquet exported by DuckDB, in local mode
by default or on the cluster named by ``SPARK_MASTER``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import pandas as pd

from renshe.arrears import indicators, ingest, warnings
from renshe.arrears.schema import TABLES
from renshe.rules.errors import RulesError

_EPOCH = dt.date(1970, 1, 1)
#: a DATE expression's day number (days since 1970-01-01) in each engine's SQL
DUCKDB_DAY = "CAST({0} - DATE '1970-01-01' AS INTEGER)"
SPARK_DAY = "datediff({0}, DATE '1970-01-01')"


def _month_cal(yms: list[int]) -> pd.DataFrame:
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
    return pd.DataFrame(rows).astype({"ym": "int32", "start_d": "int32", "end_d": "int32",
                                      "next_start_d": "int32", "next_end_d": "int32"})


def _view_sql(table, day: str) -> str:
    extra = [day.format(c.name) + f" AS {c.name}_d" for c in table.columns if c.kind == "date"]
    return f"SELECT *{''.join(', ' + e for e in extra)} FROM {{src}}"


def _as_of(con, as_of: str | None) -> dt.date:
    if as_of:
        try:
            return dt.date.fromisoformat(as_of)
        except ValueError:
            raise RulesError.of("as_of", "日期格式应为 YYYY-MM-DD", "as-of date must be YYYY-MM-DD") from None
    row = con.execute("SELECT value FROM meta WHERE key = 'as_of'").fetchone()
    if row:
        return dt.date.fromisoformat(row[0])
    last = con.execute("SELECT max(paid_date) FROM payroll").fetchone()[0]
    if last is None:
        raise RulesError.of("store", "分析库中没有数据，请先入库", "the store is empty; ingest first")
    return last


def _months(con) -> list[int]:
    """The months (YYYYMM) from the first to the last day of attendance."""
    first, last = con.execute("SELECT min(work_date), max(work_date) FROM attendance").fetchone()
    if first is None:
        return []
    return [y * 100 + m for k in range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
            for y, m in [(k // 12, k % 12 + 1)]]


def compute_duckdb(con, as_of: dt.date, months: list[int]) -> pd.DataFrame:
    """Indicator values (long) on DuckDB, inside ``con``'s store; temp objects only.

    The steps are sets (every later step joins or groups), so DuckDB need not keep row order
    while materialising them (about 10 % faster on 85 M attendance rows), and the values come
    out through Arrow (a fifth of the time ``.df()`` takes for the same frame)."""
    con.execute("SET preserve_insertion_order = false")
    for t in TABLES:
        con.execute(f"CREATE OR REPLACE TEMP VIEW x_{t.name} AS "
                    + _view_sql(t, DUCKDB_DAY).format(src=t.name))
    con.register("_mc", _month_cal(months))
    con.execute("CREATE OR REPLACE TEMP TABLE month_cal AS SELECT * FROM _mc")
    con.unregister("_mc")
    for name, sql in indicators.steps(as_of):
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
    return con.sql("SELECT * FROM indicator_value").to_arrow_table().to_pandas()


def spark_session():
    """A Spark session: ``SPARK_MASTER`` if set, else local mode on this machine's cores."""
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[2]"))
            .appName("renshe-arrears")
            .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_SHUFFLE_PARTITIONS", "2"))
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "2g"))
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())


def compute_spark(con, as_of: dt.date, months: list[int], spark=None) -> pd.DataFrame:
    """The same SQL on Spark, over the store's tables exported to Parquet."""
    spark = spark or spark_session()
    tmp = Path(tempfile.mkdtemp(prefix="renshe-arrears-spark-"))
    try:
        for t in TABLES:
            path = tmp / f"{t.name}.parquet"
            con.execute(f"COPY {t.name} TO '{path}' (FORMAT parquet)")
            spark.read.parquet(str(path)).createOrReplaceTempView(f"src_{t.name}")
            spark.sql(f"CREATE OR REPLACE TEMPORARY VIEW x_{t.name} AS "
                      + _view_sql(t, SPARK_DAY).format(src=f"src_{t.name}"))
        spark.createDataFrame(_month_cal(months)).createOrReplaceTempView("month_cal")
        for name, sql in indicators.steps(as_of):
            # materialise each step, as DuckDB does, cutting the lineage so later plans stay small
            spark.sql(sql).localCheckpoint(eager=True).createOrReplaceTempView(name)
        out = spark.table("indicator_value").toPandas()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def run(store: Path, engine: str = "duckdb", as_of: str | None = None, spark=None) -> dict:
    """Compute indicators and warnings and save them in the store; return the JSON summary."""
    if not store.exists():
        raise RulesError.of("store", f"找不到分析库 {store}，请先入库", f"no store at {store}; ingest first")
    con = ingest.connect(store)
    try:
        day = _as_of(con, as_of)
        months = _months(con)
        if not months:
            raise RulesError.of("store", "分析库中没有考勤数据", "the store has no attendance")
        started = time.perf_counter()
        if engine == "duckdb":
            values = compute_duckdb(con, day, months)
        elif engine == "spark":
            values = compute_spark(con, day, months, spark)
        else:
            raise RulesError.of("engine", "引擎应为 duckdb 或 spark", "engine must be duckdb or spark")
        seconds = time.perf_counter() - started
        run_id = uuid.uuid4().hex[:12]
        rows = warnings.build(values, day)
        warnings.save(con, values, rows, run_id, day, engine)
    finally:
        con.close()
    by_level = {lvl: sum(1 for r in rows if r["level"] == lvl) for lvl in ("red", "orange", "yellow")}
    return {"run_id": run_id, "engine": engine, "as_of": day.isoformat(),
            "months": [f"{m // 100:04d}-{m % 100:02d}" for m in months],
            "project_months": int(values[["project_id", "month"]].drop_duplicates().shape[0]),
            "indicator_values": len(values), "warnings": len(rows), "by_level": by_level,
            "seconds": round(seconds, 2), "store": str(store)}
