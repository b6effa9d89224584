"""The statutory clocks of requests, petitions and disclosure applications, as pure functions.

Each clock is a cited parameter (``renshe/rules/params``): its length, its unit (days or
working days) and its article come from there, never from code. The counting rules are
民法典第二百零一至二百零三条 through :func:`renshe.rules.deadlines.period_end_array`; on top:

- **pauses** — time the law does not count: a third party's or another office's opinion on a
  disclosure (《政府信息公开条例》第三十三条第三款), a hearing during re-review (《信访工作条例》
  第三十六条第二款). Paused units (calendar days, or working days for a working-day clock) are
  added before the last day is rolled forward; the roll-forward happens once, at the end.
- **a restart** — a disclosure application that had to be completed runs from the day the
  completed application arrives (《政府信息公开条例》第三十条): the caller passes that day as ``start``.
- **an extension** — counted from the original due date (《信访工作条例》第三十四条: +30 days;
  《政府信息公开条例》第三十三条第二款: +20 working days), once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from renshe.rules import calendar
from renshe.rules.deadlines import period_end_array
from renshe.rules.errors import RulesError
from renshe.rules.parameters import ParamValue, value_at


@dataclass(frozen=True)
class Pause:
    """A span the clock does not count, both days inclusive."""

    start: dt.date
    end: dt.date
    reason: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise RulesError.of(
                "pause", f"暂停结束日 {self.end} 早于开始日 {self.start}", f"pause ends {self.end} before {self.start}"
            )


@dataclass(frozen=True)
class Due:
    """A clock's last day and how it was reached."""

    param: str
    start: dt.date
    length: int
    unit: str
    units_paused: int
    original_due: dt.date  # before any extension, pauses counted
    extension: int  # units added by an extension (0 if none)
    due: dt.date
    basis: str  # the articles, for the page and the audit note
    verified: bool


def param(name: str, on: dt.date, region: str = "fujian") -> ParamValue:
    """The clock's parameter in force on ``on``; a clock the law does not set has no default."""
    pv = value_at(name, on, region)
    if pv.unit not in ("days", "working_days"):
        raise RulesError.of("clock", f"参数“{name}”不是按日计算的期限", f"parameter '{name}' is not a period in days")
    return pv


def units_paused(pauses: Sequence[Pause], unit: str) -> int:
    """How many of the clock's units the pauses cover: calendar days, or working days."""
    total = 0
    for p in pauses:
        if unit == "working_days":
            # working days in (start - 1, end]: calendar.working_days_between counts after its first day
            total += calendar.working_days_between(p.start - dt.timedelta(days=1), p.end).value
        else:
            total += (p.end - p.start).days + 1
    return total


def due(
    name: str,
    start: dt.date,
    *,
    pauses: Sequence[Pause] = (),
    extension: str | None = None,
    region: str = "fujian",
) -> Due:
    """The last day of clock ``name`` started by an event on ``start`` (not counted, art. 201)."""
    pv = param(name, start, region)
    paused = units_paused(pauses, pv.unit)
    first = period_end_array(np.array([start], dtype="datetime64[D]"), int(pv.value) + paused, pv.unit)
    original = first["due"][0].item()
    basis = [pv.reference.cite()]
    verified = pv.verified
    added, last = 0, original
    if extension is not None:
        ext = param(extension, start, region)
        added = int(ext.value)
        last = period_end_array(np.array([original], dtype="datetime64[D]"), added, ext.unit)["due"][0].item()
        basis.append(ext.reference.cite())
        verified = verified and ext.verified
    return Due(name, start, int(pv.value), pv.unit, paused, original, added, last, "；".join(basis), verified)


def on_time(done: dt.date | None, due_on: dt.date | None, today: dt.date) -> bool | None:
    """Met (True), missed (False) or still running (None): a clock past its day and not done is missed."""
    if due_on is None:
        return None
    if done is not None:
        return done <= due_on
    return False if today > due_on else None
