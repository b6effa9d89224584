"""Benchmark of wage-arrears monitoring on a province's year (issue 19): run once, prints the figures.

    PYTHONPATH=. .venv/bin/python bench/arrears_province.py [--workers 1000000] [--days 365] \
        [--dir /work/lake-data/province] [--reuse] [--slice-workers 50000]
    scripts/spark-cluster run .venv/bin/python bench/arrears_province.py ... --spark   # adds Spark

Checked ingestion runs at about a million rows a second here, so pushing a year of a
province (≈ 340 M attendance rows) through it would take longer than the runs it feeds;
this bench therefore writes the generated province into the store directly, as an ingest
would lay it out (the same month partitions and commit log; rows in the generator's key
order, a few sorted runs per file, where an ingest sorts each file whole): one
commit with everything that has arrived by the end of the year's last month but one, a
second with the last month (:mod:`renshe.arrears.core.arrival`'s dates). The rate of the
checked ingestion is measured beside it, on a slice (``--slice-workers`` × the same days).

Then, each run in its own process (its peak memory is its own), like ``bench/arrears.py``:
the year but its last month (as of that month's end), the last month added as a
month-incremental run, the whole year recomputed (target under 60 s and 8 GB; the ratio of
the two runs is the incremental speed-up, target ≥ 10×, with identical warnings) and, with
``--spark`` and ``SPARK_MASTER`` set, the whole year on Spark with its warnings compared to
DuckDB's. The store is left in ``--dir`` (outside git); ``--reuse`` runs on it again
(the first run reads the store's first version: ``renshe arrears run --lake-version 1``).
The machine's load average is printed with the figures: other jobs share its 2 cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path

from bench.arrears import _load, _warnings, run_in_process
from renshe.arrears.core import arrival, demo, ingest, lake
from renshe.arrears.core.schema import BY_NAME, SQL_TYPES


def write_commit(src: Path, store: Path, cut: dt.date, label: str) -> dict:
    """One commit of the generated tables of ``src`` into ``store``: ``first`` the rows arrived by
    ``cut`` and the reference tables, ``last`` the rest. Rows are checked already (the generator's)
    and come in key order, so they stream into their month partitions unsorted and uncopied."""
    cond = "<=" if label == "first" else ">"
    con = ingest.work_connection()
    t = time.perf_counter()
    rows = 0
    try:
        with lake.Lake(store).writer(f"bench generator {label}") as w:
            for f in sorted(src.glob("*.csv")) + sorted(src.glob("*.parquet")):
                table = BY_NAME.get(f.name.split(".")[0])
                if table is None or (label == "last" and table.name not in arrival.ARRIVES):
                    continue
                cols = ", ".join(f"CAST({c.name} AS {SQL_TYPES[c.kind]}) AS {c.name}" for c in table.columns)
                read = f"read_parquet('{f}')" if f.suffix == ".parquet" else f"read_csv('{f}', all_varchar = true)"
                where = (f" WHERE CAST({arrival.ARRIVES[table.name]} AS DATE) {cond} DATE '{cut}'"
                         if table.name in arrival.ARRIVES else "")
                before = len(w.added)
                ingest.append_rows(con, w, table, f"SELECT {cols} FROM {read}{where}",
                                   in_key_order=table.name == "attendance")
                rows += sum(a["rows"] for a in w.added[before:])
            version = w.commit()
    finally:
        con.close()
    s = time.perf_counter() - t
    out = {"version": version, "rows": rows, "seconds": round(s, 1), "rows_per_s": round(rows / s)}
    print("lake", label, json.dumps(out), flush=True)
    return out


def spark_vs_duckdb(store: Path, as_of: str, res: dict, full: dict | None = None,
                    full_warnings: list | None = None) -> None:
    """The whole year on the Spark cluster of ``SPARK_MASTER``, beside DuckDB's (run first if not given)."""
    if full is None:
        full = run_in_process(store, as_of)
        full_warnings = _warnings(store)
        print("duckdb full", json.dumps({k: full[k] for k in ("seconds", "run_seconds", "peak_rss_mb", "warnings")}),
              flush=True)
    sp = run_in_process(store, as_of, "--engine", "spark")
    res["spark_full_year"] = {**{k: sp[k] for k in ("seconds", "run_seconds", "wall_seconds", "warnings")},
                              "attendance_rows": res["store"]["attendance_rows"],
                              "master": os.environ["SPARK_MASTER"], "duckdb_run_seconds": full["run_seconds"],
                              "ratio_to_duckdb": round(sp["run_seconds"] / full["run_seconds"], 1),
                              "identical_warnings_to_duckdb": _warnings(store) == full_warnings,
                              "load_average": _load()}
    print("spark", json.dumps(res["spark_full_year"]), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=1_000_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--start", default="2025-01-01")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", default="/work/lake-data/province")
    ap.add_argument("--reuse", action="store_true", help="run on the store left by an earlier run")
    ap.add_argument("--slice-workers", type=int, default=50_000)
    ap.add_argument("--spark", action="store_true", help="the whole year on Spark too (SPARK_MASTER)")
    ap.add_argument("--spark-only", action="store_true",
                    help="with --reuse: only the whole year on DuckDB and on Spark (SPARK_MASTER)")
    args = ap.parse_args()
    root = Path(args.dir)
    store = root / "lake"
    res: dict = {"load_average_start": _load(), "cores": os.cpu_count()}
    start = dt.date.fromisoformat(args.start)
    last = start + dt.timedelta(days=args.days - 1)
    cut = dt.date(last.year, last.month, 1) - dt.timedelta(days=1)  # the end of the month before the last
    if not args.reuse:
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        t = time.perf_counter()
        big = demo.generate(root / "src", args.workers, args.days, args.seed, start, "parquet")
        res["generate"] = {"workers": args.workers, "days": args.days, "rows": big["rows"],
                           "seconds": round(time.perf_counter() - t, 1)}
        print("generated", json.dumps(res["generate"]), flush=True)
        (root / "as_of").write_text(big["as_of"])
        res["lake_first"] = write_commit(root / "src", store, cut, "first")
        res["lake_last"] = write_commit(root / "src", store, cut, "last")
    as_of = (root / "as_of").read_text().strip()
    snap = lake.Lake(store).snapshot()
    res["store"] = {"dir": str(store), "version": snap.version, "attendance_rows": snap.rows("attendance"),
                    "files": sum(len(v) for v in snap.files.values())}
    if args.spark_only:
        spark_vs_duckdb(store, as_of, res)
        return
    # the year but its last month: the store's first version, as of the end of that month
    res["duckdb_year_but_last_month"] = run_in_process(store, cut.isoformat(), "--lake-version", "1")
    print("duckdb first", json.dumps(res["duckdb_year_but_last_month"]), flush=True)
    inc = run_in_process(store, as_of, "--incremental")
    inc_warnings = _warnings(store)
    full = run_in_process(store, as_of)
    full_warnings = _warnings(store)
    keep = ("seconds", "run_seconds", "wall_seconds", "peak_rss_mb", "warnings", "by_level", "months_computed",
            "attendance_months_read")
    att = res["store"]["attendance_rows"]
    res["duckdb_full_year"] = {**{k: full[k] for k in keep}, "attendance_rows": att,
                               "rows_per_s": round(att / full["seconds"]), "target_s": 60,
                               "met": full["run_seconds"] < 60 and full["peak_rss_mb"] < 8192,
                               "memory_target_mb": 8192}
    print("duckdb full", json.dumps(res["duckdb_full_year"]), flush=True)
    res["duckdb_incremental_month"] = {**{k: inc[k] for k in keep}, "full_run_seconds": full["run_seconds"],
                                       "speedup_vs_full": round(full["run_seconds"] / inc["run_seconds"], 1),
                                       "speedup_compute": round(full["seconds"] / inc["seconds"], 1),
                                       "speedup_wall": round(full["wall_seconds"] / inc["wall_seconds"], 1),
                                       "target_speedup": 10,
                                       "identical_warnings_to_full": inc_warnings == full_warnings}
    print("duckdb incremental", json.dumps(res["duckdb_incremental_month"]), flush=True)

    if args.spark and os.environ.get("SPARK_MASTER"):
        spark_vs_duckdb(store, as_of, res, full, full_warnings)

    sl = root / "slice"
    shutil.rmtree(sl, ignore_errors=True)
    demo.generate(sl / "src", args.slice_workers, args.days, args.seed, start, "parquet")
    s = ingest.ingest(sl / "src", sl / "lake", sl / "rejects.csv")
    res["ingest_slice"] = {"workers": args.slice_workers, "days": args.days, "rows": s["rows_read"],
                           "seconds": s["seconds"], "rows_per_s": round(s["rows_read"] / max(s["seconds"], 1e-9)),
                           "rejected": s["rejected"]}
    print("ingest slice", json.dumps(res["ingest_slice"]), flush=True)
    shutil.rmtree(sl, ignore_errors=True)

    res["load_average_end"] = _load()
    (root / "result.json").write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(res, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
