"""Alerts: warnings dispatched to the office that must act, and the evidence they collect.

The state machine, its roles and deadlines are in :mod:`renshe.arrears.core.alerts`; the
services that move an alert (one transaction with its audit record) are in
:mod:`renshe.arrears.workflow`. One alert per project and month, the warning's identity.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.service import snapshot
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.platform.web import uploads
from renshe.platform.workflow.machine import Transition
from renshe.platform.workflow.models import WorkflowModel
from renshe.rules.errors import RulesError

from .core import alerts

#: evidence: at most this many bytes, and only these file types (extension → leading bytes)
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}


class Alert(WorkflowModel):
    """One warning dispatched to the office that must act (:data:`alerts.MACHINE`).

    ``organisation`` stays the office that must act; a missed deadline adds the next level
    up to ``supervisors`` (:func:`renshe.arrears.workflow.escalate_overdue`).
    """

    machine = alerts.MACHINE
    clock_field = "deadline"
    clock_region = alerts.REGION

    project_id = models.BigIntegerField("项目编号")
    month = models.CharField("预警月份", max_length=7)
    warning_id = models.CharField("预警编号", max_length=32, unique=True)
    project_name = models.CharField("项目名称", max_length=200)
    contractor_id = models.BigIntegerField("施工总承包单位编号", db_index=True)
    contractor_name = models.CharField("施工总承包单位", max_length=200)
    industry = models.CharField("行业", max_length=8, blank=True)
    region_code = models.CharField("项目所在区县代码", max_length=6)
    county = models.ForeignKey(
        Organisation, verbose_name="项目所在地人社部门", on_delete=models.PROTECT, related_name="arrears_alerts_here"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="当前承办单位", on_delete=models.PROTECT, related_name="arrears_alerts"
    )
    co_department = models.CharField("同时交办的行业主管部门", max_length=100, blank=True)
    co_duty = models.JSONField("行业主管部门职责依据", default=list, blank=True)
    level = models.CharField("预警级别", max_length=8, choices=list(alerts.LEVELS.items()))
    score = models.FloatField("风险分")
    indicators = models.JSONField("触发指标", default=list)
    amount_owed = models.DecimalField("估算欠发金额（元）", max_digits=14, decimal_places=2, default=0)
    workers_affected = models.PositiveIntegerField("涉及人数", default=0)
    state = models.CharField("状态", max_length=12, choices=list(alerts.STATES.items()), default="dispatched")
    finding = models.CharField("核实结论", max_length=8, choices=list(alerts.FINDINGS.items()), blank=True)
    outcome = models.CharField("处置方式", max_length=16, choices=list(alerts.OUTCOMES.items()), blank=True)
    escalation_level = models.PositiveSmallIntegerField("升级次数", default=0)
    deadline = models.ForeignKey(
        TrackedDeadline, verbose_name="当前环节期限", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dispatched_on = models.DateField("交办日期")
    closed_on = models.DateField("销号日期", null=True, blank=True)
    run_id = models.CharField("预警批次", max_length=64, blank=True)

    class Meta:
        verbose_name = "欠薪预警处置"
        verbose_name_plural = "欠薪预警处置"
        ordering = ["-dispatched_on", "-score", "id"]
        constraints = [models.UniqueConstraint(fields=["project_id", "month"], name="arrears_alert_project_month")]
        indexes = [models.Index(fields=["state"])]
        permissions = [("add_industry_feedback", "行业主管部门反馈处理情况")]

    def __str__(self) -> str:
        return f"{self.project_name} {self.month} {self.get_level_display()}预警"

    @property
    def due(self):
        """The current step's last day (moved by the calendar when a holiday notice changes)."""
        return self.deadline.due if self.deadline_id else None

    @property
    def is_open(self) -> bool:
        return self.state in alerts.OPEN_STATES

    def get_absolute_url(self) -> str:
        return reverse("arrears-alert", args=[self.pk])

    # --- the kernel's hooks (renshe.platform.workflow.services.apply) ---------------------------

    def workflow_facts(self, actor, facts: dict) -> set[str]:
        return alerts.facts(facts.get("finding") or self.finding, facts.get("outcome", ""), self.evidence.exists())

    def workflow_snapshot(self) -> dict:
        """The fields, and the supervising offices by name (escalation adds them)."""
        out = snapshot(self)
        out["supervisors"] = sorted(self.supervisors.values_list("name", flat=True)) if self.pk else []
        return out

    def clock_for(self, t: Transition, on) -> tuple[str, str] | None:
        return alerts.deadline_spec(self.state, self.level, self.outcome)

    def on_verify(self, facts: dict, actor, on) -> str:
        self.finding = facts["finding"]
        return f"核实结论：{alerts.FINDINGS[self.finding]}"

    def on_handle(self, facts: dict, actor, on) -> str:
        self.outcome = facts["outcome"]
        return f"处置方式：{alerts.OUTCOMES[self.outcome]}"

    def on_dismiss(self, facts: dict, actor, on) -> str:
        self.closed_on = on
        return ""

    on_close = on_dismiss

    def on_reopen(self, facts: dict, actor, on) -> str:
        self.finding, self.outcome, self.closed_on = "", "", None
        return ""


