"""Batch benchmark: retirement-age and basic-pension on arrays versus one case at a time.

Run: ``python -m bench.calc_batch [--n 1000000] [--sample 20000] [--seed 7]``.

The array path sends ``--n`` random cases through :func:`retirement_core` and
:func:`pension_core` at once (reading the parameters included). The loop path sends a sample
of ``--sample`` cases one at a time through the calculator's Python path
(``calculators.run``: validation, parameter look-ups, the core on one element, the trace),
and its time is extrapolated to ``--n``. Targets: the array path under 1 s for 1,000,000
cases, and at least 50 times the loop's rate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections.abc import Callable

import numpy as np

from renshe.rules import calculators
from renshe.rules.pension import pension_core, pension_rules_on
from renshe.rules.retirement import (
    CATEGORIES,
    minimum_months,
    month_index,
    month_text,
    retirement_core,
    rules_on,
)

AS_OF = dt.date(2026, 11, 26)
ARRAY_TARGET_SECONDS = 1.0
RATIO_TARGET = 50.0


def retirement_inputs(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    birth = rng.integers(month_index("1955-01"), month_index("2005-12") + 1, n)
    return birth, rng.integers(0, len(CATEGORIES), n)


def pension_inputs(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    return {
        "calc_base": rng.uniform(6000, 9000, n).round(2),
        "avg_index": rng.uniform(0.6, 3.0, n).round(4),
        "contribution_months": rng.integers(60, 480, n),
        "deemed_months": rng.integers(0, 120, n),
        "account_balance": rng.uniform(0, 400000, n).round(2),
        "retire_age_months": rng.integers(600, 757, n),
        "transitional_coefficient": rng.uniform(0.01, 0.014, n).round(4),
        "retire_month": rng.integers(month_index("2025-01"), month_index("2045-12") + 1, n),
    }


def array_retirement(birth: np.ndarray, category: np.ndarray) -> None:
    retirement_core(birth, category, rules_on(AS_OF))


def array_pension(p: dict[str, np.ndarray]) -> None:
    pension_core(
        p["calc_base"],
        p["avg_index"],
        p["contribution_months"],
        p["deemed_months"],
        p["account_balance"],
        p["retire_age_months"],
        p["transitional_coefficient"],
        minimum_months(p["retire_month"]),
        pension_rules_on(AS_OF),
    )


def retirement_payloads(birth: np.ndarray, category: np.ndarray) -> list[dict]:
    return [
        {"birth": month_text(b), "category": CATEGORIES[c], "as_of": AS_OF.isoformat()}
        for b, c in zip(birth.tolist(), category.tolist(), strict=True)
    ]


def pension_payloads(p: dict[str, np.ndarray]) -> list[dict]:
    cols = {k: v.tolist() for k, v in p.items()}
    return [
        {
            "calc_base": cols["calc_base"][i],
            "avg_index": cols["avg_index"][i],
            "contribution_months": cols["contribution_months"][i],
            "deemed_months": cols["deemed_months"][i],
            "account_balance": cols["account_balance"][i],
            "retire_age": {
                "years": cols["retire_age_months"][i] // 12,
                "months": cols["retire_age_months"][i] % 12,
            },
            "transitional_coefficient": cols["transitional_coefficient"][i],
            "retire_month": month_text(cols["retire_month"][i]),
            "as_of": AS_OF.isoformat(),
        }
        for i in range(len(cols["calc_base"]))
    ]


def timed(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def loop(name: str, payloads: list[dict]) -> None:
    run = calculators.get(name).run
    for payload in payloads:
        run(payload)


def report(name: str, n: int, array_s: float, sample: int, loop_s: float) -> bool:
    array_rate = n / array_s
    loop_rate = sample / loop_s
    ratio = array_rate / loop_rate
    fast = (
        array_s < ARRAY_TARGET_SECONDS if n >= 1_000_000 else array_s * 1_000_000 / n < ARRAY_TARGET_SECONDS
    )
    enough = ratio >= RATIO_TARGET
    print(f"{name}")
    print(f"  array path : {n:>9,} cases in {array_s:8.3f} s = {array_rate:>14,.0f} cases/s")
    print(
        f"  loop path  : {sample:>9,} cases in {loop_s:8.3f} s = {loop_rate:>14,.0f} cases/s "
        f"(extrapolated to {n:,}: {n / loop_rate:,.1f} s)"
    )
    print(f"  ratio      : {ratio:,.0f}×")
    print(
        f"  target: array path over 1,000,000 cases < {ARRAY_TARGET_SECONDS:g} s ... {'PASS' if fast else 'FAIL'}"
    )
    print(f"  target: array ≥ {RATIO_TARGET:g}× the loop ... {'PASS' if enough else 'FAIL'}")
    return fast and enough


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    birth, category = retirement_inputs(rng, args.n)
    pension = pension_inputs(rng, args.n)
    array_retirement(birth[:10], category[:10])  # warm the parameter cache once, as a server would
    array_pension({k: v[:10] for k, v in pension.items()})

    ret_array = timed(lambda: array_retirement(birth, category))
    pen_array = timed(lambda: array_pension(pension))

    ret_payloads = retirement_payloads(birth[: args.sample], category[: args.sample])
    pen_payloads = pension_payloads({k: v[: args.sample] for k, v in pension.items()})
    ret_loop = timed(lambda: loop("retirement-age", ret_payloads))
    pen_loop = timed(lambda: loop("basic-pension", pen_payloads))

    ok = report("retirement-age", args.n, ret_array, args.sample, ret_loop)
    ok = report("basic-pension", args.n, pen_array, args.sample, pen_loop) and ok
    print("ALL PASS" if ok else "SOME TARGETS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
