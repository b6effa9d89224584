"""行政规范性文件登记簿: the statutory steps as a state machine, each change audited in its transaction.

Steps (国办发〔2018〕37号、115号; 福建省行政规范性文件备案审查办法): the drafting division
submits a draft for legality review (合法性审核) by the legal office — never by its own
drafter — which passes it or returns it for amendment; the leadership deliberates it
collectively (集体审议); it is published with a number, an effective date and a validity
period; it is filed (备案) within the filing period; the register warns before the period
runs out, and the periodic clean-up (动态清理) keeps, amends or repeals it. The periods are
in register.yaml with their sources (several still unverified; see there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import chinese_calendar
import yaml
from django.db import transaction
from django.db.models import Count, F, Q

from renshe.knowledge.models import CleanupDecision, NormativeDocument, ReviewOpinion
from renshe.platform.audit.service import record, snapshot
from renshe.rules.errors import RulesError

SETTINGS_FILE = Path(__file__).with_name("register.yaml")
S = NormativeDocument.State


@dataclass(frozen=True)
class Step:
    """An action: the states it starts from, the state it leads to, the permission it needs."""

    name: str
    zh: str
    sources: frozenset[str]
    target: str | None
    permission: str | None


STEPS = {
    s.name: s
    for s in [
        Step("submit", "送合法性审核", frozenset({S.DRAFTING, S.RETURNED}), S.REVIEWING, None),
        Step("review", "合法性审核", frozenset({S.REVIEWING}), None, "knowledge.review_legality"),
        Step(
            "approve",
            "集体审议通过",
            frozenset({S.REVIEWED}),
            S.APPROVED,
            "knowledge.change_normativedocument",
        ),
        Step(
            "publish", "公布施行", frozenset({S.APPROVED}), S.PUBLISHED, "knowledge.change_normativedocument"
        ),
        Step("file", "报送备案", frozenset({S.PUBLISHED}), S.FILED, "knowledge.file_record"),
        Step("cleanup", "清理决定", frozenset({S.PUBLISHED, S.FILED}), None, "knowledge.clean_up"),
    ]
}


@lru_cache(maxsize=1)
def periods() -> dict:
    """The periods of register.yaml (validity, review, filing, warning) with their sources."""
    return yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start`` (official holidays and 调休 from chinese_calendar)."""
    day, left = start, n
    while left:
        day += dt.timedelta(days=1)
        try:
            workday = chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise RulesError.of(
                "date",
                f"工作日历尚无 {day.year} 年的放假安排",
                f"the working-day calendar does not know {day.year}",
            ) from None
        left -= workday
    return day


