"""Benchmarks of the contribution planner (issue 3), each figure printed beside its target.

1. ``plan-batch`` over N synthetic Fujian households (default 1,000,000; target < 120 s),
   end to end (read Parquet, validate, plan, write Parquet): profiles/s, and the ratio to
   planning a sample one household at a time with :func:`renshe.planner.explain.plan`.
2. ``POST /api/v1/plan`` under C concurrent clients (default 50) on loopback against gunicorn
   started as ``renshe serve`` starts it (4 workers × 4 threads on this 2-core machine):
   p50/p99 latency and errors (target p99 < 100 ms, 0 errors).

    python -m bench.planner [--rows N] [--sample S] [--clients C] [--requests R] [--skip-batch|--skip-api]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from renshe.planner import batch
from renshe.planner.explain import plan
from renshe.planner.models import Profile
from renshe.planner.synthetic import profiles

ROOT = Path(__file__).resolve().parents[1]


def bench_batch(rows: int, sample: int) -> dict:
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "profiles.parquet", Path(tmp) / "plans.parquet"
        df = profiles(rows, seed=42, today=today)
        df.to_parquet(src, index=False)
        t = time.perf_counter()
        summary = batch.run(src, dst, show_progress=False)
        batch_s = time.perf_counter() - t
    one = df.head(sample)
    t = time.perf_counter()
    for r in one.itertuples(index=False):
        deps = [{"relation": "child"}] * int(r.children) + [{"relation": "elder"}] * int(r.elders)
        plan(
            Profile(
                birth=r.birth, category=r.category, region=r.region, employment=r.employment,
                monthly_income=float(r.monthly_income), monthly_debt_payments=float(r.monthly_debt_payments),
                dependents=deps, paid_months=int(r.paid_months), account_balance=float(r.account_balance), as_of=today,
            )
        )
    single_s = (time.perf_counter() - t) / sample
    rate = rows / batch_s
    return {
        "rows": rows,
        "seconds": round(batch_s, 1),
        "profiles_per_s": round(rate),
        "single_ms": round(single_s * 1000, 2),
        "speedup_vs_single": round(rate * single_s, 1),
        "summary": summary,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_api(clients: int, requests: int) -> dict:
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "renshe.platform.settings.dev", "DEBUG": "0", "LOG_LEVEL": "WARNING"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    workers = max(2, (os.cpu_count() or 1) * 2)  # as `renshe serve` starts it
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "renshe.platform.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", "4", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                c.request("GET", "/api/v1/health")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        bodies = [
            json.dumps(
                {
                    "birth": f"{1966 + i % 38}-{i % 12 + 1:02d}",
                    "category": ("male_60", "female_55", "female_50")[i % 3],
                    "employment": ("employee", "flexible", "unemployed", "rural_resident")[i % 4],
                    "region": "fujian.fuzhou",
                    "monthly_income": 3000 + 250 * (i % 40),
                    "monthly_debt_payments": 300 * (i % 5),
                    "dependents": [{"relation": "child"}] * (i % 3),
                    "paid_months": min(12 * (i % 15), 12 * (2026 - (1966 + i % 38) - 16)),
                }
            ).encode()
            for i in range(200)
        ]
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()

        def client(k: int, count: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            for j in range(count):
                body = bodies[(k * count + j) % len(bodies)]
                t = time.perf_counter()
                try:
                    conn.request("POST", "/api/v1/plan", body=body, headers={"Content-Type": "application/json"})
                    r = conn.getresponse()
                    r.read()
                    ok = r.status == 200
                except OSError:
                    ok = False
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                dt_ms = (time.perf_counter() - t) * 1000
                with lock:
                    latencies.append(dt_ms)
                    errors[0] += 0 if ok else 1

        def run(count: int) -> float:
            threads = [threading.Thread(target=client, args=(k, count)) for k in range(clients)]
            t0 = time.perf_counter()
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            return time.perf_counter() - t0

        # Warm every worker (Django loads the URLs and the planner on a worker's first request),
        # then measure from scratch.
        run(4)
        # Service time with no queueing: one client, one request at a time.
        latencies.clear()
        client(0, 100)
        alone = statistics.quantiles(sorted(latencies), n=100)
        latencies.clear()
        errors[0] = 0
        wall = run(requests // clients)
        latencies.sort()
        q = statistics.quantiles(latencies, n=100)
        return {
            "single_client_p50_ms": round(alone[49], 1),
            "single_client_p99_ms": round(alone[98], 1),
            "clients": clients,
            "requests": len(latencies),
            "p50_ms": round(q[49], 1),
            "p99_ms": round(q[98], 1),
            "errors": errors[0],
            "requests_per_s": round(len(latencies) / wall, 1),
            "workers": workers,
        }
    finally:
        server.terminate()
        server.wait(10)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--skip-api", action="store_true")
    args = ap.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if not args.skip_batch:
        b = bench_batch(args.rows, args.sample)
        print(
            f"plan-batch  {b['rows']:,} profiles in {b['seconds']} s  (target < 120 s for 1,000,000: "
            f"{'met' if b['seconds'] < 120 * b['rows'] / 1_000_000 else 'MISSED'})"
        )
        print(f"            {b['profiles_per_s']:,} profiles/s; one at a time {b['single_ms']} ms each "
              f"→ batch is {b['speedup_vs_single']}× faster")
        print(f"            {json.dumps(b['summary'], ensure_ascii=False)}")
    if not args.skip_api:
        a = bench_api(args.clients, args.requests)
        print(
            f"POST /api/v1/plan  {a['clients']} clients, {a['requests']} requests, gunicorn {a['workers']}×4: "
            f"p50 {a['p50_ms']} ms, p99 {a['p99_ms']} ms (target < 100 ms: {'met' if a['p99_ms'] < 100 else 'MISSED'}), "
            f"errors {a['errors']} (target 0), {a['requests_per_s']} req/s"
        )
        print(f"            one client alone: p50 {a['single_client_p50_ms']} ms, p99 {a['single_client_p99_ms']} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
