"""A staff member's batch of households to plan: the uploaded file, its state on the queue and
the result. The uploaded file holds personal data (births, incomes), so it is deleted as soon
as it has been planned, or as soon as its planning stopped; the result stays until its owner
deletes it. Its states move only through the workflow kernel (:mod:`renshe.planner.core.batch_machine`), each step
audited; only the platform takes them (``organisation_field = None``)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from renshe.planner.core.batch_machine import MACHINE

#: seconds between two signs of life from the worker planning a batch
HEARTBEAT_SECONDS = 10
#: a running batch with no sign of life for this long was left by a stopped worker
STALL_SECONDS = 6 * HEARTBEAT_SECONDS


class PlanBatch(models.Model):
    machine = MACHINE
    state_field = "status"
    organisation_field = None
    clock_field = None

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "规划中"
        DONE = "done", "已完成"
        FAILED = "failed", "未能完成"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_batches",
                              verbose_name="提交人")
    source_name = models.CharField("上传的文件", max_length=200)
    source = models.FileField("输入文件", upload_to="planner/batch/in/", blank=True)
    result = models.FileField("结果文件", upload_to="planner/batch/out/", blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    summary = models.JSONField("汇总", default=dict, blank=True)
    error = models.TextField("原因", blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField("开始规划", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    heartbeat_at = models.DateTimeField("最近一次运行信号", null=True, blank=True)

    #: whose batches these are, for scoping (accounts.scoping.organisation_path): the owner's office
    scope_field = "owner__organisation"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "批量规划"

    def __str__(self) -> str:
        return f"{self.source_name}（{self.get_status_display()}）"

    @property
    def stalled(self) -> bool:
        """Running, but its worker has given no sign of life for :data:`STALL_SECONDS`: the worker
        was stopped (a restart, a crash), and the batch is interrupted (:func:`.tasks.sweep`)."""
        seen = self.heartbeat_at or self.started_at
        limit = dt.timedelta(seconds=STALL_SECONDS)
        return self.status == self.Status.RUNNING and seen is not None and timezone.now() - seen > limit

    @property
    def pending(self) -> bool:
        return self.status == self.Status.QUEUED or (self.status == self.Status.RUNNING and not self.stalled)

    # --- the kernel's hooks (renshe.platform.workflow.services.apply) -------------------------------

    def on_start(self, facts: dict, actor, on) -> str:
        self.started_at = self.heartbeat_at = timezone.now()
        return ""

    def on_planned(self, facts: dict, actor, on) -> str:
        self.result.name, self.summary, self.finished_at = facts["result"], facts["summary"], timezone.now()
        self.source.delete(save=False)  # personal data: kept no longer than the planning needs
        return f"共 {self.summary['rows']} 户，已规划 {self.summary['planned']} 户"

    def on_failed(self, facts: dict, actor, on) -> str:
        self.error, self.finished_at = facts["error"], timezone.now()
        self.source.delete(save=False)
        return self.error[:500]

    def on_interrupted(self, facts: dict, actor, on) -> str:
        self.error = "规划中断：后台任务意外停止，上传的文件已删除，请重新上传 / interrupted: the worker stopped; upload again"
        self.finished_at = timezone.now()
        self.source.delete(save=False)  # personal data: not kept while nobody plans it
        return "上传的文件已删除"
