"""The notices staff entered, held in memory as the calendar's first source of notices.

The pure calendar (:mod:`renshe.rules.calendar`) never queries the database: it asks
:func:`notice_for_year`, which reads what :func:`load` last read. The table is read again
when a notice is saved here, before each tracked-deadline computation, and at a request
when another process changed it (checked at most every ``CHECK_SECONDS``).
"""

from __future__ import annotations

import time
from typing import Any

from django.db.models import Count, Max

from renshe.rules import calendar

from .models import HolidayNotice

CHECK_SECONDS = 30
_notices: dict[int, calendar.Notice] = {}
_state: dict[str, Any] = {"seen": None, "checked": 0.0}


def notice_for_year(year: int) -> calendar.Notice | None:
    """The notice staff entered for ``year``, or None to fall back to the files."""
    return _notices.get(year)


def _fingerprint() -> tuple[Any, ...]:
    return tuple(HolidayNotice.objects.aggregate(n=Count("id"), last=Max("updated_at")).values())


def load() -> None:
    """Read every notice from the database (in the current transaction) and reset the calendar."""
    _state["seen"] = _fingerprint()
    _notices.clear()
    _notices.update({row.year: row.to_notice() for row in HolidayNotice.objects.all()})
    calendar.invalidate()


def refresh() -> None:
    """Reload when the table differs from what was loaded (another process, or a rollback)."""
    _state["checked"] = time.monotonic()
    if _fingerprint() != _state["seen"]:
        load()


def refresh_if_changed(**_: Any) -> None:
    """``request_started`` hook: :func:`refresh`, at most every ``CHECK_SECONDS``."""
    if time.monotonic() - _state["checked"] >= CHECK_SECONDS:
        refresh()


def forget() -> None:
    """Drop what was loaded (tests whose database rows are rolled back)."""
    _notices.clear()
    _state.update(seen=None, checked=0.0)
    calendar.invalidate()
