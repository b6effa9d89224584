"""DuckDB and Spark (local mode) compute identical indicators and warnings on the same data."""

from __future__ import annotations

import pandas as pd
import pytest

from renshe.arrears import demo, engines, ingest, warnings

pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark():
    session = engines.spark_session()
    yield session
    session.stop()


def test_both_engines_give_identical_warnings(tmp_path, spark):
    src = tmp_path / "small"
    demo.generate(src, workers=800, days=45, seed=77, fmt="csv")
    store = tmp_path / "a.duckdb"
    ingest.ingest(src, store)
    con = ingest.connect(store)
    as_of = engines._as_of(con, None)
    months = engines._months(con)
    duck = engines.compute_duckdb(con, as_of, months)
    sprk = engines.compute_spark(con, as_of, months, spark)
    con.close()
    key = ["project_id", "month", "code"]
    cols = [*key, "contractor_id", "region_code", "value", "level"]
    a = duck[cols].sort_values(key).reset_index(drop=True).astype({"level": "int64", "contractor_id": "int64"})
    b = sprk[cols].sort_values(key).reset_index(drop=True).astype({"level": "int64", "contractor_id": "int64"})
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    wa, wb = warnings.build(duck, as_of), warnings.build(sprk, as_of)
    assert wa == wb
    assert {w["level"] for w in wa} >= {"red", "yellow"}  # the comparison covers real warnings
