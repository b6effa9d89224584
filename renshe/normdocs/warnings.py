"""The expiry warning run: documents in force whose validity ends within the warning window.

:func:`notify_expiring` runs daily on django-q2 (the schedule ``normdocs_expiry_warnings``,
created by this app's migrations) and puts each warning in the 待办 of the drafting division
and of the legal office's staff (who decide the clean-up, 国办发〔2018〕37号), once per
document and validity date. ``manage.py normdocs_expiry_warnings`` lists them on demand.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from renshe.platform.accounts.access import role_names
from renshe.platform.workflow import notify

from . import register
from .core import periods


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


def notify_expiring(today: dt.date | None = None) -> int:
    """Add each expiring document to the 待办 of its drafting division and the legal office's staff;
    returns how many documents were warned about (a warning already open is not added again)."""
    today = today or timezone.localdate()
    legal = list(
        get_user_model().objects.filter(
            is_active=True, groups__name__in=role_names(["legal_office"]) | {"legal_office"}
        ).distinct()
    )
    docs = register.expiring(today, int(periods.warning_days(today).value))
    for d in docs:
        left = d.days_left(today)
        title = f"规范性文件有效期即将届满：{d.title}（{d.number}）"
        body = f"有效期至{d.valid_until:%Y年%-m月%-d日}，还有{left}天；请及时评估，决定保留、修改、废止或宣布失效。"
        key = f"normdocs.expiry:{d.pk}:{d.valid_until.isoformat()}"
        for to in [d.drafting_division, *legal]:
            notify(to, title, d.get_absolute_url(), body=body, module="行政规范性文件", due=d.valid_until, key=key)
    return len(docs)
