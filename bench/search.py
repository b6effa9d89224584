"""Search benchmark: recall@5, MRR and p95 latency on each question set, beside the targets.

Run: ``python -m bench.search [--repeat N]``. Three sets: the project's own (questions.yaml), the
tuning part of the colloquial set (questions_tuning.yaml) and its held-out part
(questions_heldout.yaml, never tuned on; issue 17 §4 targets recall@5 ≥ 0.95, MRR ≥ 0.8 there).
Each line shows today's search (word-level BM25 with synonyms and the 常见问法 aliases, fused with a
character-level BM25) beside the baseline it replaced (word-level BM25 with synonym expansion alone),
so the gain is read in one run. Latency is one query over the whole
library (every article wording of every document), index already built, measured per query.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from renshe.knowledge.core import quality, search

TARGET_P95_MS = 20.0
SETS = (
    ("project", quality.QUESTIONS_FILE, quality.TARGET_RECALL_AT_5, quality.TARGET_MRR),
    ("tuning", quality.TUNING_FILE, quality.HELDOUT_TARGET_RECALL_AT_5, quality.HELDOUT_TARGET_MRR),
    ("held-out", quality.HELDOUT_FILE, quality.HELDOUT_TARGET_RECALL_AT_5, quality.HELDOUT_TARGET_MRR),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the question sets for latency")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    index = search.default_index()
    build_s = time.perf_counter() - t0
    # the search before issue 17: word-level BM25 with synonym expansion only (no character-level
    # score, no 常见问法 aliases; the synonym and number fixes are shared)
    baseline = search.SearchIndex(search.library(), search.synonyms()).variant(char_weight=0.0)
    print(f"entries {len(index.entries)}  index build {build_s:.2f} s")
    ok = True
    everything = []
    for name, path, t_recall, t_mrr in SETS:
        items = quality.questions(path)
        everything += items
        q, b = quality.evaluate(index, items), quality.evaluate(baseline, items)
        print(
            f"{name:9s} n={len(items):3d}  recall@5 {q.recall_at_5:.3f} (baseline {b.recall_at_5:.3f}, target ≥ {t_recall})"
            f"   MRR {q.mrr:.3f} (baseline {b.mrr:.3f}, target ≥ {t_mrr})"
        )
        if name != "tuning":
            ok &= q.recall_at_5 >= t_recall and q.mrr >= t_mrr
    times = {"hybrid": [], "baseline": []}
    for _ in range(args.repeat):
        for item in everything:
            for label, idx in (("hybrid", index), ("baseline", baseline)):
                t = time.perf_counter()
                idx.search(item.q, limit=10)
                times[label].append((time.perf_counter() - t) * 1000)
    p95 = float(np.percentile(times["hybrid"], 95))
    base95 = float(np.percentile(times["baseline"], 95))
    print(
        f"p95       {p95:.2f} ms (baseline {base95:.2f} ms, ratio {p95 / base95:.2f})   target < {TARGET_P95_MS} ms"
        f"   (median {np.median(times['hybrid']):.2f} ms)"
    )
    return 0 if ok and p95 < TARGET_P95_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
