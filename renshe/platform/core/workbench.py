"""/workbench/: a member of staff's 工作台 — their roles, the modules those roles work in, and
their 待办 (the workflow kernel's inbox, once that app is installed).

Each role sees its own modules (issue 18: every account used to see the same three links,
and the legal office's own register had none).
"""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from renshe.platform.accounts.access import user_roles
from renshe.platform.accounts.roles import ROLES

from .context import staff_modules

#: the workflow kernel's app (renshe/platform/workflow, KERNEL-API.md): its 待办 list
WORKFLOW_APP = "renshe.platform.workflow"


def _todo(user) -> list | None:
    """The user's 待办 from the kernel's inbox; None while the kernel is not installed."""
    if not apps.is_installed(WORKFLOW_APP):
        return None
    inbox = importlib.import_module(f"{WORKFLOW_APP}.inbox")
    return inbox.items_for(user, dt.date.today())


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = [ROLES[c] for c in sorted(user_roles(user))]
    return render(request, "core/workbench.html", {
        "roles": roles,
        "superuser": user.is_superuser,
        "modules": [m for m in staff_modules(user) if m["url"] != "/todo/"],
        "items": _todo(user),
    })
