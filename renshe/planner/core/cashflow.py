"""Cash-flow arithmetic on monthly streams, vectorised: sums of growing streams, IRR, break-even.

Every option is two streams: contributions of ``c0`` a month growing by factor ``g`` a month
for ``n`` months from now, and a pension of ``p0`` a month growing by ``k`` a month for ``m``
months from month ``lag``. With those closed forms a million options cost a few array
operations, not a million loops. Pure numpy; no law lives here.
"""

from __future__ import annotations

import numpy as np


def geo(x: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Σ_{t=0}^{n-1} x^t, stable near x = 1 (then it is n)."""
    x = np.asarray(x, dtype=np.float64)
    n = np.asarray(n, dtype=np.float64)
    lx = np.log(x)
    near = np.abs(lx) < 1e-10
    safe = np.where(near, 1.0, x - 1.0)
    return np.where(near, n, np.expm1(n * lx) / safe)


def monthly(rate: np.ndarray | float) -> np.ndarray:
    """Annual rate → monthly growth factor, (1 + rate)^(1/12)."""
    return np.power(1.0 + np.asarray(rate, dtype=np.float64), 1.0 / 12.0)


def npv(
    rate: np.ndarray,
    c0: np.ndarray,
    g: np.ndarray,
    n: np.ndarray,
    flat: np.ndarray,
    p0: np.ndarray,
    k: np.ndarray,
    lag: np.ndarray,
    m: np.ndarray,
) -> np.ndarray:
    """Present value now of pension minus contributions at an annual discount ``rate``.

    Contributions: ``c0·g^t`` plus a flat ``flat`` a month for t = 0…n−1; pension:
    ``p0·k^j`` for j = 0…m−1 starting ``lag`` months from now.
    """
    d = monthly(rate)
    pension = p0 * np.power(d, -np.asarray(lag, dtype=np.float64)) * geo(k / d, m)
    cost = c0 * geo(g / d, n) + flat * geo(1.0 / d, n)
    return pension - cost


def _bracket(lo: np.ndarray, hi: np.ndarray, steps: int, args) -> tuple[np.ndarray, ...]:
    """Split each [lo, hi] into ``steps`` and return the sub-interval where the value first
    turns non-positive, with the values at its ends, and whether there was such a turn."""
    t = np.linspace(0.0, 1.0, steps + 1).reshape((-1,) + (1,) * lo.ndim)
    grid = lo + (hi - lo) * t
    f = npv(grid, *args)
    below = f <= 0
    ok = (f[0] > 0) & below.any(axis=0)
    i = np.maximum(np.argmax(below, axis=0), 1)[None, ...]
    pick = lambda x, j: np.take_along_axis(x, j, axis=0)[0]  # noqa: E731
    return pick(grid, i - 1), pick(grid, i), pick(f, i - 1), pick(f, i), ok


def irr(c0, g, n, flat, p0, k, lag, m, lo: float = -0.5, hi: float = 1.0, iters: int = 8) -> np.ndarray:
    """The annual rate at which :func:`npv` is zero, for whole arrays at once.

    Two grids of 12 (over [lo, hi], then inside the bracket found) locate the first root to
    about 0.01, then ``iters`` Illinois (modified regula falsi) steps refine it: a few array
    passes instead of dozens of bisections. NaN where nothing is paid, nothing is received, or
    the value does not change sign on [lo, hi].
    """
    args = np.broadcast_arrays(*(np.asarray(x, dtype=np.float64) for x in (c0, g, n, flat, p0, k, lag, m)))
    shape = args[0].shape
    a, b, _, _, ok = _bracket(np.full(shape, lo), np.full(shape, hi), 12, args)
    a, b, fa, fb, _ = _bracket(a, b, 12, args)
    for _ in range(iters):
        same = fb == fa
        c = np.where(same, (a + b) / 2.0, b - fb * (b - a) / np.where(same, 1.0, fb - fa))
        c = np.clip(c, lo, hi)  # rows without a root hold meaningless brackets; keep them finite
        fc = npv(c, *args)
        cross = np.sign(fc) != np.sign(fb)
        # Illinois: when the root stays on a's side, halve fa so the bracket also closes from there.
        a, fa = np.where(cross, b, a), np.where(cross, fb, fa / 2.0)
        b, fb = c, fc
    return np.where(ok, b, np.nan)


def break_even_months(total_cost: np.ndarray, p0: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Months of pension until the pension received (growing by ``k``) equals ``total_cost``.

    Solves p0·(k^m − 1)/(k − 1) = total_cost for m; NaN where no pension is paid.
    """
    total_cost = np.asarray(total_cost, dtype=np.float64)
    p0 = np.asarray(p0, dtype=np.float64)
    k = np.asarray(k, dtype=np.float64)
    lk = np.log(k)
    positive = p0 > 0
    p = np.where(positive, p0, 1.0)
    flat = np.abs(lk) < 1e-10
    grow = np.log1p(np.where(flat, 0.0, total_cost * (k - 1.0) / p)) / np.where(flat, 1.0, lk)
    months = np.where(flat, total_cost / p, grow)
    return np.where(positive & np.isfinite(months), months, np.nan)
