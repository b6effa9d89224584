"""Apply the workflow (:mod:`renshe.normdocs.core.workflow`) to stored documents.

Every step goes through the workflow kernel (:func:`renshe.platform.workflow.services.apply`):
one transaction with the document row locked, the actor's organisation and role checked,
one audit record with the fields that changed, the basis and a note. The steps' own work
(a review, a filing, a clean-up decision) is done by the document's hooks, which call the
handlers here. Deadlines (审核期限, 备案期限) are kernel clocks naming their parameter, so a
holiday notice entered later moves them.

Usage::

    doc = create_draft(user, title="…", drafting_division=division)
    apply(doc, "submit", user)
    apply(doc, "review_pass", legal_user, opinion="…")
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.service import record, snapshot
from renshe.platform.workflow import clocks
from renshe.platform.workflow import services as kernel
from renshe.rules.errors import FieldProblem, RulesError

from .core import periods, workflow
from .models import CleanupDecision, Filing, LegalityReview, NormativeDocument
from .permissions import roles_of

REVIEW_RESULTS = {"review_pass": "pass", "review_revise": "revise", "review_reject": "reject"}
CLEANUP_ACTIONS = frozenset(workflow.CLEANUP_LABELS)


def create_draft(
    actor: Any,
    *,
    title: str,
    drafting_division: Organisation,
    text: str = "",
    attachment: Any = None,
    demo: bool = False,
) -> NormativeDocument:
    """Register a new draft; only division staff (or an administrator) may, for their own division."""
    roles = roles_of(actor)
    if not roles & {"division_staff", "administrator"}:
        raise workflow.TransitionError.of(
            "role", "起草文件须由处室工作人员办理", "drafting needs division_staff"
        )
    if "administrator" not in roles and actor.organisation_id != drafting_division.pk:
        raise workflow.TransitionError.of(
            "drafting_division", "只能为本处室起草文件", "staff may draft only for their own division"
        )
    if not title.strip():
        raise RulesError.of("title", "请填写文件名称", "title is required")
    with transaction.atomic():
        doc = NormativeDocument.objects.create(
            title=title.strip(),
            drafting_division=drafting_division,
            text=text,
            attachment=attachment or "",
            demo=demo,
            created_by=actor,
        )
        record(actor, doc, "create", after=state(doc), note="登记草案")
    return doc


def state(doc: NormativeDocument) -> dict[str, Any]:
    """The document's fields for the audit record (the attachment by its stored name)."""
    out = snapshot(doc)
    out["attachment"] = doc.attachment.name or ""
    return out


def facts(doc: NormativeDocument, actor: Any) -> set[str]:
    """The workflow facts (:data:`workflow.FACT_LABELS`) that hold for ``doc`` and ``actor``."""
    out = set()
    review = doc.current_review()
    if review is not None and not review.result:
        out.add("review_open")
    if review is not None and review.result == LegalityReview.Result.PASS:
        out.add("review_passed")
    if getattr(actor, "organisation_id", None) == doc.drafting_division_id or "administrator" in kernel.acting_roles(
        actor
    ):
        out.add("own_division")
    return out


def available(doc: NormativeDocument, actor: Any) -> list[workflow.Transition]:
    """The actions ``actor`` may take on ``doc`` now (organisation, roles and facts: issue 13 item 1)."""
    return kernel.available(doc, actor, {})


def apply(
    doc: NormativeDocument, action: str, actor: Any, *, on: dt.date | None = None, **data: Any
) -> NormativeDocument:
    """Take ``action`` on ``doc`` as ``actor`` on day ``on`` (today by default), through the kernel.

    ``data`` holds what the action needs: ``opinion`` for a review; ``number``,
    ``published_on``, ``effective_from``, ``valid_until`` to publish; ``filed_with``,
    ``receipt`` (and ``filed_on``) to file; ``reason`` (and ``year``) for a clean-up.
    Raises PermissionDenied for a wrong role or organisation (a city's staff on the
    department's documents), :class:`RulesError` (bilingual, naming the field) when not
    allowed or incomplete.
    """
    return kernel.apply(doc, action, actor, facts=data, note=str(data.get("note") or ""), on=on)


