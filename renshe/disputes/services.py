"""Every write to a dispute case, each in one transaction with its audit record.

The application (a worker's phone, or staff at a window) is validated as a whole before anything
is saved — parties' ID number and credit code check digits (GB 11643, GB 32100), the claims, the
worker's statements of the elements, the evidence files — so bad input is refused with every
reason at once and nothing is half-saved. A draft needs no more than what has been typed; it is
reached again only through its secret link (``Case.token``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from renshe.platform.accounts.access import has_role
from renshe.platform.accounts.masking import mask_id_number, mask_phone
from renshe.platform.accounts.models import Organisation
from renshe.platform.accounts.scoping import visible_organisations
from renshe.platform.audit.service import record, snapshot
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.platform.web.uploads import check_upload
from renshe.platform.workflow import clocks
from renshe.platform.workflow import services as workflow
from renshe.rules import calculators, ids
from renshe.rules.errors import FieldProblem, RulesError
from renshe.rules.labour.claims_law import CLAIMS

from .core import elements
from .models import Case, ClaimOverride, Element, Evidence, MediationOrganisation

PHONE = re.compile(r"^1\d{10}$")
MAX_FILES = 10


@dataclass
class Application:
    """What the application form holds: parties, the dispute, the claims, the worker's statements."""

    organisation_id: int | None = None
    dispute_type: str = ""
    applicant_name: str = ""
    applicant_id_number: str = ""
    applicant_phone: str = ""
    applicant_address: str = ""
    respondent_name: str = ""
    respondent_credit_code: str = ""
    respondent_address: str = ""
    respondent_representative: str = ""
    facts: str = ""
    requested: list[str] = field(default_factory=list)
    statements: dict[str, str] = field(default_factory=dict)  # element key → the worker's text


def committees() -> Any:
    """The arbitration committees a worker may apply to: one per city (and 平潭)."""
    return Organisation.objects.filter(kind=Organisation.Kind.CITY).order_by("code")


def _snap(case: Case | None) -> dict[str, Any] | None:
    """The case for the audit record, its personal data masked (个人信息保护法第六条: the record
    shows that the ID number or phone changed, not the numbers themselves)."""
    if case is None:
        return None
    data = snapshot(case)
    data["applicant_id_number"] = mask_id_number(data.get("applicant_id_number"))
    data["applicant_phone"] = mask_phone(data.get("applicant_phone"))
    return data


def _check(app: Application, *, complete: bool) -> tuple[Application, dict[str, Any]]:
    """Every problem with the application at once; on success the normalised data and the parsed statements."""
    problems: list[FieldProblem] = []

    def need(name: str, value: str, label: str) -> None:
        if complete and not value.strip():
            problems.append(FieldProblem(name, f"请填写{label}", f"{name} is required"))

    need("applicant_name", app.applicant_name, "申请人姓名")
    need("applicant_id_number", app.applicant_id_number, "公民身份号码")
    need("applicant_phone", app.applicant_phone, "手机号")
    need("respondent_name", app.respondent_name, "用人单位名称")
    for name, check in (("applicant_id_number", ids.check_id_number), ("respondent_credit_code", ids.check_credit_code)):
        value = getattr(app, name).strip()
        if value:
            try:
                setattr(app, name, check(value, name))
            except RulesError as exc:
                problems.extend(exc.problems)
    phone = app.applicant_phone.strip().replace(" ", "")
    if phone and not PHONE.match(phone):
        problems.append(FieldProblem("applicant_phone", "手机号应为11位数字，以1开头", "a mobile number has 11 digits"))
    app.applicant_phone = phone
    if complete and app.organisation_id is None:
        problems.append(FieldProblem("organisation", "请选择仲裁委员会", "choose the committee"))
    if app.dispute_type and app.dispute_type not in elements.DISPUTE_TYPES:
        problems.append(FieldProblem("dispute_type", "争议类型不在列表中", "unknown dispute type"))
    elif complete and not app.dispute_type:
        problems.append(FieldProblem("dispute_type", "请选择争议类型", "dispute_type is required"))
    unknown = [k for k in app.requested if k not in CLAIMS]
    if unknown:
        problems.append(FieldProblem("requested", "请求不在列表中", f"unknown claims {unknown}"))
    if complete and not app.requested:
        problems.append(FieldProblem("requested", "请至少选择一项仲裁请求", "choose at least one claim"))
    values: dict[str, Any] = {}
    for key, text in app.statements.items():
        if key not in elements.ELEMENTS:
            continue
        try:
            values[key] = elements.parse(key, text)
        except RulesError as exc:
            problems.extend(exc.problems)
    if complete and not values.get("hire"):
        problems.append(FieldProblem("hire", "请填写入职日期", "hire is required"))
    if values.get("hire") and values.get("end") and values["end"] < values["hire"]:
        problems.append(FieldProblem("end", "离职日期早于入职日期", "end is before hire"))
    today = timezone.localdate().isoformat()
    for key in ("hire", "end", "signed"):
        if values.get(key) and values[key] > today:
            problems.append(FieldProblem(key, "日期不能晚于今天", f"{key} is in the future"))
    if problems:
        raise RulesError(problems)
    return app, values


