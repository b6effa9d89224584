"""The expiry warning run: documents in force whose validity ends within the warning window.

Run daily by django-q2 (the schedule ``normdocs_expiry_warnings`` is created by this
app's migration) and on demand with ``manage.py normdocs_expiry_warnings``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from . import periods, register


def expiry_warnings(today: dt.date | None = None, days: int | None = None) -> list[dict[str, Any]]:
    """One entry per document expiring within ``days`` (default: the ``normdocs.expiry_warning_days`` parameter)."""
    today = today or timezone.localdate()
    days = int(periods.warning_days(today).value) if days is None else days
    return [
        {
            "id": d.pk,
            "number": d.number,
            "title": d.title,
            "division": d.drafting_division.name,
            "valid_until": d.valid_until.isoformat(),
            "days_left": d.days_left(today),
        }
        for d in register.expiring(today, days)
    ]
