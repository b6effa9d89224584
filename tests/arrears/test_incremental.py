"""A month-incremental run gives exactly what a full recompute gives, and reads fewer months.

The province arrives as it would: everything dated up to the end of one month first, then the
next month's attendance, payroll paid in it, bank transactions, complaints and plans.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from renshe.arrears.core import arrival, demo, engines, ingest, lake, published


def _values(store) -> pd.DataFrame:
    lk = lake.Lake(store)
    v = published.frame(lk, published.current(lk), "values")
    return v.sort_values(["project_id", "month", "code"]).reset_index(drop=True)


def test_incremental_equals_full_recompute(tmp_path):
    src = tmp_path / "src"
    demo.generate(src, workers=600, days=120, seed=11, fmt="csv")  # 2025-09-01 .. 2025-12-29
    a, b = tmp_path / "a", tmp_path / "b"
    arrival.split(src, a, b, dt.date(2025, 11, 30))
    store = tmp_path / "lake"
    ingest.ingest(a, store)
    first = engines.run(store, "duckdb", as_of="2025-11-30")
    assert first["months"] == ["2025-09", "2025-10", "2025-11"]
    ingest.ingest(b, store)
    inc = engines.run(store, "duckdb", as_of="2026-01-31", incremental_run=True)
    assert inc["incremental"] and inc["months_computed"][0] > "2025-09"
    incremental_values = _values(store)
    full = engines.run(store, "duckdb", as_of="2026-01-31")
    assert not full["incremental"] and full["warnings"] == inc["warnings"]
    pd.testing.assert_frame_equal(incremental_values, _values(store), check_dtype=False)


def test_a_changed_reference_row_means_a_full_run(tmp_path, hand_built):
    store = tmp_path / "lake"
    ingest.ingest(hand_built, store)
    engines.run(store, "duckdb")
    (hand_built / "project.csv").write_text(
        (hand_built / "project.csv").read_text(encoding="utf-8").replace(",10\n", ",12\n", 1), encoding="utf-8")
    assert ingest.ingest(hand_built, store)["corrected"]["project"] == 1
    assert not engines.run(store, "duckdb", incremental_run=True)["incremental"]
