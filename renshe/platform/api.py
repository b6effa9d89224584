"""The REST API under /api/v1, documented at /api/v1/docs (OpenAPI at /api/v1/openapi.json).

Each domain app contributes a ninja ``router`` in its ``api`` module, mounted under its
``API_PREFIX`` (default ``"/"``); :mod:`renshe.platform.registry` finds them.
Bad input answers HTTP 422 with the same bilingual body the CLI prints.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from renshe.platform.registry import app_modules
from renshe.rules.errors import FieldProblem, RulesError


class _Swagger(Swagger):
    """ninja's Swagger UI from its own static files (no CDN, no inline script), always
    sending the CSRF token: staff operations take the session per operation
    (``accounts.api_auth.staff_auth``), which ninja's own check for the token does not see."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings, indent=1), "api": api, "add_csrf": True}
        return render(request, self.template, context)


api = NinjaAPI(
    title="Renshe 人社数字法治平台 API",
    version="1",
    description="法定计算器、参数、规划、知识库、监测预警等接口。金额以元计（两位小数），日期为 ISO 8601。",
    urls_namespace="api",
    docs_url="/docs",
    docs=_Swagger(),
)


#: Chinese for the refusals ninja raises itself, by status.
_HTTP_ZH = {400: "请求不合法", 401: "需要登录或接口令牌", 403: "没有调用此接口的权限", 404: "没有找到",
            405: "不支持此请求方法", 413: "请求内容过大", 429: "请求过于频繁，请稍后再试"}


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    """Every refusal in the one bilingual shape (``problems`` with zh and en), ``detail`` kept.

    ninja answers a body it cannot parse (nested too deep, an integer too long for Python) with
    its own English 400 before an operation's code runs (issue 13, item 5); a message we raise
    as "中文 / English" is split into its two halves.
    """
    msg = str(exc.message) if hasattr(exc, "message") else str(exc)
    if " / " in msg:
        zh, en = msg.split(" / ", 1)
    elif msg.startswith("Cannot parse request body"):
        zh, en = "请求体不是合法的 JSON（格式错误、嵌套过深或数字过长）", "request body is not valid JSON"
    else:
        zh, en = _HTTP_ZH.get(exc.status_code, "请求不合法"), msg
    body = {"detail": msg, "error": "refused", "message": f"(request): {zh} / {en}",
            "problems": [{"field": "(request)", "zh": zh, "en": en}]}
    response = api.create_response(request, body, status=exc.status_code)
    if getattr(exc, "wait", None):
        response["Retry-After"] = str(int(exc.wait))
    return response


@api.exception_handler(RulesError)
def _rules_error(request, exc: RulesError):
    return api.create_response(request, exc.as_dict(), status=422)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc: PermissionDenied):
    """A wrong role or organisation (the workflow kernel's one answer): 403, in both languages."""
    zh, _, en = (str(exc) or "没有权限 / forbidden").partition(" / ")
    body = RulesError.of("permission", zh, en or zh).as_dict() | {"error": "forbidden"}
    return api.create_response(request, body, status=403)


@api.exception_handler(NinjaValidationError)
def _ninja_validation(request, exc: NinjaValidationError):
    problems = []
    for err in exc.errors:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in {"body", "query", "path", "payload"})
        problems.append(FieldProblem(loc or "(input)", "输入不合法", err.get("msg", "invalid")))
    return api.create_response(request, RulesError(problems).as_dict(), status=422)


for module in app_modules("api"):
    api.add_router(getattr(module, "API_PREFIX", "/"), module.router)
