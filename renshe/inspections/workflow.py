"""The inspection task's steps as data (pure; imports no Django).

scheduled (已派发) → inspected (已检查: checklist and evidence recorded) → published (已公示:
result on the public page, 《优化营商环境条例》第五十四条 “抽查事项及查处结果及时向社会公开”,
within ``inspections.result_publication_working_days``) → closed; where a problem was found,
published → rectifying (责令改正, 《劳动保障监察条例》第十八条第一款第二项) → closed after the
re-check (复查).

The shape follows the workflow kernel's ``Transition`` (KERNEL-API.md) so the table moves
onto ``renshe.platform.workflow.machine.Machine`` unchanged when the kernel is on main.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from renshe.rules.errors import FieldProblem, RulesError

STATES: dict[str, str] = {
    "scheduled": "已派发待检查",
    "inspected": "已检查待公示",
    "published": "结果已公示",
    "rectifying": "责令整改中",
    "closed": "已办结",
}
FINAL = ("closed",)
INSPECTORS = ("labour_inspector",)
OFFICE = ("labour_inspector", "division_staff", "leader")

FACTS: dict[str, str] = {
    "checklist_complete": "每个检查事项都已填写检查结果",
    "on_team": "操作人是本次检查的执法人员之一",
    "problems_found": "检查发现问题",
    "no_problems": "检查未发现问题",
    "recheck_recorded": "已填写复查情况",
}


class WorkflowError(RulesError):
    """A step that is not allowed now; names the missing fact in both languages."""


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    basis: str
    needs: tuple[str, ...] = ()
    clock: str | None = None


TRANSITIONS: tuple[Transition, ...] = (
    Transition("record", "保存检查结果", ("scheduled",), "inspected", INSPECTORS,
               "《劳动保障监察条例》第十五条、第十六条", ("on_team", "checklist_complete"),
               clock="inspections.result_publication_working_days"),
    Transition("publish", "公示检查结果", ("inspected",), "published", OFFICE,
               "《优化营商环境条例》第五十四条；《企业信息公示暂行条例》第七条"),
    Transition("order_rectification", "责令改正", ("published",), "rectifying", INSPECTORS,
               "《劳动保障监察条例》第十八条第一款第二项", ("problems_found",)),
    Transition("recheck", "复查办结", ("rectifying",), "closed", INSPECTORS,
               "《劳动保障监察条例》第十八条", ("recheck_recorded",)),
    Transition("close", "办结", ("published",), "closed", OFFICE,
               "《劳动保障监察条例》第十八条", ("no_problems",)),
)
BY_ACTION = {t.action: t for t in TRANSITIONS}


def check(state: str, action: str, roles: Iterable[str], facts: Iterable[str]) -> Transition:
    """The transition ``action`` from ``state`` if ``roles`` and ``facts`` allow it, else WorkflowError."""
    t = BY_ACTION.get(action)
    if t is None:
        raise WorkflowError([FieldProblem("action", f"没有“{action}”这一步骤", f"no action '{action}'")])
    if state not in t.sources:
        raise WorkflowError([FieldProblem(
            "state", f"当前状态“{STATES.get(state, state)}”不能{t.label}",
            f"'{action}' is not allowed from state '{state}'")])
    roles = set(roles)
    if not roles & set(t.roles):
        raise WorkflowError([FieldProblem("role", f"{t.label}需要执法人员或处室工作人员角色", f"'{action}' needs one of {t.roles}")])
    missing = [f for f in t.needs if f not in set(facts)]
    if missing:
        raise WorkflowError([FieldProblem(m, f"不能{t.label}：须{FACTS[m]}", f"'{action}' needs {m}") for m in missing])
    return t


def available(state: str, roles: Iterable[str]) -> list[Transition]:
    roles = set(roles)
    return [t for t in TRANSITIONS if state in t.sources and roles & set(t.roles)]
