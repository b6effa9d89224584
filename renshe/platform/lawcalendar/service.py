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

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from pydantic import ValidationError

from renshe.platform.audit.service import record, snapshot
from renshe.rules import deadlines
from renshe.rules.errors import from_pydantic

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
    """Compute and store a deadline owned by ``obj``; bad input raises a bilingual RulesError."""
    try:
        inp = deadlines.DeadlineIn(start=start, working_days=working_days, days=days, kind=kind)
    except ValidationError as exc:
        raise from_pydantic(exc) from None
    with transaction.atomic():
        overlay.refresh()
        result = deadlines.compute_deadline(inp)
        deadline = TrackedDeadline.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            kind=kind or "",
            start=start,
            length=result.length,
            unit=result.unit,
            due=result.due,
            provisional=result.provisional,
        )
        record(
            actor, deadline, "track", after=snapshot(deadline), note=f"期限届满日 {result.due.isoformat()}"
        )
    return deadline


def close(deadline: TrackedDeadline, *, actor: Any = None) -> TrackedDeadline:
    """Mark a deadline met or moot; a closed deadline is never recomputed."""
    with transaction.atomic():
        before = snapshot(deadline)
        deadline.is_open = False
        deadline.closed_at = timezone.now()
        deadline.save(update_fields=["is_open", "closed_at", "updated_at"])
        record(actor, deadline, "close", before=before, after=snapshot(deadline))
    return deadline


def recompute_year(year: int, *, actor: Any = None, reason: str = "") -> list[TrackedDeadline]:
    """Recompute every open deadline whose span touches ``year`` (or its December bridge).

    Call inside a transaction; returns the deadlines whose due date or provisional flag changed.
    """
    rows = list(
        TrackedDeadline.objects.select_for_update()
        .filter(is_open=True, start__year__lte=year, due__year__gte=year - 1)
        .order_by("id")
    )
    changed: list[TrackedDeadline] = []
    for unit in {r.unit for r in rows}:
        group = [r for r in rows if r.unit == unit]
        out = deadlines.period_end_array(
            np.array([r.start for r in group], dtype="datetime64[D]"), [r.length for r in group], unit
        )
        for row, due, provisional in zip(group, out["due"], out["provisional"], strict=True):
            new_due, new_prov = due.item(), bool(provisional)
            if (new_due, new_prov) == (row.due, row.provisional):
                continue
            before = snapshot(row)
            row.due, row.provisional = new_due, new_prov
            row.save(update_fields=["due", "provisional", "updated_at"])
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
