"""A month-incremental run: recompute only the months the new data can change, reading only those.

A month's figures depend on that month's rows, on the as-of date, on two running counts
(months since the last payroll, 第十二条; a contractor's months with arrears, 第四十七条) and
on the wage account's balance, which is cumulative (第二十六条). So after the previous
published run (its lake version and as-of date), a run starts at the earliest of:

* the months the store's commits since then touched (each commit lists them: rows of a
  monthly table land in their month; a new deposit counts from its first valid month; a
  correction of a reference table, or a change of thresholds, means a full run);
* the month of the previous as-of date (figures of that month were cut at it), and the
  earliest wage month with payroll paid after it (the previous run records it: such a
  payroll now counts once the as-of date passes its pay date);
* a month where a project had no payroll at all though it was due (its days late still
  grow with the as-of date);
* the last month with attendance.

What a run reads. Months before the start keep the previous run's published figures: the run
publishes only its own months, and its record lists the parts (earlier runs' months before
the start, then its own) that readers union (:mod:`.published`). From the months it
recomputes it reads the monthly tables (payroll, complaints, the labour-cost plan, account
transactions) from the start on; attendance — nearly all the rows — only for the months
new commits touched or the previous run never saw, the other months' per-worker days
(``state_att``) coming from the previous run. It carries the running counts (``state_pm``,
``state_gc``) and, per project, the account's net flow of each earlier month
(``state_bal``) in place of all earlier transactions. The result is the same as a full
recompute (``bench/arrears.py`` and the tests compare the two).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from renshe.arrears.core import indicators, lake, published
from renshe.rules import parameters

#: each carried table: its columns with the type both engines cast them to, and which of a
#: published state's months it takes (relative to the start month and the months rescanned)
CARRIED: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "prior_pm": ("state_pm", (("project_id", "BIGINT"), ("ym", "INT"), ("mk", "INT"), ("paid", "INT"))),
    "prior_gc": ("state_gc", (("gc_id", "BIGINT"), ("ym", "INT"), ("flagged", "BIGINT"))),
    "prior_att": ("state_att", (("project_id", "BIGINT"), ("worker_id", "BIGINT"), ("ym", "INT"),
                                ("att_days", "BIGINT"), ("last_d", "INT"), ("daily_wage", "DOUBLE"),
                                ("has_contract", "BOOLEAN"), ("depth", "BIGINT"))),  # one file per month
    "prior_bal": ("state_bal", (("project_id", "BIGINT"), ("ym", "INT"), ("net", "DOUBLE"))),
}


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
    """Where a run starts (None: every month), what it reads and what it carries over."""

    start: int | None
    #: months whose attendance is read from the store (the others' from ``state_att``)
    scan_att: frozenset[int] = frozenset()
    #: the previous run's record (its parts name the published files carried from)
    prev: dict | None = None
    parts: list[dict] = field(default_factory=list)

    @classmethod
    def none(cls) -> Prior:
        return cls(None)

    def files(self, snap: lake.Snapshot) -> dict[str, list[str]]:
        """The store's files each table is read from: all of them for a full run; for an
        incremental one, attendance of ``scan_att`` and the other monthly tables from ``start`` on."""
        if not self.start:
            return {}
        out = {}
        for table in lake.MONTH_OF:
            keep = (lambda ym: ym in self.scan_att) if table == "attendance" else (lambda ym: ym >= self.start)
            out[table] = [snap.lake.uri(f["path"]) for f in snap.files.get(table, []) if keep(f["ym"])]
        return out

    def att_read(self, months: list[int]) -> list[int]:
        """The months whose attendance the run reads: all of them for a full run."""
        return sorted(self.scan_att) if self.start else months

    def att_state(self, run_id: str, months: list[int]) -> dict[str, str]:
        """Month (YYYYMM, as text) → the run whose ``state_att`` holds its per-worker days, for
        the run ``run_id`` about to publish: its own for the months it read, else the previous run's."""
        read = self.att_read(months)
        carried = {m: r for m, r in (self.prev or {}).get("att_state", {}).items() if int(m) not in read}
        return {**carried, **{str(m): run_id for m in read}} if self.start else {str(m): run_id for m in read}

    def sql(self, lk: lake.Lake, engine: str) -> list[tuple[str, str]]:
        """``(name, SELECT)`` of each carried table; for Spark a SELECT may be ``parquet:<uri>``,
        registering ``name`` over that file first. Empty tables for a full run."""
        out: list[tuple[str, str]] = []
        for name, (state, cols) in CARRIED.items():
            typed = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in cols)
            if name == "prior_att" and self.start:
                att = (self.prev or {}).get("att_state", {})
                sources = [(published.att_uri(lk, att[str(m)], m), "true") for m in self.att_months()]
            else:
                sources = published.sources(lk, self.prev, state) if self.start else []
            selects = []
            for i, (uri, where) in enumerate(sources):
                src = f"read_parquet({lake._lit(uri)})"
                if engine == "spark":  # Spark registers each file as a view first
                    src = f"{name}_{i}"
                    out.append((src, f"parquet:{uri}"))
                selects.append(f"SELECT {typed} FROM {src} WHERE {where}" + ("" if name == "prior_att" else
                                                                                f" AND ym < {self.start}"))
            if not selects:
                selects = [f"SELECT {typed} FROM (SELECT {', '.join(f'NULL AS {c}' for c, _ in cols)}) e WHERE 1 = 0"]
            out.append((name, " UNION ALL ".join(selects)))
        return out

    def att_months(self) -> list[int]:
        """The recomputed months whose per-worker days come from the previous run's state."""
        return sorted(int(m) for m in (self.prev or {}).get("att_state", {})
                      if int(m) >= (self.start or 0) and int(m) not in self.scan_att)


def plan(lk: lake.Lake, snap: lake.Snapshot, as_of: dt.date, months: list[int]) -> Prior:
    """The start month, the months of attendance to read and the parts carried for an
    incremental run; a full run when it cannot be one."""
    prev = published.current(lk)
    if (prev is None or "parts" not in prev or "att_state" not in prev
            or prev["params"] != params_fingerprint(as_of)):
        return Prior.none()
    prev_as_of = dt.date.fromisoformat(prev["as_of"])
    if as_of < prev_as_of or prev["lake_version"] > snap.version:
        return Prior.none()
    commits = lk.commits_after(prev["lake_version"], snap.version)
    if any(c["touches_all"] for c in commits):
        return Prior.none()
    candidates = {m for c in commits for m in c["touched_months"]} | {_ym(prev_as_of), months[-1]}
    if prev["late_pay_from"] is not None:
        candidates.add(int(prev["late_pay_from"]))
    open_months = published.query(lk, prev, "state_pm", "SELECT DISTINCT CAST(ym AS INT) FROM {t} WHERE open_unpaid = 1")
    candidates |= {int(r[0]) for r in open_months}
    start = min(candidates)
    if start <= months[0]:
        return Prior.none()
    new_att = {f["ym"] for c in commits for f in c["added"] if f["table"] == "attendance"}
    scan = frozenset(m for m in months if m >= start and (m in new_att or str(m) not in prev.get("att_state", {})))
    parts = [{**p, "to": min(p["to"] or start, start)} for p in prev["parts"] if p["from"] is None or p["from"] < start]
    return Prior(start, scan, prev, parts)
