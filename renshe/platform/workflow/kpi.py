"""On-time figures from the clocks: the one definition every module's statistics use.

A clock is met on time when it was closed on or before its due date; the due date already
counts its pauses and its lawful extension (:mod:`renshe.platform.workflow.clocks`), so a
case paused for a medical appraisal is not late for the weeks it waited.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, QuerySet

from renshe.platform.lawcalendar.models import TrackedDeadline


@dataclass(frozen=True)
class OnTime:
    closed: int
    on_time: int
    rate: Decimal | None  # on_time / closed as a percentage with one decimal; None when nothing closed


def on_time(clocks: QuerySet[TrackedDeadline]) -> OnTime:
    """How many of ``clocks`` were closed, how many of those on or before their due date, and the rate."""
    closed = clocks.filter(is_open=False, closed_on__isnull=False)
    n = closed.count()
    met = closed.filter(closed_on__lte=F("due")).count()
    rate = (Decimal(met * 100) / n).quantize(Decimal("0.1"), ROUND_HALF_UP) if n else None
    return OnTime(closed=n, on_time=met, rate=rate)
