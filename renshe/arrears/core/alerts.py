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

from renshe.platform.workflow.machine import ROLE_LABELS, Machine, Transition, WorkflowError
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


#: what the steps need, with the Chinese reason shown when it is missing
FACTS: dict[str, str] = {
    "finding": "请选择核实结论（属实、部分属实、不属实）",
    "finding_true": "核实结论为属实或部分属实（不属实的由领导核实销号）",
    "finding_false": "核实结论为不属实",
    "outcome": "请选择处置方式（已支付、责令支付、立案、移送）",
    "evidence": "销号前须上传整改证据（如代发凭证）",
}

#: The one table of allowed transitions; anything not listed is forbidden.
MACHINE = Machine(
    name="arrears.alert",
    states=STATES,
    initial="dispatched",
    final=("revisited",),
    facts=FACTS,
    transitions=(
        Transition("sign_for", "签收", ("dispatched",), "signed_for", ("labour_inspector",),
                   "《保障农民工工资支付条例》第七条第一款（人社部门查处拖欠案件）"),
        Transition("verify", "核实", ("signed_for",), "verified", ("labour_inspector",),
                   "《保障农民工工资支付条例》第三十九条（监督检查）", needs=("finding",)),
        Transition("handle", "处置", ("verified",), "handled", ("labour_inspector",),
                   "《保障农民工工资支付条例》第四十一条、第四十二条；《劳动保障监察条例》第十七条",
                   needs=("finding_true", "outcome")),
        Transition("dismiss", "核实不属实，销号", ("verified",), "closed", ("leader",),
                   "《劳动保障监察条例》第十四条第二款（经核实没有违法行为的，不予立案查处）",
                   needs=("finding_false",)),
        Transition("close", "复核销号", ("handled",), "closed", ("leader",),
                   "《劳动保障监察条例》第十八条（根据调查、检查的结果作出处理）", needs=("evidence",)),
        Transition("revisit", "回访", ("closed",), "revisited", ("labour_inspector",),
                   "《保障农民工工资支付条例》第三十九条（监督检查）"),
        Transition("reopen", "重新交办", ("closed", "revisited"), "dispatched", ("leader",),
                   "《保障农民工工资支付条例》第三十九条（监督检查，销号后再次发现拖欠的重新查处）"),
    ),
)
TRANSITIONS: tuple[Transition, ...] = MACHINE.transitions
BY_ACTION: dict[str, Transition] = {t.action: t for t in TRANSITIONS}
ROLE_ZH = {r: ROLE_LABELS[r] for r in ("labour_inspector", "leader")}
#: the error every refused step raises (the kernel's)
TransitionError = WorkflowError


def facts(finding: str = "", outcome: str = "", has_evidence: bool = False) -> set[str]:
    """The names in :data:`FACTS` that hold for an alert with this finding, outcome and evidence."""
    out = set()
    if finding in FINDINGS:
        out |= {"finding", "finding_false" if finding == "false" else "finding_true"}
    if outcome in OUTCOMES:
        out.add("outcome")
    if has_evidence:
        out.add("evidence")
    return out


def check(
    state: str,
    action: str,
    *,
    roles: set[str],
    finding: str = "",
    outcome: str = "",
    has_evidence: bool = False,
) -> Transition:
    """The transition ``action`` from ``state`` if ``roles`` may take it with what is given
    (:meth:`Machine.check`, bilingual :class:`TransitionError` naming the field otherwise)."""
    return MACHINE.check(state, action, roles, facts(finding, outcome, has_evidence))


def deadline_spec(state: str, level: str, outcome: str) -> tuple[str, str] | None:
    """The parameter that sets the alert's period in ``state``, and its key (level or outcome).

    ``None`` for ``revisited`` (the loop is complete). For ``handled`` the period depends on
    the outcome; a case filed for investigation has the 60 working days of
    《劳动保障监察条例》第十七条.
    """
    if state == "revisited":
        return None
    if state == "handled":
        if outcome == "case_filed":
            return "arrears.alert.deadline_case_filed", ""
        return "arrears.alert.deadline_handled", outcome
    if state in ("signed_for", "verified", "dispatched"):
        return f"arrears.alert.deadline_{state}", level
    return f"arrears.alert.deadline_{state}", ""


def deadline_param(state: str, level: str, outcome: str, on: dt.date) -> tuple[int, ParamValue] | None:
    """How many working days the alert has in ``state``, and the parameter that says so."""
    spec = deadline_spec(state, level, outcome)
    if spec is None:
        return None
    pv = value_at(spec[0], on, REGION)
    return int(pv.value[spec[1]] if spec[1] else pv.value), pv


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
