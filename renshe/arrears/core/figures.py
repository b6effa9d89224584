"""Figures from the analytical store for the web side: wages owed, project facts.

Owed (估算欠发) for a worker and month = attended days × the agreed daily wage − the gross
wage the general contractor paid for that month (《保障农民工工资支付条例》第十二条 full
payment, 第三十一条 pay on the subcontractor's behalf), never below zero. It is an
estimate for the dashboard and the drill-down: the inspector's verification decides.
No Django here. The figures read the store's Parquet files at the version the current
published run read (:mod:`.published`), so the drill-down agrees with the warnings; the
files are immutable, so a reader never waits for an ingest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

WORKER_MONTHS_SQL = """
WITH att AS (
    SELECT a.project_id, a.worker_id, strftime(a.work_date, '%Y-%m') AS month, count(*) AS days
    FROM attendance a WHERE a.project_id IN (SELECT unnest(?::BIGINT[]))
    GROUP BY ALL
)
SELECT att.project_id, att.worker_id, w.name, pw.work_type, att.month, att.days, pw.daily_wage,
       round(att.days * pw.daily_wage, 2) AS due,
       coalesce(p.gross, 0) AS paid, p.paid_date,
       round(greatest(att.days * pw.daily_wage - coalesce(p.gross, 0), 0), 2) AS owed
FROM att
JOIN project_worker pw USING (project_id, worker_id)
JOIN worker w USING (worker_id)
LEFT JOIN payroll p ON p.project_id = att.project_id AND p.worker_id = att.worker_id AND p.month = att.month
"""


def _connect(store: Path | str):
    """An in-memory DuckDB with the store's tables as views, pinned to the published run's version."""
    from renshe.arrears.core import ingest, lake, published

    lk = lake.Lake(store)
    run = published.current(lk)
    con = ingest.work_connection()
    lk.snapshot(run["lake_version"] if run and "lake_version" in run else None).attach_duckdb(con)
    return con


def _exists(store: Path | str) -> bool:
    from renshe.arrears.core import lake

    return lake.Lake(store).exists()


def worker_months(store: Path, project_id: int) -> list[dict[str, Any]]:
    """Every worker-month of one project: days attended, due, paid, owed; largest owed first."""
    if not _exists(store):
        return []
    con = _connect(store)
    try:
        cur = con.execute(WORKER_MONTHS_SQL + " ORDER BY owed DESC, att.month, att.worker_id", [[int(project_id)]])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()


def by_project_month(store: Path, project_ids: list[int]) -> dict[tuple[int, str], tuple[float, int]]:
    """(project, month) → (amount owed, workers owed anything), for the projects given."""
    if not project_ids or not _exists(store):
        return {}
    con = _connect(store)
    try:
        rows = con.execute(
            f"SELECT project_id, month, round(sum(owed), 2), count(*) FILTER (WHERE owed > 0) "
            f"FROM ({WORKER_MONTHS_SQL}) GROUP BY ALL",
            [sorted({int(p) for p in project_ids})],
        ).fetchall()
    finally:
        con.close()
    return {(int(p), m): (float(a or 0), int(n)) for p, m, a, n in rows}


def industries(store: Path, project_ids: list[int]) -> dict[int, str]:
    """project → its industry (房建, 市政, 交通, 水利), which names the department to copy."""
    if not project_ids or not _exists(store):
        return {}
    con = _connect(store)
    try:
        rows = con.execute(
            "SELECT project_id, industry FROM project WHERE project_id IN (SELECT unnest(?::BIGINT[]))",
            [sorted({int(p) for p in project_ids})],
        ).fetchall()
    finally:
        con.close()
    return {int(p): i for p, i in rows}
