"""Pushed rows: landed at once, appended to the store by the queue worker, its only writer.

``POST /api/v1/arrears/push/{table}`` stages the body as text, runs every check that needs
no store (type, required, allowed values, check digits, dates, a key twice in the push) and
answers at once with the rows refused so far. The rest go to the landing folder
(``<var>/arrears-landing/<record>.parquet``, written under a temporary name and renamed)
and the :class:`~renshe.arrears.models.PushRecord` says ``landed``. The queue task
:func:`ingest_landed` then takes the store's writer lock, checks the landed rows against the
store (references, keys already there) exactly as a file's rows are checked, appends them in
one commit, and fills in the record: inserted, unchanged, corrected, and the rows refused
with their index and reason. ``GET /api/v1/arrears/pushes/{id}`` shows it. A push never opens
the store, so it cannot fail because a run or a page is reading it, and pages never wait
for a push.

Corrections: a pushed row whose key is in the store with other values replaces it (a
versioned correction, :mod:`.ingest`); the record counts it under ``corrected``.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from renshe.arrears.core import checks, ingest, lake, staging
from renshe.arrears.core.schema import BY_NAME, TABLES
from renshe.arrears.models import PushRecord

TASK = "renshe.arrears.landing.ingest_landed"


class TooManyRows(Exception):
    """More rows than one push may carry (counted after parsing, whatever the line endings)."""


def landing_dir() -> Path:
    return Path(settings.VAR_DIR) / "arrears-landing"


def store_location() -> str:
    """``RENSHE_ARREARS_STORE`` (a path or URI) if set, else ``arrears-lake`` in the var directory."""
    return os.environ.get("RENSHE_ARREARS_STORE") or str(Path(settings.VAR_DIR) / "arrears-lake")


def land(actor, table: str, fmt: str, max_rows: int, rows: list[dict] | None = None,
         csv_path: Path | None = None) -> PushRecord:
    """Check what needs no store, land the good rows, record the push and queue the load."""
    t = BY_NAME[table]
    con = ingest.work_connection()
    try:
        con.execute(ingest._REJECTS)
        if csv_path is not None:
            staging.stage(con, csv_path, t, where="body")
            con.execute("UPDATE _stg SET _line = _line - 2")
            con.execute("UPDATE _rejects SET row = row - 2")
        else:
            staging.stage_rows(con, t, rows or [])
        n = con.execute("SELECT count(*) FROM _stg").fetchone()[0] + con.execute(
            "SELECT count(*) FROM _rejects").fetchone()[0]
        if n > max_rows:
            raise TooManyRows
        checks.build(con, t, checks.PUSH_ROW, refs=False)
        con.execute("INSERT INTO _rejects SELECT 'push', _line, zh, en FROM _chk WHERE zh <> ''")
        good = con.execute("SELECT count(*) FROM _chk WHERE zh = ''").fetchone()[0]
        rejects = [{"index": int(i), "reason_zh": zh, "reason_en": en} for i, zh, en in
                   con.execute("SELECT row, reason_zh, reason_en FROM _rejects ORDER BY row").fetchall()]
        landed = ""
        if good:
            landing_dir().mkdir(parents=True, exist_ok=True)
            final = landing_dir() / f"{uuid.uuid4().hex}.parquet"
            tmp = final.with_name("." + final.name)
            cols = ", ".join(f"CAST({c.name} AS VARCHAR) AS {c.name}" for c in t.columns)
            con.execute(f"COPY (SELECT {cols}, _line FROM _chk WHERE zh = '' ORDER BY _line) TO "
                        f"{checks._lit(str(tmp))} (FORMAT parquet)")
            os.replace(tmp, final)
            landed = str(final)
    finally:
        con.close()
    rec = PushRecord.objects.create(
        actor=actor, table=table, body_format=fmt, received=n, inserted=0, unchanged=0, rejected=len(rejects),
        rejects=rejects, status=202 if good else 422,
        state=PushRecord.State.LANDED if good else PushRecord.State.REFUSED, landing_file=landed)
    if good:
        from django_q.tasks import async_task

        transaction.on_commit(lambda: async_task(TASK, task_name=f"arrears-push-{rec.pk}"))
    return rec


def ingest_landed(store: str | None = None) -> dict:
    """The queue task: append every landed push to the store in one commit (referenced tables first).

    The records are read after the writer lock is taken, so two workers running the task at
    once load each push once: the second finds nothing left."""
    order = {t.name: i for i, t in enumerate(TABLES)}
    lk = lake.Lake(store or store_location())
    results: dict[int, dict] = {}
    con = ingest.work_connection()
    try:
        con.execute(ingest._REJECTS)
        with lk.writer("pushes") as w:
            pending = sorted(PushRecord.objects.filter(state=PushRecord.State.LANDED),
                             key=lambda r: (order[r.table], r.pk))
            for rec in pending:
                con.execute("DELETE FROM _rejects")
                con.execute(f"CREATE OR REPLACE TEMP TABLE _stg AS SELECT * FROM read_parquet({checks._lit(rec.landing_file)})")
                w.base.attach_duckdb(con, pending=w.pending())
                checks.build(con, BY_NAME[rec.table], checks.PUSH_ROW, refs=True)
                got = ingest.write_checked(con, w, BY_NAME[rec.table], "push")
                got["rejects"] = [{"index": int(i), "reason_zh": zh, "reason_en": en} for i, zh, en in
                                  con.execute("SELECT row, reason_zh, reason_en FROM _rejects ORDER BY row").fetchall()]
                results[rec.pk] = got
            version = w.commit()
            now = timezone.now()
            for rec in pending:
                got = results[rec.pk]
                rec.inserted, rec.unchanged, rec.corrected = got["inserted"], got["unchanged"], got["corrected"]
                rec.rejects = sorted(rec.rejects + got["rejects"], key=lambda r: r["index"])
                rec.rejected = len(rec.rejects)
                rec.state, rec.ingested_at, rec.lake_version = PushRecord.State.INGESTED, now, version
                rec.save()
                Path(rec.landing_file).unlink(missing_ok=True)
    finally:
        con.close()
    return {"pushes": len(results), "version": version if results else None,
            "inserted": sum(r["inserted"] for r in results.values())}


def result(rec: PushRecord) -> dict:
    """What the API shows of a push."""
    return {"push_id": rec.pk, "table": rec.table, "state": rec.state, "received": rec.received,
            "accepted": rec.received - rec.rejected, "inserted": rec.inserted, "unchanged": rec.unchanged,
            "corrected": rec.corrected, "rejected": rec.rejected, "rejects": rec.rejects,
            "lake_version": rec.lake_version}
