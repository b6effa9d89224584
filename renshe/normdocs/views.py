"""Staff pages of the register: list, detail with actions, new draft, expiry warnings,
yearly statistics and the Excel export. Every page needs a register role
(:func:`renshe.normdocs.permissions.staff_required`)."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renshe.platform.accounts.models import Organisation
from renshe.rules.errors import RulesError

from . import excel, register, service
from .core import periods, workflow
from .forms import ACTION_FORMS, DraftForm
from .models import NormativeDocument
from .permissions import roles_of, staff_required

PAGE_SIZE = 50


def _int(value: str | None, lo: int, hi: int) -> int | None:
    try:
        n = int(value or "")
    except ValueError:
        return None
    return n if lo <= n <= hi else None


def _filters(request: HttpRequest) -> register.Filters:
    g = request.GET
    status = g.get("status", "")
    return register.Filters(
        status=status if status in workflow.STATE_LABELS else "",
        division=_int(g.get("division"), 1, 2**62),
        year=_int(g.get("year"), 2000, 2100),
        expiring_days=_int(g.get("expiring"), 0, 3650),
        q=g.get("q", "").strip()[:100],
    )


@staff_required
def document_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    filters = _filters(request)
    page = Paginator(register.documents(filters, today), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "normdocs/list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": workflow.STATE_LABELS.items(),
            "divisions": Organisation.objects.filter(normative_documents__isnull=False).distinct(),
            "years": range(today.year + 1, today.year - 10, -1),
            "warning_days": int(periods.warning_days(today).value),
            "today": today,
            "query": query.urlencode(),
            "can_draft": bool(roles_of(request.user) & {"division_staff", "administrator"}),
        },
    )


@staff_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(
        NormativeDocument.objects.select_related("drafting_division", "filing_deadline"), pk=pk
    )
    today = timezone.localdate()
    actions = [(t, ACTION_FORMS[t.action](prefix=t.action)) for t in service.available(doc, request.user)]
    return render(
        request,
        "normdocs/detail.html",
        {
            "doc": doc,
            "today": today,
            "days_left": doc.days_left(today),
            "filing_overdue": doc.filing_overdue(today),
            "reviews": [(r, r.overdue(today)) for r in doc.reviews.select_related("reviewer", "deadline")],
            "filings": doc.filings.all(),
            "cleanups": doc.cleanups.select_related("decided_by"),
            "actions": actions,
            "basis": [
                periods.review_length(today),
                periods.param(periods.REVIEW_MIN, today),
                periods.param(periods.FILING, today),
                periods.longest_validity(doc.title, doc.effective_from or today)[1],
            ],
        },
    )


@staff_required
@require_POST
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    doc = get_object_or_404(NormativeDocument, pk=pk)
    if action not in ACTION_FORMS:
        raise Http404(action)
    form = ACTION_FORMS[action](request.POST, prefix=action)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else field
            messages.error(request, f"{label}：{'；'.join(errors)}")
        return redirect("normdocs:detail", pk=pk)
    try:
        service.apply(doc, action, request.user, **form.cleaned_data)
    except workflow.TransitionError as exc:
        if exc.problems[0].field == "role":
            raise PermissionDenied(exc.problems[0].zh) from None
        messages.error(request, "；".join(p.zh for p in exc.problems))
    except RulesError as exc:
        messages.error(request, "；".join(p.zh for p in exc.problems))
    else:
        messages.success(request, f"已办理：{workflow.TRANSITIONS[action].label}")
    return redirect("normdocs:detail", pk=pk)


@staff_required
@require_http_methods(["GET", "POST"])
def document_new(request: HttpRequest) -> HttpResponse:
    if not roles_of(request.user) & {"division_staff", "administrator"}:
        raise PermissionDenied("起草文件须由处室工作人员办理")
    form = DraftForm(
        request.POST or None,
        request.FILES or None,
        initial={"drafting_division": request.user.organisation_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            doc = service.create_draft(request.user, **form.cleaned_data)
        except RulesError as exc:
            for p in exc.problems:
                form.add_error(p.field if p.field in form.fields else None, p.zh)
        else:
            messages.success(request, "草案已登记")
            return redirect("normdocs:detail", pk=doc.pk)
    return render(request, "normdocs/new.html", {"form": form})


@staff_required
def expiring_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    default = periods.warning_days(today)
    days = _int(request.GET.get("days"), 1, 3650) or int(default.value)
    docs = register.expiring(today, days)
    rows = [(d, d.days_left(today)) for d in docs]
    return render(
        request,
        "normdocs/expiring.html",
        {
            "rows": rows,
            "days": days,
            "default": default,
            "today": today,
            "overdue_filings": register.overdue_filings(today).select_related("drafting_division"),
            "lapsed": register.lapsed(today).select_related("drafting_division"),
        },
    )


@staff_required
def statistics(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "normdocs/statistics.html",
        {"rows": register.statistics(), "cleanup_labels": workflow.CLEANUP_LABELS},
    )


@staff_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    docs = register.documents(_filters(request), today).prefetch_related("filings", "cleanups")
    body = excel.register_workbook(docs, today)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"normdocs-{today:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """The document's attachment, as a download, to the register's staff only (the media URL the
    page linked to is not served at all: it was a 404)."""
    doc = get_object_or_404(NormativeDocument, pk=pk)
    if not doc.attachment:
        raise Http404
    try:
        handle = doc.attachment.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=Path(doc.attachment.name).name)
