"""The daily 待办 digest by e-mail, through Django's mail framework.

Scheduled once a day by this app's migration (django-q2 schedule ``workflow_daily_digest``).
The backend is Django's ``EMAIL_BACKEND``: the console by default, SMTP when the settings
say so (``RENSHE_EMAIL_HOST`` …, see ``renshe/platform/settings/base.py``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.utils import timezone

from .inbox import items_for


def messages_for(today: dt.date) -> list[tuple[str, str, str, list[str]]]:
    """One (subject, body, from, [to]) per active member of staff with an e-mail and something to do."""
    out = []
    base = getattr(settings, "RENSHE_SITE_URL", "").rstrip("/")
    for user in get_user_model().objects.filter(is_active=True).exclude(email="").order_by("pk"):
        items = items_for(user, today)
        if not items:
            continue
        overdue = sum(1 for i in items if i.kind == "overdue")
        subject = f"【待办】{today.year}年{today.month}月{today.day}日：{len(items)}项" + (
            f"，其中已超期{overdue}项" if overdue else ""
        )
        body = render_to_string("workflow/digest.txt", {"user": user, "items": items, "today": today, "base": base})
        out.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    return out


def send_daily(today: dt.date | None = None) -> int:
    """Send today's digests; returns how many were sent."""
    return send_mass_mail(messages_for(today or timezone.localdate()), fail_silently=False)
