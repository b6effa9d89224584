"""Alerts in the 待办 (issue 12): the county office's own, overdue ones escalated to the city
as supervisor (issue 18 item 9: the county keeps it), with the escalation notification."""

from __future__ import annotations

import datetime as dt

import pytest

from renshe.arrears import workflow
from renshe.arrears.models import Alert
from renshe.platform.audit.service import history
from renshe.platform.workflow import inbox

from .factories import warning

pytestmark = pytest.mark.django_db
TUE = dt.date(2025, 9, 30)


def test_county_and_city_inboxes_after_escalation(people):
    workflow.dispatch_warnings([warning(level="red")], on=TUE)
    a = Alert.objects.get()
    # red: sign for within 1 working day after 9/30 → Thu 10/9 (National Day break 10/1–10/8)
    [item] = [i for i in inbox.items_for(people["huli"], dt.date(2025, 10, 8)) if i.kind != "notice"]
    assert (item.kind, item.due, item.steps, item.url) == ("due_soon", dt.date(2025, 10, 9), ["签收"], a.get_absolute_url())
    assert inbox.items_for(people["xm_inspector"], dt.date(2025, 10, 8)) == []  # not the city's yet

    workflow.escalate_overdue(dt.date(2025, 10, 10))
    today = dt.date(2025, 10, 10)
    city = inbox.items_for(people["xm_inspector"], today)
    # a fresh 1-working-day deadline from 10/10 → Sat 10/11 (make-up working day): due soon, and escalated
    assert [(i.kind, i.escalated, i.due) for i in city if i.kind != "notice"] == [("due_soon", True, dt.date(2025, 10, 11))]
    assert any(i.kind == "notice" and "超期" in i.title for i in city)
    county = inbox.items_for(people["huli"], today)
    assert [i.title for i in county if i.kind != "notice"] == [str(a)]  # the county still must act


def test_a_superuser_acts_and_the_record_says_so(people, django_user_model):
    workflow.dispatch_warnings([warning(level="red")], on=TUE)
    root = django_user_model.objects.create_superuser("root", password="x")
    a = workflow.transition(Alert.objects.get(), "sign_for", root, on=TUE)
    rec = history(a).get(action="sign_for")
    assert a.state == "signed_for" and "超级管理员办理" in rec.note and "依据：" in rec.note