def add_years(day: dt.date, years: int) -> dt.date:
    """Same day ``years`` later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def allowed(doc: NormativeDocument, user) -> list[Step]:
    """The steps this user may take on this document now (for the page's buttons)."""
    return [s for s in STEPS.values() if doc.state in s.sources and _may(user, doc, s)]


def _may(user, doc: NormativeDocument, step: Step) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if step.permission is None:  # submitting: the drafter or anyone who may edit documents
        return doc.drafter_id == user.pk or user.has_perm("knowledge.change_normativedocument")
    return user.has_perm(step.permission)


def _date(data: dict, name: str, zh: str, required: bool = True) -> dt.date | None:
    raw = data.get(name)
    if raw in (None, ""):
        if required:
            raise RulesError.of(name, f"请填写{zh}", f"{name} is required")
        return None
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise RulesError.of(name, f"{zh}应为 年-月-日", f"{name} must be YYYY-MM-DD") from None


def _text(data: dict, name: str, zh: str) -> str:
    value = str(data.get(name) or "").strip()
    if not value:
        raise RulesError.of(name, f"请填写{zh}", f"{name} is required")
    return value


def act(doc: NormativeDocument, user, action: str, data: dict | None = None) -> NormativeDocument:
    """Take one step on ``doc`` for ``user``; the change and its audit record commit together."""
    data = data or {}
    step = STEPS.get(action)
    if step is None:
        raise RulesError.of("action", f"没有这个操作：{action}", f"unknown action: {action}")
    with transaction.atomic():
        doc = NormativeDocument.objects.select_for_update().get(pk=doc.pk)
        if doc.state not in step.sources:
            raise RulesError.of(
                "action",
                f"“{doc.get_state_display()}”状态下不能{step.zh}",
                f"cannot {action} a document in state {doc.state}",
            )
        if not _may(user, doc, step):
            raise RulesError.of("action", f"您没有{step.zh}的权限", f"not permitted to {action}")
        before = snapshot(doc)
        note = _APPLY[action](doc, user, data)
        if step.target:
            doc.state = step.target
        doc.save()
        record(user, doc, action, before=before, after=snapshot(doc), note=note)
    return doc


def _submit(doc, user, data) -> str:
    today = _date(data, "on", "送审日期", required=False) or dt.date.today()
    doc.submitted_on = today
    doc.review_due = add_working_days(today, periods()["legality_review_working_days"]["max"])
    return f"送审，审核期限 {doc.review_due.isoformat()}"


def _review(doc, user, data) -> str:
    if doc.drafter_id == user.pk:
        raise RulesError.of(
            "reviewer", "起草人不能审核自己起草的文件", "the drafter cannot review their own draft"
        )
    result = data.get("result")
    if result not in {"pass", "amend"}:
        raise RulesError.of("result", "请选择审核结论：通过或退回修改", "result must be pass or amend")
    opinion = _text(data, "opinion", "审核意见")
    ReviewOpinion.objects.create(
        document=doc, step="legality", result=result, reviewer=user, opinion=opinion, on=dt.date.today()
    )
    doc.state = S.REVIEWED if result == "pass" else S.RETURNED
    return opinion


def _approve(doc, user, data) -> str:
    opinion = _text(data, "opinion", "集体审议会议及结论")
    ReviewOpinion.objects.create(
        document=doc, step="collective", result="pass", reviewer=user, opinion=opinion, on=dt.date.today()
    )
    return opinion


def _publish(doc, user, data) -> str:
    doc.number = _text(data, "number", "文号")
    doc.published_on = _date(data, "published_on", "公布日期")
    doc.effective_from = _date(data, "effective_from", "施行日期")
    if doc.effective_from < doc.published_on:
        raise RulesError.of("effective_from", "施行日期不能早于公布日期", "effective date before publication")
    years = periods()["validity_years"]["trial_value" if doc.trial else "value"]
    latest = add_years(doc.effective_from, years) - dt.timedelta(days=1)
    doc.valid_until = _date(data, "valid_until", "有效期", required=False) or latest
    if not doc.effective_from <= doc.valid_until <= latest:
        raise RulesError.of(
            "valid_until",
            f"有效期应在施行日期之后、不超过{years}年",
            f"validity must be within {years} years",
        )
    doc.filing_due = doc.published_on + dt.timedelta(days=periods()["filing_days"]["value"])
    return f"{doc.number}，{doc.effective_from.isoformat()} 施行，有效期至 {doc.valid_until.isoformat()}"


def _file(doc, user, data) -> str:
    doc.filing_authority = _text(data, "filing_authority", "备案机关")
    doc.filed_on = _date(data, "filed_on", "备案日期")
    ReviewOpinion.objects.create(
        document=doc,
        step="filing",
        result="pass",
        reviewer=user,
        opinion=doc.filing_authority,
        on=doc.filed_on,
    )
    late = doc.filed_on > doc.filing_due if doc.filing_due else False
    return f"报送{doc.filing_authority}备案" + ("（逾期）" if late else "")


def _cleanup(doc, user, data) -> str:
    decision = data.get("decision")
    if decision not in {"retain", "amend", "repeal"}:
        raise RulesError.of(
            "decision", "请选择清理结论：保留、修改或废止", "decision must be retain, amend or repeal"
        )
    reason = _text(data, "reason", "清理理由")
    today = dt.date.today()
    CleanupDecision.objects.create(
        document=doc,
        year=int(data.get("year") or today.year),
        decision=decision,
        reason=reason,
        decided_by=user,
        decided_on=today,
    )
    doc.needs_amendment = decision == "amend"
    if decision == "repeal":
        doc.state = S.REPEALED
    return f"{dict(CleanupDecision.DECISIONS)[decision]}：{reason}"


_APPLY = {
    "submit": _submit,
    "review": _review,
    "approve": _approve,
    "publish": _publish,
    "file": _file,
    "cleanup": _cleanup,
}

IN_FORCE = [S.PUBLISHED, S.FILED]


def expiring(on: dt.date | None = None, within_days: int | None = None):
    """Documents in force whose validity ends within the warning period (soonest first)."""
    on = on or dt.date.today()
    within = within_days if within_days is not None else periods()["expiry_warning_days"]["value"]
    return NormativeDocument.objects.filter(
        state__in=IN_FORCE, valid_until__gte=on, valid_until__lte=on + dt.timedelta(days=within)
    ).order_by("valid_until")


def overdue_filing(on: dt.date | None = None):
    """Published but not filed after the filing period."""
    return NormativeDocument.objects.filter(state=S.PUBLISHED, filing_due__lt=on or dt.date.today())


def expire(on: dt.date | None = None) -> int:
    """Mark documents whose validity has ended as expired, each with its audit record."""
    on = on or dt.date.today()
    n = 0
    for doc in NormativeDocument.objects.filter(state__in=IN_FORCE, valid_until__lt=on):
        with transaction.atomic():
            before = snapshot(doc)
            doc.state = S.EXPIRED
            doc.save()
            record(
                None, doc, "expire", before=before, after=snapshot(doc), note=f"有效期至 {doc.valid_until}"
            )
        n += 1
    return n


def yearly_statistics(year: int) -> dict:
    """The year's figures as the work report gives them: reviewed, returned, filed, cleaned up."""
    ops = ReviewOpinion.objects.filter(on__year=year).aggregate(
        reviewed=Count("id", filter=Q(step="legality")),
        returned=Count("id", filter=Q(step="legality", result="amend")),
    )
    docs = NormativeDocument.objects.aggregate(
        published=Count("id", filter=Q(published_on__year=year)),
        filed=Count("id", filter=Q(filed_on__year=year)),
        filed_late=Count("id", filter=Q(filed_on__year=year, filed_on__gt=F("filing_due"))),
    )
    clean = CleanupDecision.objects.filter(year=year).values("decision").annotate(n=Count("id"))
    cleanup = {k: 0 for k, _ in CleanupDecision.DECISIONS} | {c["decision"]: c["n"] for c in clean}
    return {"year": year, **ops, **docs, "cleanup": cleanup, "cleaned_up": sum(cleanup.values())}
