"""/todo/: the signed-in member of staff's 待办 across modules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renshe.platform.accounts.access import has_role

from . import notifications
from .inbox import KINDS, items_for
from .models import Notification


def _staff(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_role(request.user):
        raise PermissionDenied("待办仅供工作人员使用 / staff only")
    return None


def todo(request: HttpRequest) -> HttpResponse:
    refused = _staff(request)
    if refused:
        return refused
    today = timezone.localdate()
    items = items_for(request.user, today)
    counts = {label: sum(1 for i in items if i.kind == k) for k, label in KINDS.items()}
    return render(request, "workflow/todo.html", {"items": items, "today": today, "counts": counts})


@require_POST
def notification_done(request: HttpRequest, pk: int) -> HttpResponse:
    refused = _staff(request)
    if refused:
        return refused
    note = get_object_or_404(notifications.open_for(request.user), pk=pk)
    notifications.mark_done(note, request.user)
    messages.success(request, f"已办结：{note.title}")
    return redirect("workflow-todo")


__all__ = ["todo", "notification_done", "Notification"]
