"""Hand-built warnings, staff users and a tiny store for the alert tests.

The store has one project (id 7) in 湖里区 (350206) with two workers in 2025-09:
worker 1 attended 20 days at 300.00 a day = 6,000.00 due, was paid 4,000.00 gross → owes 2,000.00;
worker 2 attended 10 days at 250.00 a day = 2,500.00 due, was paid 2,500.00 → owes 0.
So project 7, 2025-09: 2,000.00 owed to 1 worker.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
from django.contrib.auth.models import Group

from renshe.arrears.core import ingest, lake, schema
from renshe.platform.accounts.models import Organisation, User
from renshe.platform.accounts.roles import ROLES

HULI, SIMING, XIAMEN = "350206", "350203", "350200"


def warning(project_id: int = 7, month: str = "2025-09", level: str = "red", region: str = HULI, **kw) -> dict:
    """A warning as renshe.arrears.core.warnings.read gives it."""
    return {
        "warning_id": f"{project_id}-{month}", "project_id": project_id, "contractor_id": kw.get("contractor_id", 900),
        "region_code": region, "month": month, "level": level, "score": kw.get("score", 80.0),
        "project_name": f"测试项目{project_id}", "contractor_name": kw.get("contractor_name", "闽测建设有限公司"),
        "run_id": "run1",
        "indicators": kw.get("indicators", [
            {"code": "payroll_days_late", "title": "代发逾期天数", "value": 45.0, "level": level,
             "threshold": {"op": ">", "value": 30}, "article": "第十二条"},
        ]),
    }


def user(username: str, org_code: str, *roles: str) -> User:
    u = User.objects.create_user(username, password="x-Pass-12345", organisation=Organisation.objects.get(code=org_code))
    u.groups.set([Group.objects.get(name=ROLES[r].name) for r in roles])
    return u


def make_store(path: Path) -> Path:
    """The store described in the module docstring, written to ``path`` (unchecked: only the columns
    the pages read are filled)."""
    con = duckdb.connect()
    for t in schema.TABLES:
        con.execute(t.ddl())
    con.execute("INSERT INTO project (project_id, name, region_code, industry) VALUES (7, '测试项目7', ?, '房建')", [HULI])
    con.execute("INSERT INTO worker (worker_id, name) VALUES (1, '张三'), (2, '李四')")
    con.execute("INSERT INTO project_worker (project_id, worker_id, work_type, daily_wage) "
                "VALUES (7, 1, '钢筋工', 300), (7, 2, '木工', 250)")
    for wid, n in ((1, 20), (2, 10)):
        for d in range(n):
            con.execute("INSERT INTO attendance VALUES (7, ?, ?, 8)", [wid, dt.date(2025, 9, 1) + dt.timedelta(days=d)])
    con.execute("INSERT INTO payroll VALUES (7, 1, '2025-09', 20, 4000, 3800, '2025-10-15'), "
                "(7, 2, '2025-09', 10, 2500, 2400, '2025-10-15')")
    with lake.Lake(path).writer("test") as w:
        for t in schema.TABLES:
            if con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]:
                ingest.append_rows(con, w, t, f"SELECT * FROM {t.name}")
        w.commit()
    con.close()
    return path


def store_with_warnings(path: Path, ws: list[dict]) -> Path:
    """A real store whose published run holds ``ws`` (rows as :func:`warning` makes them) with
    their projects and contractors, published the way a run publishes them
    (:func:`renshe.arrears.core.published.publish`): pages read it through the platform's own reader."""
    import pandas as pd

    from renshe.arrears.core import published

    names = pd.DataFrame([{"project_id": w["project_id"], "contractor_id": w["contractor_id"],
                           "region_code": w["region_code"], "project_name": w["project_name"],
                           "contractor_name": w["contractor_name"], "city": None, "county": None} for w in ws])
    run = {"run_id": "run1", "engine": "duckdb", "as_of": "2025-12-31", "lake_version": 0}
    empty = pd.DataFrame({"project_id": pd.Series([], dtype="int64")})
    published.publish(lake.Lake(path), run, {
        "warnings": published.warnings_frame(ws, names, run),
        "values": empty, "state_pm": empty, "state_gc": empty})
    return path
