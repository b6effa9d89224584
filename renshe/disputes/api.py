"""The disputes API (``/api/v1/disputes``): the public application, and the staff's cases.

``POST /apply`` takes the application a worker makes on the page, with the same checks (ID
number and credit code check digits, dates in order, only claims the law knows) and files it;
the answer carries the party's secret link. Everything else is staff (mediators, arbitrators,
leaders; ``Authorization: Bearer`` or the session with its CSRF token) and scoped to the
committees the caller's organisation sees: a case of another city is a 404. A step goes through
the workflow kernel (``services.step``), which checks the role and organisation again, keeps the
clocks and writes the record. Bad input answers 422 naming the field in Chinese and English.
"""

from __future__ import annotations

from typing import Any

from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BaseModel, Field, ValidationError

from renshe.platform.accounts.api_auth import staff_auth
from renshe.platform.accounts.masking import mask_id_number, mask_phone
from renshe.platform.accounts.models import Organisation
from renshe.platform.accounts.scoping import scope
from renshe.platform.web.api import ErrorOut, _body, json_body
from renshe.platform.workflow import services as workflow
from renshe.platform.workflow.clocks import open_clocks
from renshe.rules.errors import RulesError, from_pydantic

from . import documents, progress, services
from .core import elements
from .models import OUTCOMES, Case, MediationOrganisation
from .views_public import render_document

API_PREFIX = "/disputes"
router = Router(tags=["disputes"])
STAFF = ("mediator", "arbitrator", "leader")
PERM = "disputes.view_case"
#: facts that name a mediation organisation or court (by its id) rather than carry text
BODY_FACTS = ("organisation", "sender", "court")
NOT_FOUND = "没有找到该案件，或案件不属于本机构 / no such case in your organisation"


class ApplyIn(BaseModel):
    """The application as the page takes it (``statements``: element key → the worker's words)."""

    model_config = {"extra": "forbid", "json_schema_extra": {"example": {
        "committee": "350200", "dispute_type": "wages", "applicant_name": "陈小明",
        "applicant_id_number": "350203199003071236", "applicant_phone": "13800138000",
        "applicant_address": "厦门市思明区湖滨南路1号", "respondent_name": "厦门海湾建材有限公司",
        "respondent_credit_code": "914403001922038216", "facts": "公司拖欠两个月工资。",
        "requested": ["unpaid_wages"],
        "statements": {"hire": "2024-05-06", "monthly_wage": "6000", "unpaid_wages": "2025-12 6000\n2026-01 6000"}}}}

    committee: str = Field(max_length=12, title="仲裁委员会（设区市或县区代码）", description="如厦门市 350200")
    dispute_type: str = Field(max_length=24, title="争议类型", json_schema_extra={"x-labels": elements.DISPUTE_TYPES})
    applicant_name: str = Field(max_length=50, title="申请人姓名")
    applicant_id_number: str = Field(max_length=30, title="公民身份号码")
    applicant_phone: str = Field(max_length=20, title="手机号")
    applicant_address: str = Field("", max_length=200, title="申请人住所")
    respondent_name: str = Field(max_length=100, title="用人单位名称")
    respondent_credit_code: str = Field("", max_length=30, title="统一社会信用代码")
    respondent_address: str = Field("", max_length=200, title="用人单位住所")
    respondent_representative: str = Field("", max_length=50, title="法定代表人")
    facts: str = Field("", max_length=5000, title="事情经过")
    requested: list[str] = Field(max_length=20, title="仲裁请求", description="请求代码，见 dispute-claims 的 requested")
    statements: dict[str, str] = Field(default_factory=dict, max_length=40, title="要素陈述",
                                       description="要素代码 → 申请人的陈述（日期如 2024-05-06，金额如 6000）")


class AppliedOut(Schema):
    number: str
    state: str
    state_label: str
    party_url: str
    next_step: str | None
    next_due: str | None


def _read(model: type[BaseModel], request) -> Any:
    """The JSON body as ``model``: hostile JSON and wrong fields are the bilingual 422."""
    try:
        return model.model_validate(_body(request))
    except ValidationError as exc:
        raise from_pydantic(exc) from None


@router.post("/apply", response={201: AppliedOut, 422: ErrorOut},
             summary="申请劳动人事争议仲裁 / apply for arbitration",
             description="与申请页面相同的校验：公民身份号码和统一社会信用代码校验码、日期先后、法律支持的请求；"
                         "有误时一次列出全部问题（422，中英文，指明字段），不保存任何内容。成功时返回案号和当事人专用链接。",
             openapi_extra=json_body(ApplyIn))
