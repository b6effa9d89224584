"""The demo loader dispatches the store's warnings once and schedules the daily escalation."""

from __future__ import annotations

import io

import pytest
from django_q.models import Schedule

from renshe.arrears import demo_alerts
from renshe.arrears.core import warnings
from renshe.arrears.models import Alert

from .factories import warning

pytestmark = pytest.mark.django_db


def test_demo_loader_is_idempotent(people, monkeypatch):
    rows = {"red": [warning()], "orange": [warning(project_id=9, level="orange", region="350203")]}
    monkeypatch.setattr(demo_alerts, "read", lambda store, limit=None: rows["red"])  # the store has warnings
    monkeypatch.setattr(warnings, "read", lambda store, level=None, **kw: rows.get(level, []))
    out = io.StringIO()
    demo_alerts.load(out)
    demo_alerts.load(out)
    assert Alert.objects.count() == 2
    assert "新交办 2 件" in out.getvalue() and "新交办 0 件，已有 2 件" in out.getvalue()
    s = Schedule.objects.get(name="arrears.escalate_overdue")
    assert (s.func, s.schedule_type) == ("renshe.arrears.workflow.escalate_overdue", Schedule.DAILY)
