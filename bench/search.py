"""Search benchmark: recall@5, MRR and p95 latency on each question set, beside the targets.

Run: ``python -m bench.search [--repeat N] [--skip-heldout] [--tune]``. Three sets: the project's
own (questions.yaml), the tuning part of the colloquial set (questions_tuning.yaml) and its
held-out part (questions_heldout.yaml, never tuned on; issue 17 §4 targets recall@5 ≥ 0.95,
MRR ≥ 0.8 and p95 under 20 ms there). Each line shows three searches in one run:

- ``hybrid``: today's search — word-level BM25 with synonyms and the 常见问法 aliases, fused with a
  character-level BM25, and the e5 model's similarity (:mod:`renshe.knowledge.core.semantic`);
- ``lexical``: the same without the model (the search before the model was added);
- ``baseline``: word-level BM25 with synonym expansion alone (the search before issue 17).

Latency is one query over the whole library (every article wording of every document), index
already built and the model loaded, measured per query: every question is new to the model
(nothing is cached), so each pays its forward pass. ``--tune`` prints the grid the weight and the
floor were chosen from, on the tuning and project sets only (the held-out set is never used).
The machine's load average is printed beside: other jobs share its 2 cores.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from renshe.knowledge.core import quality, search

TARGET_P95_MS = 20.0
SETS = (
    ("project", quality.QUESTIONS_FILE, quality.TARGET_RECALL_AT_5, quality.TARGET_MRR),
    ("tuning", quality.TUNING_FILE, quality.HELDOUT_TARGET_RECALL_AT_5, quality.HELDOUT_TARGET_MRR),
    ("held-out", quality.HELDOUT_FILE, quality.HELDOUT_TARGET_RECALL_AT_5, quality.HELDOUT_TARGET_MRR),
)


def tune(index: search.SearchIndex) -> None:
    """The grid of semantic weight × floor on the sets one may tune on (never the held-out one)."""
    sets = [(name, quality.questions(path)) for name, path, _, _ in SETS if name != "held-out"]
    for weight in (0.0, 0.3, 0.4, 0.5, 0.6, 0.7):
        for floor in (0.8, 0.85, 0.88):
            v = index.variant(char_weight=index.char_weight, semantic_weight=weight, semantic_floor=floor)
            cells = []
            for name, items in sets:
                q = quality.evaluate(v, items)
                cells.append(f"{name} {q.recall_at_5:.3f}/{q.mrr:.3f}")
            print(f"weight {weight:.1f} floor {floor:.2f}   " + "   ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="passes over the question sets for latency")
    parser.add_argument("--skip-heldout", action="store_true", help="do not evaluate the held-out set")
    parser.add_argument("--tune", action="store_true", help="print the weight × floor grid, then stop")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    index = search.default_index()
    build_s = time.perf_counter() - t0
    index.search("劳动合同", limit=1)  # the model maps its weights on the first question
    if args.tune:
        tune(index)
        return 0
    lexical = index.variant(char_weight=index.char_weight, semantic_weight=0.0)
    baseline = index.variant(char_weight=0.0, semantic_weight=0.0)
    searches = (("hybrid", index), ("lexical", lexical), ("baseline", baseline))
    print(f"entries {len(index.entries)}  index build {build_s:.2f} s  load average {os.getloadavg()[0]:.1f}")
    ok = True
    everything = []
    for name, path, t_recall, t_mrr in SETS:
        if name == "held-out" and args.skip_heldout:
            continue
        items = quality.questions(path)
        everything += items
        cells = []
        for label, idx in searches:
            q = quality.evaluate(idx, items)
            cells.append(f"{label} {q.recall_at_5:.3f}/{q.mrr:.3f}")
            if label == "hybrid" and name != "tuning":
                ok &= q.recall_at_5 >= t_recall and q.mrr >= t_mrr
        print(f"{name:9s} n={len(items):3d}  recall@5/MRR  " + "   ".join(cells) + f"   (target ≥ {t_recall}/{t_mrr})")
    times: dict[str, list[float]] = {label: [] for label, _ in searches}
    for _ in range(args.repeat):
        for item in everything:
            for label, idx in searches:
                t = time.perf_counter()
                idx.search(item.q, limit=10)
                times[label].append((time.perf_counter() - t) * 1000)
    p95 = {label: float(np.percentile(ts, 95)) for label, ts in times.items()}
    print(
        "p95 ms    " + "   ".join(f"{label} {v:.2f}" for label, v in p95.items())
        + f"   (hybrid/baseline {p95['hybrid'] / p95['baseline']:.1f}×, target < {TARGET_P95_MS} ms;"
        f" hybrid median {np.median(times['hybrid']):.2f} ms; load average {os.getloadavg()[0]:.1f})"
    )
    return 0 if ok and p95["hybrid"] < TARGET_P95_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
