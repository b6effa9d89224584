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
import json
from typing import IO

import pandas as pd

from renshe.arrears import indicators
from renshe.arrears.indicators import BY_CODE, LAW, LEVELS
from renshe.rules import parameters

TABLE_DDL = (
    "CREATE TABLE IF NOT EXISTS arrears_warning (warning_id VARCHAR PRIMARY KEY, project_id BIGINT, "
    "contractor_id BIGINT, region_code VARCHAR, month VARCHAR, level VARCHAR, level_rank INTEGER, score DOUBLE, "
    "indicators VARCHAR, run_id VARCHAR, as_of DATE, engine VARCHAR)",
    "CREATE TABLE IF NOT EXISTS arrears_indicator_value (project_id BIGINT, contractor_id BIGINT, "
    "region_code VARCHAR, month VARCHAR, code VARCHAR, value DOUBLE, level INTEGER, run_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS arrears_run (run_id VARCHAR PRIMARY KEY, as_of DATE, engine VARCHAR, "
    "started_at TIMESTAMP, warnings INTEGER, params VARCHAR)",
)


def build(values: pd.DataFrame, as_of: dt.date) -> list[dict]:
    """The warnings (level ≥ yellow) from long indicator values, sorted by project and month."""
    th = indicators.thresholds(as_of)
    escalate = int(parameters.value("arrears.escalate_yellow_count", as_of, indicators.REGION))
    fired = values.loc[values["level"] > 0, ["project_id", "month", "code", "value", "level", "contractor_id", "region_code"]]
    records = sorted(fired.itertuples(index=False, name=None), key=lambda r: (r[0], r[1], -r[4], r[2]))
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


def save(con, values: pd.DataFrame, rows: list[dict], run_id: str, as_of: dt.date, engine: str) -> None:
    """Replace the current warnings and indicator values with this run's, in one transaction."""
    for ddl in TABLE_DDL:
        con.execute(ddl)
    frame = pd.DataFrame([{**{k: r[k] for k in ("warning_id", "project_id", "contractor_id", "region_code", "month",
                                                 "level", "score")},
                           "level_rank": LEVELS.index(r["level"]), "indicators": json.dumps(r["indicators"], ensure_ascii=False),
                           "run_id": run_id, "as_of": as_of, "engine": engine} for r in rows],
                         columns=["warning_id", "project_id", "contractor_id", "region_code", "month", "level", "score",
                                  "level_rank", "indicators", "run_id", "as_of", "engine"])
    vals = values.assign(run_id=run_id)
    th = {k: v.value for k, v in indicators.thresholds(as_of).items()}
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM arrears_warning")
        con.execute("DELETE FROM arrears_indicator_value")
        con.register("_w", frame)
        con.execute("INSERT INTO arrears_warning BY NAME SELECT * FROM _w")
        con.register("_v", vals)
        con.execute("INSERT INTO arrears_indicator_value BY NAME SELECT * FROM _v")
        con.execute("INSERT INTO arrears_run VALUES (?, ?, ?, now(), ?, ?)",
                    [run_id, as_of, engine, len(rows), json.dumps(th, ensure_ascii=False)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("_w")
        con.unregister("_v")


def read(store, level: str | None = None, month: str | None = None, limit: int | None = None) -> list[dict]:
    """Warnings in the store, worst first; ``level`` keeps only that level (red, orange, yellow)."""
    import duckdb

    if not store.exists():
        return []
    con = duckdb.connect(str(store), read_only=True)
    try:
        if not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'arrears_warning'").fetchone()[0]:
            return []
        sql = ("SELECT w.*, p.name AS project_name, o.name AS contractor_name, r.city, r.county "
               "FROM arrears_warning w LEFT JOIN project p USING (project_id) "
               "LEFT JOIN org o ON o.org_id = w.contractor_id LEFT JOIN region r ON r.region_code = w.region_code "
               "WHERE (? IS NULL OR w.level = ?) AND (? IS NULL OR w.month = ?) "
               "ORDER BY w.level_rank DESC, w.score DESC, w.project_id, w.month")
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = con.execute(sql, [level, level, month, month])
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()
    for r in rows:
        r["indicators"] = json.loads(r["indicators"])
        r["as_of"] = r["as_of"].isoformat()
        r.pop("level_rank")
    return rows


CSV_FIELDS = ["warning_id", "project_id", "project_name", "contractor_id", "contractor_name", "region_code", "city",
              "county", "month", "level", "score", "indicators", "run_id", "as_of", "engine"]


def write_csv(rows: list[dict], out: IO[str]) -> None:
    """One line per warning; ``indicators`` as ``code=value(level)`` joined by ``;``."""
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({**r, "indicators": "; ".join(f"{i['code']}={i['value']:g}({i['level']})" for i in r["indicators"])})
