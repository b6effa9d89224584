"""Staff pages of 劳动保障监察 cases: the list (one office's part of the province), registering a
clue, a case with its steps, and its papers. Another city's case answers 404."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renshe.inspections import case_services
from renshe.inspections.case_forms import STEP_FORMS, CaseForm
from renshe.inspections.core import casework
from renshe.inspections.models import Case, Task
from renshe.platform.accounts.access import role_required
from renshe.platform.accounts.scoping import scope
from renshe.platform.audit.service import history
from renshe.platform.workflow import services as kernel
from renshe.platform.workflow.machine import WorkflowError
from renshe.rules.errors import RulesError

CASE_ROLES = ("labour_inspector", "division_staff", "leader", "legal_office")
case_staff = role_required(*CASE_ROLES)
PAPER_TYPES = {"pdf": "application/pdf",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _cases(request: HttpRequest):
    return scope(Case.objects.select_related("organisation"), request.user)


@case_staff
def case_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    cases = _cases(request)
    if state in casework.STATES:
        cases = cases.filter(state=state)
    return render(request, "inspections/case_list.html", {
        "cases": cases[:200], "state": state, "states": casework.STATES.items(), "today": timezone.localdate()})


@case_staff
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    form = CaseForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = case_services.register(
                request.user, source=d["source"], employer=d["employer"], allegation=d["allegation"],
                received_on=d["received_on"], credit_code=d["credit_code"], complainant=d["complainant"],
                phone=d["phone"], source_ref=d["source_ref"], violation_end=d["violation_end"], alert_id=d["alert_id"])
        except RulesError as exc:
            for p in exc.problems:
                form.add_error(p.field if p.field in form.fields else None, p.zh)
        else:
            messages.success(request, f"已登记 {case.number}")
            return redirect("inspections:case", pk=case.pk)
    return render(request, "inspections/case_new.html", {"form": form})


@case_staff
def case_detail(request: HttpRequest, pk: int, bound=None) -> HttpResponse:
    case = get_object_or_404(_cases(request), pk=pk)
    steps = kernel.available(case, request.user)

    def form_for(action: str):
        if bound and bound[0] == action:
            return bound[1]
        return STEP_FORMS[action](prefix=action) if action in STEP_FORMS else None

    forms = [(t, form_for(t.action)) for t in steps]
    return render(request, "inspections/case_detail.html", {
        "case": case, "steps": forms, "history": history(case).select_related("actor"),
        "clocks": case_services.clocks.open_clocks(case), "today": timezone.localdate()})


@case_staff
@require_POST
def case_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = get_object_or_404(_cases(request), pk=pk)
    try:  # who may take the step before what they sent: a role it does not name gets 403, not a form error
        kernel.check_permission(case, action, request.user)
    except WorkflowError as exc:
        messages.error(request, "；".join(p.zh for p in exc.problems))
        return redirect("inspections:case", pk=pk)
    form = STEP_FORMS[action](request.POST, prefix=action) if action in STEP_FORMS else None
    if form is not None and not form.is_valid():
        for field, errs in form.errors.items():
            messages.error(request, f"{form.fields[field].label if field in form.fields else '表单'}：{'；'.join(errs)}")
        return case_detail(request, pk, bound=(action, form))
    try:
        case_services.step(case, action, request.user, facts=form.cleaned_data if form else {})
    except WorkflowError as exc:
        messages.error(request, "；".join(p.zh for p in exc.problems))
    else:
        messages.success(request, "已办理")
    return redirect("inspections:case", pk=pk)


@case_staff
@require_POST
def case_from_task(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(scope(Task.objects.all(), request.user), pk=pk)
    try:
        case = case_services.from_task(task, request.user)
    except RulesError as exc:
        messages.error(request, "；".join(p.zh for p in exc.problems))
        return redirect("inspections:task", pk=pk)
    return redirect("inspections:case", pk=case.pk)


@case_staff
def case_paper(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    case = get_object_or_404(_cases(request), pk=pk)
    if fmt not in PAPER_TYPES:
        raise Http404(fmt)
    try:
        name, body = case_services.paper(case, kind, fmt)
    except RulesError as exc:
        messages.error(request, exc.problems[0].zh)
        return redirect("inspections:case", pk=pk)
    response = HttpResponse(body, content_type=PAPER_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
