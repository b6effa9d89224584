"""Synthetic Fujian households for benchmarks and tests (reproducible from a seed).

The mix is illustrative, not statistics: ages 18–64, about half employees, a quarter
flexible workers, the rest unemployed or rural residents; incomes log-normal around the
provincial average wage; some rows may be deliberately broken (``bad``) to exercise the
row-level error reporting of ``plan-batch``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from renshe.planner.core.optimize import EMPLOYMENTS
from renshe.rules.regions import FUJIAN_CITIES
from renshe.rules.retirement import CATEGORIES


def profiles(n: int, seed: int = 0, today: dt.date | None = None, bad: float = 0.0) -> pd.DataFrame:
    """``n`` profile rows in the plan-batch layout (CONTRACTS.md)."""
    rng = np.random.default_rng(seed)
    today = today or dt.date.today()
    now = today.year * 12 + today.month - 1
    age = rng.integers(18 * 12, 64 * 12, n)
    birth = now - age
    emp = rng.choice(len(EMPLOYMENTS), n, p=[0.5, 0.25, 0.1, 0.15])
    income = np.round(np.exp(rng.normal(np.log(7000), 0.6, n)), 0)
    income[emp == 2] = np.round(income[emp == 2] * 0.3, 0)
    paid = (rng.uniform(0, 1, n) * np.maximum(age - 18 * 12, 0)).astype(np.int64)
    df = pd.DataFrame(
        {
            "id": [f"P{i:07d}" for i in range(n)],
            "birth": [f"{b // 12:04d}-{b % 12 + 1:02d}" for b in birth.tolist()],
            "category": np.array(CATEGORIES)[rng.choice(3, n, p=[0.5, 0.2, 0.3])],
            "region": np.array(["fujian", *FUJIAN_CITIES])[rng.integers(0, len(FUJIAN_CITIES) + 1, n)],
            "employment": np.array(EMPLOYMENTS)[emp],
            "monthly_income": income,
            "monthly_debt_payments": np.round(income * rng.uniform(0, 0.4, n), 0),
            "paid_months": paid,
            "account_balance": np.round(paid * income * 0.08 * rng.uniform(0.6, 1.2, n), 2),
            "children": rng.integers(0, 3, n),
            "elders": rng.integers(0, 3, n),
        }
    )
    if bad:
        broken = rng.uniform(0, 1, n) < bad
        df["birth"] = df["birth"].astype(object)
        df.loc[broken, "birth"] = "1990/13"
    return df
