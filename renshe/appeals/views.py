"""Staff pages for requests: the list (scoped to the user's part of the province), one request
with its steps, hand-overs and history, and the forms that take those steps.

Every page needs a staff role (anonymous → login); a request outside the user's scope is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renshe.platform.accounts.access import role_required
from renshe.platform.accounts.models import Organisation, User
from renshe.platform.workflow import services as workflow
from renshe.platform.workflow.machine import SYSTEM
from renshe.rules.errors import RulesError

from . import links, places, services, steps
from .core.workflow import machine_for
from .models import Appeal, Channel
from .scoping import appeals_for

ROLES = ("division_staff", "labour_inspector", "leader", "legal_office", "administrator")
STAFF = role_required(*ROLES)


@STAFF
def appeal_list(request: HttpRequest) -> HttpResponse:
    qs = appeals_for(request.user).select_related("organisation", "owner", "pending_org")
    f = {k: request.GET.get(k, "") for k in ("state", "channel", "q", "mine")}
    if f["state"]:
        qs = qs.filter(state=f["state"])
    if f["channel"]:
        qs = qs.filter(channel=f["channel"])
    if f["q"]:
        qs = qs.filter(number=f["q"].strip().upper())
    if f["mine"]:
        qs = qs.filter(owner=request.user)
    incoming = appeals_for(request.user).filter(pending_org=request.user.organisation_id).count() \
        if request.user.organisation_id else 0
    page = Paginator(qs.order_by("-received_on", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "appeals/list.html", {
        "page": page, "f": f, "states": machine_for("letter").states, "channels": Channel.choices,
        "incoming": incoming, "today": timezone.localdate(),
    })


def _get(request: HttpRequest, pk: int) -> Appeal:
    try:
        return appeals_for(request.user).select_related("organisation", "owner", "pending_org").get(pk=pk)
    except Appeal.DoesNotExist:
        raise Http404("没有这件诉求，或不在您的查看范围内") from None


@STAFF
def appeal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _get(request, pk)
    machine = appeal.machine
    offices = Organisation.objects.filter(kind__in=services.OFFICE_KINDS).exclude(pk=appeal.organisation_id)
    colleagues = User.objects.filter(organisation=appeal.organisation, is_active=True).exclude(pk=appeal.owner_id)
    site = request.build_absolute_uri("/").rstrip("/")
    return render(request, "appeals/detail.html", {
        "a": appeal, "steps": [t for t in workflow.available(appeal, request.user) if SYSTEM not in t.roles],
        "facts": machine.facts, "handovers": appeal.handovers.select_related("to_user", "to_org", "from_user"),
        "offices": offices, "colleagues": colleagues, "place": places.name_of(appeal.place),
        "may_sign": appeal.pending_org_id and appeal.pending_org_id == request.user.organisation_id,
        "sms": steps.sms_text(appeal, site) if appeal.state == "replied" else "",
        "rate_link": site + steps.rating_url(appeal) if appeal.state == "replied" else "",
        "supervisors": appeal.supervisors.all(), "today": timezone.localdate(),
    })


def _done(request: HttpRequest, appeal: Appeal, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("appeals:detail", pk=appeal.pk)


def _refused(request: HttpRequest, appeal: Appeal, exc: Exception) -> HttpResponse:
    if isinstance(exc, RulesError):
        messages.error(request, "；".join(p.zh for p in exc.problems))
    else:
        messages.error(request, "您不能对这件诉求做这一步操作（不属本单位或角色不符）")
    return redirect("appeals:detail", pk=appeal.pk)


@STAFF
@require_POST
def appeal_step(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _get(request, pk)
    action = request.POST.get("action", "")
    facts = {k: request.POST.get(k, "").strip() for k in ("reply", "reason", "approved_by")}
    try:
        steps.apply(appeal, action, request.user, facts=facts)
    except (RulesError, PermissionDenied) as exc:
        return _refused(request, appeal, exc)
    return _done(request, appeal, "已办理")


@STAFF
@require_POST
def appeal_handover(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _get(request, pk)
    op = request.POST.get("op", "")
    try:
        if op == "transfer":
            to = Organisation.objects.filter(pk=request.POST.get("to_org") or 0).first()
            if to is None:
                raise RulesError.of("to_org", "转办单位：请选择", "to_org: required")
            services.transfer(appeal, to, request.user, request.POST.get("note", ""))
        elif op == "sign":
            services.sign_for(appeal, request.user)
        elif op == "send_back":
            services.send_back(appeal, request.user, request.POST.get("reason", ""))
        elif op == "reassign":
            to_user = User.objects.filter(pk=request.POST.get("to_user") or 0).first()
            if to_user is None:
                raise RulesError.of("to_user", "改派给：请选择", "to_user: required")
            services.reassign(appeal, to_user, request.user)
        elif op == "alert":
            alert = links.to_arrears_alert(appeal, request.user)
            return _done(request, appeal, f"已转为欠薪预警 {alert.warning_id}")
        elif op == "case":
            case = links.to_inspection_case(appeal, request.user)
            return _done(request, appeal, f"已转为劳动保障监察案件 {case.number}")
        else:
            raise RulesError.of("op", "未知操作", "unknown operation")
    except (RulesError, PermissionDenied) as exc:
        return _refused(request, appeal, exc)
    if op == "sign" or not appeals_for(request.user).filter(pk=appeal.pk).exists():
        return redirect("appeals:list") if op != "sign" else _done(request, appeal, "已签收，您是本件的责任人")
    return _done(request, appeal, "已办理")

