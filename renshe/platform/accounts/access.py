"""Who may open a staff page: roles (Django groups) and model permissions.

Pages use :func:`role_required` (functions) or :class:`RoleRequiredMixin` (classes):
an anonymous visitor is sent to the login page (``LOGIN_URL``, /accounts/login/) with
``?next=``; a signed-in user without the role or permission gets 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import ROLES


def role_names(codes: Iterable[str]) -> set[str]:
    """The group names of role codes; an unknown code is a programming error."""
    unknown = [c for c in codes if c not in ROLES]
    if unknown:
        raise ValueError(f"unknown role code(s) {unknown}; known: {', '.join(ROLES)}")
    return {ROLES[c].name for c in codes}


def user_roles(user: Any) -> set[str]:
    """The role codes ``user`` holds (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_renshe_roles", None)
    if cached is None:
        by_name = {r.name: code for code, r in ROLES.items()}
        cached = {by_name[n] for n in user.groups.values_list("name", flat=True) if n in by_name}
        user._renshe_roles = cached
    return cached


def has_role(user: Any, *codes: str) -> bool:
    """True if ``user`` holds any of the roles (any staff role when none is named: the machine
    accounts, which only push data, are not staff); superusers pass."""
    role_names(codes)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    held = user_roles(user)
    return bool(held & set(codes)) if codes else any(not ROLES[c].machine for c in held)


def allowed(user: Any, roles: tuple[str, ...], perms: tuple[str, ...]) -> bool:
    """Holds one of ``roles`` (or any role if none named) and every one of ``perms``."""
    return has_role(user, *roles) and user.has_perms(perms)


def role_required(*roles: str, perm: str | Iterable[str] = ()) -> Callable:
    """Decorate a page view: staff with one of ``roles`` and the ``perm`` permission(s) only."""
    perms = (perm,) if isinstance(perm, str) else tuple(perm)
    role_names(roles)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user, roles, perms):
                raise PermissionDenied("没有访问此页面的权限 / not allowed")
            return view(request, *args, **kwargs)

        wrapper.access = (tuple(roles), perms)  # read by view_allows (the workbench's menus)
        return wrapper

    return decorator


def view_allows(user: Any, view: Callable) -> bool | None:
    """Whether the page ``view`` (a resolved URL's function) admits ``user``, from its own
    :func:`role_required` or :class:`RoleRequiredMixin` declaration; None when it declares none.
    Menus ask this instead of keeping a second list of roles per page. A module with a rule of
    its own (the normdocs register's groups) puts it on the view as ``allows(user) -> bool``."""
    own_rule = getattr(view, "allows", None)
    if own_rule is not None:
        return bool(own_rule(user))
    access = getattr(view, "access", None)
    if access is None:
        cls = getattr(view, "view_class", None)
        if cls is None or not issubclass(cls, RoleRequiredMixin):
            return None
        access = (tuple(cls.roles), tuple(cls.permissions))
    return allowed(user, *access)


class RoleRequiredMixin:
    """Class-based view counterpart of :func:`role_required`: set ``roles`` and ``permissions``."""

    roles: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not allowed(request.user, tuple(self.roles), tuple(self.permissions)):
            raise PermissionDenied("没有访问此页面的权限 / not allowed")
        return super().dispatch(request, *args, **kwargs)
