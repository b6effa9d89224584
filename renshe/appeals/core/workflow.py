"""The steps of a request, a petition and a disclosure application: who may take each, on what
article, and which statutory clock it starts — as the workflow kernel's pure machines
(:mod:`renshe.platform.workflow.machine`), applied by its ``services.apply``.

Clocks are parameter names (``renshe/rules/params``); which closing clock applies depends on
the channel family: letters and visits are 信访 (信访工作条例), the hotlines and the online form
are handled under the local 12345 time limits (parameters marked unverified). The clock a
request starts when it is registered is :data:`START_CLOCKS`.
"""

from __future__ import annotations

from renshe.platform.workflow.machine import SYSTEM, Machine, Transition

STAFF = ("division_staff", "labour_inspector", "leader")
HEAD = ("leader",)
#: the requester rates through the signed link staff text them: no account, so the platform
#: takes the step on their behalf (the kernel's ``system`` role), never a member of staff
PUBLIC = (SYSTEM,)

XF = "《信访工作条例》"
GK = "《中华人民共和国政府信息公开条例》"
HOTLINE = "12345热线工单办理规定（本地参数，待核实）"
WAGE = "《保障农民工工资支付条例》第十条第三款（首问负责制）"


APPEAL_STATES = {
    "registered": "已登记待受理",
    "accepted": "已受理办理中",
    "not_accepted": "不予受理（已告知）",
    "replied": "已答复待评价",
    "closed": "已办结",
    "reviewing": "复查中",
    "reviewed": "已复查答复",
    "rereviewing": "复核中",
    "rereviewed": "已复核答复",
}
#: machine name → the clock its initial state starts (registration)
START_CLOCKS: dict[str, str] = {"appeals.disclosure": "deadlines.disclosure"}
APPEAL_FACTS = {
    "reply": "答复内容",
    "reason": "理由",
    "approved_by": "批准延期的负责人",
}


def _appeal_machine(name: str, accept_clock: str, closing: str, accept_basis: str, closing_basis: str,
                    petition: bool) -> Machine:
    steps = [
        Transition("accept", "受理", ("registered",), "accepted", STAFF, accept_basis, clock=closing),
        Transition("decline", "不予受理并告知", ("registered",), "not_accepted", STAFF, accept_basis, ("reason",)),
        Transition("extend", "延长办理期限", ("accepted",), "accepted", HEAD, closing_basis,
                   ("reason", "approved_by"), stops_clock=False),
        Transition("reply", "答复", ("accepted",), "replied", STAFF, closing_basis, ("reply",)),
        Transition("rate_satisfied", "评价满意", ("replied",), "closed", PUBLIC, closing_basis),
        Transition("rate_dissatisfied", "评价不满意，重新办理", ("replied",), "accepted", PUBLIC, closing_basis,
                   clock=closing),
        Transition("close", "办结（未评价）", ("replied",), "closed", STAFF, closing_basis),
    ]
    if petition:
        steps += [
            Transition("request_review", "登记复查请求", ("closed", "replied"), "reviewing", STAFF,
                       f"{XF}第三十五条", ("reason",), clock="appeals.petition.review"),
            Transition("answer_review", "复查答复", ("reviewing",), "reviewed", STAFF, f"{XF}第三十五条", ("reply",)),
            Transition("request_rereview", "登记复核请求", ("reviewed",), "rereviewing", STAFF,
                       f"{XF}第三十六条", ("reason",), clock="appeals.petition.rereview"),
            Transition("answer_rereview", "复核答复", ("rereviewing",), "rereviewed", STAFF, f"{XF}第三十六条",
                       ("reply",)),
        ]
    START_CLOCKS[name] = accept_clock
    return Machine(name, APPEAL_STATES, "registered", ("not_accepted", "rereviewed"), tuple(steps), APPEAL_FACTS)


PETITION = _appeal_machine(
    "appeals.petition", "deadlines.petition_reply", "deadlines.petition_closing",
    f"{XF}第二十三条第二款", f"{XF}第三十四条", petition=True,
)
HOTLINE_MACHINE = _appeal_machine(
    "appeals.hotline", "appeals.hotline.sign_for", "appeals.hotline.closing",
    f"{HOTLINE}；{WAGE}", HOTLINE, petition=False,
)

#: The extension parameter of each machine's closing clock.
EXTENSIONS = {
    "deadlines.petition_closing": "appeals.petition.closing_extension",
    "appeals.hotline.closing": "appeals.hotline.extension",
    "deadlines.disclosure": "deadlines.disclosure_extension",
}

DISCLOSURE_STATES = {
    "received": "已收到办理中",
    "completion_requested": "待申请人补正",
    "third_party": "征求第三方意见中",
    "replied": "已答复",
}
DISCLOSURE = Machine(
    "appeals.disclosure",
    DISCLOSURE_STATES,
    "received",
    ("replied",),
    (
        Transition("request_completion", "一次性告知补正", ("received",), "completion_requested",
                   ("division_staff", "legal_office", "leader"), f"{GK}第三十条", ("reason",)),
        Transition("complete", "收到补正后的申请", ("completion_requested",), "received",
                   ("division_staff", "legal_office", "leader"), f"{GK}第三十条", clock="deadlines.disclosure"),
        Transition("consult", "书面征求第三方意见（答复期限暂停）", ("received",), "third_party",
                   ("division_staff", "legal_office", "leader"), f"{GK}第三十二条、第三十三条第三款", ("reason",),
                   stops_clock=False),
        Transition("consulted", "收到第三方意见（或期满）", ("third_party",), "received",
                   ("division_staff", "legal_office", "leader"), f"{GK}第三十二条", stops_clock=False),
        Transition("extend", "延长答复期限", ("received",), "received", HEAD, f"{GK}第三十三条第二款",
                   ("reason", "approved_by"), stops_clock=False),
        Transition("reply", "作出答复", ("received",), "replied", ("division_staff", "legal_office", "leader"),
                   f"{GK}第三十六条至第三十九条", ("outcome", "reply")),
        Transition("abandon", "逾期未补正，不再处理", ("completion_requested",), "replied",
                   ("division_staff", "legal_office", "leader"), f"{GK}第三十条"),
    ),
    {"reason": "事由", "approved_by": "批准延期的负责人", "outcome": "答复类型", "reply": "答复内容"},
)


def start_clock(channel: str) -> str:
    """The clock a request of ``channel`` starts when registered (deciding on acceptance)."""
    return START_CLOCKS[machine_for(channel).name]


def closing_clock(channel: str) -> str:
    """The clock accepting a request of ``channel`` starts (handling it to the end)."""
    return machine_for(channel).transition("accept").clock


def machine_for(channel: str) -> Machine:
    """Letters and visits are petitions (信访); every other channel is handled as a hotline request."""
    return PETITION if channel in ("letter", "visit") else HOTLINE_MACHINE
