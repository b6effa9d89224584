"""Warnings from indicator values: level, risk score and the indicators that fired.

One warning per project and month, its id ``<project_id>-<month>`` stable across runs so
the alert workflow can attach to it. Level = the highest level of the project's own
indicators, raised one step when ``arrears.escalate_yellow_count`` of them are yellow;
score = Σ weight × level over every fired indicator, capped at 100 (ARREARS-REFERENCE.md
§4, a policy choice). Each fired indicator carries its value, level, the threshold it
crossed, its formula and the article of 《保障农民工工资支付条例》 it watches.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from typing import IO

import pandas as pd

from renshe.arrears.core import indicators
from renshe.arrears.core.indicators import BY_CODE, LAW, LEVELS
from renshe.rules import parameters


def build(values: pd.DataFrame, as_of: dt.date) -> list[dict]:
    """The warnings (level ≥ yellow) from long indicator values, sorted by project and month."""
    th = indicators.thresholds(as_of)
    escalate = int(parameters.value("arrears.escalate_yellow_count", as_of, indicators.REGION))
    cols = ["project_id", "month", "code", "value", "level", "contractor_id", "region_code"]
    fired = values.loc[values["level"] > 0, cols]
    records = sorted(zip(*(fired[c].to_list() for c in cols), strict=True), key=lambda r: (r[0], r[1], -r[4], r[2]))
    out = []
    for (pid, month), grp in itertools.groupby(records, key=lambda r: (r[0], r[1])):
        grp = list(grp)
        own = [int(r[4]) for r in grp if BY_CODE[r[2]].scope == "project"]
        if not own:
            continue
        level = max(own)
        if sum(1 for lvl in own if lvl == 1) >= escalate:
            level = min(3, level + 1)
        items = []
        score = 0.0
        for _, _, code, value, lvl, _, _ in grp:
            ind, t, lvl = BY_CODE[code], th[code].value, int(lvl)
            score += t["weight"] * lvl
            items.append({
                "code": code, "title": ind.title, "value": float(value), "level": LEVELS[lvl],
                "threshold": {"op": ">" if ind.direction == "high" else "<", "value": t[LEVELS[lvl]]},
                "formula": ind.formula, "article": f"{LAW}{ind.article}", "scope": ind.scope,
            })
        out.append({
            "warning_id": f"{int(pid)}-{month}", "project_id": int(pid), "contractor_id": int(grp[0][5]),
            "region_code": grp[0][6], "month": month, "level": LEVELS[level],
            "score": round(min(100.0, score), 1), "indicators": items,
        })
    return out


def read(store, level: str | None = None, month: str | None = None, limit: int | None = None) -> list[dict]:
    """Warnings of the store's current published run, worst first (:func:`.published.read`)."""
    from renshe.arrears.core import lake, published

    return published.read(lake.Lake(store), level=level, month=month, limit=limit)


CSV_FIELDS = ["warning_id", "project_id", "project_name", "contractor_id", "contractor_name", "region_code", "city",
              "county", "month", "level", "score", "indicators", "run_id", "as_of", "engine"]


def write_csv(rows: list[dict], out: IO[str]) -> None:
    """One line per warning; ``indicators`` as ``code=value(level)`` joined by ``;``."""
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({**r, "indicators": "; ".join(f"{i['code']}={i['value']:g}({i['level']})" for i in r["indicators"])})
