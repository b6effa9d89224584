"""Pages for the parties, no login: apply on a phone (save a draft, resume it by its link), then
follow the case on its own page — status, next step and its date, documents served, the policy
list for their situation. The secret link (``Case.token``) is the only key; nothing personal is
shown on any other page."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from renshe.rules.errors import RulesError
from renshe.rules.labour.claims_law import CLAIMS

from . import documents, progress, services
from .core import elements
from .models import Case

#: what the worker states on the form: the elements every dispute type shares, then the common ones
APPLY_ELEMENTS = ("hire", "end", "monthly_wage", "signed", "termination", "unpaid_wages",
                  "overtime_weekday_hours", "unused_leave_days", "medical_expenses")
CLAIM_TO_TAG = {
    "unpaid_wages": "unpaid_wages", "double_wages": "no_written_contract", "economic_compensation": "dismissed",
    "damages": "dismissed", "payment_in_lieu_of_notice": "dismissed", "overtime_pay": "overtime",
    "annual_leave_pay": "annual_leave", "injury_medical_expenses": "work_injury", "injury_disability_subsidy": "work_injury",
    "injury_medical_subsidy": "work_injury", "injury_employment_subsidy": "work_injury",
}


def application_from(post) -> services.Application:
    org = post.get("organisation", "")
    return services.Application(
        organisation_id=int(org) if org.isdigit() else None,
        dispute_type=post.get("dispute_type", ""),
        applicant_name=post.get("applicant_name", ""),
        applicant_id_number=post.get("applicant_id_number", ""),
        applicant_phone=post.get("applicant_phone", ""),
        applicant_address=post.get("applicant_address", ""),
        respondent_name=post.get("respondent_name", ""),
        respondent_credit_code=post.get("respondent_credit_code", ""),
        respondent_address=post.get("respondent_address", ""),
        respondent_representative=post.get("respondent_representative", ""),
        facts=post.get("facts", ""),
        requested=[k for k in post.getlist("requested") if k],
        statements={k: post.get(f"el_{k}", "") for k in APPLY_ELEMENTS if f"el_{k}" in post},
    )


def form_context(case: Case | None, post=None, errors: RulesError | None = None) -> dict:
    if post is not None:
        values = {k: post.get(k, "") for k in post}
        chosen = set(post.getlist("requested"))
        statements = {k: post.get(f"el_{k}", "") for k in APPLY_ELEMENTS}
    elif case is not None:
        values = {f.name: getattr(case, f.name) for f in case._meta.fields if isinstance(getattr(case, f.name), str)}
        values["organisation"] = str(case.organisation_id or "")
        chosen = set(case.requested)
        statements = {e.key: e.applicant_says for e in case.elements.all()}
    else:
        values, chosen, statements = {}, set(), {}
    problems = {p.field: p.zh for p in (errors.problems if errors else [])}
    return {
        "values": values,
        "committees": services.committees(),
        "dispute_types": elements.DISPUTE_TYPES.items(),
        "claims": [(k, c.plain, c.label, k in chosen) for k, c in CLAIMS.items()],
        "statements": [
            (k, elements.ELEMENTS[k], statements.get(k, ""), problems.get(k, "")) for k in APPLY_ELEMENTS
        ],
        "termination_choices": elements.ELEMENTS["termination"].choices.items(),
        "problems": problems,
        "errors": errors.problems if errors else [],
        "case": case,
    }


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, token: str | None = None) -> HttpResponse:
    case = get_object_or_404(Case, token=token, state=Case.State.DRAFT) if token else None
    if request.method == "GET":
        return render(request, "disputes/apply.html", form_context(case))
    submit = request.POST.get("action") == "submit"
    try:
        case = services.save_application(
            application_from(request.POST), request.FILES.getlist("evidence"), case=case, submit=submit
        )
    except RulesError as exc:
        return render(request, "disputes/apply.html", form_context(case, request.POST, exc), status=422)
    if submit:
        return redirect(reverse("disputes:party", args=[case.token]))
    return redirect(reverse("disputes:resume", args=[case.token]) + "?saved=1")


def party(request: HttpRequest, token: str) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("organisation"), token=token)
    if case.state == Case.State.DRAFT:
        return redirect("disputes:resume", token=token)
    tags = sorted({CLAIM_TO_TAG[k] for k in case.requested if k in CLAIM_TO_TAG})
    return render(request, "disputes/party.html", {
        "case": case,
        "step": progress.next_step(case),
        "served": progress.served(case),
        "claims": services.adopted_claims(case),
        "policy_tags": tags,
        "policy_region": case.organisation.region,
    })


def party_document(request: HttpRequest, token: str, kind: str, fmt: str) -> HttpResponse:
    case = get_object_or_404(Case, token=token)
    if kind not in {k for k, _ in progress.served(case)}:
        raise Http404("该文书尚未送达")
    return render_document(case, kind, fmt)


def render_document(case: Case, kind: str, fmt: str) -> HttpResponse:
    from renshe.documents import doc as docs

    if kind not in documents.BUILDERS or fmt not in {"pdf", "docx"}:
        raise Http404("没有这种文书")
    d = documents.BUILDERS[kind](case)
    body = docs.to_pdf(d) if fmt == "pdf" else docs.to_docx(d)
    ctype = "application/pdf" if fmt == "pdf" else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    resp = HttpResponse(body, content_type=ctype)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{kind}.{fmt}"
    return resp


def evidence_file(case: Case, pk: int) -> FileResponse:
    ev = get_object_or_404(case.evidence, pk=pk)
    return FileResponse(ev.file.open("rb"), as_attachment=True, filename=ev.name, content_type=ev.content_type)
