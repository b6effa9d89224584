"""/planner/batch/: upload a file of households, follow it on the queue, download the result.

Staff see and delete only their own batches. The upload is checked (type, size) before it is
queued; the planning itself runs in the task worker (django-q2), not in the web request.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django_q.tasks import async_task

from renshe.planner.batchjobs.models import PlanBatch
from renshe.planner.batchjobs.tasks import KEEP_DAYS, sweep
from renshe.planner.core import batch
from renshe.platform.accounts.access import role_required
from renshe.platform.audit.service import record
from renshe.platform.web import uploads
from renshe.rules.errors import RulesError

#: the largest upload taken (about 200,000 households as CSV); bigger files go through the CLI
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

staff = role_required("division_staff", "leader", perm="planner_batch.add_planbatch")


def _problem(upload) -> str:
    """Why an upload cannot be planned, in Chinese; "" if it can be queued."""
    if upload is None:
        return "请选择要上传的文件"
    try:
        batch.check_format(Path(upload.name), "IN")
    except RulesError as exc:
        return exc.problems[0].zh
    if upload.size > MAX_UPLOAD_BYTES:
        return f"文件过大（{upload.size / 1048576:.1f} MB，最多 {MAX_UPLOAD_BYTES // 1048576} MB）：更大的文件请用命令 renshe plan-batch"
    # content by signature, and a workbook's unpacked size, before it is queued (core.uploads)
    try:
        uploads.check_upload(upload, "file", uploads.UploadRule(tuple(sorted(batch.FORMATS)), MAX_UPLOAD_BYTES,
                                                                 max_unpacked=batch.EXCEL_MAX_UNPACKED))
    except RulesError as exc:
        return exc.problems[0].zh
    return ""


@staff
@require_http_methods(["GET", "POST"])
def batches(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        upload = request.FILES.get("file")
        problem = _problem(upload)
        if problem:
            messages.error(request, problem)
            return redirect("planner-batch")
        with transaction.atomic():
            job = PlanBatch.objects.create(owner=request.user, source_name=upload.name[:200], source=upload)
            record(request.user, job, "queued", note=f"{upload.size} bytes")
            # queued once the row is committed, so the worker finds it
            transaction.on_commit(lambda: async_task("renshe.planner.batchjobs.tasks.run_batch", str(job.pk)))
        messages.success(request, f"已提交“{job.source_name}”，规划完成后可在下面下载结果。")
        return redirect("planner-batch")
    sweep()  # a batch whose worker stopped is shown as interrupted, deletable, its upload gone
    jobs = PlanBatch.objects.filter(owner=request.user)[:50]
    return render(request, "planner_batch/index.html", {
        "jobs": jobs,
        "pending": any(j.pending for j in jobs),
        "max_mb": MAX_UPLOAD_BYTES // 1048576,
        "keep_days": KEEP_DAYS,
    })


@staff
def download(request: HttpRequest, pk) -> FileResponse:
    job = get_object_or_404(PlanBatch, pk=pk, owner=request.user, status=PlanBatch.Status.DONE)
    name = f"规划结果-{Path(job.source_name).stem}.xlsx"
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=name, content_type=XLSX)


@staff
@require_POST
def delete(request: HttpRequest, pk) -> HttpResponse:
    job = get_object_or_404(PlanBatch, pk=pk, owner=request.user)
    if job.pending:
        messages.error(request, "正在规划的批次不能删除，请等它完成。")
        return redirect("planner-batch")
    with transaction.atomic():
        record(request.user, job, "deleted", note=job.source_name)
        job.result.delete(save=False)
        job.source.delete(save=False)
        job.delete()
    messages.success(request, f"已删除“{job.source_name}”及其结果。")
    return redirect("planner-batch")


@staff
def template(request: HttpRequest) -> HttpResponse:
    """The input template (``renshe plan-template``) as a download."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "template.xlsx"
        batch.write_template(path)
        body = path.read_bytes()
    resp = HttpResponse(body, content_type=XLSX)
    resp["Content-Disposition"] = f"attachment; filename=\"template.xlsx\"; filename*=UTF-8''{quote('批量规划模板.xlsx')}"
    return resp
