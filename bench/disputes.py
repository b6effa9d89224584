"""Benchmark: ``dispute-claims`` over 100,000 element sets at once versus one at a time.

Run: ``python -m bench.disputes [--n 100000] [--sample 2000] [--seed 7]``.

The array path sends ``--n`` synthetic element sets (renshe.disputes.core.synthetic) through
:func:`renshe.rules.labour.claims_array.claims_population` at once (parameter look-ups
included). The loop path sends a sample of ``--sample`` of the same sets one at a time through
the calculator as the CLI and the API call it (``calculators.run``: validation, the existing
calculators with their traces, limitation and finality), and its time is extrapolated to
``--n``. Target (issue 14): the array path at least 50 times the loop's rate.
"""

from __future__ import annotations

import argparse
import time

from renshe.disputes.core import synthetic
from renshe.rules import calculators
from renshe.rules.labour.claims_array import claims_population

RATIO_TARGET = 50.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=2_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    cols = synthetic.elements(args.n, seed=args.seed)
    claims_population(synthetic.elements(50, seed=args.seed + 1))  # warm the parameter cache, as a server would

    start = time.perf_counter()
    out = claims_population(cols)
    array_s = time.perf_counter() - start

    payloads = [synthetic.payload(cols, i) for i in range(args.sample)]
    run = calculators.get("dispute-claims").run
    start = time.perf_counter()
    for p in payloads:
        run(p)
    loop_s = time.perf_counter() - start

    array_rate, loop_rate = args.n / array_s, args.sample / loop_s
    ratio = array_rate / loop_rate
    claims = sum(int((a > 0).sum()) for a in out["amount"].values())
    print("dispute-claims")
    print(f"  array path : {args.n:>9,} element sets ({claims:,} claims) in {array_s:8.3f} s = {array_rate:>12,.0f} sets/s")
    print(
        f"  loop path  : {args.sample:>9,} element sets in {loop_s:8.3f} s = {loop_rate:>12,.0f} sets/s "
        f"(extrapolated to {args.n:,}: {args.n / loop_rate:,.1f} s)"
    )
    print(f"  ratio      : {ratio:,.0f}×")
    ok = ratio >= RATIO_TARGET
    print(f"  target: array ≥ {RATIO_TARGET:g}× the loop ... {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
