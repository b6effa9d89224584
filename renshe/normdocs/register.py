"""Queries over the register: filtered lists, the expiry warning list and yearly statistics.

The statistics count what the department's annual rule-of-law report counts (e.g. 2025:
“完成合法性审核12件，备案8件，持续开展政策文件动态清理”): documents whose legality
review was concluded in the year, documents filed in the year, and clean-up decisions
of the year by outcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from .core import workflow
from .models import CleanupDecision, Filing, LegalityReview, NormativeDocument


@dataclass(frozen=True)
class Filters:
    """What the register list can be narrowed by; every field optional."""

    status: str = ""
    division: int | None = None
    year: int | None = None
    expiring_days: int | None = None
    q: str = ""


def documents(filters: Filters, today: dt.date) -> QuerySet[NormativeDocument]:
    """The register narrowed by ``filters``; ``year`` is the year published (or registered, for drafts)."""
    qs = NormativeDocument.objects.select_related("drafting_division", "filing_deadline")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.division:
        qs = qs.filter(drafting_division_id=filters.division)
    if filters.year:
        qs = qs.filter(
            Q(published_on__year=filters.year) | Q(published_on__isnull=True, created_at__year=filters.year)
        )
    if filters.expiring_days is not None:
        qs = expiring(today, filters.expiring_days, qs)
    if filters.q:
        qs = qs.filter(Q(title__icontains=filters.q) | Q(number__icontains=filters.q))
    return qs


def expiring(
    today: dt.date, days: int, qs: QuerySet[NormativeDocument] | None = None
) -> QuerySet[NormativeDocument]:
    """Documents in force whose last valid day is within ``days`` days from ``today`` (inclusive)."""
    qs = NormativeDocument.objects.select_related("drafting_division") if qs is None else qs
    return qs.filter(
        status__in=workflow.IN_FORCE, valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=days)
    ).order_by("valid_until", "id")


def lapsed(today: dt.date) -> QuerySet[NormativeDocument]:
    """Documents still registered as in force although their validity ended before ``today``.

    They are due for the clean-up decision 宣布失效 (or re-issue) in the register.
    """
    return NormativeDocument.objects.filter(status__in=workflow.IN_FORCE, valid_until__lt=today).order_by(
        "valid_until", "id"
    )


def overdue_filings(today: dt.date) -> QuerySet[NormativeDocument]:
    """Published documents not yet filed whose filing deadline has passed."""
    return NormativeDocument.objects.filter(status="published", filing_deadline__due__lt=today).order_by(
        "filing_deadline__due"
    )


@dataclass
class YearRow:
    year: int
    published: int = 0
    reviewed: int = 0
    review_results: dict[str, int] = field(default_factory=dict)
    filed: int = 0
    filed_late: int = 0
    cleanup: dict[str, int] = field(default_factory=dict)

    @property
    def cleaned(self) -> int:
        return sum(self.cleanup.values())

    @property
    def cleanup_text(self) -> str:
        """E.g. 保留1件、废止2件, in the order of :data:`workflow.CLEANUP_LABELS`."""
        return "、".join(
            f"{label}{self.cleanup[k]}件" for k, label in workflow.CLEANUP_LABELS.items() if k in self.cleanup
        )


def statistics() -> list[YearRow]:
    """One row a year, newest first: published, reviewed (by result), filed (late), cleaned up (by outcome)."""
    rows: dict[int, YearRow] = {}

    def row(year: int) -> YearRow:
        return rows.setdefault(year, YearRow(year))

    for r in (
        NormativeDocument.objects.exclude(published_on=None)
        .annotate(y=ExtractYear("published_on"))
        .values("y")
        .annotate(n=Count("id"))
    ):
        row(r["y"]).published = r["n"]
    for r in (
        LegalityReview.objects.exclude(finished_on=None)
        .annotate(y=ExtractYear("finished_on"))
        .values("y")
        .annotate(n=Count("document", distinct=True))
    ):
        row(r["y"]).reviewed = r["n"]
    for r in (
        LegalityReview.objects.exclude(finished_on=None)
        .annotate(y=ExtractYear("finished_on"))
        .values("y", "result")
        .annotate(n=Count("id"))
    ):
        row(r["y"]).review_results[r["result"]] = r["n"]
    for f in Filing.objects.annotate(y=ExtractYear("filed_on")).values("y", "filed_on", "due_on"):
        row(f["y"]).filed += 1
        row(f["y"]).filed_late += f["filed_on"] > f["due_on"]
    for r in CleanupDecision.objects.values("year", "decision").annotate(n=Count("id")):
        row(r["year"]).cleanup[r["decision"]] = r["n"]
    return [rows[y] for y in sorted(rows, reverse=True)]
