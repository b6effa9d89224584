"""劳动保障监察 cases (劳动保障智慧监察) on the workflow kernel: :data:`renshe.inspections.core.casework.CASE_MACHINE`.

A case comes from a clue and keeps the link to it: an arrears alert (``alert``) or an
inspection task whose finding it investigates (``task``; the task lists its cases). The
hooks copy each step's facts into the case; the investigation clock is the kernel's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from renshe.inspections.core import casework
from renshe.platform.accounts.masking import mask_phone
from renshe.platform.audit.service import snapshot
from renshe.platform.workflow import clocks
from renshe.platform.workflow.models import WorkflowModel
from renshe.rules import parameters

from .catalogue import Enterprise
from .tasks import Task

CaseState = models.TextChoices("CaseState", [(k, (k, v)) for k, v in casework.STATES.items()])
INVESTIGATION = "inspections.investigation_working_days"
EXTENSION = "inspections.investigation_extension_working_days"


class Case(WorkflowModel):
    class Source(models.TextChoices):
        COMPLAINT = "complaint", "举报投诉"
        HOTLINE_12345 = "12345", "12345热线转办"
        HOTLINE_96333 = "96333", "96333欠薪维权专线"
        ARREARS_ALERT = "alert", "欠薪预警"
        INSPECTION = "inspection", "双随机检查发现"

    machine = casework.CASE_MACHINE
    number = models.CharField("案件编号", max_length=40, unique=True)
    state = models.CharField("状态", max_length=32, choices=CaseState.choices, default="received")
    source = models.CharField("线索来源", max_length=16, choices=Source.choices)
    source_ref = models.CharField("工单号", max_length=64, blank=True)
    alert = models.ForeignKey("arrears.Alert", verbose_name="欠薪预警", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="inspection_cases")
    task = models.ForeignKey(Task, verbose_name="双随机检查任务", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="cases")
    enterprise = models.ForeignKey(Enterprise, verbose_name="名录库中的单位", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="cases")
    employer = models.CharField("用人单位", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    complainant = models.CharField("投诉人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    allegation = models.TextField("反映的问题")
    received_on = models.DateField("收到日期")
    violation_end = models.DateField("违法行为发生（终了）日期", null=True, blank=True,
                                     help_text="行为仍在继续的留空（《劳动保障监察条例》第二十条第二款）")
    filed_on = models.DateField("立案日期", null=True, blank=True)
    investigation_due = models.DateField("调查期限", null=True, blank=True)
    extended = models.BooleanField("已延长调查期限", default=False)
    findings = models.TextField("调查认定的事实", blank=True)
    legal_basis = models.CharField("法律依据", max_length=300, blank=True)
    rectify_due = models.DateField("整改期限", null=True, blank=True)
    significant = models.BooleanField("重大执法决定", default=False)
    decision_text = models.TextField("处理决定", blank=True)
    heard = models.BooleanField("已听取陈述申辩", default=False)
    review_opinion = models.TextField("法制审核意见", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    reason = models.TextField("理由", blank=True)

    class Meta:
        verbose_name = "劳动保障监察案件"
        verbose_name_plural = "劳动保障监察案件"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.employer}"

    def get_absolute_url(self) -> str:
        return f"/inspections/cases/{self.pk}/"

    def workflow_snapshot(self) -> dict[str, Any]:
        """The audit record's view of the case: the complainant's phone masked (personal data)."""
        data = snapshot(self)
        if data.get("phone"):
            data["phone"] = mask_phone(data["phone"])
        return data

    def lookback_ok(self, on: dt.date) -> bool:
        years = int(parameters.value("inspections.lookback_years", on))
        return casework.within_lookback(self.violation_end, self.received_on, years)

    def workflow_facts(self, actor: Any, facts: dict[str, Any]) -> set[str]:
        held = {k for k in ("reason", "legal_basis", "findings") if str(facts.get(k, "")).strip()}
        if self.lookback_ok(self.received_on):
            held.add("within_lookback")
        if not self.extended:
            held.add("not_extended")
        due = facts.get("rectify_due")
        if due and due > dt.date.today():
            held.add("rectify_due")
        held.add("significant" if facts.get("significant", self.significant) else "not_significant")
        if str(facts.get("decision_text", self.decision_text)).strip() and \
                str(facts.get("legal_basis", self.legal_basis)).strip():
            held.add("decision_drafted")
        if facts.get("heard", self.heard):
            held.add("heard")
        return held

    def on_refuse(self, facts, actor, on) -> str:
        self.reason = facts["reason"].strip()
        return self.reason

    def on_file(self, facts, actor, on) -> str:
        self.filed_on = on
        return ""

    def on_extend(self, facts, actor, on) -> str:
        clock = clocks.open_clocks(self).filter(param=INVESTIGATION).first()
        clock = clocks.extend(clock, param=EXTENSION, actor=actor, note=facts["reason"])
        self.extended, self.investigation_due = True, clock.due
        return f"延长后调查期限 {clock.due:%Y年%-m月%-d日}；{facts['reason'].strip()}"

    def on_order_rectify(self, facts, actor, on) -> str:
        self.rectify_due, self.legal_basis = facts["rectify_due"], facts["legal_basis"].strip()
        return f"整改期限 {self.rectify_due:%Y年%-m月%-d日}"

    def on_conclude(self, facts, actor, on) -> str:
        self.findings = facts["findings"].strip()
        for key in ("significant", "decision_text", "legal_basis", "heard"):
            if key in facts:
                setattr(self, key, facts[key].strip() if isinstance(facts[key], str) else facts[key])
        return ""

    def on_withdraw(self, facts, actor, on) -> str:
        self.reason = facts["reason"].strip()
        return self.reason

    def on_approve_review(self, facts, actor, on) -> str:
        self.review_opinion = facts["reason"].strip()
        return self.review_opinion

    def on_return_review(self, facts, actor, on) -> str:
        self.review_opinion = facts["reason"].strip()
        return self.review_opinion

    def on_decide(self, facts, actor, on) -> str:
        self.decided_on = on
        return ""

    on_decide_reviewed = on_decide
