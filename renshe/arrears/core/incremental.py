"""A month-incremental run: recompute only the months the new data can change.

A month's figures depend on that month's rows, on the as-of date and on two running
counts (months since the last payroll, 第十二条; a contractor's months with arrears,
第四十七条). So after the previous published run (its lake version and as-of date), a run
starts at the earliest of:

* the months the store's commits since then touched (each commit lists them: rows of a
  monthly table land in their month; a new deposit counts from its first valid month; a
  correction of a reference table, or a change of thresholds, means a full run);
* the month of the previous as-of date (figures of that month were cut at it), and the
  wage month of any payroll paid after it (it now counts);
* a month where a project had no payroll at all though it was due (its days late still
  grow with the as-of date);
* the last month with attendance.

Months before it keep the previous run's values; the running counts continue from the
previous run's published state (``state_pm``, ``state_gc``). The result is the same as a
full recompute (``bench/arrears.py`` and the tests compare the two).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from renshe.arrears.core import indicators, lake, published
from renshe.rules import parameters

PM = pa.schema([("project_id", pa.int64()), ("ym", pa.int32()), ("mk", pa.int32()), ("paid", pa.int32())])
GC = pa.schema([("gc_id", pa.int64()), ("ym", pa.int32()), ("flagged", pa.int64())])


def params_fingerprint(on: dt.date) -> str:
    """A digest of every parameter the indicators read on ``on``: a change means a full run."""
    th = {k: v.value for k, v in indicators.thresholds(on).items()}
    th["deposit"] = {k: v.value for k, v in indicators.deposit_params(on).items()}
    th["escalate"] = parameters.value("arrears.escalate_yellow_count", on, indicators.REGION)
    return hashlib.sha256(json.dumps(th, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _ym(d: dt.date) -> int:
    return d.year * 100 + d.month


@dataclass
class Prior:
    """Where a run starts (None: every month) and what it carries over from the previous run."""

    start: int | None
    pm: pa.Table
    gc: pa.Table
    before: dict[str, pd.DataFrame]
    uris: dict[str, str] | None = None  # the previous run's published state, for Spark

    @classmethod
    def none(cls) -> Prior:
        return cls(None, PM.empty_table(), GC.empty_table(), {})

    def spark_sql(self) -> list[tuple[str, str]]:
        """``prior_pm``/``prior_gc`` for Spark, read from the previous run's published files
        (``parquet:<uri>`` registers ``<name>_src`` first)."""
        if not self.start or not self.uris:
            return [("prior_pm", "SELECT CAST(NULL AS BIGINT) AS project_id, CAST(NULL AS INT) AS ym, "
                                 "CAST(NULL AS INT) AS mk, CAST(NULL AS INT) AS paid FROM (SELECT 1 AS one) e WHERE 1 = 0"),
                    ("prior_gc", "SELECT CAST(NULL AS BIGINT) AS gc_id, CAST(NULL AS INT) AS ym, "
                                 "CAST(NULL AS BIGINT) AS flagged FROM (SELECT 1 AS one) e WHERE 1 = 0")]
        return [("prior_pm", f"parquet:{self.uris['state_pm']}"),
                ("prior_pm", f"SELECT project_id, ym, mk, paid FROM prior_pm_src WHERE ym < {self.start}"),
                ("prior_gc", f"parquet:{self.uris['state_gc']}"),
                ("prior_gc", f"SELECT gc_id, ym, flagged FROM prior_gc_src WHERE ym < {self.start}")]

    def merge(self, out: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        """The previous run's months before ``start`` followed by this run's."""
        if not self.start:
            return out
        return {k: pd.concat([self.before[k], v], ignore_index=True) if len(self.before[k]) else v
                for k, v in out.items()}


def plan(con, lk: lake.Lake, snap: lake.Snapshot, as_of: dt.date, months: list[int]) -> Prior:
    """The start month and carried state for an incremental run; a full run when it cannot be one."""
    prev = published.current(lk)
    if prev is None or "lake_version" not in prev or prev["params"] != params_fingerprint(as_of):
        return Prior.none()
    prev_as_of = dt.date.fromisoformat(prev["as_of"])
    if as_of < prev_as_of or prev["lake_version"] > snap.version:
        return Prior.none()
    commits = lk.commits_after(prev["lake_version"])
    if any(c["touches_all"] for c in commits):
        return Prior.none()
    state_pm = published.frame(lk, prev, "state_pm")
    candidates = {m for c in commits for m in c["touched_months"]} | {_ym(prev_as_of), months[-1]}
    candidates |= set(state_pm.loc[state_pm["open_unpaid"] == 1, "ym"].astype(int))
    late = con.execute("SELECT min(CAST(replace(month, '-', '') AS INTEGER)) FROM payroll WHERE paid_date > ?",
                       [prev_as_of]).fetchall()[0][0]
    if late is not None:
        candidates.add(int(late))
    start = min(candidates)
    if start <= months[0]:
        return Prior.none()
    values = published.frame(lk, prev, "values")
    state_gc = published.frame(lk, prev, "state_gc")
    label = f"{start // 100:04d}-{start % 100:02d}"
    before = {"indicator_value": values[values["month"] < label].reset_index(drop=True),
              "state_pm": state_pm[state_pm["ym"] < start].reset_index(drop=True),
              "state_gc": state_gc[state_gc["ym"] < start].reset_index(drop=True)}
    pm = pa.Table.from_pandas(before["state_pm"][["project_id", "ym", "mk", "paid"]], schema=PM, preserve_index=False)
    gc = pa.Table.from_pandas(before["state_gc"][["gc_id", "ym", "flagged"]], schema=GC, preserve_index=False)
    return Prior(start, pm, gc, before, {n: published.uri(lk, prev, n) for n in ("state_pm", "state_gc")})