def _zh(day: dt.date) -> str:
    """A date in a record's sentence as the pages write it (2025年10月23日)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _required(data: dict[str, Any], *names: str) -> None:
    labels = {
        "opinion": ("审核意见", "opinion"),
        "number": ("文号", "number"),
        "published_on": ("公布日期", "published_on"),
        "effective_from": ("施行日期", "effective_from"),
        "valid_until": ("有效期至", "valid_until"),
        "filed_with": ("备案机关", "filed_with"),
        "reason": ("清理理由", "reason"),
    }
    missing = [n for n in names if data.get(n) is None or (isinstance(data[n], str) and not data[n].strip())]
    if missing:
        raise RulesError(
            [FieldProblem(n, f"请填写{labels[n][0]}", f"{labels[n][1]} is required") for n in missing]
        )


def _submit(doc: NormativeDocument, actor: Any, on: dt.date, data: dict[str, Any]) -> str:
    length = periods.review_length(on)
    review = LegalityReview.objects.create(document=doc, submitted_by=actor, started_on=on)
    review.deadline = clocks.start(review, periods.REVIEW_MAX, on, actor=actor, kind="合法性审核期限",
                                   region=periods.FUJIAN)
    review.save(update_fields=["deadline"])
    return (
        f"审核期限{_zh(review.deadline.due)}（{length.reference.cite()}：最长{length.value}个工作日，"
        f"自{_zh(on)}次日起算）"
    )


def _review(doc: NormativeDocument, actor: Any, on: dt.date, data: dict[str, Any], result: str) -> str:
    _required(data, "opinion")
    review = doc.current_review()
    if on < review.started_on:
        raise RulesError.of("on", "审核完成日期不能早于提交审核日期", "a review cannot end before it started")
    review.reviewer, review.opinion, review.result, review.finished_on = (
        actor,
        data["opinion"].strip(),
        result,
        on,
    )
    review.save(update_fields=["reviewer", "opinion", "result", "finished_on"])
    if review.deadline is not None and review.deadline.is_open:
        clocks.close(review.deadline, on=on, actor=actor)
    notes = [f"审核结论：{review.get_result_display()}"]
    if review.overdue(on):
        notes.append(f"超过审核期限{_zh(review.due_on)}")
    too_short, minimum = periods.review_too_short(review.started_on, on)
    if too_short:
        notes.append(f"审核时间少于{minimum.value}个工作日（{minimum.reference.cite()}）")
    return "；".join(notes)


def _publish(doc: NormativeDocument, actor: Any, on: dt.date, data: dict[str, Any]) -> str:
    _required(data, "number", "published_on", "effective_from", "valid_until")
    published, effective, until = data["published_on"], data["effective_from"], data["valid_until"]
    number = str(data["number"]).strip()
    problems = []
    if effective < published:
        problems.append(
            FieldProblem("effective_from", "施行日期不能早于公布日期", "takes effect before publication")
        )
    longest, years = periods.longest_validity(doc.title, effective)
    if until < effective:
        problems.append(
            FieldProblem("valid_until", "有效期至不能早于施行日期", "valid_until before effective_from")
        )
    elif until > longest:
        kind = "标注“暂行”“试行”的文件" if periods.is_provisional(doc.title) else "规范性文件"
        problems.append(
            FieldProblem(
                "valid_until",
                f"{kind}有效期不超过{years.value}年（{years.reference.cite()}），最迟至{longest.isoformat()}",
                f"validity longer than {years.value} years: at most {longest.isoformat()}",
            )
        )
    if NormativeDocument.objects.filter(number=number).exclude(pk=doc.pk).exists():
        problems.append(FieldProblem("number", f"文号“{number}”已被使用", f"number '{number}' is taken"))
    if problems:
        raise RulesError(problems)
    doc.number, doc.published_on, doc.effective_from, doc.valid_until = number, published, effective, until
    try:
        with transaction.atomic():
            doc.save(update_fields=["number", "published_on", "effective_from", "valid_until"])
    except IntegrityError:
        raise RulesError.of("number", f"文号“{number}”已被使用", f"number '{number}' is taken") from None
    length = periods.param(periods.FILING, published)
    doc.filing_deadline = clocks.start(doc, periods.FILING, published, actor=actor, kind="备案期限",
                                       region=periods.FUJIAN)
    return f"备案期限{_zh(doc.filing_deadline.due)}（{length.reference.cite()}：公布之日起{length.value}日内）"


def _file(doc: NormativeDocument, actor: Any, on: dt.date, data: dict[str, Any]) -> str:
    _required(data, "filed_with")
    filed_on = data.get("filed_on") or on
    if filed_on < doc.published_on:
        raise RulesError.of("filed_on", "报送备案日期不能早于公布日期", "filed before publication")
    due, _ = periods.filing_due(doc.published_on)
    if doc.filing_deadline is not None:
        due = doc.filing_deadline.due
        if doc.filing_deadline.is_open:  # the kernel closes the document's running clocks first
            clocks.close(doc.filing_deadline, on=filed_on, actor=actor)
    filing = Filing.objects.create(
        document=doc,
        filed_with=data["filed_with"].strip(),
        filed_on=filed_on,
        due_on=due,
        receipt=str(data.get("receipt", "")).strip(),
        filed_by=actor,
    )
    late = f"，逾期（期限{_zh(due)}）" if filing.late else f"，未逾期（期限{_zh(due)}）"
    return f"报{filing.filed_with}备案{late}"


def _cleanup(doc: NormativeDocument, actor: Any, on: dt.date, data: dict[str, Any], decision: str) -> str:
    _required(data, "reason")
    year = int(data.get("year") or on.year)
    CleanupDecision.objects.create(
        document=doc,
        year=year,
        decision=decision,
        reason=data["reason"].strip(),
        decided_on=on,
        decided_by=actor,
    )
    return f"{year}年度清理：{workflow.CLEANUP_LABELS[decision]}；理由：{data['reason'].strip()}"


HANDLERS = {
    "submit": _submit,
    "publish": _publish,
    "file": _file,
    **{
        a: (lambda doc, actor, on, data, r=r: _review(doc, actor, on, data, r))
        for a, r in REVIEW_RESULTS.items()
    },
    **{a: (lambda doc, actor, on, data, d=a: _cleanup(doc, actor, on, data, d)) for a in CLEANUP_ACTIONS},
}
