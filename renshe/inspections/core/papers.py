"""The two papers of a 劳动保障监察 case, laid out once as a :class:`renshe.documents.doc.Doc`
(PDF and DOCX with the Chinese font embedded). Pure: the caller passes plain values.

- 责令改正指令书: 《劳动保障监察条例》第十八条第一款第二项 (责令改正), with the deadline;
- 劳动保障监察行政处理决定书: 第十八条, with the facts, the legal basis, and — 第十九条 —
  the employer's right to apply for 行政复议 or bring 行政诉讼.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from renshe.documents.doc import Doc, Fields, Para, Section


def cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class Parties:
    office: str  # the bureau that decides
    number: str  # the case number
    employer: str
    credit_code: str


def rectification_order(p: Parties, *, facts: str, legal_basis: str, due: dt.date, issued: dt.date) -> Doc:
    return Doc(
        title="劳动保障监察责令改正指令书",
        meta=[f"{p.number}", cn(issued)],
        sections=[
            Section(None, [Fields([("用人单位", p.employer), ("统一社会信用代码", p.credit_code)])]),
            Section("经查", [Para(facts)]),
            Section("依据", [Para(f"上述行为违反了{legal_basis}。根据《劳动保障监察条例》第十八条第一款第二项的规定，"
                                f"责令你单位于{cn(due)}前改正，并将改正情况书面报告本机关。逾期不改正的，本机关将依法处理。")]),
            Section(None, [Para(p.office, "right"), Para(cn(issued), "right")]),
        ],
    )


def decision(p: Parties, *, facts: str, decision_text: str, legal_basis: str, issued: dt.date,
             reviewed: bool) -> Doc:
    blocks = [
        Section(None, [Fields([("被处理单位", p.employer), ("统一社会信用代码", p.credit_code)])]),
        Section("违法事实", [Para(facts)]),
        Section("处理决定", [Para(f"根据{legal_basis}，本机关决定：{decision_text}")]),
        Section("权利告知", [Para("本机关在作出本决定前已听取你单位的陈述、申辩（《劳动保障监察条例》第十九条）。"
                               "你单位如不服本决定，可以依照《中华人民共和国行政复议法》的规定申请行政复议，"
                               "或者依照《中华人民共和国行政诉讼法》的规定提起行政诉讼。")]),
    ]
    if reviewed:
        blocks.append(Section(None, [Para("本决定已经法制审核（《中华人民共和国行政处罚法》第五十八条）。", "small")]))
    blocks.append(Section(None, [Para(p.office, "right"), Para(cn(issued), "right")]))
    return Doc(title="劳动保障监察行政处理决定书", meta=[p.number, cn(issued)], sections=blocks)
