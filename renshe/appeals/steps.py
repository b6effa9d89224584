"""Workflow steps on a request: accept, decline, extend, reply, rate, close, review; escalation;
the satisfaction link and SMS; turning a wage complaint into an arrears alert.

Each step checks the role (the table in :mod:`renshe.appeals.core.workflow`) *and* the
organisation (the handling office or one supervising it after escalation), then in one
transaction locks the row, changes it, restarts its clock from the cited parameter and writes
the audit record with the article the step rests on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from renshe.platform.accounts.access import user_roles
from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.service import record, snapshot
from renshe.rules.errors import RulesError

from .core import clocks
from .core.workflow import EXTENSIONS, PUBLIC, machine_for
from .models import Appeal, Satisfaction
from .services import HOTLINE_REGION, _may_handle

RATING_SALT = "appeals.rating"


def _roles(actor: Any) -> set[str]:
    if actor is None:
        return set(PUBLIC)
    if getattr(actor, "is_superuser", False):
        return {"division_staff", "labour_inspector", "leader"}
    return user_roles(actor)


def _closing_clock(appeal: Appeal, start: dt.date) -> clocks.Due:
    machine = machine_for(appeal.channel)
    closing = next(t.clock for t in machine.transitions if t.action == "accept")
    return clocks.due(closing, start, region=HOTLINE_REGION)


@transaction.atomic
def apply(appeal: Appeal, action: str, actor: Any, *, facts: dict[str, Any] | None = None,
          on: dt.date | None = None) -> Appeal:
    """Take one step; a wrong role, office or state raises and changes nothing."""
    on, facts = on or timezone.localdate(), dict(facts or {})
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if actor is not None and not _may_handle(actor, appeal):
        raise PermissionDenied("该诉求不由本单位承办 / not your organisation's request")
    machine = machine_for(appeal.channel)
    t = machine.check(appeal.state, action, _roles(actor), facts)
    before = snapshot(appeal)
    notes = [f"{t.label}（{t.basis}）"]
    if action in ("accept", "decline"):
        appeal.accepted_on = on
    if t.clock and action in ("accept", "rate_dissatisfied"):
        due = _closing_clock(appeal, on)
        appeal.closing_started, appeal.closing_due, appeal.extended = on, due.due, False
        appeal.clock_basis = due.basis
        notes.append(f"办结期限 {due.due.isoformat()}（{due.basis}）")
    if action == "rate_dissatisfied":
        appeal.satisfaction, appeal.replied_on, appeal.closed_on = Satisfaction.DISSATISFIED, None, None
    if action == "extend":
        if appeal.extended:
            raise RulesError.of("extend", "办理期限只能依法延长一次", "the period may be extended once only")
        closing = _closing_clock(appeal, appeal.closing_started)
        due = clocks.due(closing.param, appeal.closing_started, extension=EXTENSIONS[closing.param],
                         region=HOTLINE_REGION)
        appeal.closing_due, appeal.extended, appeal.clock_basis = due.due, True, due.basis
        notes.append(f"延长至 {due.due.isoformat()}，负责人 {facts['approved_by']} 批准：{facts['reason']}")
    if action in ("reply", "answer_review", "answer_rereview"):
        appeal.reply, appeal.replied_on = facts["reply"], on
    if action == "decline":
        appeal.reply, appeal.replied_on = facts["reason"], on
    if action == "rate_satisfied":
        appeal.satisfaction = facts.get("satisfaction") or Satisfaction.SATISFIED
    if t.target == "closed":
        appeal.closed_on = on
    if action in ("request_review", "request_rereview"):
        due = clocks.due(t.clock, on, region=HOTLINE_REGION)
        appeal.review_due = due.due
        upper = appeal.organisation.parent
        if upper is not None:
            appeal.supervisors.add(upper)
        notes.append(f"由上一级机关{upper or ''}在 {due.due.isoformat()} 前提出意见（{due.basis}）：{facts['reason']}")
    appeal.state = t.target
    appeal.save()
    record(actor, appeal, action, before=before, after=snapshot(appeal), note="；".join(notes))
    return appeal


def overdue(today: dt.date):
    """Open requests whose running clock ended before ``today``."""
    from django.db.models import Q

    return Appeal.objects.filter(
        Q(state="registered", acceptance_due__lt=today)
        | Q(state="accepted", closing_due__lt=today)
        | Q(state__in=("reviewing", "rereviewing"), review_due__lt=today)
    )


def escalate_overdue(today: dt.date | None = None) -> list[Appeal]:
    """A clock that ran out sends the request one level up the province–city–county line.

    The office above becomes a supervisor (督办: it sees the request and may act on it); the
    handling office and the responsible person stay — escalation adds, it never takes away.
    One level per day the request stays overdue: county → city → department.
    """
    today = today or timezone.localdate()
    moved = []
    for pk in overdue(today).values_list("pk", flat=True):
        with transaction.atomic():
            appeal = Appeal.objects.select_for_update().select_related("organisation").get(pk=pk)
            have = set(appeal.supervisors.values_list("pk", flat=True))
            upper: Organisation | None = appeal.organisation.parent
            while upper is not None and upper.pk in have:
                upper = upper.parent
            if upper is None:
                continue
            before = snapshot(appeal)
            appeal.supervisors.add(upper)
            appeal.escalation_level += 1
            appeal.save(update_fields=["escalation_level"])
            record(None, appeal, "escalate", before=before, after=snapshot(appeal),
                   note=f"期限 {appeal.current_due} 已届满未办结，提请{upper}督办")
            moved.append(appeal)
    return moved


def rating_token(appeal: Appeal) -> str:
    return signing.dumps({"a": appeal.pk}, salt=RATING_SALT)


def rating_url(appeal: Appeal) -> str:
    return reverse("appeals:rate", args=[rating_token(appeal)])


def sms_text(appeal: Appeal, site: str) -> str:
    """The SMS staff send once a request is answered: where to read the answer and rate it."""
    return (f"【福建人社】您反映的诉求（编号{appeal.number}）已答复，请点击 {site}{rating_url(appeal)} "
            f"查看答复并评价（满意、基本满意或不满意）。不满意的将重新办理。")


def appeal_for_token(token: str) -> Appeal:
    try:
        data = signing.loads(token, salt=RATING_SALT, max_age=60 * 60 * 24 * 90)
    except signing.BadSignature:
        raise RulesError.of("token", "评价链接无效或已过期", "the rating link is invalid or expired") from None
    return Appeal.objects.get(pk=data["a"])


def rate(token: str, value: str, on: dt.date | None = None) -> Appeal:
    """The requester's rating: satisfied or basic closes the request; dissatisfied reopens it."""
    appeal = appeal_for_token(token)
    if value not in (Satisfaction.SATISFIED, Satisfaction.BASIC, Satisfaction.DISSATISFIED):
        raise RulesError.of("satisfaction", "请选择满意、基本满意或不满意", "choose satisfied, basic or dissatisfied")
    action = "rate_dissatisfied" if value == Satisfaction.DISSATISFIED else "rate_satisfied"
    return apply(appeal, action, None, facts={"satisfaction": value}, on=on)
