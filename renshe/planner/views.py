"""/planner/: the step-by-step form, the plan with its charts, and the printable PDF report.

Nothing the visitor types is stored: the form posts, the plan is computed and rendered, and
the PDF is built from the same posted fields.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from pydantic import ValidationError

from renshe.planner.core import chat, forms, pdf
from renshe.planner.core.explain import basis, plan
from renshe.planner.core.models import PlanResult, Profile
from renshe.rules.errors import RulesError, from_pydantic
from renshe.rules.parameters import value_at
from renshe.rules.trace import Step

EXAMPLE = {
    "birth": "1988-05",
    "category": "male_60",
    "employment": "flexible",
    "region": "fujian.fuzhou",
    "monthly_income": "8000",
    "monthly_debt_payments": "1500",
    "children": "1",
    "elders": "0",
    "paid_months": "60",
}


def _compute(data) -> tuple[PlanResult | None, Profile | None, list[forms.FormField], list[str]]:
    fields = forms.fields()
    problems: list[str] = []
    result = profile = None
    try:
        counts = forms.count_problems(data)
        try:
            profile = Profile.model_validate(forms.payload(data))
        except ValidationError as exc:
            raise RulesError(counts + from_pydantic(exc).problems) from None
        if counts:
            raise RulesError(counts)
        result = plan(profile)
    except RulesError as exc:
        # Each problem beside its field and, in the box above the form, with the field's name
        # (an empty required field says so rather than “应为数字”).
        named = {f.name: f for f in fields}
        by_field: dict[str, str] = {}
        for p in exc.problems:
            name = p.field.split(".")[-1]
            f = named.get(name)
            reason = "请填写" if f and f.required and not str(data.get(name) or "").strip() else p.zh
            by_field.setdefault(name, reason)
            problems.append(f"{f.label}：{reason}" if f else reason)
        for f in fields:
            f.error = by_field.get(f.name, "")
    for f in fields:
        f.value = data.get(f.name, "")
    return result, profile, fields, problems


def _cited(result: PlanResult) -> tuple[dict[str, list[Step]], list[list[Step]]]:
    """The trace steps behind each figure of the recommendation, and behind each option as a
    whole (in the order the trace gives them, each document once), for the citations beside
    the figures."""

    def cite(keys) -> list[Step]:
        wanted = set(keys)
        return [s for s in result.trace if s.key in wanted]

    def once_per_document(found: list[Step]) -> list[Step]:  # an option's short list names each text once
        first: dict[tuple, Step] = {}
        for x in found:
            first.setdefault((x.reference.document, x.reference.number), x)
        return list(first.values())

    rec = {fig: cite(keys) for fig, keys in basis(result.recommended).items()} if result.recommended else {}
    every = [once_per_document(cite(k for keys in basis(o).values() for k in keys)) for o in result.options]
    return rec, every


def _ask(request: HttpRequest, result: PlanResult | None, profile: Profile | None) -> dict:
    """The optional chat: a question about the plan just computed (RENSHE_LLM_URL)."""
    url = settings.RENSHE.get("LLM_URL", "")
    question = request.POST.get("question", "").strip()[: chat.MAX_QUESTION] if request.method == "POST" else ""
    out = {"enabled": bool(url), "question": question, "answer": None, "failed": False, "max": chat.MAX_QUESTION}
    if url and question and result is not None and profile is not None:
        out["answer"] = chat.ask(question, result, profile.as_of or dt.date.today(), url,
                                 settings.RENSHE.get("LLM_MODEL", "qwen"))
        out["failed"] = out["answer"] is None
    return out


@never_cache
@require_http_methods(["GET", "POST"])
def planner(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else EXAMPLE
    result, profile, fields, problems = (
        (None, None, forms.fields(), []) if request.method == "GET" else _compute(data)
    )
    if request.method == "GET":
        # the example's choices preselected; its figures only as placeholders, so a sample left in
        # the form is never planned as if typed (issue 18)
        for f in fields:
            if f.kind == "choice":
                f.value = EXAMPLE.get(f.name, "")
            elif f.name in EXAMPLE:
                f.placeholder = f"如 {EXAMPLE[f.name]}"
    steps = [
        (1, "关于您", [f for f in fields if f.step == 1]),
        (2, "家庭收支", [f for f in fields if f.step == 2]),
        (3, "缴费记录", [f for f in fields if f.step == 3]),
        (4, "测算假设（可不填）", [f for f in fields if f.step == 4]),
    ]
    posted = [(f.name, f.value) for f in fields]
    rec_cites, option_cites = _cited(result) if result else ({}, [])
    return render(
        request,
        "planner/index.html",
        {
            "steps": steps,
            "result": result,
            "rec_cites": rec_cites,
            "options": list(zip(result.options, option_cites, strict=True)) if result else [],
            "data": result.model_dump(mode="json", exclude={"trace"}) if result else None,
            "problems": problems,
            "posted": posted,
            "chat": _ask(request, result, profile),
            # the dated defaults (planner.default_assumptions) the form's last step names
            "defaults": value_at("planner.default_assumptions", dt.date.today()).value,
        },
        status=422 if problems else 200,
    )


@require_POST
def report(request: HttpRequest) -> HttpResponse:
    result, _, _, problems = _compute(request.POST)
    if result is None:
        return HttpResponse("；".join(problems), status=422, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf.report(result), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="shebao-plan.pdf"'
    response["Cache-Control"] = "no-store"
    return response
