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

This module imports no Django: the table is a kernel :class:`Machine`; the kernel's
``apply`` (through :mod:`renshe.normdocs.service`) takes a step in one transaction, with
the organisation check (only the department's own staff act on its documents).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from renshe.platform.workflow.machine import Machine, Transition, WorkflowError

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


_CLEANUP_FROM = ("filed", "retained")
_ADMIN = "administrator"  # stands in for every register role (and for any drafting division)
_CLEANUP_ROLES = ("legal_office", "leader", _ADMIN)
_REVIEW = "国办发〔2018〕115号（行政规范性文件合法性审核）"
_FILING = "《福建省行政规范性文件备案审查办法》（省政府令第219号）"
_CLEANUP = "国办发〔2018〕37号（行政规范性文件动态清理）"

#: The register's workflow on the kernel (:mod:`renshe.platform.workflow`); the official texts
#: of the notices could not be read here, so each basis names the document without an article.
MACHINE = Machine(
    name="normdocs.document",
    states=STATE_LABELS,
    initial="draft",
    final=tuple(sorted(FINAL)),
    facts=FACT_LABELS,
    transitions=(
        # 起草处室提交合法性审核；未经审核通过的文件不提交领导审定.
        Transition("submit", "提交合法性审核", ("draft",), "under_review", ("division_staff", _ADMIN), _REVIEW,
                   needs=("own_division",)),
        # 法规处出具审核意见：通过（仍待领导审定）、修改后再报、不予通过（退回起草处室）.
        Transition("review_pass", "审核通过", ("under_review",), "under_review", ("legal_office", _ADMIN), _REVIEW,
                   needs=("review_open",)),
        Transition("review_revise", "退回修改", ("under_review",), "draft", ("legal_office", _ADMIN), _REVIEW,
                   needs=("review_open",)),
        Transition("review_reject", "不予通过", ("under_review",), "draft", ("legal_office", _ADMIN), _REVIEW,
                   needs=("review_open",)),
        # 厅领导审定（集体审议决定）：只能审定经审核通过的文件.
        Transition("approve", "审定通过", ("under_review",), "approved", ("leader", _ADMIN),
                   _REVIEW + "；集体审议决定", needs=("review_passed",)),
        # 起草处室统一登记、编号、公布，载明施行日期和有效期.
        Transition("publish", "登记公布", ("approved",), "published", ("division_staff", _ADMIN),
                   "国办发〔2018〕37号（统一登记、统一编号、统一印发）", needs=("own_division",)),
        Transition("file", "报送备案", ("published",), "filed", ("legal_office", _ADMIN), _FILING),
        # 动态清理：保留可逐年重复，修改、废止、宣布失效后不再变动.
        Transition("retain", "清理：保留", _CLEANUP_FROM, "retained", _CLEANUP_ROLES, _CLEANUP),
        Transition("amend", "清理：修改", _CLEANUP_FROM, "amended", _CLEANUP_ROLES, _CLEANUP),
        Transition("repeal", "清理：废止", _CLEANUP_FROM, "repealed", _CLEANUP_ROLES, _CLEANUP),
        Transition("declare_expired", "清理：宣布失效", _CLEANUP_FROM, "expired", _CLEANUP_ROLES, _CLEANUP),
    ),
)
TRANSITIONS: dict[str, Transition] = {t.action: t for t in MACHINE.transitions}
#: the error every refused step raises (the kernel's)
TransitionError = WorkflowError


def _facts(roles: Iterable[str], facts: Iterable[str]) -> set[str]:
    """An administrator may act for any drafting division."""
    return set(facts) | ({"own_division"} if _ADMIN in set(roles) else set())


def check(action: str, state: str, roles: Iterable[str], facts: Iterable[str] = ()) -> Transition:
    """The transition ``action`` from ``state``, or a bilingual :class:`TransitionError` saying why not.

    ``roles`` are the actor's role codes; ``administrator`` holds every role.
    ``facts`` are the names in :data:`FACT_LABELS` that hold for the document and actor.
    """
    return MACHINE.check(state, action, roles, _facts(roles, facts))


def available(state: str, roles: Iterable[str], facts: Iterable[str] = ()) -> list[Transition]:
    """Every action ``roles`` may take now, in table order."""
    return MACHINE.available(state, roles, _facts(roles, facts))