def validate_evidence(upload) -> None:
    """Size, type by extension and leading bytes (a renamed file is refused too) and unpacked
    size: the platform's one upload check (renshe.platform.web.uploads)."""
    rule = replace(uploads.EVIDENCE, max_bytes=EVIDENCE_MAX_BYTES, extensions=tuple(EVIDENCE_TYPES),
                   signatures=EVIDENCE_TYPES)
    try:
        uploads.check_upload(upload, "file", rule)
    except RulesError as exc:
        raise ValidationError(exc.problems[0].zh) from None


class Evidence(models.Model):
    alert = models.ForeignKey(Alert, verbose_name="预警", on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("文件", upload_to="arrears/evidence/%Y/%m/", validators=[validate_evidence])
    description = models.CharField("说明", max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "整改证据"
        verbose_name_plural = "整改证据"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.description}（{Path(self.file.name).name}）"


class PushRecord(models.Model):
    """One push of rows by a bank or the housing department (``POST /api/v1/arrears/push/{table}``).

    Kept in the platform database beside the users and the audit trail: it names the pushing
    account (a foreign key to the user) and is seen in the admin with the other records.
    The push answers at once: rows that pass the checks needing no store wait in the landing
    folder (``landing_file``) until the queue worker, the store's only writer, appends them
    (:mod:`renshe.arrears.landing`) and fills in what became of each row.
    Its two permissions decide who may push which tables (:data:`renshe.arrears.roles.PUSH_TABLES`).
    """

    class State(models.TextChoices):
        LANDED = "landed", "已接收，待入库"
        INGESTED = "ingested", "已入库"
        REFUSED = "refused", "已拒收"

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="推送账号", on_delete=models.PROTECT)
    table = models.CharField("数据表", max_length=32)
    body_format = models.CharField("格式", max_length=8, choices=[("json", "JSON"), ("csv", "CSV")])
    received = models.PositiveIntegerField("收到行数")
    inserted = models.PositiveIntegerField("新增行数")
    unchanged = models.PositiveIntegerField("已存在未变行数")
    corrected = models.PositiveIntegerField("更正行数", default=0)
    rejected = models.PositiveIntegerField("拒收行数")
    status = models.PositiveSmallIntegerField("HTTP 状态")
    state = models.CharField("处理状态", max_length=10, choices=State.choices, default=State.REFUSED, db_index=True)
    rejects = models.JSONField("拒收明细", default=list, blank=True)
    landing_file = models.CharField("待入库文件", max_length=300, blank=True)
    ingested_at = models.DateTimeField("入库时间", null=True, blank=True)
    lake_version = models.PositiveIntegerField("分析库版本", null=True, blank=True)

    class Meta:
        verbose_name = "数据推送记录"
        verbose_name_plural = "数据推送记录"
        ordering = ["-at", "-id"]
        permissions = [
            ("push_bank_data", "推送银行数据（代发工资、专户及流水）"),
            ("push_housing_data", "推送住建数据（项目、参建单位、实名制用工和考勤、人工费拨付计划）"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.table} +{self.inserted}/-{self.rejected}"
