"""Benchmark of wage-arrears monitoring at province scale (issues 5 and 19): run once, prints the figures.

    PYTHONPATH=. .venv/bin/python bench/arrears.py [--workers 1000000] [--days 365]
    scripts/spark-cluster run .venv/bin/python bench/arrears.py ...   # with the Spark figures

1. ``demo-data`` for ``--workers`` × ``--days`` (Parquet), split by arrival date into the year
   but its last month and the last month (:mod:`renshe.arrears.core.arrival`);
2. checked ingestion (every row through the checks of ``renshe arrears ingest``) of both, rows/s;
3. the 16 indicators and warnings on DuckDB over the Parquet store, each run in its own process
   so its peak memory (ru_maxrss) is its own: the year but its last month, then the month added
   as a month-incremental run, then the whole year recomputed — the ratio of the two is the
   incremental speed-up (target ≥ 10×), and the two must publish identical warnings. Times:
   ``run_seconds`` is the whole run (plan, read, compute, warnings, publish; the headline
   ratio), ``seconds`` the computation alone, ``wall_seconds`` the process with its start-up;
4. with ``SPARK_MASTER`` set (the local standalone cluster), the same full run on Spark: time
   and whether its warnings are identical to DuckDB's;
5. recall and precision at orange+red against the planted cases;
6. the attendance-driven indicators in pandas over the first ``--slice`` workers, against
   DuckDB's rows/s (issue 5's ratio).
The machine's load average is printed with the figures: other jobs share its 2 cores.
A year of the whole province (10^6 workers) is ``bench/arrears_province.py``: checked ingestion
of ~340 M rows would take longer than the runs it feeds, so it writes the store directly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from renshe.arrears.core import arrival, demo, ingest, lake, published, quality, warnings

RENSHE = str(Path(sys.executable).parent / "renshe")


def pandas_indicators(src: Path, upto: int, as_of: pd.Timestamp) -> tuple[pd.DataFrame, float, float, int]:
    """Seven indicators of workers 1..upto in pandas: (values, read s, compute s, attendance rows)."""
    t = time.perf_counter()
    att = pq.read_table(src / "attendance.parquet", filters=[("worker_id", "<=", upto)]).to_pandas(date_as_object=False)
    pay = pq.read_table(src / "payroll.parquet", filters=[("worker_id", "<=", upto)]).to_pandas(date_as_object=False)
    pw = pd.read_csv(src / "project_worker.csv")
    pw = pw[pw.worker_id <= upto]
    po = pd.read_csv(src / "project_org.csv")
    proj = pd.read_csv(src / "project.csv", usecols=["project_id", "pay_day"])
    read_s = time.perf_counter() - t

    t = time.perf_counter()
    att["ym"] = att.work_date.dt.year * 100 + att.work_date.dt.month
    aw = att.groupby(["project_id", "worker_id", "ym"], sort=False).agg(
        att_days=("hours", "size"), last_d=("work_date", "max")).reset_index()
    pay["ym"] = pay.month.str.replace("-", "").astype(int)
    pay = pay[pay.paid_date <= as_of]
    pyw = pay.groupby(["project_id", "worker_id", "ym"], sort=False).agg(
        paid_days=("days", "sum"), gross=("gross", "sum"), paid_d=("paid_date", "max")).reset_index()
    pw = pw.merge(po[["project_id", "org_id", "depth"]], on=["project_id", "org_id"], how="left")
    wm = aw.merge(pw, on=["project_id", "worker_id"]).merge(pyw, on=["project_id", "worker_id", "ym"], how="left")
    wm["expected"] = wm.att_days * wm.daily_wage
    wm["unpaid"] = wm.paid_days.isna()
    wm["no_contract"] = ~wm.has_contract.astype(bool)
    wm["unpaid_depth"] = wm.depth.fillna(1).where(wm.unpaid, 0)
    pm = wm.groupby(["project_id", "ym"], sort=False).agg(
        workers=("worker_id", "size"), att_days=("att_days", "sum"), expected=("expected", "sum"),
        no_contract=("no_contract", "sum"), unpaid=("unpaid", "sum"),
        unpaid_depth=("unpaid_depth", "max"), paid_days=("paid_days", "sum"), gross=("gross", "sum"),
        last_att=("last_d", "max"), last_paid=("paid_d", "max")).reset_index()
    pm = pm.merge(proj, on="project_id")
    nxt = pd.to_datetime((pm.ym // 100).astype(str) + "-" + (pm.ym % 100).astype(str) + "-01") + pd.offsets.MonthBegin(1)
    due = nxt + pd.to_timedelta(pm.pay_day - 1, unit="D")
    month_end = (nxt - pd.Timedelta(days=1)).clip(upper=as_of)
    out = pd.DataFrame({
        "project_id": pm.project_id, "ym": pm.ym,
        "payroll_days_late": ((pm.last_paid - due).dt.days.clip(lower=0)).fillna((as_of - due).dt.days),
        "pay_coverage": pm.gross / pm.expected,
        "paid_days_ratio": pm.paid_days / pm.att_days,
        "unpaid_worker_share": pm.unpaid / pm.workers,
        "unpaid_chain_depth": pm.unpaid_depth,
        "no_contract_share": pm.no_contract / pm.workers,
        "attendance_gap_days": (month_end.clip(upper=att.work_date.max()) - pm.last_att).dt.days,
    })
    return out, read_s, time.perf_counter() - t, len(att)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _hwm_mb(pid: int) -> int | None:
    """The process's peak resident memory so far (VmHWM), in MB; reset by exec, unlike ru_maxrss."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        return None
    return None


