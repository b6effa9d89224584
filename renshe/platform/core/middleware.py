"""Our middleware: security headers Django does not set itself, and a lazier message store.

Security headers: a strict CSP and a Permissions-Policy. All scripts and styles are served
from our own static files (ECharts and htmx are vendored), so the policy needs no outside
origin. The API docs page (Swagger UI) is served from ninja's own static files as well.

``Cache-Control: no-store`` (issue 13, item 11) on every answer that may hold personal data,
so that no browser cache, shared computer or proxy keeps a copy: everything answered to a
signed-in user or a token client (staff pages and the API), every download (a response with
``Content-Disposition``: exports, evidence, attachments, PDFs), and every answer to a submitted
form or body (the public's calculations, plans and policy lists). Public pages fetched with GET
stay cacheable. One rule here, not a decorator per view that a new view could forget.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject, empty

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if may_hold_personal_data(request, response):
            add_never_cache_headers(response)  # no-store, no-cache, private, max-age=0
        return response


def may_hold_personal_data(request: HttpRequest, response: HttpResponse) -> bool:
    """Signed in (session or token), a download, or the answer to submitted data."""
    user = getattr(request, "user", None)
    return (
        bool(getattr(user, "is_authenticated", False))
        or "Content-Disposition" in response.headers
        or request.method not in ("GET", "HEAD", "OPTIONS")
    )


class LazyMessageMiddleware(MessageMiddleware):
    """Django's MessageMiddleware with the message store built on first use, not for every request.

    Django's builds a cookie store (with its signer) and a session store for each request,
    though only the pages that add or show a message need them; under the API's load
    (bench/planner.py) that was a tenth of a web worker's own CPU time (py-spy, 2026-11-26).
    A store that was never used has nothing to save on the way out.
    """

    def process_request(self, request: HttpRequest) -> None:
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        store = getattr(request, "_messages", None)
        if isinstance(store, SimpleLazyObject) and store._wrapped is empty:
            return response
        return super().process_response(request, response)
