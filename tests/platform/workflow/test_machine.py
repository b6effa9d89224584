"""The pure machine: the order of its checks, its bilingual errors, and its refusal of a bad table."""

from __future__ import annotations

import pytest

from renshe.platform.accounts.roles import ROLES
from renshe.platform.workflow.machine import ROLE_LABELS, SYSTEM, Machine, Transition, WorkflowError

M = Machine(
    name="test.case",
    states={"new": "新收", "accepted": "已受理", "closed": "已结案"},
    initial="new",
    final=("closed",),
    transitions=(
        Transition("accept", "受理", ("new",), "accepted", ("arbitrator",), "《劳动争议调解仲裁法》第二十九条",
                   clock="deadlines.arbitration_award"),
        Transition("close", "结案", ("accepted",), "closed", ("arbitrator", "leader"), "《劳动争议调解仲裁法》第四十三条",
                   needs=("award_served",)),
        Transition("expire", "逾期", ("new",), "closed", (SYSTEM,), "《劳动争议调解仲裁法》第二十九条"),
    ),
    facts={"award_served": "裁决书已送达"},
)


def test_allowed_step_returns_its_transition():
    t = M.check("new", "accept", {"arbitrator"})
    assert (t.target, t.clock, t.stops_clock) == ("accepted", "deadlines.arbitration_award", True)


def test_checks_in_order_action_state_role_fact():
    with pytest.raises(WorkflowError) as e:
        M.check("new", "teleport", {"arbitrator"})
    assert e.value.problems[0].field == "action"
    with pytest.raises(WorkflowError) as e:
        M.check("closed", "accept", set())  # wrong state is named before the missing role
    p = e.value.problems[0]
    assert p.field == "state" and "已结案" in p.zh and "closed" in p.en
    with pytest.raises(WorkflowError) as e:
        M.check("new", "accept", {"mediator"})
    assert e.value.problems[0].field == "role" and "仲裁员" in e.value.problems[0].zh
    with pytest.raises(WorkflowError) as e:
        M.check("accepted", "close", {"leader"}, facts=())
    p = e.value.problems[0]
    assert (p.field, "裁决书已送达" in p.zh, "award served" in p.en) == ("award_served", True, True)
    assert M.check("accepted", "close", {"leader"}, facts={"award_served"}).target == "closed"


def test_system_steps_are_for_the_platform_only():
    with pytest.raises(WorkflowError):
        M.check("new", "expire", set(ROLES))  # every staff role, not the platform
    assert M.check("new", "expire", {SYSTEM}).target == "closed"


def test_available_with_and_without_facts():
    assert [t.action for t in M.available("accepted", {"leader"}, facts=())] == []
    assert [t.action for t in M.available("accepted", {"leader"}, facts=None)] == ["close"]
    assert [t.action for t in M.available("new", {"arbitrator"})] == ["accept"]


def test_a_table_naming_unknown_states_facts_or_roles_is_refused():
    with pytest.raises(ValueError):
        Machine("x", {"a": "甲"}, "a", (), (Transition("go", "走", ("a",), "b", ("leader",), "—"),))
    with pytest.raises(ValueError):
        Machine("x", {"a": "甲"}, "a", (), (Transition("go", "走", ("a",), "a", ("leader",), "—", needs=("f",)),))
    with pytest.raises(ValueError):
        Machine("x", {"a": "甲"}, "a", (), (Transition("go", "走", ("a",), "a", ("nobody",), "—"),))


def test_role_labels_match_the_platform_roles():
    assert {c: r.name for c, r in ROLES.items()} == {c: n for c, n in ROLE_LABELS.items() if c != SYSTEM}
