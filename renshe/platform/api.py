"""The REST API under /api/v1, documented at /api/v1/docs (OpenAPI at /api/v1/openapi.json).

Each domain app contributes a ninja ``router`` in its ``api`` module, mounted under its
``API_PREFIX`` (default ``"/"``); :mod:`renshe.platform.registry` finds them.
Bad input answers HTTP 422 with the same bilingual body the CLI prints.
"""

from __future__ import annotations

import json

from django.shortcuts import render
from ninja import NinjaAPI, Swagger
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


@api.exception_handler(RulesError)
def _rules_error(request, exc: RulesError):
    return api.create_response(request, exc.as_dict(), status=422)


@api.exception_handler(NinjaValidationError)
def _ninja_validation(request, exc: NinjaValidationError):
    problems = []
    for err in exc.errors:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in {"body", "query", "path", "payload"})
        problems.append(FieldProblem(loc or "(input)", "输入不合法", err.get("msg", "invalid")))
    return api.create_response(request, RulesError(problems).as_dict(), status=422)


for module in app_modules("api"):
    api.add_router(getattr(module, "API_PREFIX", "/"), module.router)
