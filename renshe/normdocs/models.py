"""The register of the department's 行政规范性文件 and what happened to each.

- :class:`NormativeDocument` — one document, its number, drafting division, status and
  validity period (its status changes only through :mod:`renshe.normdocs.service`);
- :class:`LegalityReview` — one round of 合法性审核 (国办发〔2018〕115号): reviewer,
  opinion, result, with its deadline tracked on the working-day calendar;
- :class:`Filing` — the 备案 of a published document (福建省行政规范性文件备案审查办法);
- :class:`CleanupDecision` — one decision of the periodic clean-up (国办发〔2018〕37号).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from renshe.platform.accounts.models import Organisation
from renshe.platform.lawcalendar.models import TrackedDeadline

from .core import periods, workflow


class NormativeDocument(models.Model):
    """A document on the workflow kernel: its machine is :data:`workflow.MACHINE`; the kernel
    reads its state from ``status`` and the office that must act from ``drafting_division``
    (every member of the department's staff who may act on it finds it in their 待办)."""

    machine = workflow.MACHINE
    state_field = "status"
    organisation_field = "drafting_division"
    clock_field = None
    inbox_scope = "visible"
    #: a document in force waits on no one: its clean-up is periodic, and its expiry is notified
    inbox_states = ("draft", "under_review", "approved", "published")

    title = models.CharField("文件名称", max_length=300)
    number = models.CharField(
        "文号", max_length=64, blank=True, help_text="公布时编号，如 闽人社规〔2025〕1号", db_index=True
    )
    drafting_division = models.ForeignKey(
        Organisation, verbose_name="起草处室", on_delete=models.PROTECT, related_name="normative_documents"
    )
    status = models.CharField(
        "状态", max_length=16, choices=list(workflow.STATE_LABELS.items()), default="draft", db_index=True
    )
    published_on = models.DateField("公布日期", null=True, blank=True)
    effective_from = models.DateField("施行日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True, db_index=True)
    text = models.TextField("正文", blank=True)
    attachment = models.FileField("附件", upload_to="normdocs/%Y/", blank=True)
    filing_deadline = models.OneToOneField(
        TrackedDeadline,
        verbose_name="备案期限",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    demo = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = "行政规范性文件"
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="normdocs_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("normdocs:detail", args=[self.pk])

    @property
    def in_force(self) -> bool:
        return self.status in workflow.IN_FORCE

    def days_left(self, today: dt.date) -> int | None:
        """Days from ``today`` to the last valid day (negative once past), or None without a period."""
        return None if self.valid_until is None else (self.valid_until - today).days

    def filing_overdue(self, today: dt.date) -> bool:
        """Published and not filed after the filing deadline, or filed after it."""
        if self.filing_deadline is None:
            return False
        filing = self.filings.order_by("-filed_on").first()
        if filing is not None:
            return filing.filed_on > self.filing_deadline.due
        return today > self.filing_deadline.due

    def current_review(self) -> LegalityReview | None:
        return self.reviews.order_by("-started_on", "-id").first()

    # --- the kernel's hooks (renshe.platform.workflow.services.apply) ---------------------------

    def current_clock(self) -> TrackedDeadline | None:
        """The running clock the 待办 shows: the legality review's, or the filing deadline."""
        review = self.current_review() if self.status == "under_review" else None
        for clock in (review.deadline if review else None, self.filing_deadline):
            if clock is not None and clock.is_open:
                return clock
        return None

    def workflow_facts(self, actor: Any, facts: dict[str, Any]) -> set[str]:
        from . import service

        return service.facts(self, actor)

    def workflow_snapshot(self) -> dict[str, Any]:
        from . import service

        return service.state(self)


def _step_hook(action: str) -> Any:
    """``on_<action>``: the register's own work for the step (:data:`renshe.normdocs.service.HANDLERS`)."""

    def hook(self: NormativeDocument, facts: dict[str, Any], actor: Any, on: dt.date) -> str:
        from . import service

        return service.HANDLERS[action](self, actor, on, facts)

    return hook


for _action in ("submit", "publish", "file", "review_pass", "review_revise", "review_reject",
                "retain", "amend", "repeal", "declare_expired"):
    setattr(NormativeDocument, f"on_{_action}", _step_hook(_action))


class LegalityReview(models.Model):
    class Result(models.TextChoices):
        PASS = "pass", "通过"
        REVISE = "revise", "修改后再报"
        REJECT = "reject", "不予通过"

    document = models.ForeignKey(
        NormativeDocument, verbose_name="文件", on_delete=models.CASCADE, related_name="reviews"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提交人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opinion = models.TextField("审核意见", blank=True)
    result = models.CharField("审核结论", max_length=8, choices=Result.choices, blank=True)
    started_on = models.DateField("提交审核日期")
    finished_on = models.DateField("审核完成日期", null=True, blank=True)
    deadline = models.OneToOneField(
        TrackedDeadline, verbose_name="审核期限", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "合法性审核"
        verbose_name_plural = "合法性审核"
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.document.title} 合法性审核（{self.started_on:%Y-%m-%d}）"

    @property
    def due_on(self) -> dt.date | None:
        return self.deadline.due if self.deadline else None

    def overdue(self, today: dt.date) -> bool:
        end = self.finished_on or today
        return self.due_on is not None and end > self.due_on

    @property
    def too_short(self) -> bool:
        """Concluded in fewer working days than 国办发〔2018〕115号 normally allows."""
        return self.finished_on is not None and periods.review_too_short(self.started_on, self.finished_on)[0]


class Filing(models.Model):
    document = models.ForeignKey(
        NormativeDocument, verbose_name="文件", on_delete=models.CASCADE, related_name="filings"
    )
    filed_with = models.CharField("备案机关", max_length=100, default="福建省人民政府")
    filed_on = models.DateField("报送备案日期")
    due_on = models.DateField("备案期限")
    receipt = models.CharField("备案登记号/回执", max_length=100, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "备案"
        verbose_name_plural = "备案"
        ordering = ["-filed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.document.title} 备案（{self.filed_on:%Y-%m-%d}）"

    @property
    def late(self) -> bool:
        return self.filed_on > self.due_on


class CleanupDecision(models.Model):
    document = models.ForeignKey(
        NormativeDocument, verbose_name="文件", on_delete=models.CASCADE, related_name="cleanups"
    )
    year = models.PositiveSmallIntegerField("清理年度", db_index=True)
    decision = models.CharField("清理结论", max_length=16, choices=list(workflow.CLEANUP_LABELS.items()))
    reason = models.TextField("理由")
    decided_on = models.DateField("决定日期")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="决定人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "清理决定"
        verbose_name_plural = "清理决定"
        ordering = ["-year", "-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.year}年清理：{self.get_decision_display()} {self.document.title}"
