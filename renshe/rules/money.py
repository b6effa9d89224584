"""Money in yuan, rounded half up to the fen, for one case or a whole array.

Results are rounded once, at the end of a rule, the way a 经办 clerk rounds a slip;
intermediate figures keep full precision.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

_FEN = Decimal("0.01")


def money(x: float) -> float:
    """Round to 2 decimals, halves away from zero (not banker's rounding)."""
    return float(Decimal(repr(float(x))).quantize(_FEN, rounding=ROUND_HALF_UP))


def money_array(a: np.ndarray) -> np.ndarray:
    """Vectorised :func:`money`; the tiny nudge absorbs binary-float error at .xx5."""
    a = np.asarray(a, dtype=np.float64)
    return np.sign(a) * np.floor(np.abs(a) * 100.0 + 0.5 + 1e-9) / 100.0
