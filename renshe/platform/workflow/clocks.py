"""Statutory clocks as data, on ``lawcalendar.TrackedDeadline``.

Every clock names the dated parameter that sets its length (``renshe/rules/params``), so its
law; the count itself is the rules layer's (:func:`renshe.rules.deadlines.clock_due`), the
same code as the ``deadline`` calculator. A clock can be

- started (:func:`start`): counted from the day after the event (民法典第二百零一条); many at
  once (:func:`start_many`, a bulk import) with the same count, audited once for the batch;
- paused and resumed (:func:`pause`, :func:`resume`): time the law does not count, such as
  waiting for a completed application (政府信息公开条例第三十条) or a medical appraisal
  (工伤保险条例第二十条第三款);
- extended once (:func:`extend`) by the lawful extension, counted from the original due date
  (劳动争议调解仲裁法第四十三条 +15 days, 政府信息公开条例第三十三条第二款 +20 working days);
- counted back from an event (:func:`count_back`): the latest day to act before it
  (劳动争议调解仲裁法第三十五条: the hearing notice five days before the hearing);
- closed (:func:`close`); ``clock.on_time`` then says whether it was met.

A holiday notice saved later recomputes every open clock, pauses honoured, each change
audited (:func:`renshe.platform.lawcalendar.service.recompute_year`). Every change here is
audited on the clock, in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from renshe.platform.audit.service import record, snapshot
from renshe.platform.lawcalendar import overlay
from renshe.platform.lawcalendar import service as lawcal
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.rules.deadlines import UNIT_ZH, Pause, check_pauses
from renshe.rules.parameters import ParamValue, value_at

from .machine import WorkflowError

UNITS = ("days", "working_days", "months", "years")


def _length(param: str, on: dt.date, key: str, region: str) -> tuple[int, str, ParamValue]:
    pv = value_at(param, on, region)
    value = pv.value[key] if key else pv.value
    if pv.unit not in UNITS or isinstance(value, dict):
        raise ValueError(f"parameter {param} is not a period (unit {pv.unit}, value {value!r}); give key=")
    return int(value), pv.unit, pv


def _cite(pv: ParamValue) -> str:
    return pv.reference.cite() + ("（参数未经核实）" if not pv.verified else "")


def describe(clock: TrackedDeadline) -> str:
    """One sentence for a record or a page: length, due date, law."""
    what = clock.kind or "期限"
    if clock.counts_back:
        return f"{what}：须于{clock.start:%Y年%-m月%-d日}前{clock.length}{UNIT_ZH[clock.unit]}，即{clock.due:%Y年%-m月%-d日}前办理（{clock.basis}）"
    return f"{what}：{clock.length}{UNIT_ZH[clock.unit]}，{clock.due:%Y年%-m月%-d日}届满（{clock.basis}）"


def open_clocks(obj: models.Model) -> models.QuerySet[TrackedDeadline]:
    """The object's clocks still running."""
    return TrackedDeadline.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), is_open=True
    )


def _create(obj: models.Model, param: str, on: dt.date, *, actor: Any, kind: str, key: str, region: str,
            counts_back: bool) -> TrackedDeadline:
    length, unit, pv = _length(param, on, key, region)
    with transaction.atomic():
        overlay.refresh()
        clock = TrackedDeadline(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            kind=kind or pv.description,
            start=on,
            length=length,
            unit=unit,
            param=param,
            param_key=key,
            region=region,
            basis=_cite(pv),
            counts_back=counts_back,
            due=on,
        )
        lawcal.apply_due(clock)
        clock.save()
        record(actor, clock, "track", after=snapshot(clock), note=describe(clock))
    return clock


def start(obj: models.Model, param: str, on: dt.date, *, actor: Any, kind: str = "", key: str = "",
          region: str = "national") -> TrackedDeadline:
    """Start the clock of parameter ``param`` (its value under ``key`` when it has one per case)
    for ``obj``, counted from the day after ``on``."""
    return _create(obj, param, on, actor=actor, kind=kind, key=key, region=region, counts_back=False)


def start_many(starts: Sequence[tuple[models.Model, dt.date]], param: str, *, actor: Any, batch: models.Model,
               kind: str = "", key: str = "", region: str = "national") -> list[TrackedDeadline]:
    """The clocks :func:`start` would give each ``(obj, on)`` of ``starts``, written in one bulk insert.

    The objects need a primary key, not a saved row (an import reserves its ids first). The
    length, unit, due date and basis are computed exactly as :func:`start` computes them — once
    per distinct day, as every fresh clock of one parameter started on the same day ends on the
    same day. Instead of one audit record per clock, one record on ``batch`` (the import batch
    the objects came in) names the parameter, the number of clocks and the days they run from:
    the batch is the one act that started them (docs/workflow.md, "Clocks").
    """
    if not starts:
        return []
    protos: dict[dt.date, TrackedDeadline] = {}
    ct = ContentType.objects.get_for_model(starts[0][0])
    with transaction.atomic():
        overlay.refresh()
        rows = []
        for obj, on in starts:
            proto = protos.get(on)
            if proto is None:
                length, unit, pv = _length(param, on, key, region)
                proto = TrackedDeadline(kind=kind or pv.description, start=on, length=length, unit=unit, param=param,
                                        param_key=key, region=region, basis=_cite(pv), due=on)
                lawcal.apply_due(proto)
                protos[on] = proto
            rows.append(TrackedDeadline(
                content_type=ct, object_id=str(obj.pk), kind=proto.kind, start=on, length=proto.length,
                unit=proto.unit, param=param, param_key=key, region=region, basis=proto.basis, due=proto.due,
                original_due=proto.original_due, days_paused=proto.days_paused, provisional=proto.provisional))
        clocks = TrackedDeadline.objects.bulk_create(rows, batch_size=2000)
        first, last = min(protos), max(protos)
        record(actor, batch, "track_many", note=(
            f"{len(clocks)}项期限一并起算（{param}，{first:%Y年%-m月%-d日}至{last:%Y年%-m月%-d日}受理）："
            + "；".join(describe(protos[d]) for d in sorted(protos)[:3]) + ("……" if len(protos) > 3 else "")))
    return clocks