def _store_files(case: Case, files: list[Any], by: str) -> None:
    if len(files) + case.evidence.count() > MAX_FILES:
        raise RulesError.of("evidence", f"证据最多上传 {MAX_FILES} 个文件", f"at most {MAX_FILES} files")
    checked = [check_upload(f, "evidence") for f in files]
    for f, c in zip(files, checked, strict=True):
        Evidence.objects.create(case=case, file=f, name=c.name, content_type=c.content_type, size=c.size, by_party=by)


def save_application(
    app: Application, files: list[Any], *, case: Case | None = None, submit: bool, actor: Any = None,
    source: str = Case.Source.ONLINE, received_from: MediationOrganisation | None = None, procedure: str = "",
) -> Case:
    """Save a draft (``submit=False``) or file the application; all checks first, then one transaction.

    With ``received_from`` staff record a case that came to them: from a court, the kernel's
    ``court_entrust`` (委托调解, with the court's ``procedure``); from a mediation organisation,
    ``receive_referral`` (调解仲裁法第十四条第三款) instead of ``submit``."""
    app, values = _check(app, complete=submit)
    for f in files:
        check_upload(f, "evidence")
    if case is not None and case.state != Case.State.DRAFT:
        raise RulesError.of("case", "申请已提交，不能再修改；如需补充请联系仲裁院", "the application was already filed")
    # a city's committee, or a district's where one sits (e.g. 厦门市湖里区劳动人事争议仲裁院)
    org = Organisation.objects.filter(
        pk=app.organisation_id, kind__in=[Organisation.Kind.CITY, Organisation.Kind.COUNTY]
    ).first()
    if app.organisation_id is not None and org is None:
        raise RulesError.of("organisation", "仲裁委员会不在列表中", "unknown committee")
    if actor is not None and org is not None and not visible_organisations(actor).filter(pk=org.pk).exists():
        raise PermissionDenied("只能为本委员会受理申请 / not your committee")
    with transaction.atomic():
        before = _snap(case)
        case = case or Case(source=source)
        for name in (
            "dispute_type", "applicant_name", "applicant_id_number", "applicant_phone", "applicant_address",
            "respondent_name", "respondent_credit_code", "respondent_address", "respondent_representative", "facts",
        ):
            setattr(case, name, getattr(app, name).strip())
        case.requested = app.requested
        if org is not None:
            case.organisation = org
        elif case.organisation_id is None:
            case.organisation = committees().first()
        case.save()
        for key, text in app.statements.items():
            if key in elements.ELEMENTS:
                el, _ = Element.objects.get_or_create(case=case, key=key)
                el.applicant_says = text.strip()
                if el.status == Element.Status.OPEN:
                    el.value = values.get(key)
                el.save()
        _store_files(case, files, "applicant" if actor is None else "window")
        record(actor, case, "save_draft", before=before, after=_snap(case), note="保存申请草稿")
        if submit and received_from is not None and received_from.kind == MediationOrganisation.Kind.COURT:
            case = workflow.apply(case, "court_entrust", actor, facts={"court": received_from, "procedure": procedure})
        elif submit and received_from is not None:
            case = workflow.apply(case, "receive_referral", actor, facts={"sender": received_from})
        elif submit:  # the kernel numbers it (Case.on_submit) and starts the five-day acceptance clock
            case = workflow.apply(case, "submit", actor)
    return case


