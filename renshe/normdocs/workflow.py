"""The normative-document workflow as data: states, actions, who may take them, and when.

A 行政规范性文件 is drafted by a division, goes through 合法性审核 by the legal office
(国办发〔2018〕115号: no document is issued without it), is approved by the department's
leadership (集体审议决定), published with its number and validity period, filed with the
filing authority (福建省行政规范性文件备案审查办法, 省政府令第219号), and afterwards
cleaned up periodically (国办发〔2018〕37号 “动态清理”): retained, amended, repealed or
declared no longer in force.

The order of the steps follows the brief and those two notices as they are commonly
summarised; their official texts (www.gov.cn) could not be read here, so no article is
cited — see the notes of the ``normdocs.*`` parameters for what was searched.

This module imports no Django: :func:`check` decides whether an action is allowed from
a state, for a holder of some roles, given the facts the action depends on; the Django
service (:mod:`renshe.normdocs.service`) applies the result in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from renshe.rules.errors import RulesError

State = Literal[
    "draft", "under_review", "approved", "published", "filed", "retained", "amended", "repealed", "expired"
]
STATE_LABELS: dict[str, str] = {
    "draft": "起草中",
    "under_review": "合法性审核中",
    "approved": "已审定",
    "published": "已公布",
    "filed": "已备案",
    "retained": "清理后保留",
    "amended": "已修改",
    "repealed": "已废止",
    "expired": "已失效",
}
#: States in which a document binds the public (公布后、未被修改、废止或宣布失效).
IN_FORCE: frozenset[str] = frozenset({"published", "filed", "retained"})
FINAL: frozenset[str] = frozenset({"amended", "repealed", "expired"})

ROLE_LABELS: dict[str, str] = {
    "division_staff": "处室工作人员",
    "legal_office": "法规处",
    "leader": "领导",
    "administrator": "管理员",
}

#: Facts an action may require, with the Chinese reason shown when one is missing.
FACT_LABELS: dict[str, str] = {
    "review_open": "有尚未作出结论的合法性审核",
    "review_passed": "最近一次合法性审核结论为“通过”",
    "own_division": "操作人属于起草处室",
}

CleanupKind = Literal["retain", "amend", "repeal", "declare_expired"]
CLEANUP_LABELS: dict[str, str] = {
    "retain": "保留",
    "amend": "修改",
    "repeal": "废止",
    "declare_expired": "宣布失效",
}


@dataclass(frozen=True)
class Transition:
    """One allowed move: ``action`` takes a document from any of ``sources`` to ``target``."""

    action: str
    label: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    requires: frozenset[str] = frozenset()


def _t(
    action: str, label: str, sources: Iterable[str], target: str, roles: Iterable[str], requires=()
) -> Transition:
    return Transition(action, label, frozenset(sources), target, frozenset(roles), frozenset(requires))


_CLEANUP_FROM = ("filed", "retained")
_CLEANUP_ROLES = ("legal_office", "leader")

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        # 起草处室提交合法性审核；未经审核通过的文件不提交领导审定（国办发〔2018〕115号，原文未核实）.
        _t("submit", "提交合法性审核", ["draft"], "under_review", ["division_staff"], ["own_division"]),
        # 法规处出具审核意见：通过（仍待领导审定）、修改后再报、不予通过（退回起草处室）.
        _t("review_pass", "审核通过", ["under_review"], "under_review", ["legal_office"], ["review_open"]),
        _t("review_revise", "退回修改", ["under_review"], "draft", ["legal_office"], ["review_open"]),
        _t("review_reject", "不予通过", ["under_review"], "draft", ["legal_office"], ["review_open"]),
        # 厅领导审定（集体审议决定）：只能审定经审核通过的文件.
        _t("approve", "审定通过", ["under_review"], "approved", ["leader"], ["review_passed"]),
        # 起草处室统一登记、编号、公布，载明施行日期和有效期.
        _t("publish", "登记公布", ["approved"], "published", ["division_staff"], ["own_division"]),
        # 法规处报送备案（福建省行政规范性文件备案审查办法）.
        _t("file", "报送备案", ["published"], "filed", ["legal_office"]),
        # 动态清理（国办发〔2018〕37号）：保留可逐年重复，修改、废止、宣布失效后不再变动.
        _t("retain", "清理：保留", _CLEANUP_FROM, "retained", _CLEANUP_ROLES),
        _t("amend", "清理：修改", _CLEANUP_FROM, "amended", _CLEANUP_ROLES),
        _t("repeal", "清理：废止", _CLEANUP_FROM, "repealed", _CLEANUP_ROLES),
        _t("declare_expired", "清理：宣布失效", _CLEANUP_FROM, "expired", _CLEANUP_ROLES),
    ]
}


class TransitionError(RulesError):
    """An action that the state, the actor's roles or the document's facts do not allow."""


def check(action: str, state: str, roles: Iterable[str], facts: Iterable[str] = ()) -> Transition:
    """The transition ``action`` from ``state``, or a bilingual :class:`TransitionError` saying why not.

    ``roles`` are the actor's role codes; ``administrator`` holds every role.
    ``facts`` are the names in :data:`FACT_LABELS` that hold for the document and actor.
    """
    t = TRANSITIONS.get(action)
    if t is None:
        raise TransitionError.of("action", f"没有名为“{action}”的操作", f"unknown action '{action}'")
    if state not in t.sources:
        allowed = "、".join(STATE_LABELS[s] for s in sorted(t.sources))
        raise TransitionError.of(
            "status",
            f"“{t.label}”只能在{allowed}状态下进行，当前状态为{STATE_LABELS.get(state, state)}",
            f"'{action}' is not allowed from state '{state}' (only from {', '.join(sorted(t.sources))})",
        )
    held = set(roles)
    if "administrator" not in held and not (held & t.roles):
        need = "、".join(ROLE_LABELS[r] for r in sorted(t.roles))
        raise TransitionError.of(
            "role", f"“{t.label}”须由{need}办理", f"'{action}' needs role {' or '.join(sorted(t.roles))}"
        )
    missing = sorted(t.requires - set(facts) - ({"own_division"} if "administrator" in held else set()))
    if missing:
        raise TransitionError.of(
            missing[0],
            f"“{t.label}”要求{FACT_LABELS[missing[0]]}",
            f"'{action}' requires {missing[0].replace('_', ' ')}",
        )
    return t


def available(state: str, roles: Iterable[str], facts: Iterable[str] = ()) -> list[Transition]:
    """Every action ``roles`` may take now, in the order of :data:`TRANSITIONS`."""
    out = []
    for action in TRANSITIONS:
        try:
            out.append(check(action, state, roles, facts))
        except TransitionError:
            continue
    return out
