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

from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject, empty

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


class BodySizeMiddleware:
    """413 for a body larger than the platform takes, decided from ``Content-Length`` before a
    byte of it is read (issue 13, items 5 and 6: a 5 MB body was read whole, then refused or
    crashed). First in the chain, so nothing before it touches the body.

    Uploads (``multipart/form-data``) may be up to ``RENSHE["UPLOAD_MAX_BYTES"]``, the largest file
    any upload takes plus its form; each upload then checks its own limit and type
    (:mod:`renshe.platform.web.uploads`). Every other body up to Django's
    ``DATA_UPLOAD_MAX_MEMORY_SIZE``. A body without ``Content-Length`` (chunked) is never read
    by Django at all. The answer is bilingual JSON under /api/, a Chinese page elsewhere.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body it cannot measure
        multipart = request.content_type == "multipart/form-data"
        limit = settings.RENSHE["UPLOAD_MAX_BYTES"] if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            return too_large(request, limit)
        return self.get_response(request)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    """The 413 answer: bilingual JSON in the API's error shape, or a short Chinese page."""
    mb = f"{limit / 1_048_576:.1f}".rstrip("0").rstrip(".")
    zh, en = f"请求内容超过 {mb} MB，未予接收", f"request body larger than {mb} MB; not accepted"
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "too_large", "message": f"(body): {zh} / {en}",
                             "problems": [{"field": "(body)", "zh": zh, "en": en}]}, status=413)
    response = HttpResponse(f"<!doctype html><meta charset=utf-8><title>内容过大</title><p>{zh}。请返回上一页。</p>",
                            status=413, content_type="text/html; charset=utf-8")
    response["Connection"] = "close"  # the unread body is not left for the next request
    return response


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