def run_in_process(store: Path, as_of: str, *extra: str) -> dict:
    """``renshe arrears run`` in a child process: its JSON summary, wall seconds and its own peak
    resident memory in MB (VmHWM, sampled every 0.1 s; a Spark run's driver and JVMs are further
    processes, not counted)."""
    t = time.perf_counter()
    peak = 0
    with open(store.parent / "run.out", "w+") as out, open(store.parent / "run.err", "w+") as err:
        p = subprocess.Popen([RENSHE, "arrears", "run", "--store", str(store), "--as-of", as_of, *extra],
                             stdout=out, stderr=err, text=True)
        while p.poll() is None:
            peak = max(peak, _hwm_mb(p.pid) or 0)
            time.sleep(0.1)
        out.seek(0)
        err.seek(0)
        if p.returncode:
            raise SystemExit(f"run failed: {err.read()[-2000:]}")
        summary = json.loads(out.read())
    return {**summary, "wall_seconds": round(time.perf_counter() - t, 1), "peak_rss_mb": peak}


def _warnings(store: Path) -> list[tuple]:
    return [(w["warning_id"], w["level"], w["score"], json.dumps(w["indicators"], sort_keys=True))
            for w in warnings.read(store)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=1_000_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--start", default="2025-01-01")
    ap.add_argument("--slice", type=int, default=100_000)
    ap.add_argument("--dir", default="var/bench/arrears")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    root = Path(args.dir)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    res: dict = {"load_average_start": _load(), "cores": os.cpu_count()}

    t = time.perf_counter()
    big = demo.generate(root / "src", args.workers, args.days, args.seed, dt.date.fromisoformat(args.start), "parquet")
    res["generate"] = {"workers": args.workers, "days": args.days, "rows": big["rows"],
                       "seconds": round(time.perf_counter() - t, 1)}
    print("generated", json.dumps(res["generate"]), flush=True)
    months = sorted({f"{(dt.date.fromisoformat(args.start) + dt.timedelta(days=i)):%Y-%m}" for i in range(args.days)})
    last_y, last_m = map(int, months[-1].split("-"))
    cut = dt.date(last_y, last_m, 1) - dt.timedelta(days=1)  # the end of the month before the last
    t = time.perf_counter()
    split = arrival.split(root / "src", root / "first", root / "last", cut)
    res["split"] = {"cut": cut.isoformat(), "seconds": round(time.perf_counter() - t, 1),
                    "attendance_rows": split["attendance"]}

    store = root / "lake"
    for name in ("first", "last"):
        s = ingest.ingest(root / name, store, root / f"{name}-rejects.csv")
        res[f"ingest_{name}"] = {"rows": s["rows_read"], "seconds": s["seconds"],
                                 "rows_per_s": round(s["rows_read"] / max(s["seconds"], 1e-9)),
                                 "rejected": s["rejected"], "lake_version": s["version"]}
        print("ingest", name, json.dumps(res[f"ingest_{name}"]), flush=True)
        if name == "first":
            res["duckdb_year_but_last_month"] = run_in_process(store, cut.isoformat())
            print("duckdb first", json.dumps(res["duckdb_year_but_last_month"]), flush=True)
    as_of = big["as_of"]
    inc = run_in_process(store, as_of, "--incremental")
    inc_warnings = _warnings(store)
    full = run_in_process(store, as_of)
    full_warnings = _warnings(store)
    att = lake.Lake(store).snapshot().rows("attendance")
    keep = ("seconds", "run_seconds", "wall_seconds", "peak_rss_mb", "warnings", "by_level", "months_computed",
            "attendance_months_read")
    res["duckdb_full_year"] = {**{k: full[k] for k in keep}, "attendance_rows": att,
                               "rows_per_s": round(att / full["seconds"]), "target_s": 60,
                               "met": full["seconds"] < 60, "memory_target_mb": 8192}
    res["duckdb_incremental_month"] = {**{k: inc[k] for k in keep},
                                       "full_run_seconds": full["run_seconds"],
                                       "speedup_vs_full": round(full["run_seconds"] / inc["run_seconds"], 1),
                                       "speedup_compute": round(full["seconds"] / inc["seconds"], 1),
                                       "speedup_wall": round(full["wall_seconds"] / inc["wall_seconds"], 1),
                                       "target_speedup": 10,
                                       "identical_warnings_to_full": inc_warnings == full_warnings}
    print("duckdb full", json.dumps(res["duckdb_full_year"]), flush=True)
    print("duckdb incremental", json.dumps(res["duckdb_incremental_month"]), flush=True)

    if os.environ.get("SPARK_MASTER"):
        sp = run_in_process(store, as_of, "--engine", "spark")
        res["spark_full_year"] = {**{k: sp[k] for k in ("seconds", "wall_seconds", "warnings", "by_level")},
                                  "master": os.environ["SPARK_MASTER"],
                                  "ratio_to_duckdb": round(sp["seconds"] / full["seconds"], 1),
                                  "identical_warnings_to_duckdb": _warnings(store) == full_warnings}
        print("spark", json.dumps(res["spark_full_year"]), flush=True)
        run_in_process(store, as_of)  # leave DuckDB's run published for what follows

    q = quality.evaluate(store, root / "src" / "truth.csv")
    res["quality"] = {k: q[k] for k in ("planted", "flagged", "found", "recall", "precision")}
    print("quality", json.dumps(res["quality"]), flush=True)

    values, read_s, comp_s, rows = pandas_indicators(root / "src", args.slice, pd.Timestamp(as_of))
    pandas_rps = rows / comp_s
    duck_rps = res["duckdb_full_year"]["rows_per_s"]
    res["pandas"] = {"slice_workers": args.slice, "attendance_rows": rows, "read_seconds": round(read_s, 2),
                     "compute_seconds": round(comp_s, 2), "rows_per_s": round(pandas_rps),
                     "speed_ratio_duckdb_vs_pandas": round(duck_rps / pandas_rps, 1), "target_ratio": 10}
    lk = lake.Lake(store)
    duck = published.frame(lk, published.current(lk), "values")
    duck = duck.assign(ym=duck.month.str.replace("-", "").astype(int))[["project_id", "ym", "code", "value"]]
    pw = pd.read_parquet(root / "first" / "project_worker.parquet", columns=["project_id", "worker_id"])
    pw = pw.astype({"project_id": "int64", "worker_id": "int64"})
    inside = pw.groupby("project_id").worker_id.max().loc[lambda s: s <= args.slice].index
    long = values.melt(id_vars=["project_id", "ym"], var_name="code", value_name="pandas")
    both = long[long.project_id.isin(inside)].merge(duck, on=["project_id", "ym", "code"])
    res["pandas"]["agrees_with_duckdb"] = bool(len(both) > 0 and ((both.pandas.round(6) - both.value).abs() < 1e-6).all())
    res["pandas"]["values_compared"] = len(both)
    print("pandas", json.dumps(res["pandas"]), flush=True)

    res["load_average_end"] = _load()
    (root.parent / "arrears-result.json").write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(res, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
