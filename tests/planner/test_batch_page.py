"""/planner/batch/: staff upload a file of households, it is planned on the task queue (django-q2,
synchronous in tests) with plan-batch's own code, and they download the result as Excel."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from renshe.planner.batchjobs import views
from renshe.planner.batchjobs.models import PlanBatch
from renshe.platform.audit.models import AuditRecord


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _xlsx(rows: list[list]) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "households.xlsx"
    return buf


GOOD = [
    ["id", "birth", "category", "employment", "monthly_income", "children"],
    ["a", "1980-05", "male_60", "employee", 8000, 1],
    ["b", "1986-09", "female_55", "flexible", 6500, 0],
    ["c", "1975-11", "female_50", "rural_resident", "不知道", 0],
]


def _upload(client, file, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/planner/batch/", {"file": file})


def test_labels_typed_by_a_clerk_are_accepted_and_every_error_reported(client, demo, media, django_capture_on_commit_callbacks):
    client.force_login(demo["staff"])
    rows = [
        ["id", "birth", "category", "employment", "region", "monthly_income", "paid_months"],
        ["a", "1980-05", "男职工", "单位职工", "厦门市", 9000, 120],
        ["b", "1986-13", "男人", "灵活就业", "火星", "不知道", 0],
    ]
    _upload(client, _xlsx(rows), django_capture_on_commit_callbacks)
    job = PlanBatch.objects.get()
    got = client.get(f"/planner/batch/{job.pk}/result.xlsx")
    out = pd.read_excel(io.BytesIO(b"".join(got.streaming_content)), dtype={"编号": str})
    assert out["推荐方案"][0].startswith("职工参保") and pd.isna(out["未能规划的原因"][0])
    reasons = out["未能规划的原因"][1]
    # every reason row 3 has, not only the first: birth, category, region and income
    for part in ("birth 应为 YYYY-MM", "category 应为 男职工", "region 不是已知地区", "monthly_income 应为数字"):
        assert part in reasons, part


def test_only_staff_with_the_role(client, demo):
    assert client.get("/planner/batch/").status_code == 302  # to the login page
    client.force_login(demo["mediator.xm"])
    assert client.get("/planner/batch/").status_code == 403
    client.force_login(demo["staff"])
    assert client.get("/planner/batch/").status_code == 200


def test_upload_plan_download(client, demo, media, django_capture_on_commit_callbacks):
    client.force_login(demo["staff"])
    r = _upload(client, _xlsx(GOOD), django_capture_on_commit_callbacks)
    assert r.status_code == 302
    job = PlanBatch.objects.get()
    assert job.status == PlanBatch.Status.DONE and job.owner == demo["staff"]
    assert job.summary == {"rows": 3, "planned": 2, "errors": 1, "no_affordable_option": 0}
    # the upload (personal data) is gone once planned; only the result is kept
    assert not job.source and not list((Path(media) / "planner/batch/in").glob("*"))
    page = client.get("/planner/batch/").content.decode()
    assert "households.xlsx" in page and "已完成" in page and "有问题 1 行" in page
    got = client.get(f"/planner/batch/{job.pk}/result.xlsx")
    assert got.status_code == 200 and "attachment" in got["Content-Disposition"]
    out = pd.read_excel(io.BytesIO(b"".join(got.streaming_content)), dtype={"编号": str})
    # what staff download reads in Chinese (issue 18): headers, schemes, yes/no; no internal keys
    assert list(out["编号"]) == ["a", "b", "c"] and out["推荐方案"][:2].notna().all()
    assert "key" not in out.columns and "irr" not in out.columns and "内部收益率（%）" in out.columns
    assert set(out["险种"][:2]) <= {"职工养老保险（单位参保）", "职工养老保险（灵活就业）", "城乡居民养老保险"}
    assert set(out["负担得起"][:2]) <= {"是", "否"}
    assert out["未能规划的原因"][2].startswith("第4行：") and "monthly_income 应为数字" in out["未能规划的原因"][2]
    assert "must be" not in out["未能规划的原因"][2]
    actions = set(AuditRecord.objects.filter(object_id=str(job.pk)).values_list("action", flat=True))
    assert actions == {"queued", "start", "planned"}  # each status change audited by the kernel


def test_a_batch_is_its_owners_alone(client, demo, django_capture_on_commit_callbacks):
    client.force_login(demo["staff"])
    _upload(client, _xlsx(GOOD), django_capture_on_commit_callbacks)
    client.get("/planner/batch/")  # the owner reads the “已提交” notice
    job = PlanBatch.objects.get()
    client.force_login(demo["leader"])
    assert "households.xlsx" not in client.get("/planner/batch/").content.decode()
    assert client.get(f"/planner/batch/{job.pk}/result.xlsx").status_code == 404
    assert client.post(f"/planner/batch/{job.pk}/delete").status_code == 404
    assert PlanBatch.objects.filter(pk=job.pk).exists()


def test_delete_removes_the_result(client, demo, media, django_capture_on_commit_callbacks):
    client.force_login(demo["staff"])
    _upload(client, _xlsx(GOOD), django_capture_on_commit_callbacks)
    job = PlanBatch.objects.get()
    result = Path(job.result.path)
    assert result.exists()
    assert client.post(f"/planner/batch/{job.pk}/delete").status_code == 302
    assert not PlanBatch.objects.exists() and not result.exists()
    assert AuditRecord.objects.filter(object_id=str(job.pk), action="deleted").exists()


def test_a_file_the_planner_refuses_ends_with_the_reason(client, demo, django_capture_on_commit_callbacks):
    client.force_login(demo["staff"])
    _upload(client, _xlsx([["id", "birth"], ["a", "1980-05"]]), django_capture_on_commit_callbacks)
    job = PlanBatch.objects.get()
    assert job.status == PlanBatch.Status.FAILED and not job.result and not job.source
    assert "缺少列" in job.error and "lacks the columns" in job.error
    assert "缺少列" in client.get("/planner/batch/").content.decode()


@pytest.mark.parametrize(("name", "reason"), [("old.xls", "另存为 .xlsx"), ("big.csv", "文件过大")])
def test_uploads_refused_before_queueing(client, demo, monkeypatch, django_capture_on_commit_callbacks, name, reason):
    monkeypatch.setattr(views, "MAX_UPLOAD_BYTES", 10)  # 20 MB in service, scaled down for the test
    client.force_login(demo["staff"])
    f = io.BytesIO(b"id,birth,category,employment,monthly_income\n")
    f.name = name
    r = _upload(client, f, django_capture_on_commit_callbacks)
    assert r.status_code == 302 and not PlanBatch.objects.exists()
    assert reason in client.get("/planner/batch/").content.decode()


def test_the_template_downloads(client, demo):
    client.force_login(demo["staff"])
    r = client.get("/planner/batch/template.xlsx")
    assert r.status_code == 200
    sheets = pd.read_excel(io.BytesIO(r.content), sheet_name=None)
    assert set(sheets) == {"填写", "填写说明"} and len(sheets["填写"]) == 3


def test_a_batch_whose_worker_stopped_is_interrupted_within_a_minute(client, demo):
    """Issue 13 item 10: a crashed batch stayed “规划中” for an hour (the queue's timeout), could
    not be deleted, and its upload stayed on disk. Now a batch whose worker gives no sign of life
    for STALL_SECONDS is interrupted: shown as such, deletable, its upload deleted."""
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.utils import timezone
    from django_q.models import Schedule

    from renshe.planner.batchjobs.models import STALL_SECONDS
    from renshe.planner.batchjobs.tasks import run_batch, sweep

    assert STALL_SECONDS <= 60
    assert Schedule.objects.get(name="planner_batch_sweep").func == "renshe.planner.batchjobs.tasks.sweep"
    now = timezone.now()
    job = PlanBatch.objects.create(owner=demo["staff"], source_name="h.xlsx", status=PlanBatch.Status.RUNNING,
                                   started_at=now, heartbeat_at=now)
    job.source.save("h.xlsx", ContentFile(_xlsx(GOOD).getvalue()))
    upload = Path(job.source.path)
    assert run_batch(str(job.pk)) == "running" and sweep() == 0  # still in its worker's hands
    PlanBatch.objects.filter(pk=job.pk).update(heartbeat_at=now - dt.timedelta(seconds=STALL_SECONDS + 1))
    client.force_login(demo["staff"])
    page = client.get("/planner/batch/").content.decode()  # the page sweeps first
    job.refresh_from_db()
    assert job.status == PlanBatch.Status.FAILED and not job.source and not upload.exists()
    assert "规划中断" in page and f"/planner/batch/{job.pk}/delete" in page
    assert run_batch(str(job.pk)) == "failed"  # the queue's re-delivery plans nothing
    assert [r.action for r in AuditRecord.objects.filter(object_id=str(job.pk)).order_by("id")] == ["interrupted"]
    assert client.post(f"/planner/batch/{job.pk}/delete").status_code == 302
    assert not PlanBatch.objects.filter(pk=job.pk).exists()


def test_results_are_deleted_after_the_keeping_period(client, demo, django_capture_on_commit_callbacks):
    import datetime as dt

    from django.utils import timezone
    from django_q.models import Schedule

    from renshe.planner.batchjobs.tasks import KEEP_DAYS, purge

    assert Schedule.objects.filter(func="renshe.planner.batchjobs.tasks.purge", schedule_type="D").exists()
    client.force_login(demo["staff"])
    _upload(client, _xlsx(GOOD), django_capture_on_commit_callbacks)
    job = PlanBatch.objects.get()
    result = Path(job.result.path)
    assert f"结果保留 {KEEP_DAYS} 天后自动删除" in client.get("/planner/batch/").content.decode()
    assert purge(timezone.now() + dt.timedelta(days=KEEP_DAYS - 1)) == 0 and result.exists()
    assert purge(timezone.now() + dt.timedelta(days=KEEP_DAYS + 1)) == 1
    assert not PlanBatch.objects.exists() and not result.exists()
    assert AuditRecord.objects.filter(object_id=str(job.pk), action="expired").exists()


def test_a_fault_of_ours_fails_the_batch_instead_of_leaving_it_running(client, demo, monkeypatch,
                                                                      django_capture_on_commit_callbacks):
    from renshe.planner.core import batch

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(batch, "run", broken)  # stands for any unforeseen fault in planning
    client.force_login(demo["staff"])
    _upload(client, _xlsx(GOOD), django_capture_on_commit_callbacks)
    job = PlanBatch.objects.get()
    assert job.status == PlanBatch.Status.FAILED and "内部错误" in job.error and not job.source and not job.result


@pytest.mark.django_db(transaction=True)
def test_the_worker_beats_while_it_plans(demo, monkeypatch):
    """The heartbeat that tells a live batch from a crashed one is written from its own thread."""
    import threading
    import time

    from renshe.planner.batchjobs import tasks

    monkeypatch.setattr(tasks, "HEARTBEAT_SECONDS", 0.05)
    job = PlanBatch.objects.create(owner=demo["staff"], source_name="h.xlsx", status=PlanBatch.Status.RUNNING)
    stop = threading.Event()
    beat = threading.Thread(target=tasks._beat, args=(job.pk, stop))
    beat.start()
    time.sleep(0.3)
    stop.set()
    beat.join()
    job.refresh_from_db()
    assert job.heartbeat_at is not None and not job.stalled


def test_a_file_over_the_row_cap_fails_the_batch_with_the_cap_named(client, demo, media, monkeypatch,
                                                                     django_capture_on_commit_callbacks):
    """Issue 13, item 6: the worker refuses a file past batch.MAX_ROWS part way through; the batch
    ends as failed with the reason in both languages, no result and no partial file kept."""
    from renshe.planner.core import batch

    monkeypatch.setattr(batch, "MAX_ROWS", 2)  # 1,000,000 in service, scaled down
    monkeypatch.setattr(batch, "READ_ROWS", 1)
    client.force_login(demo["staff"])
    _upload(client, _xlsx(GOOD), django_capture_on_commit_callbacks)
    job = PlanBatch.objects.get()
    assert job.status == PlanBatch.Status.FAILED and not job.result and not job.source
    assert "超过 2 户" in job.error and "more than 2 households" in job.error
    assert "超过 2 户" in client.get("/planner/batch/").content.decode()
    assert not [p for p in Path(media).rglob("*") if p.is_file()]  # neither the upload nor a part of a result
