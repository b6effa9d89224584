"""Reproducible synthetic dispute elements: columns for the array path, payloads for the one-case path.

Used by the benchmark (``bench/disputes.py``), the test that holds the two paths of
``dispute-claims`` to the same figures, and the demo year. Pure: numpy only.

The mix is plausible, not statistical: a worker hired 2019–2025 earning 2,500–30,000 a month,
most disputes after the employment ended (dismissals, art. 40 dismissals with and without notice,
negotiated exits, expiries), some still employed; a third without a written contract in time,
some months of wages unpaid, some overtime, leave and injury costs. Filing dates run from
2025-04-01, the first day the minimum-wage parameters cover every city.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from renshe.rules.labour.claims_array import TERMINATIONS

CITIES = (
    "fujian.fuzhou", "fujian.xiamen", "fujian.putian", "fujian.sanming", "fujian.quanzhou",
    "fujian.zhangzhou", "fujian.nanping", "fujian.longyan", "fujian.ningde", "fujian.pingtan",
)
#: a plausible 上年度职工月平均工资 per city, given explicitly (the parameter covers few city-years)
LOCAL_AVG = (9200.0, 10500.0, 7600.0, 7400.0, 8300.0, 7900.0, 7200.0, 7700.0, 7500.0, 8000.0)
FIRST_FILING = np.datetime64("2025-04-01")
_TERMS = ("unlawful", "art40", "negotiated", "expiry", "employer_fault", "resignation", "art41")
_TERM_P = (0.3, 0.2, 0.15, 0.1, 0.15, 0.05, 0.05)


def elements(n: int, seed: int = 7, *, first_filing: np.datetime64 = FIRST_FILING, days: int = 540) -> dict[str, np.ndarray]:
    """``n`` element sets as columns (see :mod:`renshe.rules.labour.claims_array`)."""
    rng = np.random.default_rng(seed)
    city = rng.integers(0, len(CITIES), n)
    filed = first_filing + rng.integers(0, days, n).astype("timedelta64[D]")
    hire = filed - rng.integers(60, 6 * 365, n).astype("timedelta64[D]")
    ended = rng.random(n) < 0.8
    gap = np.minimum(rng.integers(0, 400, n), (filed - hire).astype(np.int64) - 1)
    end = np.where(ended, filed - gap.astype("timedelta64[D]"), np.datetime64("NaT"))
    end = np.where(ended & (end < FIRST_FILING), FIRST_FILING, end).astype("datetime64[D]")
    end = np.where(ended & (end > filed), filed, end)
    no_contract = rng.random(n) < 0.3
    signed = np.where(no_contract, np.datetime64("NaT"), hire + rng.integers(0, 90, n).astype("timedelta64[D]"))
    term = np.array([TERMINATIONS.index(t) for t in rng.choice(_TERMS, n, p=_TERM_P)])
    wage = rng.uniform(2500, 30000, n).round(2)
    last = np.where(ended, end, filed).astype("datetime64[M]")
    span = (last - hire.astype("datetime64[M]")).astype(np.int64) + 1
    unpaid_months = np.minimum(np.where(rng.random(n) < 0.5, rng.integers(1, 4, n), 0), span)
    ot = rng.random(n) < 0.4
    leave = rng.random(n) < 0.3
    injury = rng.random(n) < 0.1
    return {
        "region": np.array(CITIES, dtype=object)[city],
        "filed_on": filed.astype("datetime64[D]"),
        "hire": hire.astype("datetime64[D]"),
        "end": end,
        "signed": signed.astype("datetime64[D]"),
        "monthly_wage": wage,
        "termination": np.where(ended, term, -1),
        "notice_given": rng.random(n) < 0.5,
        "worker_proposed": rng.random(n) < 0.3,
        "unpaid_months": unpaid_months,
        "unpaid_total": (wage * unpaid_months).round(2),
        "weekday_hours": np.where(ot, rng.integers(0, 200, n), 0).astype(np.float64),
        "restday_hours": np.where(ot, rng.integers(0, 100, n), 0).astype(np.float64),
        "holiday_hours": np.where(ot, rng.integers(0, 24, n), 0).astype(np.float64),
        "rest_given": rng.random(n) < 0.2,
        "unused_leave_days": np.where(leave, rng.integers(1, 10, n), 0).astype(np.float64),
        "leave_year": np.zeros(n, dtype=np.int64),
        "medical_expenses": np.where(injury, rng.uniform(500, 80000, n).round(2), 0.0),
        "medical_known_on": np.where(injury, filed - rng.integers(0, 500, n).astype("timedelta64[D]"), np.datetime64("NaT")).astype("datetime64[D]"),
        "local_minimum_wage": np.full(n, np.nan),
        "local_avg_monthly_wage": np.array(LOCAL_AVG)[city],
    }


def _iso(d: np.datetime64) -> str | None:
    return None if np.isnat(d) else str(d)


def payload(c: dict[str, np.ndarray], i: int) -> dict[str, Any]:
    """Row ``i`` of the columns as the JSON the calculator takes."""
    end = _iso(c["end"][i])
    months = int(c["unpaid_months"][i])
    last = dt.date.fromisoformat(end or str(c["filed_on"][i]))
    unpaid = []
    for k in range(months):  # the last ``months`` months of the employment, equal shares
        y, m = divmod(last.year * 12 + last.month - 1 - k, 12)
        unpaid.append({"month": f"{y:04d}-{m + 1:02d}", "amount": float(c["monthly_wage"][i])})
    term = int(c["termination"][i])
    p: dict[str, Any] = {
        "region": c["region"][i],
        "filed_on": _iso(c["filed_on"][i]),
        "hire": _iso(c["hire"][i]),
        "end": end,
        "signed": _iso(c["signed"][i]),
        "monthly_wage": float(c["monthly_wage"][i]),
        "unpaid_wages": unpaid,
        "overtime": {
            "weekday_hours": float(c["weekday_hours"][i]),
            "restday_hours": float(c["restday_hours"][i]),
            "holiday_hours": float(c["holiday_hours"][i]),
            "compensatory_rest_given": bool(c["rest_given"][i]),
        },
        "unused_leave_days": float(c["unused_leave_days"][i]),
        "medical_expenses": float(c["medical_expenses"][i]),
        "medical_expenses_known_on": _iso(c["medical_known_on"][i]),
        "local_avg_monthly_wage": float(c["local_avg_monthly_wage"][i]),
    }
    if term >= 0 and end:
        p["termination"] = TERMINATIONS[term]
        p["notice_given"] = bool(c["notice_given"][i])
        p["proposed_by"] = "worker" if c["worker_proposed"][i] else "employer"
    return p
