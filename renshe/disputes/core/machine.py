"""The states of a labour-dispute case on the workflow kernel, each step with its article and clock.

《劳动争议调解仲裁法》 sets the course: the committee decides within five days of receiving an
application whether to accept it (第二十九条); after acceptance it serves the application on the
respondent, who may answer (第三十条); the tribunal mediates before it decides (第四十二条); the
parties are told of the hearing at least five days before it (第三十五条); the award comes within
45 days of acceptance, 15 more with the chair's approval (第四十三条第一款), and a part whose facts
are clear may be decided first (第二款); an applicant who settles may withdraw (第四十一条).
Before acceptance a case may go to a mediation organisation, which has fifteen days to reach an
agreement before the worker may go on to arbitration (第十四条第三款).

The mediation network (诉调对接): a court may entrust a case to the committee's mediators
(委托调解, 《最高人民法院关于人民法院特邀调解的规定》第一条), who have fifteen days (seven under the
summary procedure, 第二十七条) and return the result, an agreement or none, to the court (第二十条、
第二十六条); a mediation organisation that could not settle a dispute passes the application on
(调解仲裁法第十四条第三款). An agreement a mediation organisation reached may go on to review:
arbitration review (仲裁审查确认) or the court's confirmation within thirty days of its taking effect
(司法确认, 《人民调解法》第三十三条).

Clocks: acceptance (``deadlines.arbitration_acceptance``), the award period
(``deadlines.arbitration_award``, extended by ``deadlines.arbitration_award_extension``,
paused while the case is suspended), and the mediation organisation's fifteen days
(``deadlines.dispute_mediation``). The hearing notice is counted back from the hearing
(``deadlines.arbitration_hearing_notice``). Pure: imports only the kernel's pure machine.
"""

from __future__ import annotations

from renshe.platform.workflow.machine import SYSTEM, Machine, Transition

LAW = "《中华人民共和国劳动争议调解仲裁法》"
SPC_MEDIATION = "《最高人民法院关于人民法院特邀调解的规定》（法释〔2016〕14号）"
PEOPLE_MEDIATION = "《中华人民共和国人民调解法》"
STAFF = ("mediator", "arbitrator")

STATES = {
    "draft": "草稿",
    "applied": "已申请，待审查",
    "referred": "委派调解组织调解中",
    "accepted": "已受理",
    "rejected": "不予受理",
    "served": "已送达，答辩期",
    "mediating": "调解中",
    "mediated": "调解结案",
    "hearing": "已定开庭",
    "awarded": "已裁决",
    "closed": "结案",
    "withdrawn": "已撤回",
    "entrusted": "人民法院委托调解中",
    "confirming": "调解协议审查确认中",
}
RUNNING = ("accepted", "served", "mediating", "hearing")

CASE_MACHINE = Machine(
    name="disputes.case",
    states=STATES,
    initial="draft",
    final=("closed", "rejected", "withdrawn"),
    facts={
        "reason": "写明不予受理的理由",
        "terms": "填写调解协议内容",
        "hearing_on": "填写开庭日期",
        "partial": "写明先行裁决的事项",
        "result": "填写结果说明（调解组织的反馈、委托调解或审查确认的结果）",
        "sender": "选择移送案件的调解组织",
        "court": "选择委托调解的人民法院",
        "procedure": "选择法院适用的程序（普通程序或简易程序）",
        "outcome": "选择结果",
        "confirm_by": "选择仲裁审查确认或人民法院司法确认",
    },
    transitions=(
        Transition("submit", "提交仲裁申请", ("draft",), "applied", (SYSTEM, *STAFF),
                   f"{LAW}第二十八条、第二十九条", clock="deadlines.arbitration_acceptance"),
        Transition("refer", "委派调解组织调解（受理前）", ("applied",), "referred", ("arbitrator",),
                   f"{LAW}第十条、第十四条第三款", clock="deadlines.dispute_mediation"),
        Transition("referral_failed", "调解组织十五日内未达成协议，转回仲裁审查", ("referred",), "applied",
                   ("arbitrator",), f"{LAW}第十四条第三款", needs=("result",),
                   clock="deadlines.arbitration_acceptance"),
        Transition("accept", "受理", ("applied",), "accepted", ("arbitrator",), f"{LAW}第二十九条",
                   clock="deadlines.arbitration_award"),
        Transition("reject", "不予受理", ("applied",), "rejected", ("arbitrator",), f"{LAW}第二十九条",
                   needs=("reason",)),
        Transition("serve", "送达仲裁申请书副本", ("accepted",), "served", STAFF, f"{LAW}第三十条",
                   stops_clock=False),
        Transition("mediate", "仲裁庭先行调解", ("accepted", "served", "hearing"), "mediating", STAFF,
                   f"{LAW}第四十二条第一款", stops_clock=False),
        Transition("mediation_failed", "调解不成，继续仲裁", ("mediating",), "served", STAFF,
                   f"{LAW}第四十二条第一款、第四十三条", stops_clock=False),
        Transition("agree", "达成调解协议，制作调解书", ("mediating", "referred"), "mediated", STAFF,
                   f"{LAW}第十四条、第四十二条第二款", needs=("terms",)),
        Transition("set_hearing", "决定开庭并通知当事人", ("served", "mediating"), "hearing", ("arbitrator",),
                   f"{LAW}第三十五条", needs=("hearing_on",), stops_clock=False),
        Transition("partial_award", "就已查清的部分先行裁决", ("hearing",), "hearing", ("arbitrator",),
                   f"{LAW}第四十三条第二款", needs=("partial",), stops_clock=False),
        Transition("award", "作出裁决", ("hearing",), "awarded", ("arbitrator",),
                   f"{LAW}第四十三条第一款、第四十七条"),
        Transition("close", "结案归档", ("mediated", "awarded"), "closed", ("arbitrator",),
                   f"{LAW}第四十二条第三款、第五十一条"),
        Transition("receive_referral", "接收调解组织移送的仲裁申请（调解不成）", ("draft",), "applied", ("arbitrator",),
                   f"{LAW}第十四条第三款、第二十九条", needs=("sender",), clock="deadlines.arbitration_acceptance"),
        # the period follows the court's procedure: Case.clock_for chooses the parameter
        Transition("court_entrust", "接受人民法院委托调解（诉调对接）", ("draft",), "entrusted", ("arbitrator",),
                   f"{SPC_MEDIATION}第一条、第二十七条", needs=("court", "procedure"),
                   clock="deadlines.court_entrusted_mediation"),
        Transition("court_return", "委托调解结束，将调解结果退回人民法院", ("entrusted",), "closed", ("arbitrator",),
                   f"{SPC_MEDIATION}第二十条、第二十六条", needs=("outcome", "result")),
        Transition("seek_confirmation", "调解协议申请审查确认（仲裁审查确认或司法确认）", ("mediated",), "confirming",
                   STAFF, f"{PEOPLE_MEDIATION}第三十三条；{LAW}第十四条", needs=("confirm_by",)),
        Transition("confirmation_result", "记录审查确认结果", ("confirming",), "closed", ("arbitrator",),
                   f"{PEOPLE_MEDIATION}第三十三条", needs=("outcome", "result")),
        Transition("withdraw", "申请人撤回仲裁申请", ("applied", "referred", *RUNNING), "withdrawn",
                   ("arbitrator",), f"{LAW}第四十一条"),
    ),
)
