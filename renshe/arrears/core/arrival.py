"""Split a province's files by when their rows reach the platform (for month-incremental runs).

Reference tables arrive first; a row of a monthly table arrives on its own date: attendance
on the day worked, payroll on the day paid, a bank transaction on its date, a complaint when
received, a labour-cost plan on its due date. ``bench/arrears.py`` and the tests load a year
up to one month end, run, then load the next month and run again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from renshe.arrears.core.schema import BY_NAME

ARRIVES = {"attendance": "work_date", "payroll": "paid_date", "account_txn": "txn_date",
           "complaint": "received_date", "labour_cost_due": "due_date"}


def split(src: Path, first: Path, second: Path, cut: dt.date) -> dict[str, tuple[int, int]]:
    """Rows dated up to ``cut`` (and every reference table) into ``first`` as Parquet, later rows into
    ``second``; returns rows per table (first, second)."""
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    con = duckdb.connect()
    out: dict[str, tuple[int, int]] = {}
    try:
        for f in sorted(src.glob("*.csv")) + sorted(src.glob("*.parquet")):
            name = f.name.split(".")[0]
            if name not in BY_NAME:
                continue
            read = f"read_csv('{f}', all_varchar=true)" if f.suffix == ".csv" else f"read_parquet('{f}')"
            if name not in ARRIVES:
                n = con.execute(f"COPY (SELECT * FROM {read}) TO '{first / (name + '.parquet')}'").fetchall()[0][0]
                out[name] = (n, 0)
                continue
            col = ARRIVES[name]
            counts = []
            for target, cond in ((first, "<="), (second, ">")):
                counts.append(con.execute(
                    f"COPY (SELECT * FROM {read} WHERE CAST({col} AS DATE) {cond} DATE '{cut}') "
                    f"TO '{target / (name + '.parquet')}'").fetchall()[0][0])
            out[name] = (counts[0], counts[1])
    finally:
        con.close()
    return out