def count_back(obj: models.Model, param: str, event_date: dt.date, *, actor: Any, kind: str = "", key: str = "",
               region: str = "national") -> TrackedDeadline:
    """A clock whose due date is the latest day to act ``param`` before ``event_date``
    (:func:`renshe.rules.deadlines.count_back`)."""
    return _create(obj, param, event_date, actor=actor, kind=kind, key=key, region=region, counts_back=True)


def _locked(clock: TrackedDeadline) -> TrackedDeadline:
    return TrackedDeadline.objects.select_for_update().get(pk=clock.pk)


def _must_be_open(clock: TrackedDeadline) -> None:
    if not clock.is_open:
        raise WorkflowError.of("clock", "期限已办结，不能再变更", "the clock is closed")


def pause(clock: TrackedDeadline, *, reason: str, from_date: dt.date, actor: Any) -> TrackedDeadline:
    """Stop counting from ``from_date`` (included) until :func:`resume`; ``reason`` says which rule allows it."""
    if not reason.strip():
        raise WorkflowError.of("reason", "请填写暂停计算期限的理由和依据", "a pause needs its reason")
    with transaction.atomic():
        clock = _locked(clock)
        _must_be_open(clock)
        if clock.paused:
            raise WorkflowError.of("from_date", "期限已在暂停中", "the clock is already paused")
        check_pauses((*lawcal.pauses_of(clock), Pause(from_date, from_date)), clock.start)
        before = snapshot(clock)
        clock.pauses = [*clock.pauses, {"from": from_date.isoformat(), "to": None, "reason": reason.strip()}]
        lawcal.apply_due(clock)
        clock.save()
        record(actor, clock, "pause", before=before, after=snapshot(clock),
               note=f"自{from_date:%Y年%-m月%-d日}起暂停计算：{reason.strip()}")
    return clock


def resume(clock: TrackedDeadline, *, on: dt.date, actor: Any) -> TrackedDeadline:
    """Count again from the day after ``on`` (the event that ends the pause, e.g. the completed
    application received, is not counted: 民法典第二百零一条)."""
    with transaction.atomic():
        clock = _locked(clock)
        _must_be_open(clock)
        if not clock.paused:
            raise WorkflowError.of("on", "期限没有暂停，无需恢复", "the clock is not paused")
        last = clock.pauses[-1]
        if on < dt.date.fromisoformat(last["from"]):
            raise WorkflowError.of("on", "恢复计算日期不能早于暂停开始日期", "resumed before the pause began")
        before = snapshot(clock)
        clock.pauses = [*clock.pauses[:-1], {**last, "to": on.isoformat()}]
        lawcal.apply_due(clock)
        clock.save()
        record(actor, clock, "resume", before=before, after=snapshot(clock),
               note=f"{on:%Y年%-m月%-d日}恢复计算，共不计入{clock.days_paused}{UNIT_ZH[clock.unit]}，"
                    f"{clock.due:%Y年%-m月%-d日}届满")
    return clock


def extend(clock: TrackedDeadline, *, param: str, actor: Any, note: str = "") -> TrackedDeadline:
    """Add the lawful extension of parameter ``param``, counted from the original due date; once."""
    with transaction.atomic():
        clock = _locked(clock)
        _must_be_open(clock)
        if clock.extension_length:
            raise WorkflowError.of("extension", "期限已延长过一次，不能再延长", "the clock was already extended")
        if clock.counts_back:
            raise WorkflowError.of("extension", "倒数期限不能延长", "a count-back deadline cannot be extended")
        length, unit, pv = _length(param, clock.start, "", clock.region)
        before = snapshot(clock)
        clock.extension_param, clock.extension_length, clock.extension_unit = param, length, unit
        lawcal.apply_due(clock)
        text = (f"依法延长{length}{UNIT_ZH[unit]}（{_cite(pv)}），自原届满日{clock.original_due:%Y年%-m月%-d日}起算，"
                f"{clock.due:%Y年%-m月%-d日}届满") + (f"；{note.strip()}" if note.strip() else "")
        clock.save()
        record(actor, clock, "extend", before=before, after=snapshot(clock), note=text)
    return clock


def close(clock: TrackedDeadline, *, on: dt.date | None = None, actor: Any) -> TrackedDeadline:
    """The step the clock ran for was taken on ``on`` (today by default); ``clock.on_time`` says if in time."""
    return lawcal.close(clock, actor=actor, on=on or timezone.localdate())
