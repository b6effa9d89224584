"""API authentication for staff operations, with the same role checks as the pages.

Two ways in, tried in order:

- ``Authorization: Bearer <token>`` for machine clients (a 12345 hotline gateway, a
  bank window), with a token issued to a staff user (:class:`~.models.ApiToken`,
  managed in the admin), so the client acts with that user's roles and scope;
- the browser's session cookie, with Django's CSRF check on unsafe methods
  (send the ``X-CSRFToken`` header; the token is in ``<meta name="csrf-token">``).

The token is looked at first, and the CSRF check runs only for a request that a session
actually signs in. CSRF is an attack through the cookie a browser adds by itself; a browser
never adds an ``Authorization`` header, so a token request needs no CSRF token. The other
order refused every token client with "CSRF check Failed" (issue 13, item 2): ninja's cookie
auth checks CSRF before it looks for a session, and its error ends the search for a way in.

Usage in a domain router::

    @router.get("/warnings", auth=staff_auth("labour_inspector", "leader"))
    def warnings(request): ...  # request.user is the staff user

No credentials answer 401; credentials without the role or permission answer 403.
Calculators and other public operations take no ``auth``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from .access import allowed, role_names
from .models import ApiToken

FORBIDDEN = "没有调用此接口的权限 / not allowed"


class _RoleCheck:
    def __init__(self, roles: tuple[str, ...], perms: tuple[str, ...]) -> None:
        role_names(roles)
        self.roles, self.perms = roles, perms
        super().__init__()

    def _check(self, request, user: Any) -> Any:
        if user is None:
            return None
        if not allowed(user, self.roles, self.perms):
            raise HttpError(403, FORBIDDEN)
        request.user = user
        return user


class RoleSessionAuth(_RoleCheck, SessionAuth):
    """The signed-in browser session (CSRF checked by ninja's cookie auth)."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None  # no session to protect: not this way in (the CSRF check would refuse)
        return super().__call__(request)

    def authenticate(self, request, key):
        return self._check(request, super().authenticate(request, key))


class RoleBearerAuth(_RoleCheck, HttpBearer):
    """``Authorization: Bearer <token>`` for machine clients."""

    def authenticate(self, request, token):
        return self._check(request, ApiToken.user_for(token))


def staff_auth(*roles: str, perm: str | Iterable[str] = ()) -> list:
    """The ``auth=`` value for a staff operation: one of ``roles`` (any role if none) and ``perm``."""
    perms = (perm,) if isinstance(perm, str) else tuple(perm)
    return [RoleBearerAuth(roles, perms), RoleSessionAuth(roles, perms)]
