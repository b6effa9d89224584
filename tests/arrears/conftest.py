"""A hand-built province of two projects whose every indicator is worked out by hand.

Project 1 (总包 2, 分包 3 at depth 1, 分包 4 under 3 at depth 2), September 2025, pay day
the 10th of the next month, contract ¥10,000,000:

| worker | unit | wage/day | contract | days attended | paid (15 Oct) |
|---|---|---|---|---|---|
| 1 | 3 | 300 | yes | 1–20 Sep = 20 | 20 days, 6,000 |
| 2 | 3 | 400 | **no** | 1–10 Sep = 10 | 8 days, 3,200 |
| 3 | 4 | 250 | yes | 1–5 Sep = 5 | **nothing** |
| 4 | 4 | 350 | yes | 1–5 Sep = 5 | 5 days, 1,750 |

Project 2 (same 总包) has one worker, 1–25 Sep, paid on time (8 Oct) from its own account, so the data
end on 25 Sep. The expected values are in ``test_indicators.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import pytest

from renshe.arrears.core import lake, published
from renshe.arrears.core.schema import BY_NAME


def store_con(store) -> duckdb.DuckDBPyConnection:
    """A connection with the store's tables, and the current run's values as ``arrears_indicator_value``."""
    con = duckdb.connect()
    lk = lake.Lake(store)
    lk.snapshot().attach_duckdb(con)
    run = published.current(lk)
    if run:
        con.execute(f"CREATE VIEW arrears_indicator_value AS SELECT * FROM {published.relation(lk, run, 'values')}")
    return con


def lake_count(store, table: str, where: str = "true") -> int:
    """Rows of ``table`` in the store's newest version (corrections applied)."""
    con = duckdb.connect()
    try:
        lake.Lake(store).snapshot().attach_duckdb(con)
        return con.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]
    finally:
        con.close()


def write_tables(out: Path, tables: dict[str, list[tuple]]) -> None:
    """Write each table as CSV with the schema's header."""
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow([c.name for c in BY_NAME[name].columns])
            w.writerows(rows)


def _days(worker: int, project: int, first: int, last: int) -> list[tuple]:
    return [(project, worker, dt.date(2025, 9, d).isoformat(), 8) for d in range(first, last + 1)]


HAND_BUILT: dict[str, list[tuple]] = {
    "region": [("350102", "福州市", "鼓楼区")],
    "org": [
        (1, "91350102123456788M", "福州榕城置业有限公司", "owner", "350102"),
        (2, "91350203000000019Y", "福建鑫源建设工程有限公司", "gc", "350102"),
        (3, "91350102123456788M", "福州宏达劳务有限公司", "sub", "350102"),
        (4, "91350203000000019Y", "福州兴安建筑劳务分包有限公司", "sub", "350102"),
    ],
    "project": [
        (1, "鼓楼区宏达安置房项目", "350102", 1, 2, "房建", "false", 10_000_000, 0.25, "2025-05-01", "2025-06-01",
         "2027-06-01", 10),
        (2, "鼓楼区学校项目", "350102", 1, 2, "房建", "true", 3_000_000, 0.25, "2025-05-01", "2025-06-01",
         "2027-06-01", 10),
    ],
    "project_org": [(1, 2, "gc", "", 0), (1, 3, "sub", 2, 1), (1, 4, "sub", 3, 2), (2, 2, "gc", "", 0), (2, 3, "sub", 2, 1)],
    "worker": [
        (1, "11010519491231002X", "王强", "男", "1949-12-31", "110105"),
        (2, "350102199003070127", "李伟", "女", "1990-03-07", "350102"),
        (3, "110105194912310011", "张杰", "男", "1949-12-31", "110105"),
        (4, "350102199003070012", "刘军", "男", "1990-03-07", "350102"),
        (5, "350102199003070020", "陈明", "女", "1990-03-07", "350102"),
    ],
    "project_worker": [
        (1, 1, 3, "木工", 300, "2025-08-01", "true"),
        (1, 2, 3, "电工", 400, "2025-08-01", "false"),
        (1, 3, 4, "普工", 250, "2025-08-01", "true"),
        (1, 4, 4, "泥水工", 350, "2025-08-01", "true"),
        (2, 5, 3, "普工", 200, "2025-08-01", "true"),
    ],
    "attendance": _days(1, 1, 1, 20) + _days(2, 1, 1, 10) + _days(3, 1, 1, 5) + _days(4, 1, 1, 5) + _days(5, 2, 1, 25),
    "payroll": [
        (1, 1, "2025-09", 20, 6000, 6000, "2025-10-15"),
        (1, 2, "2025-09", 8, 3200, 3200, "2025-10-15"),
        (1, 4, "2025-09", 5, 1750, 1750, "2025-10-15"),
        (2, 5, "2025-09", 25, 5000, 5000, "2025-10-08"),
    ],
    "wage_account": [(1, 1, 2, "兴业银行", "2025-05-20"), (2, 2, 2, "中国银行", "2025-05-20")],
    "account_txn": [
        (1, 1, "2025-08-31", "in", 2000, "owner", "人工费"),
        (2, 1, "2025-09-05", "in", 10920, "owner", "人工费"),
        (3, 1, "2025-09-28", "out", 1000, "other", "其他"),
        (4, 1, "2025-10-15", "out", 10950, "worker", "代发"),
        (5, 2, "2025-09-03", "in", 6000, "owner", "人工费"),
        (6, 2, "2025-10-08", "out", 5000, "worker", "代发"),
    ],
    "labour_cost_due": [(1, "2025-09", 13650, "2025-09-10")],
    "wage_deposit": [(1, 1, 2, "保函", 120000, "2025-06-01", "")],
    "complaint": [
        (1, "12345", "2025-09-12", 1, 2, 3, 9000, "false", "受理"),
        (2, "闽治欠", "2025-09-25", 1, 2, 2, 6000, "true", "办理中"),
        (3, "96333", "2025-10-03", 1, 2, 1, 3000, "false", "受理"),
    ],
    "meta": [("as_of", "2025-11-30")],
}


@pytest.fixture
def hand_built(tmp_path) -> Path:
    src = tmp_path / "hand"
    write_tables(src, HAND_BUILT)
    return src
