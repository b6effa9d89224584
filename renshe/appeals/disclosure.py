"""Applications for government information (《中华人民共和国政府信息公开条例》第四章), step by step.

- receive (第二十九条: who, what, in what form; 第三十一条: the day of receipt): the reply clock
  (第三十三条第二款, 20 working days) starts, and so does the 7-working-day limit for asking the
  applicant to complete an unclear application (第三十条);
- request completion, once (第三十条): the reply clock waits; when the completed application
  arrives it starts afresh from that day; no answer in the given time, the application lapses;
- consult a third party (第三十二条) — the time it takes is not counted (第三十三条第三款): a pause;
- extend once, with the head of the disclosure office's approval, by up to 20 working days
  counted from the original due date (第三十三条第二款);
- reply, with one of the reply types of 第三十六条至第三十九条 (also the annual report's rows).

Each step is one transaction with its audit record, like every workflow step on the platform.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from renshe.platform.accounts.access import user_roles
from renshe.platform.accounts.scoping import visible_organisations
from renshe.platform.audit.service import record, snapshot
from renshe.rules.errors import RulesError

from .core import annual_report, clocks
from .core.workflow import DISCLOSURE, EXTENSIONS
from .models import DisclosureRequest

REPLY = "deadlines.disclosure"
COMPLETION = "appeals.disclosure.completion_notice"


def _pauses(req: DisclosureRequest) -> list[clocks.Pause]:
    return [clocks.Pause(dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"]), p.get("reason", ""))
            for p in req.pauses]


def recompute(req: DisclosureRequest) -> clocks.Due:
    """The reply's due date from its start, its pauses and its extension."""
    due = clocks.due(REPLY, req.clock_start, pauses=_pauses(req),
                     extension=EXTENSIONS[REPLY] if req.extended else None)
    req.reply_due = due.due
    return due


@transaction.atomic
def receive(fields: dict[str, Any], organisation, *, on: dt.date | None = None, actor: Any = None) -> DisclosureRequest:
    on = on or timezone.localdate()
    missing = [label for f, label in (("applicant", "申请人姓名或名称"), ("id_document", "身份证明"),
                                      ("contact", "联系方式"), ("description", "所需政府信息的名称、文号或特征性描述"),
                                      ("form", "获取信息的方式、途径")) if not str(fields.get(f, "")).strip()]
    if missing:
        raise RulesError.of("description", "、".join(missing) + "：请填写（《政府信息公开条例》第二十九条第二款）",
                            "art. 29 requires: " + ", ".join(missing))
    if fields.get("applicant_kind") not in annual_report.APPLICANTS:
        raise RulesError.of("applicant_kind", "申请人类型：请选择", "applicant_kind: required")
    req = DisclosureRequest(number=f"tmp-{uuid.uuid4().hex[:20]}", organisation=organisation, received_on=on,
                            clock_start=on, **fields)
    req.completion_due = clocks.due(COMPLETION, on).due
    recompute(req)
    req.save()
    req.number = f"GK{on.year}{req.pk:06d}"
    req.save(update_fields=["number"])
    record(actor, req, "receive", after=snapshot(req),
           note=f"答复期限 {req.reply_due.isoformat()}；告知补正期限 {req.completion_due.isoformat()}（第三十条、第三十三条）")
    return req


def _roles(actor: Any) -> set[str]:
    return {"division_staff", "legal_office", "leader"} if actor.is_superuser else user_roles(actor)


@transaction.atomic
def apply(req: DisclosureRequest, action: str, actor: Any, *, facts: dict[str, Any] | None = None,
          on: dt.date | None = None) -> DisclosureRequest:
    on, facts = on or timezone.localdate(), dict(facts or {})
    req = DisclosureRequest.objects.select_for_update().get(pk=req.pk)
    if not actor.is_superuser and not visible_organisations(actor).filter(pk=req.organisation_id).exists():
        raise PermissionDenied("该申请不由本机关办理 / not your office's application")
    t = DISCLOSURE.check(req.state, action, _roles(actor), facts)
    before, note = snapshot(req), [f"{t.label}（{t.basis}）"]
    if action == "request_completion":
        if req.completion_requested_on:
            raise RulesError.of("reason", "补正只能一次性告知（第三十条）", "completion may be requested once only")
        req.completion_requested_on, req.completion_items, req.reply_due = on, facts["reason"], None
        late = on > req.completion_due
        note.append(f"需补正：{facts['reason']}" + ("；已超过7个工作日的告知期限" if late else ""))
    elif action == "complete":
        req.completed_on, req.clock_start, req.pauses, req.extended = on, on, [], False
        note.append(f"答复期限自收到补正之日重新计算，至 {recompute(req).due.isoformat()}")
    elif action == "consult":
        req.paused_since, req.reply_due = on, None  # not counted, so not running late meanwhile
        note.append(f"征求意见：{facts['reason']}；所需时间不计入答复期限")
    elif action == "consulted":
        req.pauses = [*req.pauses, {"start": req.paused_since.isoformat(), "end": on.isoformat(), "reason": "征求第三方意见"}]
        req.paused_since = None
        note.append(f"答复期限顺延至 {recompute(req).due.isoformat()}")
    elif action == "extend":
        if req.extended:
            raise RulesError.of("reason", "答复期限只能延长一次（第三十三条第二款）", "the period may be extended once only")
        req.extended = True
        note.append(f"经{facts['approved_by']}同意延长至 {recompute(req).due.isoformat()}：{facts['reason']}")
    elif action == "reply":
        if facts["outcome"] not in annual_report.OUTCOMES:
            raise RulesError.of("outcome", "答复类型：请选择", "outcome: choose a reply type")
        req.outcome, req.reply, req.replied_on = facts["outcome"], facts["reply"], on
    elif action == "abandon":
        req.outcome, req.replied_on = "other_no_completion", on
        req.reply = "申请人无正当理由逾期不补正，视为放弃申请，本机关不再处理该政府信息公开申请。"
    req.state = t.target
    req.save()
    record(actor, req, action, before=before, after=snapshot(req), note="；".join(note))
    return req
