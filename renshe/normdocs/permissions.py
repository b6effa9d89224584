"""Who may open the register and take which action: roles are Django groups.

The platform's roles (``renshe.platform.accounts.roles`` on the accounts work) are groups
named by their Chinese name (法规处…); tests and older set-ups name them by their code
(legal_office…). A user holds a role when they are in a group with either name; a
superuser holds ``administrator``, which may take every action.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .core.workflow import ROLE_LABELS

#: Role code → the group names that grant it.
ROLE_GROUPS: dict[str, frozenset[str]] = {code: frozenset({code, zh}) for code, zh in ROLE_LABELS.items()}
#: Every role may read the register; what each may change is in :data:`workflow.TRANSITIONS`.
VIEW_ROLES = frozenset(ROLE_GROUPS)


def roles_of(user: Any) -> set[str]:
    """The register role codes ``user`` holds (none for anonymous or inactive users)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        return {"administrator"}
    names = set(user.groups.values_list("name", flat=True))
    return {code for code, groups in ROLE_GROUPS.items() if names & groups}


def can_view(user: Any) -> bool:
    return bool(roles_of(user) & VIEW_ROLES)


def staff_required(view: Callable) -> Callable:
    """Anonymous visitors go to the login page; signed-in users without a register role get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_view(request.user):
            raise PermissionDenied("没有访问行政规范性文件登记簿的权限 / not allowed")
        return view(request, *args, **kwargs)

    wrapper.allows = can_view  # read by access.view_allows (the workbench, the permission matrix)
    return wrapper
