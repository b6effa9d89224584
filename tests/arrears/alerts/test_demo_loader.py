"""The demo loader dispatches the store's warnings once and schedules the daily escalation."""

from __future__ import annotations

import io

import pytest
from django_q.models import Schedule

from renshe.arrears import demo_alerts
from renshe.arrears.models import Alert

from .factories import store_with_warnings, warning

pytestmark = pytest.mark.django_db


def test_demo_loader_is_idempotent(people, monkeypatch, tmp_path):
    # a real store whose published run has a red and an orange warning, read by the loader's own reader
    ws = [warning(), warning(project_id=9, level="orange", region="350203")]
    monkeypatch.setenv("RENSHE_ARREARS_STORE", str(store_with_warnings(tmp_path / "store", ws)))
    out = io.StringIO()
    demo_alerts.load(out)
    demo_alerts.load(out)
    assert Alert.objects.count() == 2
    assert "新交办 2 件" in out.getvalue() and "新交办 0 件，已有 2 件" in out.getvalue()
    s = Schedule.objects.get(name="arrears.escalate_overdue")
    assert (s.func, s.schedule_type) == ("renshe.arrears.workflow.escalate_overdue", Schedule.DAILY)