def step(actor: Any, case: Case, action: str, facts: dict[str, Any] | None = None, note: str = "",
         on: dt.date | None = None) -> Case:
    """Take one step of the case's machine on the kernel (role, organisation, facts, clocks, audit).

    On acceptance the case keeps a link to its award clock, which the statistics count
    (:func:`renshe.platform.workflow.kpi.on_time`)."""
    with transaction.atomic():
        case = workflow.apply(case, action, actor, facts=facts, note=note, on=on)
        if action == "accept":
            case.award_clock = award_clock(case)
            case.save(update_fields=["award_clock"])
    return case


def award_clock(case: Case) -> TrackedDeadline | None:
    """The running award period (45 days from acceptance, 第四十三条), if any."""
    return clocks.open_clocks(case).filter(param="deadlines.arbitration_award").first()


def extend_award(actor: Any, case: Case, approval: str) -> TrackedDeadline:
    """+15 days from the original due date on the chair's written approval (第四十三条第一款)."""
    check_scope(actor, case, "arbitrator")
    if not approval.strip():
        raise RulesError.of("approval", "延期须经仲裁委员会主任批准，请填写批准情况", "the chair's approval is required")
    clock = award_clock(case)
    if clock is None:
        raise RulesError.of("state", "案件没有正在计算的裁决期限", "no award period is running")
    with transaction.atomic():
        return clocks.extend(clock, param="deadlines.arbitration_award_extension", actor=actor, note=approval.strip())


def suspend(actor: Any, case: Case, reason: str, from_date: dt.date) -> TrackedDeadline:
    """仲裁中止: the award period does not run while the case waits (a medical appraisal, another
    case's outcome); 办案规则第四十六条第（六）项 (unverified excerpt, see the library)."""
    check_scope(actor, case, "arbitrator")
    clock = award_clock(case)
    if clock is None:
        raise RulesError.of("state", "案件没有正在计算的裁决期限", "no award period is running")
    if not reason.strip():
        raise RulesError.of("reason", "请写明中止的原因", "give the reason")
    with transaction.atomic():
        return clocks.pause(clock, reason=reason.strip(), from_date=from_date, actor=actor)


def resume(actor: Any, case: Case, on: dt.date) -> TrackedDeadline:
    """The suspension ends; the award period runs again from the day after ``on``."""
    check_scope(actor, case, "arbitrator")
    clock = award_clock(case)
    if clock is None:
        raise RulesError.of("state", "案件没有正在计算的裁决期限", "no award period is running")
    with transaction.atomic():
        return clocks.resume(clock, on=on, actor=actor)


def check_scope(actor: Any, case: Case, *roles: str) -> None:
    """The actor holds one of ``roles`` and the case's committee is within their organisation's view."""
    if not has_role(actor, *roles):
        raise PermissionDenied("没有办理此案件的权限 / role not allowed")
    if not visible_organisations(actor).filter(pk=case.organisation_id).exists():
        raise PermissionDenied("此案件不属于本机构 / case outside your organisation")


