"""The dashboard's rollup: per committee × month of receipt, the sums and counts behind every
figure of :mod:`renshe.disputes.measures` (issue 14, "Scale": the dashboard under 500 ms on a
year of 200,000 cases, where grouping the cases and their award clocks took 13 s).

A cell holds exactly what :func:`measures._cells` groups from the cases — counts received,
accepted, mediated, awarded; the sums and counts of the days to acceptance, mediation and award —
and the award clocks closed and met under the kernel's definition
(:func:`renshe.platform.workflow.kpi.on_time`: closed on or before the due date, the due date
counting pauses and the extension), so the figures read from cells are the figures read from cases.

Kept current in the transaction of every change: a saved or deleted case recounts its cell (and
the cell it left, if its committee or month changed), a saved award clock recounts its case's cell
(``post_save``/``post_delete``, connected in :mod:`renshe.disputes.apps`; every write of a case or
clock — workflow steps, services, admin — goes through ``save``). The cell row is locked before
the recount, so two transactions touching one cell count one after the other. Bulk writes bypass
``save``: after them (the demo year) :func:`rebuild` recounts everything.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps as django_apps
from django.apps.registry import Apps
from django.db import models, transaction

from renshe.platform.accounts.models import Organisation

#: the sums and counts of a cell, named as :data:`measures._COUNTS` names them, then the clocks
ADDITIVE = ("received", "accepted", "mediated", "awarded", "sum_acceptance", "n_acceptance", "sum_mediation",
            "n_mediation", "sum_award", "n_award")


class MeasureCell(models.Model):
    """One committee's cases received in one month, summed."""

    organisation = models.ForeignKey(Organisation, verbose_name="仲裁委员会（设区市）", on_delete=models.CASCADE,
                                     related_name="dispute_measure_cells")
    month = models.DateField("收案月份（月初）")
    received = models.PositiveIntegerField(default=0)
    accepted = models.PositiveIntegerField(default=0)
    mediated = models.PositiveIntegerField(default=0)
    awarded = models.PositiveIntegerField(default=0)
    sum_acceptance = models.BigIntegerField(default=0)
    n_acceptance = models.PositiveIntegerField(default=0)
    sum_mediation = models.BigIntegerField(default=0)
    n_mediation = models.PositiveIntegerField(default=0)
    sum_award = models.BigIntegerField(default=0)
    n_award = models.PositiveIntegerField(default=0)
    clocks_closed = models.PositiveIntegerField("已结束的裁决期限", default=0)
    clocks_met = models.PositiveIntegerField("期限内结束的", default=0)

    class Meta:
        app_label = "disputes"
        verbose_name = "调解仲裁指标汇总格"
        verbose_name_plural = "调解仲裁指标汇总格"
        constraints = [models.UniqueConstraint(fields=["organisation", "month"], name="disputes_measure_cell_once")]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m}"

    def figures(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ADDITIVE}


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(m: dt.date) -> dt.date:
    return dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)


def _fill(cell: MeasureCell, g: dict[str, Any] | None, timely: tuple[int, int]) -> None:
    for k in ADDITIVE:
        setattr(cell, k, (g or {}).get(k) or 0)
    cell.clocks_closed, cell.clocks_met = timely


def recount(organisation_id: int, month: dt.date) -> None:
    """Recount one cell from its cases and clocks (the same grouped queries as the dashboard's
    direct path), under a lock on the cell's row; inside the caller's transaction."""
    from . import measures
    from .models import Case

    with transaction.atomic():
        MeasureCell.objects.get_or_create(organisation_id=organisation_id, month=month)
        cell = MeasureCell.objects.select_for_update().get(organisation_id=organisation_id, month=month)
        qs = Case.objects.filter(organisation_id=organisation_id, received_on__gte=month, received_on__lt=_next_month(month))
        cases_, timely = measures._cells(qs)
        g = next(iter(cases_.values()), None)
        _fill(cell, g, next(iter(timely.values()), (0, 0)))
        if cell.received:
            cell.save()
        else:
            cell.delete()


def rebuild(year: int | None = None, registry: Apps | None = None) -> int:
    """Recount every cell (of ``year``, or all) from scratch — after a bulk load. Returns the cells
    written. ``registry`` is the app registry whose models to use: the running project's by
    default, a migration's historical one when a migration fills the cells (so that the fill keeps
    working after later migrations change these models)."""
    from . import measures

    registry = registry or django_apps
    case_model = registry.get_model("disputes", "Case")
    cell_model = registry.get_model("disputes", "MeasureCell")
    clock_model = registry.get_model("lawcalendar", "TrackedDeadline")
    qs = case_model.objects.filter(received_on__isnull=False)
    cells = cell_model.objects.all()
    if year is not None:
        qs, cells = qs.filter(received_on__year=year), cells.filter(month__year=year)
    cases_, timely = measures._cells(qs, clock_model.objects.filter(dispute_case__in=qs))
    rows = []
    for (org, m), g in cases_.items():
        cell = cell_model(organisation_id=org, month=measures._month(m))
        _fill(cell, g, timely.get((org, m), (0, 0)))
        rows.append(cell)
    with transaction.atomic():
        cells.delete()
        cell_model.objects.bulk_create(rows)
    return len(rows)


# -- keeping cells current: signal receivers, connected in apps.ready ---------------------------------

_bulk = threading.local()


@contextmanager
def bulk(year: int | None = None) -> Iterator[None]:
    """Receivers off in this thread while a bulk load writes (a recount per row would take
    hours), then :func:`rebuild` of ``year`` — inside the caller's transaction."""
    _bulk.on = True
    try:
        yield
    finally:
        _bulk.on = False
    rebuild(year)


def _live() -> bool:
    return not getattr(_bulk, "on", False)

def _key(org_id: int | None, received_on: dt.date | None) -> tuple[int, dt.date] | None:
    return (org_id, month_of(received_on)) if org_id and received_on else None


def remember_key(sender, instance, **kwargs) -> None:
    """post_init: the cell a loaded case counts in, to recount it if the case moves out."""
    d = instance.__dict__
    if not _live():
        return
    instance._rollup_key = _key(d.get("organisation_id"), d.get("received_on"))


def case_saved(sender, instance, **kwargs) -> None:
    if not _live():
        return
    new = _key(instance.organisation_id, instance.received_on)
    old = getattr(instance, "_rollup_key", None)
    for key in {k for k in (old, new) if k}:
        recount(*key)
    instance._rollup_key = new


def case_deleted(sender, instance, **kwargs) -> None:
    key = _key(instance.organisation_id, instance.received_on)
    if key and _live():
        recount(*key)


def clock_saved(sender, instance, **kwargs) -> None:
    """An award clock closed, paused, resumed or extended: its case's cell counts clocks met."""
    from .models import Case

    if not _live():
        return
    row = Case.objects.filter(award_clock_id=instance.pk).values("organisation_id", "received_on").first()
    if row and (key := _key(row["organisation_id"], row["received_on"])):
        recount(*key)
