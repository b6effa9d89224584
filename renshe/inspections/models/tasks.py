"""Plans (one draw each) and their tasks: one visit to one enterprise by ≥ 2 inspectors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

from renshe.inspections.core import workflow
from renshe.platform.accounts.models import Organisation
from renshe.platform.workflow.models import WorkflowModel

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


class Task(WorkflowModel):
    """One drawn enterprise: who inspects it, on which items, and how far the visit has gone.

    Moves on the workflow kernel (:data:`renshe.inspections.core.workflow.MACHINE`): the hooks
    below copy each step's facts into the task; ``organisation`` is the city's bureau.
    """

    machine = workflow.MACHINE
    plan = models.ForeignKey(Plan, verbose_name="抽查计划", on_delete=models.PROTECT, related_name="tasks")
    enterprise = models.ForeignKey(Enterprise, verbose_name="检查对象", on_delete=models.PROTECT, related_name="tasks")
    inspectors = models.ManyToManyField(Inspector, verbose_name="执法人员", related_name="tasks")
    items = models.ManyToManyField(InspectionItem, verbose_name="检查事项", related_name="tasks")
    state = models.CharField("状态", max_length=32, choices=TaskState.choices, default="scheduled")
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

    def get_absolute_url(self) -> str:
        return f"/inspections/tasks/{self.pk}/"

    def workflow_facts(self, actor: Any, facts: dict[str, Any]) -> set[str]:
        """What holds for the step: the checklist given covers every item, the actor is on
        the team, a problem was found, the deadline and the re-check note given."""
        held = set()
        results = facts.get("results") or {}
        codes = set(self.items.values_list("code", flat=True))
        if codes and codes <= set(results):
            held.add("checklist_complete")
        if getattr(actor, "is_superuser", False) or self.inspectors.filter(user=actor).exists():
            held.add("on_team")
        held.add("problems_found" if self.problems_found else "no_problems")
        due = facts.get("rectify_due")
        if due and due > dt.date.today():
            held.add("rectify_due")
        if str(facts.get("note", "")).strip():
            held.add("recheck_recorded")
        return held

    def on_record(self, facts: dict[str, Any], actor: Any, on: dt.date) -> str:
        items = dict(self.items.values_list("code", "id"))
        for code, item_id in items.items():
            outcome, note = facts["results"][code]
            ChecklistResult.objects.update_or_create(task=self, item_id=item_id,
                                                     defaults={"outcome": outcome, "note": note.strip()})
        self.inspected_on, self.summary = on, facts.get("summary", "").strip()
        self.problems_found = any(facts["results"][c][0] == ChecklistResult.Outcome.PROBLEM for c in items)
        return "发现问题" if self.problems_found else "未发现问题"

    def on_publish(self, facts: dict[str, Any], actor: Any, on: dt.date) -> str:
        self.published_on = on
        late = self.publish_due is not None and on > self.publish_due
        return "逾期公示" if late else ""

    def on_order_rectification(self, facts: dict[str, Any], actor: Any, on: dt.date) -> str:
        self.rectify_due = facts["rectify_due"]
        return f"整改期限 {self.rectify_due:%Y年%-m月%-d日}"

    def on_recheck(self, facts: dict[str, Any], actor: Any, on: dt.date) -> str:
        self.recheck_note, self.closed_on = facts["note"].strip(), on
        return ""

    def on_close(self, facts: dict[str, Any], actor: Any, on: dt.date) -> str:
        self.closed_on = on
        return ""

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
