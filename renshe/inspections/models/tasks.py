"""Plans (one draw each) and their tasks: one visit to one enterprise by ≥ 2 inspectors."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renshe.inspections import workflow
from renshe.platform.accounts.models import Organisation

from .catalogue import Enterprise, InspectionItem, Inspector

TaskState = models.TextChoices("TaskState", [(k, (k, v)) for k, v in workflow.STATES.items()])


class Plan(models.Model):
    """A 双随机 plan: the lists it was drawn from, the seed and the digest that let anyone redo it."""

    title = models.CharField("计划名称", max_length=200)
    year = models.PositiveSmallIntegerField("年度")
    organisation = models.ForeignKey(Organisation, verbose_name="制定机关", on_delete=models.PROTECT, related_name="+")
    items = models.ManyToManyField(InspectionItem, verbose_name="抽查事项", related_name="plans")
    joint_departments = models.CharField("联合抽查部门", max_length=300, blank=True)
    seed = models.BigIntegerField("随机种子")
    per_task = models.PositiveSmallIntegerField("每户执法人员数")
    sample = models.JSONField("各市抽取户数")
    draw_input = models.JSONField("抽取输入（规范化）", help_text="与种子一起可重现抽取结果")
    digest = models.CharField("摘要", max_length=80)
    drawn_at = models.DateTimeField("抽取时间", auto_now_add=True)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="抽取人", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "抽查计划"
        verbose_name_plural = "抽查计划"
        ordering = ["-drawn_at"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.title}"


class Task(models.Model):
    """One drawn enterprise: who inspects it, on which items, and how far the visit has gone."""

    plan = models.ForeignKey(Plan, verbose_name="抽查计划", on_delete=models.PROTECT, related_name="tasks")
    enterprise = models.ForeignKey(Enterprise, verbose_name="检查对象", on_delete=models.PROTECT, related_name="tasks")
    organisation = models.ForeignKey(Organisation, verbose_name="实施机关", on_delete=models.PROTECT, related_name="+")
    inspectors = models.ManyToManyField(Inspector, verbose_name="执法人员", related_name="tasks")
    items = models.ManyToManyField(InspectionItem, verbose_name="检查事项", related_name="tasks")
    state = models.CharField("状态", max_length=16, choices=TaskState.choices, default="scheduled")
    inspected_on = models.DateField("检查日期", null=True, blank=True)
    problems_found = models.BooleanField("发现问题", default=False)
    summary = models.TextField("检查情况", blank=True)
    publish_due = models.DateField("公示期限", null=True, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    rectify_due = models.DateField("整改期限", null=True, blank=True)
    recheck_note = models.TextField("复查情况", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)

    class Meta:
        verbose_name = "抽查任务"
        verbose_name_plural = "抽查任务"
        ordering = ["plan", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "enterprise"], name="inspections_task_once_a_plan")]

    def __str__(self) -> str:
        return f"{self.plan} · {self.enterprise.name}"

    @property
    def result_label(self) -> str:
        if self.state in ("scheduled", "inspected"):
            return "—"
        return "发现问题，责令整改" if self.problems_found else "未发现问题"


class ChecklistResult(models.Model):
    class Outcome(models.TextChoices):
        COMPLIANT = "compliant", "符合规定"
        PROBLEM = "problem", "发现问题"
        NOT_APPLICABLE = "na", "不适用"

    task = models.ForeignKey(Task, verbose_name="抽查任务", on_delete=models.CASCADE, related_name="checklist")
    item = models.ForeignKey(InspectionItem, verbose_name="检查事项", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField("结果", max_length=16, choices=Outcome.choices)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "检查结果"
        verbose_name_plural = "检查结果"
        constraints = [models.UniqueConstraint(fields=["task", "item"], name="inspections_one_result_an_item")]

    def __str__(self) -> str:
        return f"{self.item.code} {self.get_outcome_display()}"


class Evidence(models.Model):
    task = models.ForeignKey(Task, verbose_name="抽查任务", on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("证据文件", upload_to="inspections/evidence/%Y/")
    description = models.CharField("说明", max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "检查证据"
        verbose_name_plural = "检查证据"

    def __str__(self) -> str:
        return self.description
