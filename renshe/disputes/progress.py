"""What a party sees next: the next step of the case, the date the law sets for it, and the
documents served so far. Dates are the kernel's running clocks (dated parameters ``deadlines.*``,
民法典第二百零一至二百零三条, pauses and extension counted), so a holiday moves them as it should."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from renshe.platform.workflow.clocks import open_clocks

from .documents import KINDS
from .models import Case


@dataclass(frozen=True)
class Step:
    text: str
    due: dt.date | None
    basis: str


def next_step(case: Case) -> Step | None:
    """What happens next and by when: the running statutory clock's due date (pauses and an
    extension already counted by the kernel)."""
    s = Case.State
    clock = open_clocks(case).order_by("due").first()
    texts = {
        s.APPLIED: "仲裁委员会审查是否受理，并书面通知您",
        s.REFERRED: "调解组织主持调解；十五日内未达成协议的，您可以继续申请仲裁",
        s.ACCEPTED: "仲裁委员会向用人单位送达申请书副本；仲裁庭先行调解，调解不成的开庭审理并作出裁决",
        s.SERVED: "用人单位收到申请书副本后十日内答辩；仲裁庭先行调解，调解不成的开庭审理",
        s.MEDIATING: "仲裁庭主持调解；调解不成的及时裁决",
        s.ENTRUSTED: "人民法院委托的调解正在进行；期限内未达成协议的，调解结果退回人民法院",
        s.HEARING: f"按时出庭（{case.hearing_on:%Y年%-m月%-d日}开庭）；仲裁庭在裁决期限内作出裁决" if case.hearing_on else "",
    }
    if case.state in texts and clock is not None:
        return Step(texts[case.state], clock.due, clock.basis)
    if case.state == s.MEDIATED:
        return Step("调解书经双方签收后生效，请按约定期限履行", None, "《劳动争议调解仲裁法》第四十二条、第五十一条")
    if case.state == s.CONFIRMING:
        return Step(f"调解协议正在{case.get_confirmation_by_display()}，结果会在本页显示", None,
                    "《中华人民共和国人民调解法》第三十三条")
    if case.state == s.AWARDED:
        return Step("对非终局裁决不服的，可以自收到裁决书之日起十五日内向人民法院提起诉讼", None,
                    "《劳动争议调解仲裁法》第四十八条、第五十条")
    return None


def served(case: Case) -> list[tuple[str, str]]:
    """The documents the party has been served, in order."""
    s = Case.State
    out = [("application", KINDS["application"])] if case.received_on else []
    if case.accepted_on:
        out.append(("acceptance", KINDS["acceptance"]))
    if case.state == s.REJECTED:
        out.append(("non_acceptance", KINDS["non_acceptance"]))
    if case.hearing_on:
        out.append(("hearing", KINDS["hearing"]))
    if case.state == s.MEDIATED or case.mediated_on:
        out.append(("agreement", KINDS["agreement"]))
    return out
