"""Staff pages (mediators and arbitrators, scoped to their committee): the case list, taking an
application in at a window, a case with its elements, claims, overrides, agreement and papers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from renshe.platform.accounts.access import has_role, role_required
from renshe.platform.accounts.scoping import scope, visible_organisations
from renshe.platform.workflow import services as workflow
from renshe.platform.workflow.clocks import open_clocks
from renshe.rules.errors import RulesError

from . import documents, listing, services
from .core import elements
from .models import CONFIRM_BY, OUTCOMES, Case, Element, MediationOrganisation
from .views_public import application_from, evidence_file, form_context, render_document

STAFF = ("mediator", "arbitrator", "leader")  # leaders read (roles.py); the machine decides who acts
PERM = "disputes.view_case"


def _case(request: HttpRequest, pk: int) -> Case:
    return get_object_or_404(scope(Case.objects.select_related("organisation"), request.user), pk=pk)


@role_required(*STAFF, perm=PERM)
def case_list(request: HttpRequest) -> HttpResponse:
    qs = scope(Case.objects.exclude(state=Case.State.DRAFT).select_related("organisation", "assignee"), request.user)
    state = request.GET.get("state", "")
    if state in Case.State.values:
        qs = qs.filter(state=state)
    if request.GET.get("mine"):
        qs = qs.filter(assignee=request.user)
    page = listing.page(qs, request.GET, keep={"state": state, "mine": request.GET.get("mine", "")})
    return render(request, "disputes/list.html", {"page": page, "states": Case.State.choices, "state": state})


def _senders(request: HttpRequest):
    """The courts and mediation organisations of the user's committees, for a case received from one."""
    return MediationOrganisation.objects.filter(organisation__in=visible_organisations(request.user)).order_by("kind", "name")


@role_required(*STAFF, perm=PERM)
@require_http_methods(["GET", "POST"])
def window_intake(request: HttpRequest) -> HttpResponse:
    """Staff take an application in at the window: the same form, filed at once."""
    if request.method == "GET":
        ctx = form_context(None)
        ctx["values"] = {"organisation": str(request.user.organisation_id or "")}
        return render(request, "disputes/apply.html", {**ctx, "window": True, "senders": _senders(request)})
    try:
        sender = request.POST.get("received_from", "")
        received_from = get_object_or_404(
            MediationOrganisation, pk=int(sender), organisation__in=visible_organisations(request.user)
        ) if sender.isdigit() else None
        case = services.save_application(
            application_from(request.POST), request.FILES.getlist("evidence"), submit=True, actor=request.user,
            source=Case.Source.WINDOW, received_from=received_from, procedure=request.POST.get("procedure", ""),
        )
    except RulesError as exc:
        return render(request, "disputes/apply.html", {**form_context(None, request.POST, exc), "window": True,
                                                        "senders": _senders(request)}, status=422)
    messages.success(request, f"已受理申请，案号 {case.number}")
    return redirect("disputes:detail", pk=case.pk)


@role_required(*STAFF, perm=PERM)
def case_detail(request: HttpRequest, pk: int, errors: RulesError | None = None) -> HttpResponse:
    case = _case(request, pk)
    recorded = {e.key: e for e in case.elements.prefetch_related("evidence")}
    rows = []
    for key in elements.ELEMENT_SETS[case.dispute_type] + tuple(k for k in recorded if k not in elements.ELEMENT_SETS[case.dispute_type]):
        el = recorded.get(key)
        spec = elements.ELEMENTS[key]
        rows.append({
            "key": key, "spec": spec, "el": el,
            "value_text": elements.as_text(key, el.value) if el else "",
            "display": elements.display(key, el.value) if el else "—",
            "evidence_ids": {e.pk for e in el.evidence.all()} if el else set(),
        })
    return render(request, "disputes/detail.html", {
        "case": case,
        "rows": rows,
        "statuses": Element.Status.choices,
        "claims": services.adopted_claims(case),
        "claims_error": (case.claims or {}).get("error"),
        "final_limit": (case.claims or {}).get("final_award_limit"),
        "evidence": case.evidence.all(),
        "documents": documents.KINDS.items(),
        "can_override": has_role(request.user, "arbitrator"),
        "steps": [(t, OUTCOMES.get(t.action, {}).items()) for t in workflow.available(case, request.user)],
        "confirm_by": CONFIRM_BY.items(),
        "clocks": open_clocks(case),
        "mediation_orgs": MediationOrganisation.objects.filter(organisation=case.organisation),
        "errors": errors.problems if errors else [],
    }, status=422 if errors else 200)


