"""The alert state machine: every allowed and forbidden step, deadlines on the calendar,
escalation, audit records, idempotent dispatch (real database)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from renshe.arrears import workflow
from renshe.arrears.core import alerts
from renshe.arrears.core.alerts import TransitionError
from renshe.arrears.models import Alert
from renshe.platform.audit.models import AuditRecord
from renshe.platform.audit.service import history

from .factories import store_with_warnings, warning

pytestmark = pytest.mark.django_db

# 2025-09-30 is a Tuesday; 国办发明电〔2024〕12号: 10月1日至8日 off, 10月11日（周六）上班.
TUE = dt.date(2025, 9, 30)
PDF = b"%PDF-1.4\n%hand-made\n"


def _dispatch(level="red", on=TUE, **kw) -> Alert:
    workflow.dispatch_warnings([warning(level=level, **kw)], on=on)
    return Alert.objects.get(project_id=kw.get("project_id", 7), month=kw.get("month", "2025-09"))


def _evidence(alert, who):
    workflow.attach_evidence(alert, SimpleUploadedFile("代发凭证.pdf", PDF, "application/pdf"), "代发凭证", who)


# --- the table, as pure data ------------------------------------------------------------------

ALL_ROLES = {"labour_inspector", "leader"}


@pytest.mark.parametrize("state,action", list(itertools.product(alerts.STATES, [t.action for t in alerts.TRANSITIONS])))
def test_every_state_action_pair_is_allowed_only_if_in_the_table(state, action):
    t = alerts.BY_ACTION[action]
    kw = {"finding": "false" if action == "dismiss" else "true", "outcome": "paid", "has_evidence": True}
    if state in t.sources:
        assert alerts.check(state, action, roles=ALL_ROLES, **kw).target == t.target
    else:
        with pytest.raises(TransitionError) as exc:
            alerts.check(state, action, roles=ALL_ROLES, **kw)
        assert exc.value.problems[0].field == "state"


@pytest.mark.parametrize("t", alerts.TRANSITIONS, ids=lambda t: t.action)
def test_each_step_refuses_a_role_not_in_the_table(t):
    other = ALL_ROLES - set(t.roles) or {"mediator"}
    with pytest.raises(TransitionError) as exc:
        alerts.check(t.sources[0], t.action, roles=other, finding="false", outcome="paid", has_evidence=True)
    assert exc.value.problems[0].field == "role"


def test_what_each_step_needs():
    with pytest.raises(TransitionError, match="finding"):
        alerts.check("signed_for", "verify", roles={"labour_inspector"})
    with pytest.raises(TransitionError, match="outcome"):
        alerts.check("verified", "handle", roles={"labour_inspector"}, finding="true")
    with pytest.raises(TransitionError, match="finding"):  # a false positive is dismissed, not handled
        alerts.check("verified", "handle", roles={"labour_inspector"}, finding="false", outcome="paid")
    with pytest.raises(TransitionError, match="finding"):  # only a false positive may be dismissed
        alerts.check("verified", "dismiss", roles={"leader"}, finding="true")
    with pytest.raises(TransitionError, match="evidence"):
        alerts.check("handled", "close", roles={"leader"})
    with pytest.raises(TransitionError, match="action"):
        alerts.check("dispatched", "teleport", roles=ALL_ROLES)


# --- through the database: the whole loop ---------------------------------------------------------

def test_full_loop_with_deadlines_on_the_calendar_and_audit(people):
    a = _dispatch("red")
    assert (a.state, a.organisation.code, a.county.code) == ("dispatched", "350206", "350206")
    # red: sign for within 1 working day (arrears.alert.deadline_dispatched): after 9/30 the
    # National Day break runs 10/1–10/8, so the first working day is Thursday 10/9.
    assert a.due == dt.date(2025, 10, 9)
    huli, leader = people["huli"], people["xm_leader"]

    a = workflow.transition(a, "sign_for", huli, on=dt.date(2025, 10, 9))
    # signed_for, red: 3 working days from Thu 10/9: Fri 10/10 (1), Sat 10/11 make-up day (2), Mon 10/13 (3)
    assert (a.state, a.due) == ("signed_for", dt.date(2025, 10, 13))

    a = workflow.transition(a, "verify", huli, finding="true", on=dt.date(2025, 10, 13))
    # verified, red: 5 working days from Mon 10/13: 10/14, 15, 16, 17, Mon 10/20
    assert (a.state, a.finding, a.due) == ("verified", "true", dt.date(2025, 10, 20))

    a = workflow.transition(a, "handle", huli, outcome="case_filed", on=dt.date(2025, 10, 20))
    # case filed: 60 working days (劳动保障监察条例 第十七条). Oct 21–31: 9; Nov: 20 (→29);
    # Dec: 23 (→52). 2026: 1月1日至3日 off, Sunday 1月4日 a make-up working day (53),
    # then Jan 5–9 (58), Mon 12 (59), Tue 13 (60).
    assert (a.state, a.outcome) == ("handled", "case_filed")
    assert a.due == dt.date(2026, 1, 13)

    with pytest.raises(TransitionError, match="evidence"):
        workflow.transition(a, "close", leader, on=dt.date(2025, 11, 3))
    _evidence(a, huli)
    with pytest.raises(PermissionDenied, match="领导"):  # the inspector may not close it himself
        workflow.transition(a, "close", huli, on=dt.date(2025, 11, 3))
    a = workflow.transition(a, "close", leader, on=dt.date(2025, 11, 3))
    # closed: revisit within 20 working days from Mon 11/3: Nov 4–28 has 19, Mon 12/1 is the 20th
    assert (a.state, a.closed_on, a.due) == ("closed", dt.date(2025, 11, 3), dt.date(2025, 12, 1))

    a = workflow.transition(a, "revisit", huli, on=dt.date(2025, 11, 20))
    assert (a.state, a.deadline) == ("revisited", None)

    actions = list(history(a).order_by("id").values_list("action", flat=True))
    assert actions == ["dispatch", "sign_for", "verify", "handle", "evidence", "close", "revisit"]
    close = history(a).get(action="close")
    assert close.actor == leader and close.before["state"] == "handled" and close.after["state"] == "closed"
    # a deadline for each of the five steps before revisited, each closed by the next step,
    # each with its own audit record
    assert AuditRecord.objects.filter(action="track").count() == 5
    assert AuditRecord.objects.filter(action="close", content_type__model="trackeddeadline").count() == 5


def test_false_positive_is_dismissed_by_a_leader_and_can_be_reopened(people):
    a = _dispatch("orange")
    # orange: 2 working days after Tue 9/30 → Thu 10/9 (1), Fri 10/10 (2)
    assert a.due == dt.date(2025, 10, 10)
    a = workflow.transition(a, "sign_for", people["huli"], on=dt.date(2025, 10, 9))
    a = workflow.transition(a, "verify", people["huli"], finding="false", on=dt.date(2025, 10, 10))
    a = workflow.transition(a, "dismiss", people["xm_leader"], note="考勤设备故障，已核实工资足额发放")
    assert a.state == "closed"
    a = workflow.transition(a, "reopen", people["xm_leader"], on=dt.date(2025, 12, 1))
    assert (a.state, a.finding, a.closed_on) == ("dispatched", "", None)
    assert "考勤设备故障" in history(a).get(action="dismiss").note


def test_a_failed_step_changes_nothing_and_writes_no_record(people):
    a = _dispatch()
    n = AuditRecord.objects.count()
    with pytest.raises(TransitionError):
        workflow.transition(a, "verify", people["huli"], finding="true")
    a.refresh_from_db()
    assert a.state == "dispatched" and AuditRecord.objects.count() == n


def test_other_county_and_wrong_role_may_not_act(people):
    a = _dispatch()
    with pytest.raises(PermissionDenied):
        workflow.transition(a, "sign_for", people["siming"])
    with pytest.raises(PermissionDenied, match="劳动保障监察员"):  # one answer to a wrong role (issue 12)
        workflow.transition(a, "sign_for", people["mediator"])
    # the city above the county may act on it
    assert workflow.transition(a, "sign_for", people["xm_inspector"], on=TUE).state == "signed_for"


# --- escalation ------------------------------------------------------------------------------------

def test_missed_deadline_escalates_county_city_province(people):
    a = _dispatch("red")  # due Thu 10/9
    assert workflow.escalate_overdue(dt.date(2025, 10, 9)) == []  # on the last day it is not late
    [a] = workflow.escalate_overdue(dt.date(2025, 10, 10))
    # escalation adds the city as supervisor; the county keeps the alert (issue 18 item 9)
    assert (a.organisation.code, a.escalation_level, a.state) == ("350206", 1, "dispatched")
    assert list(a.supervisors.values_list("code", flat=True)) == ["350200"]
    # fresh deadline for the same step from Fri 10/10: 1 working day → Sat 10/11 (make-up working day)
    assert a.due == dt.date(2025, 10, 11)
    rec = history(a).get(action="escalate")
    assert rec.actor is None and "升级至厦门市" in rec.note
    assert (rec.before["supervisors"], rec.after["supervisors"]) == ([], ["厦门市"])
    [a] = workflow.escalate_overdue(dt.date(2025, 10, 13))
    assert (a.organisation.code, a.escalation_level) == ("350206", 2)
    assert sorted(a.supervisors.values_list("code", flat=True)) == ["350000", "350200"]
    [a] = workflow.escalate_overdue(dt.date(2025, 10, 20))
    assert (a.escalation_level, a.supervisors.count()) == (3, 2)
    assert "挂牌督办" in history(a).filter(action="escalate").first().note
    # the county that missed it can still act on it, and so can the city and the province above
    assert workflow.transition(a, "sign_for", people["huli"], on=dt.date(2025, 10, 21)).state == "signed_for"


def test_escalation_stops_once_the_loop_is_complete(people):
    a = _dispatch()
    for step, kw in (("sign_for", {}), ("verify", {"finding": "true"}), ("handle", {"outcome": "paid"})):
        a = workflow.transition(a, step, people["huli"], on=TUE, **kw)
    _evidence(a, people["huli"])
    a = workflow.transition(a, "close", people["xm_leader"], on=TUE)
    a = workflow.transition(a, "revisit", people["huli"], on=TUE)
    assert workflow.escalate_overdue(dt.date(2026, 6, 1)) == []


def test_escalate_command(people, capsys):
    from django.core.management import call_command

    a = _dispatch(on=dt.date(2025, 9, 1))
    call_command("escalate_overdue")  # today is long after the deadline
    a.refresh_from_db()
    assert (a.organisation.code, list(a.supervisors.values_list("code", flat=True))) == ("350206", ["350200"])


# --- dispatch --------------------------------------------------------------------------------------

def test_dispatch_is_idempotent_and_skips_yellow(people, store):
    ws = [warning(), warning(project_id=8, level="yellow"), warning(project_id=9, level="orange", region="350203")]
    s1 = workflow.dispatch_warnings(ws, store=store, on=TUE)
    s2 = workflow.dispatch_warnings(ws, store=store, on=TUE)
    assert (s1.created, s1.existing, s2.created, s2.existing) == (2, 0, 0, 2)
    assert Alert.objects.count() == 2
    a = Alert.objects.get(project_id=7)
    # from the store (see alert_fixtures): 6,000.00 − 4,000.00 = 2,000.00 owed to one worker
    assert (a.amount_owed, a.workers_affected, a.industry) == (Decimal("2000.00"), 1, "房建")
    assert AuditRecord.objects.filter(action="dispatch").count() == 2


def test_unknown_region_is_reported_not_dispatched(people):
    s = workflow.dispatch_warnings([warning(region="999999")], on=TUE)
    assert s.created == 0 and "999999" in s.skipped[0]


def test_housing_department_copied_when_the_duty_is_theirs(people):
    late = _dispatch()
    assert late.co_department == ""  # 代发逾期 is the 人社 department's alone (第七条第一款)
    alloc = _dispatch(project_id=8, indicators=[
        {"code": "labour_cost_alloc_ratio", "title": "人工费用拨付率", "value": 0.2, "level": "red",
         "threshold": {"op": "<", "value": 0.5}},
    ])
    # 第五十七条第二项: the owner's labour-cost allocation — 人社 and the industry department
    assert alloc.co_department == "厦门市住房和城乡建设局"
    assert "第五十七条第二项" in alloc.co_duty[0]


def test_dispatch_command_reads_the_latest_run(people, tmp_path, monkeypatch):
    from django.core.management import call_command

    # a real published run (red and yellow), read through renshe.arrears.core.warnings.read: only the red is dispatched
    store = store_with_warnings(tmp_path / "store", [warning(level="red"), warning(project_id=8, level="yellow")])
    call_command("dispatch_warnings", "--store", str(store))
    assert Alert.objects.get().level == "red"


# --- evidence --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,content,why", [
    ("x.exe", b"MZ\x90", "只接受"),
    ("fake.pdf", b"GIF89a", "不符"),
])
def test_evidence_type_is_checked(people, name, content, why):
    from django.core.exceptions import ValidationError

    a = _dispatch()
    with pytest.raises(ValidationError, match=why):
        workflow.attach_evidence(a, SimpleUploadedFile(name, content), "x", people["huli"])
    assert not a.evidence.exists()


def test_evidence_size_is_checked(people, monkeypatch):
    from django.core.exceptions import ValidationError

    from renshe.arrears import models

    monkeypatch.setattr(models, "EVIDENCE_MAX_BYTES", 10)
    with pytest.raises(ValidationError, match="不能超过"):
        workflow.attach_evidence(_dispatch(), SimpleUploadedFile("a.pdf", PDF), "x", people["huli"])
