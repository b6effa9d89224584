"""双随机 draw benchmark: 1,000,000 enterprises, 20,000 drawn, 500 inspectors (issue 16: < 5 s).

Run: ``python -m bench.inspections [--enterprises N] [--sample N] [--inspectors N]``.

Prints, in one run, three figures on the same synthetic register (10 cities, 14 items each
capped at 1 a year, 3 % excluded, 20 % already inspected on some item, conflicts on 1 % of
inspectors' lists):

- the vectorised draw on the register's columns (:func:`renshe.inspections.core.draw.draw_columns`);
- a naive draw, one Python loop over every enterprise dict (what one writes first);
- the whole contract path from the JSON-shaped input: checking, canonical order, the draw and
  the digest (:func:`renshe.inspections.core.draw_input.run`), which is what the CLI and API run.

Memory: the peak resident size of the process after each stage (``ru_maxrss``) and the
bytes of the register's columns. The parameter files are read before timing (a running
server has them already; reading all of them takes about a second).
"""

from __future__ import annotations

import argparse
import random
import resource
import time

import numpy as np

from renshe.inspections.core.draw import Register, Staff, draw_columns, min_inspectors
from renshe.inspections.core.draw_input import run

TARGET_S = 5.0
CITIES = ["福州", "厦门", "漳州", "泉州", "三明", "莆田", "南平", "龙岩", "宁德", "平潭"]
ITEMS = [f"R{k:02d}" for k in range(1, 15)]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic(n: int, inspectors: int, seed: int = 0) -> tuple[Register, Staff]:
    rng = np.random.default_rng(seed)
    ids = np.array([f"91350{i:013d}" for i in range(n)], dtype=object)
    city = np.array(CITIES, dtype=object)[rng.integers(0, len(CITIES), n)]
    excluded = rng.random(n) < 0.03
    counts = np.zeros((n, len(ITEMS)), dtype=np.int64)
    touched = np.flatnonzero(rng.random(n) < 0.2)
    counts[touched, rng.integers(0, len(ITEMS), len(touched))] = 1
    s_ids = np.array([f"S{j:04d}" for j in range(inspectors)], dtype=object)
    s_city = np.array(CITIES, dtype=object)[np.arange(inspectors) % len(CITIES)]
    conflicts = tuple(
        frozenset(ids[rng.integers(0, n, 5)].tolist()) if rng.random() < 0.01 else frozenset()
        for _ in range(inspectors)
    )
    return Register(ids, city, excluded, counts), Staff(s_ids, s_city, conflicts)


def as_contract(register: Register, staff: Staff, sample: dict[str, int]) -> dict:
    enterprises = [
        {"id": i, "city": c, "excluded": bool(x),
         "inspected": {ITEMS[k]: int(row[k]) for k in np.flatnonzero(row)}}
        for i, c, x, row in zip(register.ids, register.city, register.excluded, register.counts, strict=True)
    ]
    inspectors = [{"id": i, "city": c, "conflicts": sorted(cf)}
                  for i, c, cf in zip(staff.ids, staff.city, staff.conflicts, strict=True)]
    return {"seed": 2025, "items": [{"code": c, "cap": 1} for c in ITEMS], "enterprises": enterprises,
            "inspectors": inspectors, "sample": sample, "per_task": 2}


def naive(data: dict) -> list[dict]:
    """The first thing one writes: loop over every enterprise, then random.sample per city."""
    rnd = random.Random(data["seed"])
    caps = {it["code"]: it["cap"] for it in data["items"]}
    tasks = []
    for city, n in sorted(data["sample"].items()):
        pool = []
        for e in data["enterprises"]:
            if e["city"] != city or e["excluded"]:
                continue
            items = [c for c in caps if e["inspected"].get(c, 0) < caps[c]]
            if items:
                pool.append((e["id"], items))
        squad = [s for s in data["inspectors"] if s["city"] == city]
        for eid, items in rnd.sample(pool, n):
            free = [s["id"] for s in squad if eid not in s["conflicts"]]
            tasks.append({"enterprise": eid, "inspectors": rnd.sample(free, data["per_task"]), "items": items})
    return tasks


def _timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--enterprises", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--inspectors", type=int, default=500)
    args = parser.parse_args(argv)
    register, staff = synthetic(args.enterprises, args.inspectors)
    per_city = args.sample // len(CITIES)
    sample = {c: per_city + (1 if k < args.sample % len(CITIES) else 0) for k, c in enumerate(CITIES)}
    columns_mb = (register.counts.nbytes + register.excluded.nbytes + 2 * 8 * len(register.ids)) / 2**20
    print(f"register {len(register.ids):,} enterprises × {len(ITEMS)} items, {len(staff.ids)} inspectors, "
          f"drawing {sum(sample.values()):,}; columns {columns_mb:.0f} MB (+ the id strings)")
    min_inspectors()  # read the parameter files once, as a running server already has
    rss0 = _rss_mb()

    tasks, t_vec = _timed(draw_columns, 2025, register, staff, ITEMS, [1] * len(ITEMS), sample, 2)
    assert len(tasks) == sum(sample.values())
    rss1 = _rss_mb()
    data = as_contract(register, staff, sample)
    rss2 = _rss_mb()
    naive_tasks, t_naive = _timed(naive, data)
    assert len(naive_tasks) == len(tasks)
    result, t_full = _timed(run, data)
    assert len(result["tasks"]) == len(tasks)
    rss3 = _rss_mb()

    print(f"vectorised draw (columns)        {t_vec:6.2f} s   target < {TARGET_S} s")
    print(f"naive per-enterprise loop        {t_naive:6.2f} s   ({t_naive / t_vec:.1f}× the vectorised draw)")
    print(f"contract path: check+draw+digest {t_full:6.2f} s   ({t_full / t_vec:.1f}× the vectorised draw)")
    print(f"peak RSS: {rss0:.0f} MB with the register's columns, {rss1:.0f} MB after the draw, "
          f"{rss2:.0f} MB with the register as JSON-shaped dicts, {rss3:.0f} MB after the contract path")
    return 0 if t_vec < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
