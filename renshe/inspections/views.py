"""Staff pages of 双随机一公开: plans, the draw, tasks with their checklist, imports.

Every page needs an inspection role and shows only the organisation's part of the province
(``accounts.scoping``); a task of another city answers 404, as if it did not exist.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renshe.inspections import imports, services
from renshe.inspections.core import workflow
from renshe.inspections.core.tabular import rejects_csv
from renshe.inspections.forms import (
    ChecklistForm,
    EvidenceForm,
    ImportForm,
    PlanForm,
    RecheckForm,
    RectifyForm,
)
from renshe.inspections.models import Case, Plan, Task
from renshe.platform.accounts.access import role_required
from renshe.platform.accounts.scoping import scope
from renshe.platform.audit.service import history
from renshe.platform.workflow import services as kernel
from renshe.rules.errors import RulesError

STAFF = ("labour_inspector", "division_staff", "leader")
staff_required = role_required(*STAFF)
#: the legal office supervises enforcement (执法监督): it reads plans and tasks, acts on none
readers_required = role_required(*STAFF, "legal_office")


def _errors(form, exc: RulesError) -> None:
    for p in exc.problems:
        form.add_error(p.field if p.field in form.fields else None, p.zh)


@readers_required
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    tasks = scope(Task.objects.select_related("enterprise", "plan", "organisation"), request.user)
    state = request.GET.get("state", "")
    if state in workflow.STATES:
        tasks = tasks.filter(state=state)
    plans = scope(Plan.objects.select_related("organisation"), request.user)
    return render(request, "inspections/index.html", {
        "plans": plans[:20], "tasks": tasks.order_by("-plan__drawn_at", "id")[:200], "state": state,
        "states": workflow.STATES.items(), "overdue": services.overdue_publication(request.user, today),
        "today": today,
        "reviews": scope(Case.objects.filter(state="legal_review"), request.user),
    })


@staff_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    cities = services.city_choices(request.user)
    form = PlanForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            plan = services.draw_plan(
                request.user, title=d["title"], year=d["year"], items=list(d["items"]), sample=form.sample(),
                per_task=d["per_task"], seed=d["seed"], joint_departments=d["joint_departments"])
        except RulesError as exc:
            _errors(form, exc)
        else:
            messages.success(request, f"已抽取 {plan.tasks.count()} 户，摘要 {plan.digest[:19]}…")
            return redirect("inspections:plan", pk=plan.pk)
    return render(request, "inspections/plan_new.html", {"form": form})


@readers_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(scope(Plan.objects.all(), request.user), pk=pk)
    tasks = scope(plan.tasks.select_related("enterprise", "organisation")
                  .prefetch_related("inspectors", "items"), request.user)
    return render(request, "inspections/plan_detail.html", {"plan": plan, "tasks": tasks,
                                                             "items": plan.items.all()})


@readers_required
def plan_input(request: HttpRequest, pk: int) -> HttpResponse:
    """The normalised input, so anyone can redo the draw with ``renshe inspections draw``."""
    plan = get_object_or_404(scope(Plan.objects.all(), request.user), pk=pk)
    body = json.dumps(plan.draw_input, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}-input.json"'
    return response


def _task(request: HttpRequest, pk: int) -> Task:
    return get_object_or_404(
        scope(Task.objects.select_related("enterprise", "plan", "organisation"), request.user), pk=pk)


@readers_required
def task_detail(request: HttpRequest, pk: int, forms: dict | None = None) -> HttpResponse:
    task = _task(request, pk)
    items = list(task.items.all())
    results = {r.item_id: r for r in task.checklist.all()}
    initial = {"inspected_on": task.inspected_on or timezone.localdate(), "summary": task.summary}
    for i in items:
        if i.pk in results:
            initial[f"outcome_{i.code}"] = results[i.pk].outcome
            initial[f"note_{i.code}"] = results[i.pk].note
    forms = forms or {}
    return render(request, "inspections/task_detail.html", {
        "task": task, "result_rows": [(i, results.get(i.pk)) for i in items],
        "checklist": forms.get("checklist") or ChecklistForm(initial=initial, items=items),
        "evidence_form": forms.get("evidence") or EvidenceForm(),
        "rectify_form": forms.get("rectify") or RectifyForm(),
        "recheck_form": forms.get("recheck") or RecheckForm(),
        "actions": {t.action for t in kernel.available(task, request.user)},
        "history": history(task).select_related("actor"), "caps": services.caps_for(task.enterprise, task.plan.year),
        "today": timezone.localdate(),
    })


@staff_required
@require_POST
def task_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    task = _task(request, pk)
    today = timezone.localdate()
    form = None
    try:
        if action in {t.action for t in task.machine.transitions}:
            # who may take the step before what they sent: a role it does not name gets 403, not a form error
            kernel.check_permission(task, action, request.user)
        if action == "record":
            form = ChecklistForm(request.POST, items=task.items.all())
            if form.is_valid():
                services.record_inspection(task, request.user, on=form.cleaned_data["inspected_on"],
                                           results=form.results(), summary=form.cleaned_data["summary"])
        elif action == "evidence":
            form = EvidenceForm(request.POST, request.FILES)
            if form.is_valid():
                services.add_evidence(task, request.user, upload=form.cleaned_data["file"],
                                      description=form.cleaned_data["description"])
        elif action == "publish":
            services.publish(task, request.user, on=today)
        elif action == "order_rectification":
            form = RectifyForm(request.POST)
            if form.is_valid():
                services.order_rectification(task, request.user, due=form.cleaned_data["rectify_due"])
        elif action == "recheck":
            form = RecheckForm(request.POST)
            if form.is_valid():
                services.recheck(task, request.user, note=form.cleaned_data["note"], on=today)
        elif action == "close":
            services.close(task, request.user, on=today)
        else:
            raise PermissionDenied("没有这一操作")
    except workflow.WorkflowError as exc:
        messages.error(request, "；".join(p.zh for p in exc.problems))
        return redirect("inspections:task", pk=pk)
    except RulesError as exc:
        if form is None:
            messages.error(request, "；".join(p.zh for p in exc.problems))
            return redirect("inspections:task", pk=pk)
        _errors(form, exc)
    if form is not None and not form.is_valid():
        key = {"record": "checklist", "order_rectification": "rectify"}.get(action, action)
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else "表单"
            messages.error(request, f"{label}：{'；'.join(errs)}")
        return task_detail(request, pk, forms={key: form})
    messages.success(request, "已保存")
    return redirect("inspections:task", pk=pk)


@staff_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = imports.apply(form.cleaned_data["kind"], request.user, upload.name, upload.read())
        except RulesError as exc:
            _errors(form, exc)
        else:
            request.session["inspections_rejects"] = rejects_csv(outcome.rejects)
    return render(request, "inspections/import.html", {
        "form": form, "outcome": outcome, "kind_label": imports.KINDS.get(outcome.kind, "") if outcome else ""})


@staff_required
def import_rejects(request: HttpRequest) -> HttpResponse:
    body = request.session.get("inspections_rejects", rejects_csv([]))
    response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="rejects.csv"'
    return response
