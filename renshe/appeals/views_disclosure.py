"""依申请公开 pages: the public application form (第二十九条), staff's list and steps, the formal reply
letter (DOCX/PDF), the proactive disclosure catalogue (public) and the annual report's tables."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renshe.platform.accounts.access import role_required
from renshe.platform.accounts.models import Organisation
from renshe.platform.web.tables import Table, xlsx_response
from renshe.platform.workflow import services as workflow
from renshe.rules.errors import RulesError

from . import disclosure as service
from .core import annual_report
from .core.reply_letter import Letter, to_docx, to_pdf
from .core.workflow import DISCLOSURE
from .models import ApplicantKind, CatalogueItem, DisclosureRequest
from .scoping import disclosures_for

STAFF = role_required("division_staff", "legal_office", "leader", "administrator")
FIELDS = ("applicant_kind", "applicant", "id_document", "contact", "description", "form")


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """The public application form; it goes to the department's disclosure office (办公室)."""
    values, errors = {}, []
    if request.method == "POST":
        values = {f: request.POST.get(f, "").strip() for f in FIELDS}
        try:
            req = service.receive(values, Organisation.objects.get(code="350000"))
        except RulesError as exc:
            errors = [p.zh for p in exc.problems]
        else:
            messages.success(request, f"已收到您的政府信息公开申请，编号 {req.number}。本机关将在法定期限内答复。")
            return redirect("appeals:disclosure-new")
    return render(request, "appeals/disclosure_new.html", {"values": values, "errors": errors,
                                                           "kinds": ApplicantKind.choices})


@STAFF
def disclosure_list(request: HttpRequest) -> HttpResponse:
    qs = disclosures_for(request.user).select_related("organisation")[:500]
    return render(request, "appeals/disclosure_list.html", {"rows": qs, "today": timezone.localdate()})


def _get(request: HttpRequest, pk: int) -> DisclosureRequest:
    try:
        return disclosures_for(request.user).get(pk=pk)
    except DisclosureRequest.DoesNotExist:
        raise Http404("没有这件申请，或不在您的查看范围内") from None


@STAFF
def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = _get(request, pk)
    return render(request, "appeals/disclosure_detail.html", {
        "r": req, "steps": workflow.available(req, request.user), "facts": DISCLOSURE.facts,
        "outcomes": [(k, f"{g}{(' ' + i) if i else ''}") for k, (g, i) in annual_report.OUTCOMES.items()],
    })


@STAFF
@require_POST
def disclosure_step(request: HttpRequest, pk: int) -> HttpResponse:
    req = _get(request, pk)
    facts = {k: request.POST.get(k, "").strip() for k in ("reason", "approved_by", "outcome", "reply")}
    try:
        service.apply(req, request.POST.get("action", ""), request.user, facts=facts)
    except RulesError as exc:
        messages.error(request, "；".join(p.zh for p in exc.problems))
    except PermissionDenied:
        messages.error(request, "您不能办理这件申请")
    else:
        messages.success(request, "已办理")
    return redirect("appeals:disclosure-detail", pk=req.pk)


@STAFF
def disclosure_letter(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    req = _get(request, pk)
    if req.state != "replied" or not req.outcome:
        raise Http404("尚未答复")
    letter = Letter(req.number, req.organisation.name, req.applicant, req.received_on, req.description,
                    req.outcome, req.reply, req.replied_on)
    body, ctype = (to_pdf(letter), "application/pdf") if fmt == "pdf" else (
        to_docx(letter), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    resp = HttpResponse(body, content_type=ctype)
    resp["Content-Disposition"] = f"attachment; filename=\"{req.number}.{fmt}\"; filename*=UTF-8''{quote('答复书-' + req.number)}.{fmt}"
    return resp


def catalogue(request: HttpRequest) -> HttpResponse:
    """主动公开目录 (public): what was published, when, and whether within 20 working days (第二十六条)."""
    cat = request.GET.get("category", "")
    qs = CatalogueItem.objects.select_related("organisation")
    if cat:
        qs = qs.filter(category=cat)
    return render(request, "appeals/catalogue.html", {"rows": qs[:300], "categories": CatalogueItem.Category.choices,
                                                      "category": cat, "count": qs.count()})


def _tables(request: HttpRequest, year: int) -> tuple[list[annual_report.Line], dict, dict]:
    apps = [annual_report.Application(r.applicant_kind, r.received_on, r.replied_on, r.outcome, r.challenge,
                                      r.challenge_result)
            for r in disclosures_for(request.user).filter(received_on__year__lte=year)]
    docs = [annual_report.Document(c.category, c.published_on, c.repealed_on)
            for c in CatalogueItem.objects.filter(category__in=annual_report.DOCUMENT_KINDS, published_on__year__lte=year)]
    return annual_report.table_three(apps, year), annual_report.table_four(apps, year), annual_report.table_two(docs, year)


@STAFF
def annual(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year - (1 if today.month < 2 else 0)))
        dt.date(year, 1, 1)
    except ValueError:
        year = today.year
    three, four, two = _tables(request, year)
    if request.GET.get("export") == "xlsx":
        t = Table("annual", f"{year}年收到和处理政府信息公开申请情况",
                  ["项目", *annual_report.APPLICANTS.values(), "总计"])
        for ln in three:
            t.rows.append([ln.label, *[ln.cells.get(k, "") for k in (*annual_report.APPLICANTS, "total")]])
        return xlsx_response(t)
    return render(request, "appeals/annual.html", {
        "year": year, "three": three, "four": four, "two": two, "applicants": annual_report.APPLICANTS,
        "challenges": annual_report.CHALLENGES, "results": annual_report.CHALLENGE_RESULTS,
        "kinds": annual_report.DOCUMENT_KINDS, "template": annual_report.TEMPLATE, "verified": annual_report.VERIFIED,
    })
