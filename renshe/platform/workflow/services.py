"""``apply``: the one way a workflow object changes state, in one transaction, audited.

::

    from renshe.platform.workflow.services import apply
    apply(alert, "verify", user, facts={"finding": "true"}, note="…")

Steps, all in one ``transaction.atomic()``: lock the row; check the actor's organisation
(the object's office or a supervisor must be among those the actor may see,
``accounts.scoping.visible_organisations``) and roles (the machine's table); check the
facts the step needs; snapshot; call the model's hook ``on_<action>(facts, actor, on)``
(it copies facts into fields and may return a sentence for the record); set the state;
close the running clocks (if the transition stops them) before the hook and start the
target state's clock after it; save; write the audit record with
before/after, the transition's basis and the note.

One rule for superusers: they hold every staff role and pass the organisation check, and
the record says they acted as such. One answer to a wrong role or organisation:
``PermissionDenied`` (pages show the Chinese 403 page, the API a bilingual 403). Anything
else the step lacks is a bilingual :class:`~.machine.WorkflowError` (422, exit 2).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from renshe.platform.accounts.access import user_roles
from renshe.platform.accounts.roles import ROLES
from renshe.platform.accounts.scoping import visible_organisations
from renshe.platform.audit.service import record, snapshot

from . import clocks
from .machine import ROLE_LABELS, SYSTEM, Transition, WorkflowError
from .models import organisation_ids, state_of

SUPERUSER_NOTE = "（超级管理员办理）"


def acting_roles(actor: Any) -> set[str]:
    """The role codes ``actor`` acts with: ``system`` for the platform itself (no user),
    every staff role for a superuser, else the roles of the user's groups (by Chinese name
    or by code)."""
    if actor is None:
        return {SYSTEM}
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return set()
    if actor.is_superuser:
        return set(ROLES)
    names = set(actor.groups.values_list("name", flat=True))
    return user_roles(actor) | (names & set(ROLES))


def may_act(actor: Any, obj: models.Model) -> bool:
    """The object's office or one of its supervisors is among those ``actor`` may see.

    The platform itself (``actor`` None) may act on anything; its steps are only those
    whose roles list ``system``.
    """
    if actor is None:
        return True
    if getattr(actor, "is_superuser", False) and actor.is_authenticated:
        return True
    ids = organisation_ids(obj)
    return bool(ids) and visible_organisations(actor).filter(pk__in=ids).exists()


def facts_of(obj: models.Model, actor: Any, facts: dict[str, Any]) -> set[str]:
    """The fact names that hold: the model's ``workflow_facts(actor, facts)`` if it has one,
    else the names given with a true value."""
    hook = getattr(obj, "workflow_facts", None)
    return set(hook(actor, facts)) if hook else {k for k, v in facts.items() if v}


def available(obj: models.Model, actor: Any, facts: dict[str, Any] | None = None) -> list[Transition]:
    """The steps ``actor`` may offer on ``obj`` now (organisation and roles; facts when given)."""
    if not may_act(actor, obj):
        return []
    held = facts_of(obj, actor, facts) if facts is not None else None
    return obj.machine.available(state_of(obj), acting_roles(actor), held)


def check_permission(obj: models.Model, action: str, actor: Any) -> Transition:
    """The transition, if ``actor``'s organisation and roles allow it from the object's state.

    Raises PermissionDenied (bilingual) for a wrong organisation or role, WorkflowError for
    an unknown action or a wrong state.
    """
    t = obj.machine.transition(action)
    if not may_act(actor, obj):
        raise PermissionDenied(f"该事项不由本单位承办，不能“{t.label}” / not your organisation's case")
    if not acting_roles(actor) & set(t.roles):  # before the state: a role that may never take it is refused as such
        need = "或".join(ROLE_LABELS[r] for r in t.roles)
        raise PermissionDenied(f"“{t.label}”须由{need}办理 / '{action}' needs role {' or '.join(t.roles)}")
    try:
        obj.machine.check(state_of(obj), action, acting_roles(actor), set(t.needs))
    except WorkflowError as exc:
        if exc.problems[0].field == "role":
            raise PermissionDenied(f"{exc.problems[0].zh} / {exc.problems[0].en}") from None
        raise
    return t


def apply(
    obj: models.Model,
    action: str,
    actor: Any,
    *,
    facts: dict[str, Any] | None = None,
    note: str = "",
    on: dt.date | None = None,
) -> models.Model:
    """Take step ``action`` on ``obj`` as ``actor`` (None: the platform) on day ``on``; returns the saved object.

    ``facts`` carries what the step needs and its hook copies into fields (a finding, an
    opinion, a document number). Raises PermissionDenied or WorkflowError and changes nothing.
    """
    on = on or timezone.localdate()
    facts = dict(facts or {})
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        check_permission(obj, action, actor)
        t = obj.machine.check(state_of(obj), action, acting_roles(actor), facts_of(obj, actor, facts))
        take = getattr(obj, "workflow_snapshot", None) or (lambda: snapshot(obj))
        before = take()
        if t.stops_clock:  # before the hook, which may start a clock of its own
            for c in clocks.open_clocks(obj):
                clocks.close(c, on=on, actor=actor)
        hook = getattr(obj, f"on_{action}", None)
        said = hook(facts, actor, on) if hook else ""
        setattr(obj, obj.state_field, t.target)
        clock_note = _clocks(obj, t, actor, on)
        obj.save()
        parts = [f"{t.label}（依据：{t.basis}）", said or "", clock_note, note.strip()]
        if getattr(actor, "is_superuser", False):
            parts.append(SUPERUSER_NOTE)
        record(actor, obj, action, before=before, after=take(), note="；".join(p for p in parts if p))
    return obj


def _clocks(obj: models.Model, t: Transition, actor: Any, on: dt.date) -> str:
    """Start the target state's clock (the running ones were closed before the hook).

    The model may choose the parameter by its own facts with ``clock_for(transition, on)``
    returning ``(param, key)`` or None (an alert's period depends on its level and outcome).
    """
    chooser = getattr(obj, "clock_for", None)
    spec = chooser(t, on) if chooser else ((t.clock, "") if t.clock else None)
    clock = None
    if spec is not None:
        param, key = spec
        clock = clocks.start(obj, param, on, actor=actor, key=key, region=getattr(obj, "clock_region", "national"))
    if obj.clock_field and (t.stops_clock or clock is not None):
        setattr(obj, obj.clock_field, clock)
    return clocks.describe(clock) if clock else ""