def apply_case(request):
    body = _read(ApplyIn, request)
    committee = Organisation.objects.filter(
        code=body.committee.strip(), kind__in=[Organisation.Kind.CITY, Organisation.Kind.COUNTY]).first()
    if committee is None:
        raise RulesError.of("committee", "仲裁委员会代码不在列表中", "unknown committee code")
    app = services.Application(
        organisation_id=committee.pk, dispute_type=body.dispute_type, applicant_name=body.applicant_name,
        applicant_id_number=body.applicant_id_number, applicant_phone=body.applicant_phone,
        applicant_address=body.applicant_address, respondent_name=body.respondent_name,
        respondent_credit_code=body.respondent_credit_code, respondent_address=body.respondent_address,
        respondent_representative=body.respondent_representative, facts=body.facts, requested=body.requested,
        statements=body.statements,
    )
    unknown = sorted(set(body.statements) - set(elements.ELEMENTS))
    if unknown:
        raise RulesError.of(f"statements.{unknown[0]}", "要素不在列表中", f"unknown element {unknown[0]}")
    case = services.save_application(app, [], submit=True)
    step = progress.next_step(case)
    return Status(201, {"number": case.number, "state": case.state, "state_label": case.get_state_display(),
                        "party_url": f"/disputes/my/{case.token}/", "next_step": step.text if step else None,
                        "next_due": step.due.isoformat() if step and step.due else None})


class CaseRow(Schema):
    id: int
    number: str
    state: str
    state_label: str
    dispute_type: str
    source: str
    organisation: str
    applicant_name: str
    respondent_name: str
    received_on: str | None


class CasePage(Schema):
    count: int
    page: int
    pages: int
    items: list[CaseRow]


class CaseFilter(Schema):
    state: str | None = None
    mine: bool = False
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=100)


def _row(c: Case) -> dict[str, Any]:
    return {"id": c.pk, "number": c.number, "state": c.state, "state_label": c.get_state_display(),
            "dispute_type": c.dispute_type, "source": c.source, "organisation": c.organisation.name,
            "applicant_name": c.applicant_name, "respondent_name": c.respondent_name,
            "received_on": c.received_on.isoformat() if c.received_on else None}


def _case(request, case_id: int) -> Case:
    case = scope(Case.objects.select_related("organisation", "received_from", "referred_to"), request.auth) \
        .exclude(state=Case.State.DRAFT).filter(pk=case_id).first()
    if case is None:
        raise HttpError(404, NOT_FOUND)
    return case


@router.get("/cases", response={200: CasePage, 422: ErrorOut}, auth=staff_auth(*STAFF, perm=PERM),
            summary="案件列表 / the committee's cases",
            description="调用者所在机构可见的仲裁委员会的案件，最新收到的在前；可按状态筛选，分页（每页至多100件）。")
