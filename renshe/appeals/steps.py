"""Workflow steps on a request: accept, decline, extend, reply, rate, close, review; escalation;
the satisfaction link and SMS; turning a wage complaint into an arrears alert.

Each step goes through the workflow kernel (``renshe.platform.workflow.services.apply``): the
role (the tables in :mod:`renshe.appeals.core.workflow`) *and* the organisation (the handling
office or one supervising it after escalation) are checked, then in one transaction the row is
locked, changed by its hook (:mod:`renshe.appeals.hooks`), its clock restarted from the cited
parameter and the audit record written with the article the step rests on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.service import record, snapshot
from renshe.platform.workflow import notify
from renshe.platform.workflow import services as workflow
from renshe.rules.errors import RulesError

from .models import Appeal, Satisfaction
from .signals import STATE_FIELD

RATING_SALT = "appeals.rating"


def sync_days(appeal: Appeal) -> None:
    """Copy the running clock's last day onto the record, where the KPI page counts it."""
    clock = appeal.clock
    if clock is None or not clock.is_open:
        return
    field = STATE_FIELD.get(appeal.state)
    if field:
        setattr(appeal, field, clock.due)
        appeal.clock_basis = clock.basis[:300]
        appeal.save(update_fields=[field, "clock_basis"])


@transaction.atomic
def apply(appeal: Appeal, action: str, actor: Any, *, facts: dict[str, Any] | None = None,
          on: dt.date | None = None, note: str = "") -> Appeal:
    """One step through the kernel (role and organisation checked, clocks run, audited), then the
    clock's day copied onto the record; a wrong role, office or state raises and changes nothing."""
    facts = {k: v for k, v in (facts or {}).items() if v not in (None, "")}
    appeal = workflow.apply(appeal, action, actor, facts=facts, on=on, note=note)
    sync_days(appeal)
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
            notify(upper, f"诉求 {appeal.number} 超期未办结，请督办", appeal.get_absolute_url(),
                   module="appeals", due=appeal.current_due, key=f"appeals-escalate-{appeal.pk}-{upper.pk}")
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
