"""Deadlines other modules track, kept right when a year's holiday notice arrives or changes.

Usage from a workflow (e.g. a disclosure request received on ``received``)::

    from renshe.platform.lawcalendar.service import track
    deadline = track(request_obj, "disclosure", received, actor=user)

Every open deadline the changed year could move is recomputed in the transaction that
saves the notice, one audit record per changed deadline
(:func:`renshe.platform.audit.service.record`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from pydantic import ValidationError

from renshe.platform.audit.service import record, snapshot
from renshe.rules import calendar, deadlines
from renshe.rules.errors import from_pydantic
from renshe.rules.parameters import value_at

from . import overlay
from .models import HolidayNotice, TrackedDeadline


def track(
    obj: models.Model,
    kind: str | None,
    start: dt.date,
    *,
    working_days: int | None = None,
    days: int | None = None,
    actor: Any = None,
) -> TrackedDeadline:
    """Compute and store a deadline owned by ``obj``; bad input raises a bilingual RulesError.

    A deadline of a ``kind`` names its parameter (``deadlines.<kind>``) and article; workflows
    start their clocks with :func:`renshe.platform.workflow.clocks.start`, which always does.
    """
    try:
        inp = deadlines.DeadlineIn(start=start, working_days=working_days, days=days, kind=kind)
    except ValidationError as exc:
        raise from_pydantic(exc) from None
    with transaction.atomic():
        overlay.refresh()
        result = deadlines.compute_deadline(inp)
        param = value_at(f"deadlines.{kind}", start) if kind else None
        deadline = TrackedDeadline.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            kind=kind or "",
            start=start,
            length=result.length,
            unit=result.unit,
            due=result.due,
            original_due=result.due,
            provisional=result.provisional,
            param=param.name if param else "",
            basis=param.reference.cite() if param else "",
        )
        record(
            actor, deadline, "track", after=snapshot(deadline), note=f"期限届满日 {result.due.isoformat()}"
        )
    return deadline


def close(deadline: TrackedDeadline, *, actor: Any = None, on: dt.date | None = None) -> TrackedDeadline:
    """Mark a deadline met or moot on ``on`` (today by default); a closed deadline is never recomputed."""
    with transaction.atomic():
        before = snapshot(deadline)
        deadline.is_open = False
        deadline.closed_on = on or timezone.localdate()
        deadline.closed_at = timezone.now()
        deadline.save(update_fields=["is_open", "closed_on", "closed_at", "updated_at"])
        record(actor, deadline, "close", before=before, after=snapshot(deadline))
    return deadline


def pauses_of(row: TrackedDeadline, today: dt.date | None = None) -> tuple[deadlines.Pause, ...]:
    """The row's pauses for the pure count; a pause still running is counted up to ``today``."""
    today = today or timezone.localdate()
    out = []
    for p in row.pauses:
        start = dt.date.fromisoformat(p["from"])
        end = dt.date.fromisoformat(p["to"]) if p.get("to") else max(start, today)
        out.append(deadlines.Pause(start, end))
    return tuple(out)


def due_of(row: TrackedDeadline, today: dt.date | None = None) -> deadlines.ClockDue:
    """The row's due date by the rules layer's one count (:func:`renshe.rules.deadlines.clock_due`)."""
    if row.counts_back:
        day = deadlines.count_back(row.start, row.length, row.unit)
        prov = calendar_provisional(day, row.start)
        return deadlines.ClockDue(due=day, original_due=day, days_paused=0, provisional=prov)
    ext = (row.extension_length, row.extension_unit) if row.extension_length else None
    return deadlines.clock_due(row.start, row.length, row.unit, pauses_of(row, today), ext)


def calendar_provisional(a: dt.date, b: dt.date) -> bool:
    """Some year between ``a`` and ``b`` has no holiday notice yet, so the date may still move."""
    return any(calendar.is_provisional(dt.date(y, 1, 1)) for y in range(min(a, b).year, max(a, b).year + 1))


def apply_due(row: TrackedDeadline, today: dt.date | None = None) -> bool:
    """Set the row's due, original due, paused days and provisional flag from :func:`due_of`; True if any changed."""
    c = due_of(row, today)
    new = (c.due, c.original_due, c.days_paused, c.provisional)
    if new == (row.due, row.original_due, row.days_paused, row.provisional):
        return False
    row.due, row.original_due, row.days_paused, row.provisional = new
    return True


def recompute_year(year: int, *, actor: Any = None, reason: str = "") -> list[TrackedDeadline]:
    """Recompute every open deadline whose span touches ``year`` (or its December bridge).

    Pauses and extensions are honoured (the same count as when the clock was started).
    Call inside a transaction; returns the deadlines whose due date or provisional flag changed.
    """
    rows = list(
        TrackedDeadline.objects.select_for_update()
        .filter(is_open=True, start__year__lte=year + 1, due__year__gte=year - 1)
        .order_by("id")
    )
    changed: list[TrackedDeadline] = []
    for row in rows:
        before = snapshot(row)
        if not apply_due(row):
            continue
        row.save(update_fields=["due", "original_due", "days_paused", "provisional", "updated_at"])
        record(actor, row, "recompute", before=before, after=snapshot(row), note=reason)
        changed.append(row)
    return changed


def snapshot_or_none(notice: HolidayNotice) -> dict[str, Any] | None:
    """The notice as stored before this save, or None for a new one."""
    if notice.pk is None:
        return None
    old = HolidayNotice.objects.filter(pk=notice.pk).first()
    return snapshot(old) if old else None


def notice_changed(notice: HolidayNotice, before: dict[str, Any] | None, actor: Any) -> None:
    """After a notice is saved: audit it, then move the deadlines it affects."""
    record(actor, notice, "update" if before else "create", before=before, after=snapshot(notice))
    _refresh(notice.year, actor, f"{notice.year}年放假安排通知已{'修改' if before else '载入'}：{notice}")


def notice_removed(notice: HolidayNotice, actor: Any) -> None:
    """After a notice is deleted: the year falls back to the files or the law."""
    record(actor, notice, "delete", before=snapshot(notice))
    _refresh(notice.year, actor, f"{notice.year}年放假安排通知已删除：{notice}")


def _refresh(year: int, actor: Any, reason: str) -> None:
    overlay.load()  # the calendar now sees the changed notice, as this transaction does
    recompute_year(year, actor=actor, reason=reason)
    transaction.on_commit(overlay.load)