def record_element(actor: Any, case: Case, key: str, *, applicant_says: str, respondent_says: str, status: str,
                   value_text: str, finding: str, evidence_ids: list[int]) -> Element:
    """One element as the mediator or arbitrator records it; the claims are recomputed after."""
    check_scope(actor, case, "mediator", "arbitrator")
    if key not in elements.ELEMENTS:
        raise RulesError.of("key", "要素不在列表中", f"unknown element {key}")
    if status not in Element.Status.values:
        raise RulesError.of("status", "状态不在列表中", "unknown status")
    value = elements.parse(key, value_text)
    if status == Element.Status.DISPUTED and not finding.strip() and value is not None:
        raise RulesError.of("finding", "有争议的要素须写明查明情况后再认定其值", "a disputed element needs a finding")
    evidence = list(case.evidence.filter(pk__in=evidence_ids))
    with transaction.atomic():
        el, _ = Element.objects.select_for_update().get_or_create(case=case, key=key)
        before = snapshot(el)
        el.applicant_says, el.respondent_says = applicant_says.strip(), respondent_says.strip()
        el.status, el.value, el.finding = status, value, finding.strip()
        el.save()
        el.evidence.set(evidence)
        record(actor, el, "record_element", before=before, after=snapshot(el),
               note=f"{elements.ELEMENTS[key].label}：{el.get_status_display()}")
        recompute_claims(actor, case)
    return el


def recompute_claims(actor: Any, case: Case) -> dict[str, Any] | None:
    """Run ``dispute-claims`` on the adopted element values; the result (or why not) is kept on the case."""
    values = {e.key: e.value for e in case.elements.all()}
    filed_on = case.received_on or timezone.localdate()
    birth, sex = ids.birth_and_sex(case.applicant_id_number)
    try:
        payload = elements.claims_input(values, region=case.organisation.region, filed_on=filed_on, birth=birth, sex=sex)
        result: dict[str, Any] = calculators.run("dispute-claims", payload)
    except RulesError as exc:
        result = {"error": exc.as_dict()}
    with transaction.atomic():
        before = {"claims_total": (case.claims or {}).get("total")}
        case.claims = result
        case.save(update_fields=["claims", "updated_at"])
        record(actor, case, "recompute_claims", before=before, after={"claims_total": result.get("total")},
               note="按要素重新计算请求")
    return result


def override_claim(actor: Any, case: Case, kind: str, amount: Decimal, reason: str) -> ClaimOverride:
    """An arbitrator's own figure for a claim, with the reason, audited; the computed figure stays."""
    check_scope(actor, case, "arbitrator")
    computed = {c["kind"] for c in (case.claims or {}).get("claims", [])}
    if kind not in computed:
        raise RulesError.of("kind", "只能调整已计算出的请求", "only a computed claim can be overridden")
    if not reason.strip():
        raise RulesError.of("reason", "请写明调整理由", "give the reason")
    if amount < 0:
        raise RulesError.of("amount", "金额不能为负数", "amount must not be negative")
    with transaction.atomic():
        o = ClaimOverride.objects.create(case=case, kind=kind, amount=amount, reason=reason.strip(), by=actor)
        old = next(c["amount"] for c in case.claims["claims"] if c["kind"] == kind)
        record(actor, case, "override_claim", before={kind: old}, after={kind: str(amount)}, note=reason.strip())
    return o


def adopted_claims(case: Case) -> list[dict[str, Any]]:
    """The computed claims, each with the arbitrator's latest override applied (and marked)."""
    latest: dict[str, ClaimOverride] = {}
    for o in case.overrides.all().order_by("at", "id"):
        latest[o.kind] = o
    out = []
    for c in (case.claims or {}).get("claims", []):
        c = dict(c)
        if c["kind"] in latest:
            c["computed_amount"], c["amount"] = c["amount"], float(latest[c["kind"]].amount)
            c["override_reason"] = latest[c["kind"]].reason
        out.append(c)
    return out


def record_agreement(actor: Any, case: Case, terms: str, on: dt.date | None = None) -> Case:
    """The parties' mediation agreement (调解书, 调解仲裁法第四十二条): the kernel's ``agree`` step,
    from mediation by the tribunal or by the organisation the case was referred to. A case still
    only accepted or served is first put into mediation (第四十二条第一款: 先行调解)."""
    with transaction.atomic():
        case.refresh_from_db(fields=["state"])
        if case.state in {"accepted", "served", "hearing"}:
            case = step(actor, case, "mediate", on=on)
        return step(actor, case, "agree", facts={"terms": terms.strip()}, on=on)
