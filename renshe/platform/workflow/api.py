"""``GET /api/v1/todo``: the caller's 待办 (browser session with CSRF, or a bearer token)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema

from renshe.platform.accounts.api_auth import staff_auth

from .inbox import items_for

router = Router(tags=["workflow"])


class ItemOut(Schema):
    kind: str
    kind_label: str
    title: str
    url: str
    module: str
    state: str
    due: dt.date | None
    days_left: int | None
    paused: bool
    escalated: bool
    steps: list[str]
    body: str
    notification_id: int | None


class TodoOut(Schema):
    today: dt.date
    items: list[ItemOut]


@router.get("/todo", response=TodoOut, auth=staff_auth(), summary="我的待办 / my to-do list")
def todo(request):
    """Overdue first, then due soon, escalated, assigned, waiting; then notifications (ISO dates)."""
    today = timezone.localdate()
    return {"today": today, "items": [i.as_dict() for i in items_for(request.auth, today)]}
