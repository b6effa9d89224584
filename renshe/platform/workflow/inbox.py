"""待办: what is a member of staff's to do across modules, on one list.

:func:`items_for` collects, for every model that runs on the kernel (a model with a
``machine``), the open cases in a state where the user's roles have a step to take and that
are theirs: their office must act, their office supervises it after escalation, or it is
assigned to them (a department-wide register, ``inbox_scope = "visible"``, is everyone's who
may act on it) — each with its running clock: overdue, due soon, or waiting. Then the
notifications addressed to the user or their office (:func:`renshe.platform.workflow.notify`).

Shown at ``/todo/``, in ``GET /api/v1/todo``, in the daily digest e-mail, and embeddable in
any page with ``{% include "workflow/_inbox.html" with items=items %}``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from renshe.platform.accounts.scoping import visible_organisations
from renshe.platform.lawcalendar.models import TrackedDeadline

from . import notifications
from .machine import Machine
from .services import acting_roles

KINDS: dict[str, str] = {
    "overdue": "已超期",
    "due_soon": "即将到期",
    "escalated": "升级督办",
    "assigned": "分派给我",
    "step": "待办理",
    "notice": "通知",
}
#: the most items a list shows (the page says when there are more)
LIMIT = 200


@dataclass
class Item:
    kind: str
    title: str
    url: str
    module: str
    state: str = ""
    due: dt.date | None = None
    days_left: int | None = None
    paused: bool = False
    escalated: bool = False
    steps: list[str] = field(default_factory=list)
    body: str = ""
    notification_id: int | None = None

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kind_label": self.kind_label,
            "title": self.title,
            "url": self.url,
            "module": self.module,
            "state": self.state,
            "due": self.due,
            "days_left": self.days_left,
            "paused": self.paused,
            "escalated": self.escalated,
            "steps": self.steps,
            "body": self.body,
            "notification_id": self.notification_id,
        }


def workflow_models() -> list[type[models.Model]]:
    """Every installed model that runs on the kernel."""
    return [m for m in apps.get_models() if isinstance(getattr(m, "machine", None), Machine)]


def _theirs(model: type[models.Model], user: Any) -> Q:
    org_field = model.organisation_field
    if getattr(model, "inbox_scope", "own") == "visible" or user.is_superuser:
        if org_field is None:
            return Q(pk__in=[])
        q = Q(**{f"{org_field}__in": visible_organisations(user)})
    else:
        q = Q(**{org_field: user.organisation_id}) if org_field and user.organisation_id else Q(pk__in=[])
        if hasattr(model, "assignee"):
            q |= Q(assignee=user)
    if hasattr(model, "supervisors") and user.organisation_id:
        q |= Q(supervisors=user.organisation_id)
    return q


def _cases(model: type[models.Model], user: Any, today: dt.date, soon: int) -> list[Item]:
    machine: Machine = model.machine
    roles = acting_roles(user)
    steps_by_state: dict[str, list[str]] = defaultdict(list)
    for t in machine.transitions:
        if roles & set(t.roles):
            for s in t.sources:
                steps_by_state[s].append(t.label)
    waiting = getattr(model, "inbox_states", None)
    states = [s for s in steps_by_state if s not in machine.final and (waiting is None or s in waiting)]
    if not states:
        return []
    qs = model.objects.filter(_theirs(model, user), **{f"{model.state_field}__in": states}).distinct()[:LIMIT]
    objs = list(qs)
    if not objs:
        return []
    ct = ContentType.objects.get_for_model(model)
    clocks: dict[str, TrackedDeadline] = {}
    for c in TrackedDeadline.objects.filter(
        content_type=ct, object_id__in=[str(o.pk) for o in objs], is_open=True
    ).order_by("due"):
        clocks.setdefault(c.object_id, c)
    supervised = set()
    if hasattr(model, "supervisors") and user.organisation_id:
        supervised = set(
            model.objects.filter(pk__in=[o.pk for o in objs], supervisors=user.organisation_id).values_list(
                "pk", flat=True
            )
        )
    out = []
    for o in objs:
        clock = o.current_clock() if hasattr(o, "current_clock") else clocks.get(str(o.pk))
        due = clock.due if clock else None
        paused = bool(clock and clock.paused)
        left = (due - today).days if due else None
        escalated = o.pk in supervised
        if due and not paused and left < 0:
            kind = "overdue"
        elif due and not paused and left <= soon:
            kind = "due_soon"
        elif escalated:
            kind = "escalated"
        elif getattr(o, "assignee_id", None) == user.pk:
            kind = "assigned"
        else:
            kind = "step"
        state = getattr(o, model.state_field)
        out.append(
            Item(
                kind=kind,
                title=str(o),
                url=o.get_absolute_url() if hasattr(o, "get_absolute_url") else "",
                module=str(model._meta.verbose_name),
                state=machine.label(state),
                due=due,
                days_left=left,
                paused=paused,
                escalated=escalated,
                steps=steps_by_state[state],
            )
        )
    return out


ORDER = list(KINDS)


def items_for(user: Any, today: dt.date) -> list[Item]:
    """The user's 待办 on ``today``: overdue first, then due soon, then the rest by due date, then notices."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    soon = int(getattr(settings, "RENSHE_TODO_SOON_DAYS", 3))
    items: list[Item] = []
    for model in workflow_models():
        items += _cases(model, user, today, soon)
    items.sort(key=lambda i: (ORDER.index(i.kind), i.due or dt.date.max, i.title))
    for n in notifications.open_for(user)[:LIMIT]:
        items.append(
            Item(
                kind="notice",
                title=n.title,
                url=n.url,
                module=n.module,
                due=n.due,
                days_left=(n.due - today).days if n.due else None,
                body=n.body,
                notification_id=n.pk,
            )
        )
    return items
