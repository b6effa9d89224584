"""The case's states on the kernel: every allowed and forbidden step, roles and cities, and the
statutory clocks across Spring Festival 2026 and National Day 2025 with pause and extension.

Dates worked by hand from the State Council notices (国办发明电〔2024〕12号 for 2025, 国办发明电〔2025〕7号
for 2026): 2025 National Day and Mid-Autumn 1–8 October, 28 September (Sunday) a working day;
2026 Spring Festival 15–23 February, 14 and 28 February (Saturdays) working days, 4 January
(Sunday) a working day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from renshe.disputes import services
from renshe.disputes.core.machine import CASE_MACHINE, STATES
from renshe.disputes.models import Case
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.platform.workflow import kpi
from renshe.platform.workflow.clocks import open_clocks
from renshe.platform.workflow.machine import WorkflowError
from tests.disputes.conftest import application

D = dt.date

#: what the law allows from each state, written out from the statute (not read from the machine)
EXPECTED = {
    "draft": {"submit", "receive_referral", "court_entrust"},
    "applied": {"refer", "accept", "reject", "withdraw"},
    "referred": {"referral_failed", "agree", "withdraw"},
    "accepted": {"serve", "mediate", "withdraw"},
    "served": {"mediate", "set_hearing", "withdraw"},
    "mediating": {"mediation_failed", "agree", "set_hearing", "withdraw"},
    "hearing": {"mediate", "partial_award", "award", "withdraw"},
    "mediated": {"close", "seek_confirmation"},
    "awarded": {"close"},
    "rejected": set(),
    "closed": set(),
    "withdrawn": set(),
    "entrusted": {"court_return"},
    "confirming": {"confirmation_result"},
}
ALL_FACTS = set(CASE_MACHINE.facts)
EVERY_ROLE = {"system", "mediator", "arbitrator"}


@pytest.mark.parametrize("state", list(STATES))
def test_every_step_from_every_state(state):
    for t in CASE_MACHINE.transitions:
        if t.action in EXPECTED[state]:
            assert CASE_MACHINE.check(state, t.action, EVERY_ROLE, ALL_FACTS).target in STATES
        else:
            with pytest.raises(WorkflowError) as err:
                CASE_MACHINE.check(state, t.action, EVERY_ROLE, ALL_FACTS)
            assert err.value.problems[0].field == "state"


def test_roles_and_facts_of_each_step():
    # a mediator mediates but neither accepts, rejects, sets the hearing nor awards
    for action, state in (("accept", "applied"), ("reject", "applied"), ("set_hearing", "served"), ("award", "hearing")):
        with pytest.raises(WorkflowError) as err:
            CASE_MACHINE.check(state, action, {"mediator"}, ALL_FACTS)
        assert err.value.problems[0].field == "role"
    assert CASE_MACHINE.check("accepted", "mediate", {"mediator"}).target == "mediating"
    # the public (the platform acting for it) may only file
    assert [t.action for t in CASE_MACHINE.available("draft", {"system"})] == ["submit"]
    assert CASE_MACHINE.available("applied", {"system"}) == []
    for action, state, fact in (("reject", "applied", "reason"), ("agree", "mediating", "terms"),
                                ("set_hearing", "served", "hearing_on"), ("partial_award", "hearing", "partial"),
                                ("referral_failed", "referred", "result")):
        with pytest.raises(WorkflowError) as err:
            CASE_MACHINE.check(state, action, {"arbitrator"}, ALL_FACTS - {fact})
        assert err.value.problems[0].field == fact and err.value.problems[0].zh


@pytest.fixture
def draft(orgs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return services.save_application(application(orgs), [], submit=False)


def clock(case, param):
    return TrackedDeadline.objects.filter(object_id=str(case.pk), param=param).latest("id")


def test_spring_festival_pause_and_extension(draft, users):
    arb = users["arbitrator"]
    case = services.step(None, draft, "submit", on=D(2025, 12, 30))
    # acceptance: 30 Dec + 5 days = 4 Jan 2026, a Sunday made a working day by the notice → due 4 Jan
    assert clock(case, "deadlines.arbitration_acceptance").due == D(2026, 1, 4)
    case = services.step(arb, case, "accept", on=D(2026, 1, 5))
    acc = clock(case, "deadlines.arbitration_acceptance")
    assert acc.closed_on == D(2026, 1, 5) and acc.on_time is False  # one day late
    # award: 5 Jan + 45 days = 19 Feb, inside the Spring Festival (15–23 Feb) → next working day 24 Feb
    award = clock(case, "deadlines.arbitration_award")
    assert award.due == D(2026, 2, 24) and case.accepted_on == D(2026, 1, 5)
    case = services.step(arb, case, "serve", on=D(2026, 1, 6))
    assert award.pk == clock(case, "deadlines.arbitration_award").pk and open_clocks(case).count() == 1
    # suspended 1–10 Feb (a medical appraisal): 10 days not counted; 19 Feb + 10 = 1 Mar, a Sunday → 2 Mar
    services.suspend(arb, case, "等待劳动能力鉴定结论", D(2026, 2, 1))
    award = services.resume(arb, case, D(2026, 2, 10))
    assert award.days_paused == 10 and award.due == D(2026, 3, 2)
    # extension on the chair's approval: 15 days from the original due date, 2 Mar + 15 = 17 Mar (a Tuesday)
    with pytest.raises(PermissionDenied):
        services.extend_award(users["mediator"], case, "主任批准")
    award = services.extend_award(arb, case, "经仲裁委员会主任书面批准延期十五日")
    assert award.original_due == D(2026, 3, 2) and award.due == D(2026, 3, 17)
    # hearing on 25 Feb: the notice must be out 5 days before, 20 Feb — a holiday, and counting back
    # past the festival (15–23 Feb) the latest working day is Saturday 14 Feb (a make-up working day)
    with pytest.raises(WorkflowError) as err:
        services.step(arb, case, "set_hearing", facts={"hearing_on": "2026-02-25"}, on=D(2026, 2, 16))
    assert err.value.problems[0].field == "hearing_on" and "2026年2月14日" in err.value.problems[0].zh
    case = services.step(arb, case, "set_hearing", facts={"hearing_on": "2026-02-25"}, on=D(2026, 2, 14))
    assert case.state == "hearing" and case.hearing_on == D(2026, 2, 25)
    case = services.step(arb, case, "partial_award", facts={"partial": "先行裁决被申请人支付拖欠工资12000元"}, on=D(2026, 2, 25))
    assert case.state == "hearing" and case.partial_awards[0]["text"].startswith("先行裁决")
    case = services.step(arb, case, "award", on=D(2026, 3, 16))
    award = clock(case, "deadlines.arbitration_award")
    assert case.state == "awarded" and award.closed_on == D(2026, 3, 16) and award.on_time is True
    figures = kpi.on_time(TrackedDeadline.objects.filter(object_id=str(case.pk)))
    assert (figures.closed, figures.on_time, figures.rate) == (2, 1, Decimal("50.0"))
    case = services.step(arb, case, "close", on=D(2026, 3, 20))
    assert case.state == "closed" and case.closed_on == D(2026, 3, 20)


def test_national_day_and_mediation_keep_the_award_clock(draft, users):
    case = services.step(None, draft, "submit", on=D(2025, 9, 28))
    # 28 Sep (a make-up working Sunday) + 5 = 3 Oct, inside the holiday (1–8 Oct) → 9 Oct
    assert clock(case, "deadlines.arbitration_acceptance").due == D(2025, 10, 9)
    case = services.step(users["arbitrator"], case, "accept", on=D(2025, 10, 9))
    assert clock(case, "deadlines.arbitration_acceptance").on_time is True
    # 9 Oct + 45 = 23 Nov, a Sunday → 24 Nov
    assert clock(case, "deadlines.arbitration_award").due == D(2025, 11, 24)
    case = services.step(users["mediator"], case, "mediate", on=D(2025, 10, 20))
    assert open_clocks(case).get().param == "deadlines.arbitration_award"  # mediation does not stop it
    case = services.record_agreement(users["mediator"], case, "被申请人于2025年11月10日前支付申请人36000元。", on=D(2025, 10, 30))
    award = clock(case, "deadlines.arbitration_award")
    assert case.state == "mediated" and award.closed_on == D(2025, 10, 30) and award.on_time is True


def test_referral_out_and_back(draft, users, orgs):
    arb = users["arbitrator"]
    case = services.step(None, draft, "submit", on=D(2026, 3, 2))
    case = services.step(arb, case, "refer", on=D(2026, 3, 3))
    # the mediation organisation's 15 days (第十四条第三款): 3 Mar + 15 = 18 Mar (a Wednesday)
    assert case.state == "referred" and clock(case, "deadlines.dispute_mediation").due == D(2026, 3, 18)
    assert clock(case, "deadlines.arbitration_acceptance").on_time is True
    with pytest.raises(WorkflowError):
        services.step(arb, case, "referral_failed", facts={"result": ""}, on=D(2026, 3, 18))
    case = services.step(arb, case, "referral_failed", facts={"result": "调解未达成协议"}, on=D(2026, 3, 18))
    assert case.state == "applied" and case.referral_result == "调解未达成协议"
    # a new acceptance period from the day the case came back: 18 Mar + 5 = 23 Mar (a Monday)
    assert clock(case, "deadlines.arbitration_acceptance").due == D(2026, 3, 23)
    case = services.step(arb, case, "accept", on=D(2026, 3, 20))
    assert case.state == "accepted"


def test_forbidden_by_role_city_and_state(draft, users):
    case = services.step(None, draft, "submit", on=D(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        services.step(users["mediator"], case, "accept")
    with pytest.raises(PermissionDenied):
        services.step(users["arbitrator_fz"], case, "accept")
    with pytest.raises(PermissionDenied):
        services.step(users["inspector"], case, "withdraw")
    with pytest.raises(WorkflowError) as err:
        services.step(users["arbitrator"], case, "reject", facts={"reason": "  "})
    assert err.value.problems[0].field == "reason"
    with pytest.raises(PermissionDenied):
        services.step(None, case, "accept")  # the platform cannot accept for the committee
    case = services.step(users["arbitrator"], case, "reject", facts={"reason": "不属于劳动争议受理范围"}, on=D(2026, 3, 4))
    assert case.state == "rejected" and case.closed_on == D(2026, 3, 4)
    for action in ("accept", "withdraw", "mediate"):
        with pytest.raises(WorkflowError) as err:
            services.step(users["arbitrator"], case, action)
        assert err.value.problems[0].field == "state"
    assert Case.objects.get(pk=case.pk).state == "rejected"
