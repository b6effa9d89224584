"""Benchmark of wage-arrears monitoring (issue 5): run once, prints and saves the figures.

    PYTHONPATH=. python bench/arrears.py [--workers 1000000] [--days 90] [--slice 100000]

1. ``demo-data`` for ``--workers`` × ``--days`` (Parquet) and a ``--csv-workers`` province as CSV;
2. ingestion rows/s: the CSV province, then the big Parquet province (into the store used next);
3. the indicators and warnings on DuckDB over the big store (target < 60 s);
4. the attendance-driven indicators in pandas over the first ``--slice`` workers, and the
   speed ratio of DuckDB's rows/s (all 16 indicators, whole province) to pandas' rows/s
   (7 indicators, slice) — conservative, since DuckDB does more work (target ≥ 10×);
5. recall and precision at orange+red against the planted cases.
The machine's load average is printed with the figures: other jobs share its 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from renshe.arrears import demo, engines, ingest, quality


def pandas_indicators(src: Path, upto: int, as_of: pd.Timestamp) -> tuple[pd.DataFrame, float, float, int]:
    """Seven indicators of workers 1..upto in pandas: (values, read s, compute s, attendance rows)."""
    t = time.perf_counter()
    att = pq.read_table(src / "attendance.parquet", filters=[("worker_id", "<=", upto)]).to_pandas(
        date_as_object=False
    )
    pay = pq.read_table(src / "payroll.parquet", filters=[("worker_id", "<=", upto)]).to_pandas(
        date_as_object=False
    )
    pw = pd.read_csv(src / "project_worker.csv")
    pw = pw[pw.worker_id <= upto]
    po = pd.read_csv(src / "project_org.csv")
    proj = pd.read_csv(src / "project.csv", usecols=["project_id", "pay_day"])
    read_s = time.perf_counter() - t

    t = time.perf_counter()
    att["ym"] = att.work_date.dt.year * 100 + att.work_date.dt.month
    aw = (
        att.groupby(["project_id", "worker_id", "ym"], sort=False)
        .agg(att_days=("hours", "size"), last_d=("work_date", "max"))
        .reset_index()
    )
    pay["ym"] = pay.month.str.replace("-", "").astype(int)
    pay = pay[pay.paid_date <= as_of]
    pyw = (
        pay.groupby(["project_id", "worker_id", "ym"], sort=False)
        .agg(paid_days=("days", "sum"), gross=("gross", "sum"), paid_d=("paid_date", "max"))
        .reset_index()
    )
    pw = pw.merge(po[["project_id", "org_id", "depth"]], on=["project_id", "org_id"], how="left")
    wm = aw.merge(pw, on=["project_id", "worker_id"]).merge(
        pyw, on=["project_id", "worker_id", "ym"], how="left"
    )
    wm["expected"] = wm.att_days * wm.daily_wage
    wm["unpaid"] = wm.paid_days.isna()
    wm["no_contract"] = ~wm.has_contract.astype(bool)
    wm["unpaid_depth"] = wm.depth.fillna(1).where(wm.unpaid, 0)
    pm = (
        wm.groupby(["project_id", "ym"], sort=False)
        .agg(
            workers=("worker_id", "size"),
            att_days=("att_days", "sum"),
            expected=("expected", "sum"),
            no_contract=("no_contract", "sum"),
            unpaid=("unpaid", "sum"),
            unpaid_depth=("unpaid_depth", "max"),
            paid_days=("paid_days", "sum"),
            gross=("gross", "sum"),
            last_att=("last_d", "max"),
            last_paid=("paid_d", "max"),
        )
        .reset_index()
    )
    pm = pm.merge(proj, on="project_id")
    nxt = pd.to_datetime(
        (pm.ym // 100).astype(str) + "-" + (pm.ym % 100).astype(str) + "-01"
    ) + pd.offsets.MonthBegin(1)
    due = nxt + pd.to_timedelta(pm.pay_day - 1, unit="D")
    month_end = (nxt - pd.Timedelta(days=1)).clip(upper=as_of)
    out = pd.DataFrame(
        {
            "project_id": pm.project_id,
            "ym": pm.ym,
            "payroll_days_late": ((pm.last_paid - due).dt.days.clip(lower=0)).fillna((as_of - due).dt.days),
            "pay_coverage": pm.gross / pm.expected,
            "paid_days_ratio": pm.paid_days / pm.att_days,
            "unpaid_worker_share": pm.unpaid / pm.workers,
            "unpaid_chain_depth": pm.unpaid_depth,
            "no_contract_share": pm.no_contract / pm.workers,
            "attendance_gap_days": (month_end.clip(upper=att.work_date.max()) - pm.last_att).dt.days,
        }
    )
    return out, read_s, time.perf_counter() - t, len(att)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=1_000_000)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--slice", type=int, default=100_000)
    ap.add_argument("--csv-workers", type=int, default=50_000)
    ap.add_argument("--dir", default="var/bench/arrears")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    root = Path(args.dir)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    res: dict = {"load_average_start": _load(), "cores": os.cpu_count()}

    t = time.perf_counter()
    big = demo.generate(root / "big", args.workers, args.days, args.seed, fmt="parquet")
    res["generate"] = {
        "workers": args.workers,
        "days": args.days,
        "rows": big["rows"],
        "seconds": round(time.perf_counter() - t, 1),
    }
    print("generated", json.dumps(res["generate"]), flush=True)

    demo.generate(root / "csv", args.csv_workers, args.days, args.seed + 1, fmt="csv")
    s = ingest.ingest(root / "csv", root / "csv.duckdb")
    res["ingest_csv"] = {
        "rows": s["rows_read"],
        "seconds": s["seconds"],
        "rows_per_s": round(s["rows_read"] / s["seconds"]),
    }
    print("ingest csv", json.dumps(res["ingest_csv"]), flush=True)
    s = ingest.ingest(root / "big", root / "big.duckdb")
    res["ingest_parquet"] = {
        "rows": s["rows_read"],
        "seconds": s["seconds"],
        "rows_per_s": round(s["rows_read"] / s["seconds"]),
        "rejected": s["rejected"],
    }
    print("ingest parquet", json.dumps(res["ingest_parquet"]), flush=True)

    t = time.perf_counter()
    run = engines.run(root / "big.duckdb", "duckdb")
    att_rows = big["rows"]["attendance"]
    res["duckdb"] = {
        "attendance_rows": att_rows,
        "indicator_seconds": run["seconds"],
        "run_seconds_incl_saving": round(time.perf_counter() - t, 1),
        "warnings": run["by_level"],
        "rows_per_s": round(att_rows / run["seconds"]),
        "target_s": 60,
        "met": run["seconds"] < 60,
    }
    print("duckdb", json.dumps(res["duckdb"]), flush=True)

    q = quality.evaluate(root / "big.duckdb", root / "big" / "truth.csv")
    res["quality"] = {k: q[k] for k in ("planted", "flagged", "found", "recall", "precision")}
    print("quality", json.dumps(res["quality"]), flush=True)

    values, read_s, comp_s, rows = pandas_indicators(root / "big", args.slice, pd.Timestamp(run["as_of"]))
    pandas_rps = rows / comp_s
    res["pandas"] = {
        "slice_workers": args.slice,
        "attendance_rows": rows,
        "read_seconds": round(read_s, 2),
        "compute_seconds": round(comp_s, 2),
        "rows_per_s": round(pandas_rps),
        "speed_ratio_duckdb_vs_pandas": round(res["duckdb"]["rows_per_s"] / pandas_rps, 1),
        "speed_ratio_incl_pandas_read": round(res["duckdb"]["rows_per_s"] / (rows / (comp_s + read_s)), 1),
        "target_ratio": 10,
    }
    # the two agree on the projects wholly inside the slice
    con = duckdb.connect(str(root / "big.duckdb"), read_only=True)
    inside = (
        con.execute(
            "SELECT project_id FROM project_worker GROUP BY project_id HAVING max(worker_id) <= ?",
            [args.slice],
        )
        .df()
        .project_id
    )
    duck = con.execute(
        "SELECT project_id, CAST(replace(month, '-', '') AS INT) AS ym, code, value "
        "FROM arrears_indicator_value"
    ).df()
    con.close()
    long = values.melt(id_vars=["project_id", "ym"], var_name="code", value_name="pandas")
    both = long[long.project_id.isin(inside)].merge(duck, on=["project_id", "ym", "code"])
    res["pandas"]["agrees_with_duckdb"] = bool(
        len(both) > 0 and ((both.pandas.round(6) - both.value).abs() < 1e-6).all()
    )
    res["pandas"]["values_compared"] = len(both)
    print("pandas", json.dumps(res["pandas"]), flush=True)

    res["load_average_end"] = _load()
    (root.parent / "arrears-result.json").write_text(
        json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print(json.dumps(res, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
