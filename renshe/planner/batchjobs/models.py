"""A staff member's batch of households to plan: the uploaded file, its state on the queue and
the result. The uploaded file holds personal data (births, incomes), so it is deleted as soon
as it has been planned; the result stays until its owner deletes it."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class PlanBatch(models.Model):
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

    #: whose batches these are, for scoping (accounts.scoping.organisation_path): the owner's office
    scope_field = "owner__organisation"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "批量规划"

    def __str__(self) -> str:
        return f"{self.source_name}（{self.get_status_display()}）"

    @property
    def stalled(self) -> bool:
        """Running for longer than the queue lets a task run: its worker was stopped (a
        restart, the task timeout), and the queue will hand the task out again."""
        limit = dt.timedelta(seconds=settings.Q_CLUSTER["timeout"])
        return self.status == self.Status.RUNNING and self.started_at is not None and timezone.now() - self.started_at > limit

    @property
    def pending(self) -> bool:
        return self.status == self.Status.QUEUED or (self.status == self.Status.RUNNING and not self.stalled)
