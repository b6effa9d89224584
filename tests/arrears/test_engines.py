"""DuckDB and Spark compute identical indicators and warnings on the same Parquet store.

Spark runs in local mode, or on the standalone cluster named by ``SPARK_MASTER``: ``.ci/run``
starts a master and a worker from the installed pyspark on loopback (``scripts/spark-cluster``)
and runs this file against them, so the executors read the store's files themselves.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from renshe.arrears.core import demo, engines, incremental, ingest, lake, warnings

pytest.importorskip("pyspark")


def _frame(values: pd.DataFrame) -> pd.DataFrame:
    key = ["project_id", "month", "code"]
    cols = [*key, "contractor_id", "region_code", "value", "level"]
    return (values[cols].sort_values(key).reset_index(drop=True)
            .astype({"level": "int64", "contractor_id": "int64", "project_id": "int64"}))


def test_both_engines_give_identical_warnings_and_spark_warns_of_nothing(tmp_path):
    src = tmp_path / "small"
    demo.generate(src, workers=800, days=45, seed=77, fmt="csv")
    store = tmp_path / "lake"
    ingest.ingest(src, store)
    snap = lake.Lake(store).snapshot()
    con = ingest.work_connection()
    snap.attach_duckdb(con)
    as_of = engines.as_of_date(con, None)
    months = engines.month_range(snap)
    duck = engines.compute_duckdb(con, snap, as_of, months, incremental.Prior.none())
    con.close()
    out = tmp_path / "spark-out"
    out.mkdir()
    actions = engines.spark_actions(snap, as_of, months, incremental.Prior.none(), out)
    done = subprocess.run([sys.executable, "-m", "renshe.arrears.core.spark_driver"], input=json.dumps(actions),
                          text=True, capture_output=True)
    assert done.returncode == 0, done.stderr[-2000:]
    # the driver runs PySpark without pandas, so PySpark has no pandas 3 to warn about
    assert "does not yet fully support pandas" not in done.stderr
    sprk = pq.read_table(out / "indicator_value.parquet").to_pandas()
    duck_values = duck["indicator_value"].to_pandas()
    pd.testing.assert_frame_equal(_frame(duck_values), _frame(sprk), check_dtype=False)
    wa, wb = warnings.build(duck_values, as_of), warnings.build(sprk, as_of)
    assert wa == wb
    assert {w["level"] for w in wa} >= {"red", "yellow"}  # the comparison covers real warnings


def test_spark_run_publishes_what_duckdb_publishes_also_incrementally(tmp_path):
    """``renshe arrears run`` on each engine over one store (Spark month-incremental): the same warnings."""
    src = tmp_path / "small"
    demo.generate(src, workers=400, days=75, seed=5, fmt="parquet")
    store = tmp_path / "lake"
    ingest.ingest(src, store)

    def published():
        return [{k: v for k, v in w.items() if k not in {"run_id", "engine"}} for w in warnings.read(store)]

    engines.run(store, "duckdb")
    duck = published()
    # Spark continues from DuckDB's published state: nothing changed, so only the last month again
    inc = engines.run(store, "spark", incremental_run=True)
    assert inc["incremental"] and len(inc["months_computed"]) < len(inc["months"])
    assert published() == duck and len(duck) > 0
