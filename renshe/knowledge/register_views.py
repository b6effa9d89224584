"""Staff pages of the normative-document register: list with warnings, yearly statistics, a document's steps."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from renshe.knowledge import register
from renshe.knowledge.models import CleanupDecision, NormativeDocument
from renshe.platform.audit.service import history
from renshe.rules.errors import RulesError

VIEW = "knowledge.view_normativedocument"


@login_required
@permission_required(VIEW, raise_exception=True)
def register_index(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    state = request.GET.get("state", "")
    docs = NormativeDocument.objects.all()
    if state:
        docs = docs.filter(state=state)
    return render(
        request,
        "knowledge/register_index.html",
        {
            "docs": docs[:200],
            "states": NormativeDocument.State.choices,
            "state": state,
            "expiring": register.expiring(today),
            "overdue": register.overdue_filing(today),
            "stats": register.yearly_statistics(year),
            "years": range(today.year, today.year - 5, -1),
            "periods": register.periods(),
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
def register_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(NormativeDocument, pk=pk)
    return render(
        request,
        "knowledge/register_detail.html",
        {
            "doc": doc,
            "steps": register.allowed(doc, request.user),
            "opinions": doc.opinions.all(),
            "cleanups": doc.cleanups.all(),
            "history": history(doc),
            "decisions": CleanupDecision.DECISIONS,
        },
    )


@require_POST
@login_required
@permission_required(VIEW, raise_exception=True)
def register_act(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(NormativeDocument, pk=pk)
    action = request.POST.get("action", "")
    try:
        register.act(doc, request.user, action, request.POST.dict())
    except RulesError as exc:
        for p in exc.problems:
            messages.error(request, p.zh)
    else:
        messages.success(request, f"已完成：{register.STEPS[action].zh}")
    return redirect("knowledge-register-detail", pk=pk)
