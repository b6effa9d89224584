"""The queued work: plan one uploaded file with :func:`renshe.planner.core.batch.run` (the code
behind ``renshe plan-batch``), then drop the upload, keeping only the result. Every change
of a batch's status goes through the workflow kernel (:mod:`renshe.planner.core.batch_machine`), audited."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from renshe.planner.batchjobs.models import HEARTBEAT_SECONDS, STALL_SECONDS, PlanBatch
from renshe.planner.core import batch
from renshe.platform.audit.service import record
from renshe.platform.workflow.machine import WorkflowError
from renshe.platform.workflow.services import apply
from renshe.rules.errors import RulesError

log = logging.getLogger(__name__)

#: days a finished batch's result is kept before :func:`purge` deletes it: the result lists
#: households' pensions and incomes, so it is kept no longer than the work needs (a product
#: rule, not a legal number; the owner can delete it sooner)
KEEP_DAYS = 30


def _beat(job_id, stop: threading.Event) -> None:
    """While the batch is planned, tell the database every :data:`HEARTBEAT_SECONDS` that its worker lives."""
    try:
        while not stop.wait(HEARTBEAT_SECONDS):
            PlanBatch.objects.filter(pk=job_id, status=PlanBatch.Status.RUNNING).update(heartbeat_at=timezone.now())
    finally:
        connection.close()  # this thread's own connection


def run_batch(batch_id: str) -> str:
    """Plan the batch (a django-q2 task); returns its final status. A file the planner refuses
    (a missing column, an unreadable file) ends as 未能完成 with the reason in both languages;
    bad rows inside a good file are reported in the result, as the CLI does. A batch left
    running by a stopped worker is interrupted (its upload deleted) when the queue hands the
    task out again, or by :func:`sweep` before that."""
    job = PlanBatch.objects.get(pk=batch_id)
    if job.stalled:
        return apply(job, "interrupted", None).status
    try:
        job = apply(job, "start", None)
    except WorkflowError:
        return PlanBatch.objects.get(pk=batch_id).status  # done, or running in another worker
    # planned straight into the place the result field names: no copy of the households' data
    name = job.result.field.generate_filename(job, f"{job.pk}.xlsx")
    out = Path(job.result.storage.path(name))
    out.parent.mkdir(parents=True, exist_ok=True)
    stop = threading.Event()
    beat = threading.Thread(target=_beat, args=(job.pk, stop), daemon=True)
    beat.start()
    try:
        summary = batch.run(Path(job.source.path), out, show_progress=False, workers=1, for_people=True)
    except RulesError as exc:
        step, facts = "failed", {"error": "\n".join(p.line() for p in exc.problems)}
        out.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a fault of ours: logged, and the batch says so instead of hanging
        log.exception("planning batch %s failed", job.pk)
        step, facts = "failed", {"error": "规划时出现内部错误，已记录，请联系管理员 / internal error (logged)"}
        out.unlink(missing_ok=True)
    else:
        summary.pop("out", None)  # a path on the server, not for the page
        step, facts = "planned", {"result": name, "summary": summary}
    finally:
        stop.set()
        beat.join()
        job.source.delete(save=False)  # personal data: kept no longer than needed
    return apply(job, step, None, facts=facts).status


def sweep(now: dt.datetime | None = None) -> int:
    """Interrupt every batch whose worker stopped (no heartbeat for :data:`STALL_SECONDS`), deleting
    its upload; run every minute by a django-q2 schedule (migration 0004) and before the page
    lists a member of staff's batches. Returns how many were interrupted."""
    cutoff = (now or timezone.now()) - dt.timedelta(seconds=STALL_SECONDS)
    running = PlanBatch.objects.filter(status=PlanBatch.Status.RUNNING)
    quiet = running.filter(heartbeat_at__lt=cutoff) | running.filter(heartbeat_at__isnull=True, started_at__lt=cutoff)
    n = 0
    for job in quiet:
        try:
            apply(job, "interrupted", None)
        except WorkflowError:
            continue  # it finished meanwhile
        n += 1
    return n


def purge(now: dt.datetime | None = None) -> int:
    """Delete the batches finished more than :data:`KEEP_DAYS` ago, with their files (a daily
    django-q2 schedule, migration 0002). Returns how many went."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=KEEP_DAYS)
    old = PlanBatch.objects.filter(finished_at__lt=cutoff)
    n = 0
    for job in old:
        with transaction.atomic():
            record(None, job, "expired", note=f"{KEEP_DAYS} 天保留期满 / kept {KEEP_DAYS} days")
            job.result.delete(save=False)
            job.source.delete(save=False)
            job.delete()
        n += 1
    return n
