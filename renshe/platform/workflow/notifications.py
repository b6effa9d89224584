"""Notifications: entries of the 待办 that are not a case's own step (expiry warnings, escalations)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from renshe.platform.accounts.models import Organisation

from .models import Notification


def notify(
    to: Any,
    title: str,
    url: str = "",
    *,
    body: str = "",
    module: str = "",
    due: dt.date | None = None,
    key: str = "",
) -> Notification:
    """Add ``title`` to the 待办 of ``to`` (a user, or an organisation: each of its staff sees it).

    With a ``key``, a notification with that key for that recipient that is not done yet is
    kept as it is (a daily job adds each warning once); returns it.
    """
    recipient = {"organisation": to} if isinstance(to, Organisation) else {"user": to}
    if key:
        found = Notification.objects.filter(key=key, done_at__isnull=True, **recipient).first()
        if found is not None:
            return found
    return Notification.objects.create(
        title=title[:200], url=url, body=body, module=module, due=due, key=key, **recipient
    )


def open_for(user: Any) -> QuerySet[Notification]:
    """The notifications not yet done addressed to ``user`` or to the user's organisation."""
    who = Q(user=user)
    if getattr(user, "organisation_id", None):
        who |= Q(organisation_id=user.organisation_id)
    return Notification.objects.filter(who, done_at__isnull=True)


def mark_done(note: Notification, user: Any) -> None:
    """The user has dealt with it; it leaves every recipient's 待办."""
    note.done_at, note.done_by = timezone.now(), user
    note.save(update_fields=["done_at", "done_by"])
