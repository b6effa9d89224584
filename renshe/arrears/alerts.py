"""The alert workflow (全周期、全闭环) as data: states, transitions, who may take them, deadlines.

A red or orange warning becomes an alert dispatched to the labour inspection office of the
county (or city) where the project sits — 《保障农民工工资支付条例》第七条第一款 makes the
人社 department responsible for investigating arrears — and, where the indicator watches a
duty 第七条第二款、第五十五条、第五十七条 give to the 行业工程建设主管部门 as well, to the
project's industry department (parameter ``arrears.alert.industry_duty``).

::

    dispatched ─签收→ signed_for ─核实→ verified ─处置→ handled ─销号→ closed ─回访→ revisited
                                          └─核实不属实，销号→ closed          (closed|revisited ─重新交办→ dispatched)

Each state starts a deadline counted in working days (parameters ``arrears.alert.deadline_<state>``;
only the case-investigation period, 《劳动保障监察条例》第十七条, is law — the others are
policy values marked unverified). A missed deadline escalates the alert one level up
(county → city → province). No Django here: the web side (:mod:`renshe.arrears.workflow`)
stores alerts and audits every step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from renshe.rules.errors import RulesError
from renshe.rules.parameters import ParamValue, value_at

REGION = "fujian"

STATES: dict[str, str] = {
    "dispatched": "已交办",
    "signed_for": "已签收",
    "verified": "已核实",
    "handled": "已处置",
    "closed": "已销号",
    "revisited": "已回访",
}
OPEN_STATES = ("dispatched", "signed_for", "verified", "handled")
LEVELS: dict[str, str] = {"red": "红色", "orange": "橙色", "yellow": "黄色"}
#: the levels that become alerts (yellow warnings stay reminders on the dashboard)
DISPATCH_LEVELS = ("red", "orange")
FINDINGS: dict[str, str] = {"true": "属实", "partly": "部分属实", "false": "不属实"}
OUTCOMES: dict[str, str] = {
    "paid": "已督促支付",
    "ordered_to_pay": "责令限期支付",
    "case_filed": "立案查处",
    "referred": "移送（公安机关、行业主管部门）",
}


@dataclass(frozen=True)
class Transition:
    """One allowed step: from which states, to which, who may take it and what it needs."""

    action: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    basis: str
    needs_finding: bool = False
    needs_outcome: bool = False
    needs_evidence: bool = False
    finding_must_be: tuple[str, ...] = ()


#: The one table of allowed transitions; anything not listed is forbidden.
TRANSITIONS: tuple[Transition, ...] = (
    Transition("sign_for", "签收", ("dispatched",), "signed_for", ("labour_inspector",),
               "《保障农民工工资支付条例》第七条第一款（人社部门查处拖欠案件）"),
    Transition("verify", "核实", ("signed_for",), "verified", ("labour_inspector",),
               "《保障农民工工资支付条例》第三十九条（监督检查）", needs_finding=True),
    Transition("handle", "处置", ("verified",), "handled", ("labour_inspector",),
               "《保障农民工工资支付条例》第四十一条、第四十二条；《劳动保障监察条例》第十七条",
               needs_outcome=True, finding_must_be=("true", "partly")),
    Transition("dismiss", "核实不属实，销号", ("verified",), "closed", ("leader",),
               "核实不属实的预警销号并记录原因（ARREARS-REFERENCE.md 第6节）", finding_must_be=("false",)),
    Transition("close", "复核销号", ("handled",), "closed", ("leader",),
               "整改销号须有证据（ARREARS-REFERENCE.md 第6节）", needs_evidence=True),
    Transition("revisit", "回访", ("closed",), "revisited", ("labour_inspector",),
               "《保障农民工工资支付条例》第三十九条（监督检查）"),
    Transition("reopen", "重新交办", ("closed", "revisited"), "dispatched", ("leader",),
               "销号后再次发现欠薪的重新交办（ARREARS-REFERENCE.md 第6节）"),
)
BY_ACTION: dict[str, Transition] = {t.action: t for t in TRANSITIONS}
ROLE_ZH = {"labour_inspector": "劳动保障监察员", "leader": "领导"}


class TransitionError(RulesError):
    """A step the table does not allow, or one missing what it needs (bilingual)."""


def available(state: str) -> list[Transition]:
    """The transitions the table allows from ``state``."""
    return [t for t in TRANSITIONS if state in t.sources]


def check(
    state: str,
    action: str,
    *,
    roles: set[str],
    finding: str = "",
    outcome: str = "",
    has_evidence: bool = False,
) -> Transition:
    """The transition ``action`` from ``state`` if ``roles`` may take it with what is given.

    Raises :class:`TransitionError` naming the field otherwise. ``roles`` are role codes
    (``labour_inspector``, ``leader``...); the caller passes every role for a superuser.
    """
    t = BY_ACTION.get(action)
    if t is None:
        raise TransitionError.of("action", f"没有“{action}”这一操作", f"no action '{action}'")
    if state not in t.sources:
        raise TransitionError.of(
            "action",
            f"预警处于“{STATES.get(state, state)}”状态，不能“{t.label}”",
            f"cannot {action} an alert that is {state}",
        )
    if not roles & set(t.roles):
        raise TransitionError.of(
            "role", f"“{t.label}”须由{'或'.join(ROLE_ZH[r] for r in t.roles)}办理", f"{action} needs role {t.roles}"
        )
    if t.needs_finding and finding not in FINDINGS:
        raise TransitionError.of("finding", "请选择核实结论（属实、部分属实、不属实）", "finding is required")
    if t.finding_must_be and finding not in t.finding_must_be:
        allowed = "、".join(FINDINGS[f] for f in t.finding_must_be)
        raise TransitionError.of(
            "finding", f"核实结论为{allowed}时才能“{t.label}”", f"{action} needs finding in {t.finding_must_be}"
        )
    if t.needs_outcome and outcome not in OUTCOMES:
        raise TransitionError.of("outcome", "请选择处置方式（已支付、责令支付、立案、移送）", "outcome is required")
    if t.needs_evidence and not has_evidence:
        raise TransitionError.of("evidence", "销号前须上传整改证据（如代发凭证）", "evidence is required before closing")
    return t


def deadline_param(state: str, level: str, outcome: str, on: dt.date) -> tuple[int, ParamValue] | None:
    """How many working days the alert has in ``state``, and the parameter that says so.

    ``None`` for ``revisited`` (the loop is complete). For ``handled`` the period depends on
    the outcome; a case filed for investigation has the 60 working days of
    《劳动保障监察条例》第十七条.
    """
    if state == "revisited":
        return None
    if state == "handled" and outcome == "case_filed":
        pv = value_at("arrears.alert.deadline_case_filed", on, REGION)
        return int(pv.value), pv
    pv = value_at(f"arrears.alert.deadline_{state}", on, REGION)
    if state == "handled":
        return int(pv.value[outcome]), pv
    if isinstance(pv.value, dict):
        return int(pv.value[level]), pv
    return int(pv.value), pv


@dataclass(frozen=True)
class CoDispatch:
    """The industry department an alert is also sent to, and the articles that make it theirs."""

    department: str
    articles: list[str]


def co_dispatch(indicators: list[dict[str, Any]], industry: str, city: str, on: dt.date) -> CoDispatch | None:
    """The 行业主管部门 to copy when a fired indicator watches a duty 第七条第二款 gives them."""
    duty = value_at("arrears.alert.industry_duty", on, REGION).value
    articles = [f"{i.get('title', i['code'])}：{duty[i['code']]}" for i in indicators if i["code"] in duty]
    if not articles:
        return None
    dept = value_at("arrears.alert.industry_department", on, REGION).value.get(industry, "住房和城乡建设局")
    return CoDispatch(department=f"{city}{dept}", articles=articles)
