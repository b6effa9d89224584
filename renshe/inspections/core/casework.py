"""劳动保障监察 cases (劳动保障智慧监察): the steps as a kernel machine, and the look-back rule.

Pure (no Django). From a clue — a complaint, a 12345 or 96333 request, an arrears alert or
an inspection finding — to the closing of the case:

received 登记 → accepted 受理 (or not_accepted 不予受理) → filed 立案 (《劳动保障监察条例》
第十七条: the investigation within ``inspections.investigation_working_days`` of filing,
extended once by ``inspections.investigation_extension_working_days`` with the head of the
department's approval) → investigated 调查终结 → for a significant decision, legal_review
法制审核 (《优化营商环境条例》第五十八条; 《行政处罚法》第五十八条) by the legal office →
decided 作出处理决定 (第十八条; 第十九条: the employer heard first) → closed 结案. A case filed
may be withdrawn (撤销立案, 第十八条第一款第三项: 情节轻微且已改正). An order to rectify
(责令改正, 第十八条第一款第二项) may be issued while the case is open.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt

from renshe.platform.workflow.machine import Machine, Transition

STATES: dict[str, str] = {
    "received": "已登记待受理",
    "accepted": "已受理待立案",
    "not_accepted": "不予受理",
    "filed": "已立案调查中",
    "investigated": "调查终结",
    "legal_review": "法制审核中",
    "reviewed": "法制审核通过",
    "decided": "已作出处理决定",
    "closed": "已结案",
}
INSPECTOR = ("labour_inspector",)
LEADER = ("leader",)
LEGAL = ("legal_office",)

CASE_MACHINE = Machine(
    name="inspections.case",
    states=STATES,
    initial="received",
    final=("not_accepted", "closed"),
    transitions=(
        Transition("accept", "受理", ("received",), "accepted", INSPECTOR,
                   "《劳动保障监察条例》第十四条", ("within_lookback",)),
        Transition("refuse", "不予受理", ("received",), "not_accepted", INSPECTOR,
                   "《劳动保障监察条例》第二十条", ("reason",)),
        Transition("file", "立案", ("accepted",), "filed", INSPECTOR,
                   "《劳动保障监察条例》第十七条、第二十条", ("within_lookback",),
                   clock="inspections.investigation_working_days"),
        Transition("extend", "延长调查期限", ("filed",), "filed", LEADER,
                   "《劳动保障监察条例》第十七条（情况复杂，经负责人批准延长30个工作日）",
                   ("reason", "not_extended"), stops_clock=False),
        Transition("order_rectify", "责令改正", ("filed", "investigated"), "filed", INSPECTOR,
                   "《劳动保障监察条例》第十八条第一款第二项", ("rectify_due", "legal_basis"), stops_clock=False),
        Transition("conclude", "调查终结", ("filed",), "investigated", INSPECTOR,
                   "《劳动保障监察条例》第十七条", ("findings",)),
        Transition("withdraw", "撤销立案", ("filed", "investigated"), "closed", INSPECTOR,
                   "《劳动保障监察条例》第十八条第一款第三项", ("reason",)),
        Transition("submit_review", "提交法制审核", ("investigated",), "legal_review", INSPECTOR,
                   "《优化营商环境条例》第五十八条；《行政处罚法》第五十八条", ("significant", "decision_drafted")),
        Transition("approve_review", "法制审核通过", ("legal_review",), "reviewed", LEGAL,
                   "《行政处罚法》第五十八条", ("reason",)),
        Transition("return_review", "法制审核退回", ("legal_review",), "investigated", LEGAL,
                   "《行政处罚法》第五十八条", ("reason",)),
        Transition("decide", "作出处理决定", ("investigated",), "decided", INSPECTOR,
                   "《劳动保障监察条例》第十八条、第十九条", ("not_significant", "decision_drafted", "heard")),
        Transition("decide_reviewed", "作出处理决定", ("reviewed",), "decided", INSPECTOR,
                   "《劳动保障监察条例》第十八条、第十九条", ("decision_drafted", "heard")),
        Transition("close", "结案", ("decided",), "closed", INSPECTOR, "《劳动保障监察条例》第十八条"),
    ),
    facts={
        "within_lookback": "违法行为在2年内被发现或者被举报、投诉（《劳动保障监察条例》第二十条）",
        "reason": "已填写理由或意见",
        "not_extended": "调查期限尚未延长过（只能延长一次）",
        "rectify_due": "整改期限须晚于今天",
        "legal_basis": "已填写法律依据",
        "findings": "已填写调查认定的事实",
        "significant": "属于重大执法决定（须法制审核）",
        "not_significant": "不属于重大执法决定（重大执法决定须先经法制审核）",
        "decision_drafted": "已填写处理决定的内容和法律依据",
        "heard": "已听取用人单位的陈述、申辩（《劳动保障监察条例》第十九条）",
    },
)


def _add_years(d: dt.date, years: int) -> dt.date:
    """《民法典》第二百零二条: the corresponding day, or the month's last day when there is none."""
    year = d.year + years
    return d.replace(year=year, day=min(d.day, cal.monthrange(year, d.month)[1]))


def lookback_ends(violation_end: dt.date, years: int) -> dt.date:
    """The last day a violation ended on ``violation_end`` may still be investigated.

    《劳动保障监察条例》第二十条: not investigated if neither discovered nor complained of within
    ``years`` (parameter ``inspections.lookback_years``); counted from the day the violation
    happened, or, for a continuing one, from the day it ended; the period starts the next day
    (《民法典》第二百零一条).
    """
    return _add_years(violation_end, years)


def within_lookback(violation_end: dt.date | None, discovered_on: dt.date, years: int) -> bool:
    """True when still open for investigation; a violation still going on always is."""
    return violation_end is None or discovered_on <= lookback_ends(violation_end, years)
