"""A month-incremental run gives exactly what a full recompute gives, and reads fewer months.

The province arrives as it would: everything dated up to the end of one month first, then the
next month's attendance, payroll paid in it, bank transactions, complaints and plans.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from renshe.arrears.core import arrival, demo, engines, ingest, lake, published, warnings


def _values(store) -> pd.DataFrame:
    lk = lake.Lake(store)
    v = published.frame(lk, published.current(lk), "values")
    return v.sort_values(["project_id", "month", "code"]).reset_index(drop=True)


def _warnings(store) -> list[dict]:
    return [{k: v for k, v in w.items() if k != "run_id"} for w in warnings.read(store)]


def test_incremental_equals_full_recompute(tmp_path):
    src = tmp_path / "src"
    demo.generate(src, workers=600, days=120, seed=11, fmt="csv")  # 2025-09-01 .. 2025-12-29
    a, rest, b, c = (tmp_path / n for n in ("a", "rest", "b", "c"))
    arrival.split(src, a, rest, dt.date(2025, 10, 31))
    arrival.split(rest, b, c, dt.date(2025, 11, 30))
    store = tmp_path / "lake"
    ingest.ingest(a, store)
    first = engines.run(store, "duckdb", as_of="2025-10-31")
    assert first["months"] == ["2025-09", "2025-10"]
    ingest.ingest(b, store)
    engines.run(store, "duckdb", as_of="2025-11-30", incremental_run=True)
    ingest.ingest(c, store)
    # a second incremental run continues from the first: three runs' parts make the year
    inc = engines.run(store, "duckdb", as_of="2026-01-31", incremental_run=True)
    assert inc["incremental"] and inc["months_computed"][0] > "2025-09"
    assert inc["attendance_months_read"] == [202512]  # the other months' days come from the carried state
    assert len(published.current(lake.Lake(store))["parts"]) >= 2
    incremental_values, incremental_warnings = _values(store), _warnings(store)
    full = engines.run(store, "duckdb", as_of="2026-01-31")
    assert not full["incremental"]
    assert (full["warnings"], full["by_level"], full["indicator_values"], full["project_months"]) == (
        inc["warnings"], inc["by_level"], inc["indicator_values"], inc["project_months"])
    pd.testing.assert_frame_equal(incremental_values, _values(store), check_dtype=False)
    assert incremental_warnings == _warnings(store) and len(incremental_warnings) > 0
    # the store's first version computed again gives the first run's figures
    again = engines.run(store, "duckdb", as_of="2025-10-31", lake_version=1)
    assert (again["months"], again["warnings"], again["lake_version"]) == (first["months"], first["warnings"], 1)


def test_a_changed_reference_row_means_a_full_run(tmp_path, hand_built):
    store = tmp_path / "lake"
    ingest.ingest(hand_built, store)
    engines.run(store, "duckdb")
    (hand_built / "project.csv").write_text(
        (hand_built / "project.csv").read_text(encoding="utf-8").replace(",10\n", ",12\n", 1), encoding="utf-8")
    assert ingest.ingest(hand_built, store)["corrected"]["project"] == 1
    assert not engines.run(store, "duckdb", incremental_run=True)["incremental"]
