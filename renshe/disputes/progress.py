"""What a party sees next: the next step of the case, the date the law sets for it, and the
documents served so far. Dates come from the dated clock parameters (``deadlines.*``) through the
``deadline`` calculator's rules (民法典第二百零一至二百零三条), so a holiday moves them as it should."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from renshe.rules.deadlines import period_end_array
from renshe.rules.parameters import value_at

from .documents import KINDS
from .models import Case


@dataclass(frozen=True)
class Step:
    text: str
    due: dt.date | None
    basis: str


def due(param: str, start: dt.date) -> dt.date:
    """The last day of clock ``param`` started by an event on ``start`` (counted from the next day)."""
    pv = value_at(param, start)
    return period_end_array(np.array([start], dtype="datetime64[D]"), int(pv.value), pv.unit)["due"][0].item()


def next_step(case: Case) -> Step | None:
    s = Case.State
    if case.state == s.APPLIED and case.received_on:
        return Step("仲裁委员会审查是否受理，并书面通知您", due("deadlines.arbitration_acceptance", case.received_on),
                    "《劳动争议调解仲裁法》第二十九条")
    if case.state in {s.ACCEPTED, s.SERVED, s.MEDIATING, s.HEARING} and case.accepted_on:
        return Step("仲裁庭先行调解；调解不成的开庭审理并作出裁决", due("deadlines.arbitration_award", case.accepted_on),
                    "《劳动争议调解仲裁法》第四十二条、第四十三条")
    if case.state == s.MEDIATED:
        return Step("调解书经双方签收后生效，请按约定期限履行", None, "《劳动争议调解仲裁法》第四十二条、第五十一条")
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
