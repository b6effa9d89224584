"""Every write to a request goes through here: registration, routing, hand-overs (首问负责制).

Each function changes the record and writes its audit record in one transaction. Workflow
steps (accept, reply, extend, rate, review…) are in :mod:`renshe.appeals.steps`.

The invariant kept here: a request always has exactly one responsible person (``owner``).
Whoever receives it owns it (``receive``); passing it on to another office only marks that
office as due to sign (``transfer``, 《信访工作条例》第二十三条 转送、交办) — the sender stays
responsible until someone there signs for it (``sign_for``), or the office sends it back
within 5 working days (``send_back``, 第二十三条第三款); within an office the head may pass it
to a colleague (``reassign``). Each of those is one :class:`~renshe.appeals.models.Handover`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from renshe.platform.accounts.models import Organisation, User
from renshe.platform.accounts.scoping import visible_organisations
from renshe.platform.audit.service import record, snapshot
from renshe.platform.workflow import clocks as wf_clocks
from renshe.rules.errors import RulesError

from .core import clocks, routing
from .core.workflow import start_clock
from .models import Appeal, Channel, Desk, Handover, RoutingRule

#: A request from the same phone, of the same category and place, within this many days of an
#: earlier one still counted, is the same matter (a repeat). Not a legal number: the 12345
#: practice of 重复诉求并单处理 (国办发〔2020〕53号) leaves the window to the platform.
REPEAT_WINDOW_DAYS = 30
HOTLINE_REGION = "fujian"

OFFICE_KINDS = (Organisation.Kind.DEPARTMENT, Organisation.Kind.DIVISION, Organisation.Kind.CITY,
                Organisation.Kind.COUNTY)


def rules_index() -> routing.RulesIndex:
    """The routing rules as staff left them, ready to route many requests."""
    rules = [routing.Rule(r.pk, r.category, r.place, r.target) for r in RoutingRule.objects.all()]
    offices = Organisation.objects.filter(kind__in=OFFICE_KINDS).values_list("code", flat=True)
    return routing.RulesIndex(rules, offices)


def desks() -> dict[int, Desk]:
    """Organisation id → its desk (首问责任人), for every office that has one."""
    return {d.organisation_id: d for d in Desk.objects.select_related("user", "organisation")}


def desk_for(org: Organisation, known: dict[int, Desk] | None = None) -> Desk:
    """The desk that receives for ``org``: its own, else the nearest office above that has one."""
    known = desks() if known is None else known
    node: Organisation | None = org
    while node is not None:
        if node.pk in known:
            return known[node.pk]
        node = node.parent
    raise RulesError.of(
        "organisation",
        f"“{org}”及其上级均未设首问责任人（受理岗），请管理员先设置",
        f"no desk (first-contact person) is set for {org.code} or any office above it",
    )


def placement(target: Organisation, reason: str, known: dict[int, Desk] | None = None):
    """(handling office, responsible person, office due to sign or None, note) for a routed request.

    The routed office's desk receives it; an office without one is covered by the nearest office
    above that has one, which is responsible until the routed office signs for it (首问负责制).
    """
    desk = desk_for(target, known)
    if desk.organisation_id == target.pk:
        return target, desk.user, None, reason
    return desk.organisation, desk.user, target, f"{reason}；由{desk.organisation}首问受理，待{target}签收"


def find_first(phone: str, category: str, place: str, on: dt.date) -> Appeal | None:
    """The first request of the same matter (same phone, category and place, within the window)."""
    return (
        Appeal.objects.filter(
            phone=phone, category=category, place=place, repeat_of__isnull=True,
            received_on__gte=on - dt.timedelta(days=REPEAT_WINDOW_DAYS), received_on__lte=on,
        )
        .order_by("received_on", "id")
        .first()
    )


def acceptance_due(channel: str, on: dt.date) -> clocks.Due:
    return clocks.due(start_clock(channel), on, region=HOTLINE_REGION)


def number_for(appeal: Appeal) -> str:
    """SQ + year + the row id, seven digits: short enough to read out on the phone."""
    return f"SQ{appeal.received_on.year}{appeal.pk:07d}"


@transaction.atomic
def register(fields: dict[str, Any], *, channel: str, on: dt.date | None = None, actor: Any = None,
             office: Organisation | None = None) -> Appeal:
    """Record a request received on ``on`` and route it; the receiver owns it from now.

    ``fields`` are already validated (forms, the importer). Staff who take a request themselves
    (a visit at their window) receive it: they own it and their office handles it unless they
    pass it on. A request from the public form or an import is routed by the rules and owned by
    the routed office's desk.
    """
    on = on or timezone.localdate()
    if channel not in Channel.values:
        raise RulesError.of("channel", f"渠道“{channel}”不存在", f"unknown channel '{channel}'")
    routed = rules_index().route(fields["category"], fields["place"])
    pending = None
    if getattr(actor, "is_authenticated", False) and actor.organisation_id:
        org, owner, how = actor.organisation, actor, f"首问受理（{actor.organisation}）；分办规则建议：{routed.reason}"
    else:
        org, owner, pending, how = placement(office or Organisation.objects.get(code=routed.office), routed.reason)
    due = acceptance_due(channel, on)  # the kernel's clock below counts the same; kept for the note
    first = find_first(fields["phone"], fields["category"], fields["place"], on)
    appeal = Appeal.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:20]}", channel=channel, organisation=org, owner=owner,
        received_on=on, acceptance_due=due.due, clock_basis=due.basis, routed_by=how[:200], repeat_of=first,
        pending_org=pending,
        **fields,
    )
    appeal.number = number_for(appeal)
    appeal.clock = wf_clocks.start(appeal, start_clock(channel), on, actor=actor, region=HOTLINE_REGION)
    appeal.acceptance_due, appeal.clock_basis = appeal.clock.due, appeal.clock.basis[:300]
    appeal.save(update_fields=["number", "clock", "acceptance_due", "clock_basis"])
    Handover.objects.create(appeal=appeal, kind=Handover.Kind.RECEIVE, to_user=owner, to_org=org, note=how[:300])
    note = f"{how}；受理期限 {due.due.isoformat()}（{due.basis}）" + (f"；重复件，首件 {first.number}" if first else "")
    record(actor, appeal, "register", after=snapshot(appeal), note=note)
    return appeal


def _may_handle(actor: Any, appeal: Appeal) -> bool:
    if getattr(actor, "is_superuser", False):
        return True
    visible = set(visible_organisations(actor).values_list("pk", flat=True))
    orgs = {appeal.organisation_id, *appeal.supervisors.values_list("pk", flat=True)}
    return bool(visible & orgs)


def _locked(appeal: Appeal) -> Appeal:
    return Appeal.objects.select_for_update().get(pk=appeal.pk)


@transaction.atomic
def transfer(appeal: Appeal, to_org: Organisation, actor: Any, note: str = "") -> Appeal:
    """转办: ask ``to_org`` to take the request over; the sender stays responsible until it signs."""
    appeal = _locked(appeal)
    if not _may_handle(actor, appeal):
        raise PermissionDenied("该诉求不由本单位承办 / not your organisation's request")
    if to_org.kind not in OFFICE_KINDS or to_org.pk == appeal.organisation_id:
        raise RulesError.of("to_org", "请选择另一个人社部门或厅内处室", "choose another HRSS office or division")
    before = snapshot(appeal)
    appeal.pending_org = to_org
    appeal.save(update_fields=["pending_org"])
    Handover.objects.create(appeal=appeal, kind=Handover.Kind.TRANSFER, from_user=actor if actor.pk else None,
                            to_user=appeal.owner, to_org=appeal.organisation,
                            note=f"转办至{to_org}，签收前仍由原责任人负责" + (f"；{note}" if note else ""))
    record(actor, appeal, "transfer", before=before, after=snapshot(appeal), note=f"转办至{to_org}")
    return appeal


@transaction.atomic
def sign_for(appeal: Appeal, actor: User) -> Appeal:
    """签收: someone of the office it was passed to takes it over; they are now responsible."""
    appeal = _locked(appeal)
    if appeal.pending_org_id is None or actor.organisation_id != appeal.pending_org_id:
        raise PermissionDenied("只有被转办单位的工作人员可以签收 / only the office it was passed to may sign for it")
    before, previous = snapshot(appeal), appeal.owner
    appeal.organisation, appeal.owner, appeal.pending_org = appeal.pending_org, actor, None
    appeal.save(update_fields=["organisation", "owner", "pending_org"])
    Handover.objects.create(appeal=appeal, kind=Handover.Kind.SIGN, from_user=previous, to_user=actor,
                            to_org=appeal.organisation, note="签收")
    record(actor, appeal, "sign_for", before=before, after=snapshot(appeal), note=f"{appeal.organisation}签收")
    return appeal


@transaction.atomic
def send_back(appeal: Appeal, actor: User, reason: str) -> Appeal:
    """退回: the office it was passed to says it is not theirs (《信访工作条例》第二十三条第三款)."""
    appeal = _locked(appeal)
    if appeal.pending_org_id is None or actor.organisation_id != appeal.pending_org_id:
        raise PermissionDenied("只有被转办单位的工作人员可以退回 / only the office it was passed to may send it back")
    if not reason.strip():
        raise RulesError.of("reason", "退回理由：请填写", "reason: required to send a request back")
    before, back_from = snapshot(appeal), appeal.pending_org
    appeal.pending_org = None
    appeal.save(update_fields=["pending_org"])
    Handover.objects.create(appeal=appeal, kind=Handover.Kind.RETURN, from_user=actor, to_user=appeal.owner,
                            to_org=appeal.organisation, note=f"{back_from}退回：{reason}"[:300])
    record(actor, appeal, "send_back", before=before, after=snapshot(appeal), note=reason)
    return appeal


@transaction.atomic
def reassign(appeal: Appeal, to_user: User, actor: User) -> Appeal:
    """改派: within the handling office, the request passes to a colleague."""
    appeal = _locked(appeal)
    if not _may_handle(actor, appeal):
        raise PermissionDenied("该诉求不由本单位承办 / not your organisation's request")
    if to_user.organisation_id != appeal.organisation_id or not to_user.is_active:
        raise RulesError.of("to_user", "只能改派给本承办单位在职的工作人员", "reassign only to an active colleague")
    before, previous = snapshot(appeal), appeal.owner
    appeal.owner = to_user
    appeal.save(update_fields=["owner"])
    Handover.objects.create(appeal=appeal, kind=Handover.Kind.REASSIGN, from_user=previous, to_user=to_user,
                            to_org=appeal.organisation, note="本单位内改派")
    record(actor, appeal, "reassign", before=before, after=snapshot(appeal))
    return appeal


@transaction.atomic
def mark_repeat(appeal: Appeal, first: Appeal | None, actor: Any) -> Appeal:
    """Link a request to the first of the same matter (or unlink it with ``first=None``)."""
    appeal = _locked(appeal)
    if not _may_handle(actor, appeal):
        raise PermissionDenied("该诉求不由本单位承办 / not your organisation's request")
    if first is not None:
        first = first.repeat_of or first  # always link to the very first
        if first.pk == appeal.pk or appeal.repeats.exists():
            raise RulesError.of("repeat_of", "不能把首件或其本身标为重复件", "a first request cannot be a repeat")
    before = snapshot(appeal)
    appeal.repeat_of = first
    appeal.save(update_fields=["repeat_of"])
    record(actor, appeal, "mark_repeat", before=before, after=snapshot(appeal))
    return appeal
