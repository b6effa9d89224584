"""/todo/: the signed-in member of staff's 待办 across modules."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renshe.platform.accounts.access import role_required

from . import notifications
from .inbox import KINDS, items_for
from .models import Notification

#: every staff role (none named: the machine accounts, which only push data, are not staff)
staff_required = role_required()


@staff_required
def todo(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = items_for(request.user, today)
    counts = {label: sum(1 for i in items if i.kind == k) for k, label in KINDS.items()}
    return render(request, "workflow/todo.html", {"items": items, "today": today, "counts": counts})


@staff_required
@require_POST
def notification_done(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(notifications.open_for(request.user), pk=pk)
    notifications.mark_done(note, request.user)
    messages.success(request, f"已办结：{note.title}")
    return redirect("workflow-todo")


__all__ = ["todo", "notification_done", "Notification"]
