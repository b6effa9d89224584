"""Public pages: home, health, calculators and the parameter browser."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_http_methods

from renshe.rules import calculators, parameters, regions
from renshe.rules.errors import RulesError

from . import calc_page
from .forms import fields_for, payload_from, show_examples
from .templatetags.renshe import result_value


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"calculators": calculators.registry().values()})


def health(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: the database answers and the parameters load."""
    checks = {}
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # a health check reports, it does not raise
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        checks["parameters"] = len(parameters.all_parameters())
    except Exception as exc:
        checks["parameters"] = f"error: {exc.__class__.__name__}"
    ok = all(v == "ok" or isinstance(v, int) for v in checks.values())
    return JsonResponse({"status": "ok" if ok else "error", "checks": checks}, status=200 if ok else 503)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; answer with the site's icon."""
    return HttpResponsePermanentRedirect(static("renshe/favicon.svg"))


def calc_index(request: HttpRequest) -> HttpResponse:
    return render(request, "core/calc_index.html", {"calculators": calculators.registry().values()})


@require_http_methods(["GET", "POST"])
def calc_detail(request: HttpRequest, name: str) -> HttpResponse:
    calc = calculators.registry().get(name)
    if calc is None:
        raise Http404(name)
    result = None
    problems: list = []
    data: dict = {}
    if request.method == "POST":
        data = payload_from(request.POST, fields_for(calc.input_model))
        try:
            result = calc.run(data)
        except RulesError as exc:
            problems = exc.problems
    fields = fields_for(calc.input_model, data)
    show_examples(fields, calc.example)
    box = calc_page.place(problems, fields)
    props = calc.result_model.model_json_schema().get("properties", {})
    why = calc_page.blank_reasons(result or {}, props)
    rows = [
        (props.get(k, {}).get("title", k), k, result_value(v, props.get(k, {})), why.get(k, ""))
        for k, v in (result or {}).items()
        if k != "trace"
    ]
    return render(
        request,
        "core/calc_detail.html",
        {
            "calc": calc,
            "fields": fields,
            "result": result,
            "rows": rows,
            "date_kinds": calc_page.date_kinds(result or {}),
            "unverified": any(not p["verified"] for s in (result or {}).get("trace", []) for p in s["params"]),
            "problems": box,
            "has_errors": bool(problems),
        },
        status=422 if problems else 200,
    )


#: The parameter topics (folders under renshe/rules/params) as headings people read.
TOPICS_ZH = {
    "arrears": "欠薪监测预警",
    "calendar": "工作日与节假日",
    "contributions": "社会保险缴费",
    "deadlines": "法定期限",
    "injury": "工伤保险待遇",
    "labour": "劳动关系",
    "normdocs": "行政规范性文件",
    "pension": "基本养老金",
    "planner": "社保规划",
    "retirement": "退休年龄",
    "statistics": "统计数据",
    "wages": "工资标准",
}


def parameter_index(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()
    groups: dict[str, list] = {}
    for p in parameters.all_parameters().values():
        try:
            current = p.at(today, regions.FUJIAN)
        except RulesError:
            current = None
        groups.setdefault(p.name.split(".")[0], []).append((p, current))
    named = sorted(((TOPICS_ZH.get(k, k), v) for k, v in groups.items()), key=lambda g: g[0])
    return render(request, "core/parameter_index.html", {"groups": named, "today": today})


def parameter_detail(request: HttpRequest, name: str) -> HttpResponse:
    p = parameters.all_parameters().get(name)
    if p is None:
        raise Http404(name)
    history = [(regions.name_of(reg), p.periods(reg)) for reg in p.spec.values]
    return render(request, "core/parameter_detail.html", {"p": p, "history": history})
