"""The report's measures of requests and petitions, each defined once, in words and in code.

The department's 2025 rule-of-law report counts: 12345 requests with 及时受理率 100 %,
按时办结率 100 %, 群众满意率 99.98 %; letters and visits (批次、人次), 件件有答复; disclosure
applications, 全部按法定时限办理. These are the definitions the platform uses for those words.
The SQL that the KPI page runs (``renshe.appeals.stats``) is checked against :func:`compute`
on the same records in the tests, so the two cannot drift apart.

Counting rules common to all: a request is counted in the period it was **received**; a
**repeat** of a matter already on record (linked to the first, ``repeat_of``) is never counted
again; a clock that has run out on a request not yet done counts as missed on the day of
the report (it cannot become on time later).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .clocks import on_time


@dataclass(frozen=True)
class Definition:
    code: str
    name: str
    numerator: str
    denominator: str
    basis: str

    @property
    def text(self) -> str:
        return f"{self.name} = {self.numerator} ÷ {self.denominator}"


DEFINITIONS: dict[str, Definition] = {
    d.code: d
    for d in [
        Definition(
            "timely_acceptance",
            "及时受理率",
            "在受理（签收）期限内受理或告知的诉求件数",
            "统计期内登记的诉求件数（不含重复件；受理期限未到且尚未受理的不计入）",
            "《信访工作条例》第二十三条；12345工单签收时限（本地参数，待核实）",
        ),
        Definition(
            "on_time_completion",
            "按时办结率",
            "在办结期限（含依法延长、扣除依法不计算的期间）内答复办结的件数",
            "统计期内登记的、已答复或办结期限已届满的诉求件数（不含重复件）",
            "《信访工作条例》第三十四条；12345工单办结时限（本地参数，待核实）",
        ),
        Definition(
            "satisfaction",
            "群众满意率",
            "评价为“满意”或“基本满意”的件数",
            "统计期内登记且诉求人作出评价的件数（不含重复件；未评价的不计入）",
            "《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》（国办发〔2020〕53号）“满意度测评”",
        ),
        Definition(
            "answered",
            "来信来访答复率（件件有答复）",
            "已书面答复（或告知）的来信件数与来访批次",
            "统计期内登记的来信件数与来访批次（不含重复件）",
            "《信访工作条例》第二十三条、第三十二条",
        ),
        Definition(
            "disclosure_on_time",
            "依申请公开按时答复率",
            "在法定期限（20个工作日，经批准延长的加20个工作日；补正后重新起算，征求第三方意见的时间不计）内答复的件数",
            "统计期内收到的、已答复或答复期限已届满的政府信息公开申请件数",
            "《中华人民共和国政府信息公开条例》第三十条、第三十三条",
        ),
    ]
}

SATISFIED = ("satisfied", "basic")
LETTER_VISIT = ("letter", "visit")


@dataclass(frozen=True)
class Row:
    """What the measures need to know about one request (a disclosure uses only the clock fields)."""

    channel: str
    received_on: dt.date
    accepted_on: dt.date | None
    acceptance_due: dt.date | None
    replied_on: dt.date | None
    closing_due: dt.date | None
    satisfaction: str = ""  # satisfied, basic, dissatisfied, or "" (not rated)
    repeat: bool = False
    head_count: int = 1


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def rate(self) -> float | None:
        return None if self.denominator == 0 else self.numerator / self.denominator


@dataclass(frozen=True)
class Figures:
    received: int
    repeats: int
    visits_people: int
    timely_acceptance: Ratio
    on_time_completion: Ratio
    satisfaction: Ratio
    answered: Ratio


def _ratio(flags: Iterable[bool | None]) -> Ratio:
    counted = [f for f in flags if f is not None]
    return Ratio(sum(counted), len(counted))


def compute(rows: Iterable[Row], today: dt.date) -> Figures:
    """The measures over ``rows`` (already narrowed to the period and the scope asked for)."""
    rows = list(rows)
    first = [r for r in rows if not r.repeat]
    lv = [r for r in first if r.channel in LETTER_VISIT]
    return Figures(
        received=len(first),
        repeats=len(rows) - len(first),
        visits_people=sum(r.head_count for r in first if r.channel == "visit"),
        timely_acceptance=_ratio(on_time(r.accepted_on, r.acceptance_due, today) for r in first),
        on_time_completion=_ratio(on_time(r.replied_on, r.closing_due, today) for r in first),
        satisfaction=_ratio((r.satisfaction in SATISFIED) if r.satisfaction else None for r in first),
        answered=Ratio(sum(r.replied_on is not None for r in lv), len(lv)),
    )


def disclosure_on_time(rows: Iterable[Row], today: dt.date) -> Ratio:
    """依申请公开按时答复率 over disclosure applications (``closing_due`` = the reply's due date)."""
    return _ratio(on_time(r.replied_on, r.closing_due, today) for r in rows)
