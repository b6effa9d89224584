"""Peak memory of ``renshe plan-batch`` on a big CSV, streamed against the old whole-file read
(issue 13, item 6: a 19 MB CSV took the batch worker to 3.1 GB).

Each way runs in its own process on the same synthetic file: streamed (parts of
``batch.READ_ROWS`` rows, as in service) and the baseline, the whole file read and planned as
one part (what plan-batch did before). Printed: resident memory before the run (the modules and
the law loaded) and the peak during it, both in MB, and the seconds.

    python -m bench.plan_batch_memory [--rows N]     # default 300,000 households (about 25 MB)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from renshe.planner.core import batch
from renshe.planner.synthetic import profiles

ROOT = Path(__file__).resolve().parents[1]
_RUN = """
import json, sys, time
from pathlib import Path
from renshe.planner.core import batch

def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(key)) / 1024

batch.READ_ROWS = int(sys.argv[3])
batch.run(Path(sys.argv[4]), Path(sys.argv[2]), workers=1, show_progress=False)  # modules and the law loaded
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the peak starts again from here
before, t = status("VmRSS:"), time.perf_counter()
summary = batch.run(Path(sys.argv[1]), Path(sys.argv[2]), workers=1, show_progress=False)
print(json.dumps({"before_mb": round(before), "peak_mb": round(status("VmHWM:")),
                  "seconds": round(time.perf_counter() - t, 1), "rows": summary["rows"]}))
"""


def measure(src: Path, warm: Path, dst: Path, part_rows: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _RUN, str(src), str(dst), str(part_rows), str(warm)],
                         capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=300_000)
    args = ap.parse_args()
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as tmp:
        src, warm, dst = Path(tmp) / "in.csv", Path(tmp) / "warm.csv", Path(tmp) / "out.csv"
        profiles(args.rows, seed=42, today=today).to_csv(src, index=False)
        profiles(500, seed=1, today=today).to_csv(warm, index=False)
        print(f"{args.rows:,} households, {src.stat().st_size / 1_048_576:.0f} MB of CSV; load average {os.getloadavg()}")
        streamed = measure(src, warm, dst, batch.READ_ROWS)
        whole = measure(src, warm, dst, args.rows + 1)
    for name, r in ((f"streamed (parts of {batch.READ_ROWS:,})", streamed), ("baseline: whole file at once", whole)):
        print(f"{name:32} before {r['before_mb']:>5} MB  peak {r['peak_mb']:>5} MB  "
              f"(+{r['peak_mb'] - r['before_mb']} MB)  {r['seconds']} s")
    print(f"peak growth streamed / whole file: {(streamed['peak_mb'] - streamed['before_mb']) / max(1, whole['peak_mb'] - whole['before_mb']):.2f}")


if __name__ == "__main__":
    main()
