"""Brute-force protection of the staff login (django-axes), issue 13 item 8.

Five wrong passwords for one user name lock that name out for 15 minutes (the settings'
``AXES_*``); every failure is logged (the ``axes`` logger and 登录失败记录 in the admin), and the
login page says in Chinese why it refuses and until when. The lock is on the user name, not
the address: behind the department's reverse proxy every visitor has the proxy's address, and
an attacker rotating addresses must not get a fresh 5 tries each. An administrator lifts a
lock early in the admin (登录尝试 → delete) or with ``renshe manage axes_reset_username NAME``.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, for logins that come with a request (the login pages, the admin's).

    A login without a request (``authenticate()`` from a shell or a management command, the
    test client's ``login()``) comes from someone already on the machine: there is no visitor
    to throttle, and axes' own backend would refuse it with an exception instead.
    """

    def authenticate(self, request: HttpRequest | None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def locked_out(request: HttpRequest, credentials: dict | None = None, *args, **kwargs) -> HttpResponse:
    """The login page again, with the reason in Chinese, answered 429 (Too Many Requests)."""
    until = timezone.localtime() + settings.AXES_COOLOFF_TIME
    form = AuthenticationForm(request)
    return render(request, "registration/login.html", {
        "form": form, "next": request.POST.get("next", ""),
        "locked": {"limit": settings.AXES_FAILURE_LIMIT, "minutes": cooloff_minutes(), "until": until},
    }, status=settings.AXES_HTTP_RESPONSE_CODE)
