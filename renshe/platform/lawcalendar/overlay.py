"""The database as the calendar's first source of notices, and keeping processes in step.

Each process caches computed years (:mod:`renshe.rules.calendar`). A save here clears
this process's cache on commit; other processes notice the change at their next request
(at most every ``CHECK_SECONDS``) by comparing the table's latest update.
"""

from __future__ import annotations

import time
from typing import Any

from django.db import connection
from django.db.models import Count, Max

from renshe.rules import calendar

from .models import HolidayNotice

CHECK_SECONDS = 30
_state: dict[str, Any] = {"table": False, "seen": None, "checked": 0.0}


def _table_ready() -> bool:
    # Before migrations (e.g. during `migrate` itself) the table does not exist yet.
    if not _state["table"]:
        _state["table"] = HolidayNotice._meta.db_table in connection.introspection.table_names()
    return _state["table"]


def notice_for_year(year: int) -> calendar.Notice | None:
    """The notice staff entered for ``year``, or None to fall back to the files."""
    if not _table_ready():
        return None
    row = HolidayNotice.objects.filter(year=year).first()
    return row.to_notice() if row else None


def refresh_if_changed(**_: Any) -> None:
    """Clear the calendar's cache when another process changed a notice."""
    now = time.monotonic()
    if now - _state["checked"] < CHECK_SECONDS or not _table_ready():
        return
    _state["checked"] = now
    seen = tuple(HolidayNotice.objects.aggregate(n=Count("id"), last=Max("updated_at")).values())
    if seen != _state["seen"]:
        _state["seen"] = seen
        calendar.invalidate()
