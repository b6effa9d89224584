"""The queued work: plan one uploaded file with :func:`renshe.planner.batch.run` (the code
behind ``renshe plan-batch``), then drop the upload, keeping only the result."""

from __future__ import annotations

from pathlib import Path

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from renshe.planner import batch
from renshe.planner.batchjobs.models import PlanBatch
from renshe.platform.audit.service import record
from renshe.rules.errors import RulesError


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
    src = Path(job.source.path)
    out = src.with_name(f"{job.pk}-result.xlsx")
    try:
        summary = batch.run(src, out, show_progress=False, workers=1)
    except RulesError as exc:
        job.status, job.error = PlanBatch.Status.FAILED, "\n".join(p.line() for p in exc.problems)
    else:
        with out.open("rb") as fh:
            job.result.save(f"{job.pk}.xlsx", File(fh), save=False)
        summary.pop("out", None)  # a path on the server, not for the page
        job.status, job.summary = PlanBatch.Status.DONE, summary
    finally:
        out.unlink(missing_ok=True)
        job.source.delete(save=False)  # personal data: kept no longer than needed
    job.finished_at = timezone.now()
    job.save()
    record(None, job, "planned" if job.status == PlanBatch.Status.DONE else "failed", note=job.error[:500])
    return job.status
