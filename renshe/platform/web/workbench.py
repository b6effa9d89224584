"""/workbench/: a member of staff's 工作台 — their roles, the modules those roles work in, and
their 待办 (the workflow kernel's inbox, :func:`renshe.platform.workflow.inbox.items_for`).

Each role sees its own modules (issue 18: every account used to see the same three links,
and the legal office's own register had none).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from renshe.platform.accounts.access import user_roles
from renshe.platform.accounts.roles import ROLES
from renshe.platform.workflow.inbox import items_for

from .context import MACHINE_ROLES, staff_modules


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    user = request.user
    held = user_roles(user)
    works = user.is_superuser or bool(held - set(MACHINE_ROLES))  # a data-push account has no 待办
    return render(request, "core/workbench.html", {
        "roles": [ROLES[c] for c in sorted(held)],
        "superuser": user.is_superuser,
        "modules": [m for m in staff_modules(user) if m["url"] != "/todo/"],
        "works": works,
        "items": items_for(user, dt.date.today()) if works else [],
    })
