"""Flash messages still work with the lazily built message store (LazyMessageMiddleware)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils.functional import empty

from renshe.platform.web.middleware import LazyMessageMiddleware


def _chain(view):
    return SessionMiddleware(LazyMessageMiddleware(view))


def _adds(request: HttpRequest) -> HttpResponse:
    messages.success(request, "已办理")
    return HttpResponse("ok")


def _shows(request: HttpRequest) -> HttpResponse:
    return HttpResponse("|".join(str(m) for m in messages.get_messages(request)))


def _quiet(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def test_a_message_added_on_one_request_is_shown_on_the_next(db):
    rf = RequestFactory()
    first = _chain(_adds)(rf.post("/arrears/alerts/1/step"))
    assert "messages" in first.cookies  # Django's cookie store kept it
    second = rf.get("/arrears/alerts/1/")
    second.COOKIES["messages"] = first.cookies["messages"].value
    assert _chain(_shows)(second).content.decode() == "已办理"


def test_a_request_that_uses_no_messages_builds_no_store(db):
    request = RequestFactory().get("/api/v1/health")
    response = _chain(_quiet)(request)
    assert "messages" not in response.cookies
    assert request._messages._wrapped is empty  # the lazy store was never set up