def case_list(request, q: Query[CaseFilter]):
    qs = scope(Case.objects.exclude(state=Case.State.DRAFT).select_related("organisation"), request.auth)
    if q.state:
        if q.state not in Case.State.values:
            raise RulesError.of("state", "状态应为以下之一：" + "、".join(f"{v}（{label}）" for v, label in Case.State.choices),
                                f"unknown state; one of {', '.join(Case.State.values)}")
        qs = qs.filter(state=q.state)
    if q.mine:
        qs = qs.filter(assignee=request.auth)
    count = qs.count()
    start = (q.page - 1) * q.page_size
    rows = qs.order_by("-received_on", "-id")[start:start + q.page_size]
    return {"count": count, "page": q.page, "pages": max(1, -(-count // q.page_size)), "items": [_row(c) for c in rows]}


@router.get("/cases/{case_id}", auth=staff_auth(*STAFF, perm=PERM), summary="案件详情 / one case",
            description="当事人（身份证号、手机号部分隐藏）、请求、各阶段日期、正在计算的法定期限、按要素计算的请求、"
                        "调解组织与法院的往来（诉调对接）及审查确认结果。")
def case_detail(request, case_id: int):
    c = _case(request, case_id)
    return {
        **_row(c),
        "applicant_id_number": mask_id_number(c.applicant_id_number), "applicant_phone": mask_phone(c.applicant_phone),
        "respondent_credit_code": c.respondent_credit_code, "requested": c.requested,
        "dates": {k: getattr(c, k).isoformat() if getattr(c, k) else None
                  for k in ("received_on", "accepted_on", "hearing_on", "mediated_on", "awarded_on", "closed_on")},
        "clocks": [{"param": k.param, "kind": k.kind, "due": k.due.isoformat(), "basis": k.basis, "paused": k.paused}
                   for k in open_clocks(c)],
        "claims": services.adopted_claims(c), "claims_error": (c.claims or {}).get("error"),
        "received_from": str(c.received_from) if c.received_from_id else None,
        "referred_to": str(c.referred_to) if c.referred_to_id else None,
        "court_outcome": c.court_outcome or None, "referral_result": c.referral_result or None,
        "confirmation": {"by": c.confirmation_by, "outcome": c.confirmation_outcome or None,
                         "result": c.confirmation_result or None} if c.confirmation_by else None,
        "agreement_terms": c.agreement_terms or None,
    }


@router.get("/cases/{case_id}/elements", auth=staff_auth(*STAFF, perm=PERM), summary="案件要素 / the elements",
            description="该争议类型的要素：双方陈述、状态（待核实、无争议、有争议、已查明）、认定的值及其显示。")
def case_elements(request, case_id: int):
    c = _case(request, case_id)
    recorded = {e.key: e for e in c.elements.all()}
    keys = elements.ELEMENT_SETS[c.dispute_type] + tuple(k for k in recorded if k not in elements.ELEMENT_SETS[c.dispute_type])
    return [{"key": k, "label": elements.ELEMENTS[k].label,
             "applicant_says": recorded[k].applicant_says if k in recorded else "",
             "respondent_says": recorded[k].respondent_says if k in recorded else "",
             "status": recorded[k].status if k in recorded else "open",
             "value": recorded[k].value if k in recorded else None,
             "display": elements.display(k, recorded[k].value) if k in recorded else "—",
             "finding": recorded[k].finding if k in recorded else ""} for k in keys]


@router.get("/cases/{case_id}/steps", auth=staff_auth(*STAFF, perm=PERM), summary="可办理的步骤 / available steps",
            description="调用者的角色在案件当前状态下可以办理的步骤，每步附依据和需要提供的事实（facts）。")
def case_steps(request, case_id: int):
    c = _case(request, case_id)
    return [{"action": t.action, "label": t.label, "basis": t.basis, "target": t.target,
             "needs": [{"fact": f, "reason": c.machine.facts.get(f, f)} for f in t.needs],
             "choices": OUTCOMES.get(t.action) or {}} for t in workflow.available(c, request.auth)]


class StepIn(BaseModel):
    model_config = {"extra": "forbid", "json_schema_extra": {"example": {
        "facts": {"reason": "申请人与被申请人之间不存在劳动关系"}, "note": ""}}}

    facts: dict[str, str | int] = Field(default_factory=dict, max_length=10, title="事实",
                                        description="如 reason、terms、hearing_on（YYYY-MM-DD）、result、outcome、confirm_by；"
                                                    "organisation（委派的调解组织编号）")
    note: str = Field("", max_length=2000, title="备注")


@router.post("/cases/{case_id}/steps/{action}", response={200: dict, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
             auth=staff_auth(*STAFF, perm=PERM), summary="办理一个步骤 / take a step",
             description="经工作流内核办理：核对角色和机构、所需事实，计算法定期限，记录审计。"
                         "状态不允许、缺少事实或事实不合法返回 422（中英文，指明字段）；角色或机构不符返回 403。",
             openapi_extra=json_body(StepIn))
def take_step(request, case_id: int, action: str):
    body = _read(StepIn, request)
    case = _case(request, case_id)
    facts: dict[str, Any] = {k: v for k, v in body.facts.items() if k not in BODY_FACTS}
    for name in BODY_FACTS:
        if name in body.facts:
            org = MediationOrganisation.objects.filter(pk=body.facts[name] if str(body.facts[name]).isdigit() else None,
                                                       organisation=case.organisation).first()
            if org is None:
                raise RulesError.of(f"facts.{name}", "调解组织或法院不在本市名录中", f"{name}: not one of this city's bodies")
            facts[name] = org
    case = services.step(request.auth, case, action, facts=facts, note=body.note)  # PermissionDenied: the 403
    return {"id": case.pk, "number": case.number, "state": case.state, "state_label": case.get_state_display(),
            "steps": [t.action for t in workflow.available(case, request.auth)]}


@router.get("/cases/{case_id}/documents", auth=staff_auth(*STAFF, perm=PERM), summary="文书 / the case's documents",
            description="可下载的文书：仲裁申请书、受理通知书、不予受理通知书、开庭通知书、调解书、要素式裁决书（草稿），DOCX 或 PDF。")
def case_documents(request, case_id: int):
    c = _case(request, case_id)
    base = f"/api/v1/disputes/cases/{c.pk}/documents"
    return [{"kind": k, "title": v, "pdf": f"{base}/{k}?format=pdf", "docx": f"{base}/{k}?format=docx"}
            for k, v in documents.KINDS.items()]


@router.get("/cases/{case_id}/documents/{kind}", auth=staff_auth(*STAFF, perm=PERM),
            summary="下载文书 / download a document", description="format 为 pdf 或 docx；中文字体已嵌入。")
def case_document(request, case_id: int, kind: str, format: str = "pdf"):  # noqa: A002 - the query's name
    c = _case(request, case_id)
    if kind not in documents.BUILDERS:
        raise HttpError(404, f"没有这种文书 / no document '{kind}'")
    if format not in {"pdf", "docx"}:
        raise RulesError.of("format", "格式应为 pdf 或 docx", "format must be pdf or docx")
    return render_document(c, kind, format)
