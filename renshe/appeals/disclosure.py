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

Each step goes through the workflow kernel (``services.apply``: role and office checked, the
hook in :mod:`renshe.appeals.hooks`, the clock closed, started, paused, resumed or extended, one
audit record), in one transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from renshe.platform.audit.service import record
from renshe.platform.workflow import clocks as wf_clocks
from renshe.platform.workflow import services as workflow
from renshe.rules.errors import RulesError

from .core import annual_report, clocks
from .models import DisclosureRequest

REPLY = "deadlines.disclosure"
COMPLETION = "appeals.disclosure.completion_notice"


def sync_days(req: DisclosureRequest) -> None:
    """The reply's last day on the record: None while paused or waiting for the completed application;
    once answered, the day it was due stays (the on-time figure compares the two)."""
    clock = req.clock
    if clock is not None and clock.is_open:
        req.reply_due = None if clock.paused else clock.due
    elif req.state == "completion_requested":
        req.reply_due = None
    req.save(update_fields=["reply_due"])


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
    req = DisclosureRequest.objects.create(number=f"tmp-{uuid.uuid4().hex[:20]}", organisation=organisation,
                                           received_on=on, **fields)
    req.number = f"GK{on.year}{req.pk:06d}"
    req.completion_due = clocks.due(COMPLETION, on).due
    req.clock = wf_clocks.start(req, REPLY, on, actor=actor)
    req.save(update_fields=["number", "completion_due", "clock"])
    sync_days(req)
    record(actor, req, "receive", after=req.workflow_snapshot(),
           note=f"答复期限 {req.reply_due.isoformat()}；告知补正期限 {req.completion_due.isoformat()}（第三十条、第三十三条）")
    return req


@transaction.atomic
def apply(req: DisclosureRequest, action: str, actor: Any, *, facts: dict[str, Any] | None = None,
          on: dt.date | None = None) -> DisclosureRequest:
    """One step through the workflow kernel (role, office, clocks, audit), then the reply's day copied."""
    facts = {k: v for k, v in (facts or {}).items() if v not in (None, "")}
    req = workflow.apply(req, action, actor, facts=facts, on=on)
    sync_days(req)
    return req
