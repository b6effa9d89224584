"""The queued work: plan one uploaded file with :func:`renshe.planner.batch.run` (the code
behind ``renshe plan-batch``), then drop the upload, keeping only the result."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from renshe.planner import batch
from renshe.planner.batchjobs.models import PlanBatch
from renshe.platform.audit.service import record
from renshe.rules.errors import RulesError

log = logging.getLogger(__name__)

#: days a finished batch's result is kept before :func:`purge` deletes it: the result lists
#: households' pensions and incomes, so it is kept no longer than the work needs (a product
#: rule, not a legal number; the owner can delete it sooner)
KEEP_DAYS = 30


def run_batch(batch_id: str) -> str:
    """Plan the batch (a django-q2 task); returns its final status. A file the planner refuses
    (a missing column, an unreadable file) ends as 未能完成 with the reason in both languages;
    bad rows inside a good file are reported in the result, as the CLI does. The queue hands a
    task out again when its worker stopped before it finished (``retry``); a batch left
    running by such a worker is then planned afresh."""
    with transaction.atomic():
        job = PlanBatch.objects.select_for_update().get(pk=batch_id)
        if not (job.status == PlanBatch.Status.QUEUED or job.stalled):
            return job.status  # done, or running in another worker
        job.status, job.started_at = PlanBatch.Status.RUNNING, timezone.now()
        job.save(update_fields=["status", "started_at"])
    # planned straight into the place the result field names: no copy of the households' data
    name = job.result.field.generate_filename(job, f"{job.pk}.xlsx")
    out = Path(job.result.storage.path(name))
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        summary = batch.run(Path(job.source.path), out, show_progress=False, workers=1, for_people=True)
    except RulesError as exc:
        job.status, job.error = PlanBatch.Status.FAILED, "\n".join(p.line() for p in exc.problems)
        out.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a fault of ours: logged, and the batch says so instead of hanging
        log.exception("planning batch %s failed", job.pk)
        job.status, job.error = PlanBatch.Status.FAILED, "规划时出现内部错误，已记录，请联系管理员 / internal error (logged)"
        out.unlink(missing_ok=True)
    else:
        summary.pop("out", None)  # a path on the server, not for the page
        job.result.name, job.status, job.summary = name, PlanBatch.Status.DONE, summary
    finally:
        job.source.delete(save=False)  # personal data: kept no longer than needed
    job.finished_at = timezone.now()
    job.save()
    record(None, job, "planned" if job.status == PlanBatch.Status.DONE else "failed", note=job.error[:500])
    return job.status


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
