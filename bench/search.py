"""Search benchmark: recall@5, MRR and p95 latency over the question set, beside the targets.

Run: ``python -m bench.search [--repeat N]``. Latency is one query over the whole library
(every article wording of every document), index already built, measured per query.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from renshe.knowledge import quality, search

TARGET_P95_MS = 20.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="passes over the question set for latency")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    index = search.default_index()
    build_s = time.perf_counter() - t0
    items = quality.questions()
    q = quality.evaluate(index, items)
    times = []
    for _ in range(args.repeat):
        for item in items:
            t = time.perf_counter()
            index.search(item.q, limit=10)
            times.append((time.perf_counter() - t) * 1000)
    p95 = float(np.percentile(times, 95))
    print(f"entries {len(index.entries)}  questions {len(items)}  index build {build_s:.2f} s")
    print(f"recall@5  {q.recall_at_5:.3f}   target ≥ {quality.TARGET_RECALL_AT_5}")
    print(f"MRR       {q.mrr:.3f}   target ≥ {quality.TARGET_MRR}")
    print(f"p95       {p95:.2f} ms   target < {TARGET_P95_MS} ms   (median {np.median(times):.2f} ms)")
    ok = q.recall_at_5 >= quality.TARGET_RECALL_AT_5 and q.mrr >= quality.TARGET_MRR and p95 < TARGET_P95_MS
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