@role_required(*STAFF, perm=PERM)
@require_POST
def element_save(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    case = _case(request, pk)
    p = request.POST
    try:
        services.record_element(
            request.user, case, key, applicant_says=p.get("applicant_says", ""), respondent_says=p.get("respondent_says", ""),
            status=p.get("status", ""), value_text=p.get("value", ""), finding=p.get("finding", ""),
            evidence_ids=[int(x) for x in p.getlist("evidence") if x.isdigit()],
        )
    except RulesError as exc:
        return case_detail(request, pk, errors=exc)
    return redirect(f"/disputes/{pk}/#el-{key}")


@role_required(*STAFF, perm=PERM)
@require_POST
def recompute(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    services.check_scope(request.user, case, *STAFF)
    services.recompute_claims(request.user, case)
    return redirect(f"/disputes/{pk}/#claims")


@role_required("arbitrator", perm=PERM)
@require_POST
def override(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    try:
        amount = Decimal(request.POST.get("amount", "").replace(",", ""))
    except InvalidOperation:
        return case_detail(request, pk, errors=RulesError.of("amount", "请填写金额", "amount is required"))
    try:
        services.override_claim(request.user, case, request.POST.get("kind", ""), amount, request.POST.get("reason", ""))
    except RulesError as exc:
        return case_detail(request, pk, errors=exc)
    return redirect(f"/disputes/{pk}/#claims")


@role_required(*STAFF, perm=PERM)
@require_POST
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    try:
        services.record_agreement(request.user, case, request.POST.get("terms", ""))
    except RulesError as exc:
        return case_detail(request, pk, errors=exc)
    messages.success(request, "已记录调解协议，可下载调解书")
    return redirect(f"/disputes/{pk}/#documents")


@role_required(*STAFF, perm=PERM)
def document(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    return render_document(_case(request, pk), kind, fmt)


@role_required(*STAFF, perm=PERM)
def evidence(request: HttpRequest, pk: int, ev: int) -> HttpResponse:
    return evidence_file(_case(request, pk), ev)


@role_required(*STAFF, perm=PERM)
@require_POST
def step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step of the case's machine; its facts come from the form (reason, terms, hearing date …)."""
    case = _case(request, pk)
    p = request.POST
    facts = {k: p[k] for k in ("reason", "terms", "hearing_on", "partial", "result", "outcome", "confirm_by")
             if p.get(k, "").strip()}
    facts |= {k: p[k] for k in ("procedure",) if p.get(k, "").strip()}
    for name in ("organisation", "sender", "court"):  # a body of the case's city, by its id
        if p.get(name, "").isdigit():
            facts[name] = get_object_or_404(MediationOrganisation, pk=int(p[name]), organisation=case.organisation)
    try:
        services.step(request.user, case, action, facts=facts, note=p.get("note", ""))
    except RulesError as exc:
        return case_detail(request, pk, errors=exc)
    return redirect(f"/disputes/{pk}/")


@role_required("arbitrator", perm=PERM)
@require_POST
def clock_action(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Extend the award period (chair's approval), suspend it, or resume it."""
    case = _case(request, pk)
    p = request.POST
    try:
        on = dt.date.fromisoformat(p.get("on", "")) if p.get("on") else None
        if what == "extend":
            services.extend_award(request.user, case, p.get("approval", ""))
        elif what == "suspend":
            services.suspend(request.user, case, p.get("reason", ""), on or dt.date.today())
        elif what == "resume":
            services.resume(request.user, case, on or dt.date.today())
        else:
            raise RulesError.of("what", "没有这一操作", f"unknown clock action {what}")
    except ValueError:
        return case_detail(request, pk, errors=RulesError.of("on", "日期格式应为 2026-03-02", "date as YYYY-MM-DD"))
    except RulesError as exc:
        return case_detail(request, pk, errors=exc)
    return redirect(f"/disputes/{pk}/")


DASHBOARD_ROLES = ("mediator", "arbitrator", "leader")


def _dashboard_data(request: HttpRequest) -> tuple[int, dict]:
    from renshe.platform.accounts.scoping import visible_organisations

    from . import measures

    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else dt.date.today().year
    t = measures.tables_from_rollup(visible_organisations(request.user), year)
    return year, {"按委员会": t.committees, "按设区市": t.cities, "按月份": t.months, "合计": [t.total]}


@role_required(*DASHBOARD_ROLES, perm=PERM)
def dashboard(request: HttpRequest) -> HttpResponse:
    from . import measures

    year, sheets = _dashboard_data(request)
    months = sheets["按月份"]
    chart = {
        "months": [r.label for r in months],
        "received": [r.figures["received"] for r in months],
        "mediated": [r.figures["mediated"] for r in months],
        "awarded": [r.figures["awarded"] for r in months],
        "days_award": [float(r.figures["days_award"]) if r.figures["days_award"] is not None else None for r in months],
    }
    return render(request, "disputes/dashboard.html", {
        "year": year, "sheets": sheets, "figures": measures.FIGURES, "chart": chart,
        "years": range(dt.date.today().year, dt.date.today().year - 5, -1),
    })


@role_required(*DASHBOARD_ROLES, perm=PERM)
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    from . import measures

    year, sheets = _dashboard_data(request)
    resp = HttpResponse(measures.workbook(year, sheets),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f"attachment; filename=disputes-{year}.xlsx"
    return resp
