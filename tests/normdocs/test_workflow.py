"""The transition table, tested against the expected table written out here by hand.

Expected (from the brief and 国办发〔2018〕115号's order: review before the collective decision):
draft —submit (division staff)→ under_review —review_pass/revise/reject (legal office)→
under_review / draft / draft; under_review —approve (leader, review passed)→ approved
—publish (division staff)→ published —file (legal office)→ filed; filed or retained —
retain/amend/repeal/declare_expired (legal office or leader)→ retained/amended/repealed/expired.
"""

from __future__ import annotations

import itertools

import pytest

from renshe.normdocs.core import workflow

ALL_FACTS = {"review_open", "review_passed", "own_division"}
CLEANUP = {"filed", "retained"}
EXPECTED = {
    "submit": ({"draft"}, "under_review", {"division_staff"}),
    "review_pass": ({"under_review"}, "under_review", {"legal_office"}),
    "review_revise": ({"under_review"}, "draft", {"legal_office"}),
    "review_reject": ({"under_review"}, "draft", {"legal_office"}),
    "approve": ({"under_review"}, "approved", {"leader"}),
    "publish": ({"approved"}, "published", {"division_staff"}),
    "file": ({"published"}, "filed", {"legal_office"}),
    "retain": (CLEANUP, "retained", {"legal_office", "leader"}),
    "amend": (CLEANUP, "amended", {"legal_office", "leader"}),
    "repeal": (CLEANUP, "repealed", {"legal_office", "leader"}),
    "declare_expired": (CLEANUP, "expired", {"legal_office", "leader"}),
}
STATES = list(workflow.STATE_LABELS)
ROLES = ["division_staff", "legal_office", "leader", "administrator"]


def test_the_table_has_exactly_the_expected_actions():
    assert set(workflow.TRANSITIONS) == set(EXPECTED)


@pytest.mark.parametrize(("action", "state", "role"), list(itertools.product(EXPECTED, STATES, ROLES)))
def test_every_action_from_every_state_for_every_role(action, state, role):
    sources, target, roles = EXPECTED[action]
    allowed = state in sources and (role in roles or role == "administrator")
    if allowed:
        assert workflow.check(action, state, [role], ALL_FACTS).target == target
    else:
        with pytest.raises(workflow.TransitionError) as err:
            workflow.check(action, state, [role], ALL_FACTS)
        # The state is checked before the role: a wrong state names "state", else "role".
        assert err.value.problems[0].field == ("state" if state not in sources else "role")


def test_final_states_allow_nothing():
    for state in ("amended", "repealed", "expired"):
        assert workflow.available(state, ["administrator"], ALL_FACTS) == []


@pytest.mark.parametrize(
    ("action", "state", "role", "missing"),
    [
        ("submit", "draft", "division_staff", "own_division"),
        ("publish", "approved", "division_staff", "own_division"),
        ("review_pass", "under_review", "legal_office", "review_open"),
        ("review_revise", "under_review", "legal_office", "review_open"),
        ("review_reject", "under_review", "legal_office", "review_open"),
        ("approve", "under_review", "leader", "review_passed"),
    ],
)
def test_facts_an_action_needs(action, state, role, missing):
    with pytest.raises(workflow.TransitionError) as err:
        workflow.check(action, state, [role], ALL_FACTS - {missing})
    problem = err.value.problems[0]
    assert problem.field == missing
    assert workflow.FACT_LABELS[missing] in problem.zh


def test_administrator_needs_no_own_division_but_still_a_passed_review():
    assert workflow.check("submit", "draft", ["administrator"], set()).target == "under_review"
    with pytest.raises(workflow.TransitionError):
        workflow.check("approve", "under_review", ["administrator"], set())


def test_unknown_action_and_messages_are_bilingual():
    with pytest.raises(workflow.TransitionError) as err:
        workflow.check("publish_now", "draft", ["leader"])
    assert err.value.problems[0].field == "action"
    with pytest.raises(workflow.TransitionError) as err:
        workflow.check("file", "draft", ["legal_office"])
    p = err.value.problems[0]
    assert "已公布" in p.zh and "published" in p.en


def test_available_lists_what_a_role_may_do_now():
    assert [t.action for t in workflow.available("under_review", ["legal_office"], {"review_open"})] == [
        "review_pass",
        "review_revise",
        "review_reject",
    ]
    assert [t.action for t in workflow.available("filed", ["leader"])] == [
        "retain",
        "amend",
        "repeal",
        "declare_expired",
    ]
