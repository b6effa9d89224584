"""Statutory periods: when a time limit counted in days, working days, months or years ends.

The rules, 《中华人民共和国民法典》总则编第十章:

- 第二百零一条: a period in years, months or days does not count the day it starts; it
  runs from the next day (``counted_from``);
- 第二百零二条: a period in years or months ends on the corresponding day of the last month,
  or on that month's last day when it has no such day;
- 第二百零三条: when the last day is a 法定休假日 (a statutory festival or a rest day), the
  period ends on the day after the holiday ends — the next working day.

A period in working days (e.g. 《政府信息公开条例》第三十三条) counts working days only and
ends on the last of them, so 第二百零三条 never moves it. Each procedure's length is a cited
parameter ``deadlines.<kind>``; its unit (days, working_days, months, years) says how to count.

Two calculators: ``deadline`` and ``limitation`` (《劳动争议调解仲裁法》第二十七条).
Both are written over numpy arrays of dates so a whole register can be computed at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from renshe.rules import calendar
from renshe.rules.calculators import Calculator
from renshe.rules.errors import ParameterNotFound, RulesError
from renshe.rules.fields import output
from renshe.rules.parameters import ParamValue, Reference, value_at
from renshe.rules.trace import Step, Trace

Unit = Literal["days", "working_days", "months", "years"]
UNIT_LABELS = {"days": "日", "working_days": "工作日", "months": "月", "years": "年"}

CIVIL_CODE = "中华人民共和国民法典"
ART_201 = Reference(document=CIVIL_CODE, article="第二百零一条第一款")
ART_202 = Reference(document=CIVIL_CODE, article="第二百零二条")
ART_203 = Reference(document=CIVIL_CODE, article="第二百零三条第一款")
LIMITATION_PARAM = "deadlines.labour_arbitration_limitation"
ART_27 = Reference(document="中华人民共和国劳动争议调解仲裁法", article="第二十七条")
ART_27_4 = Reference(document="中华人民共和国劳动争议调解仲裁法", article="第二十七条第四款")
_DAY = np.timedelta64(1, "D")

Kind = Literal[
    "disclosure",
    "disclosure_extension",
    "arbitration_acceptance",
    "arbitration_award",
    "arbitration_award_extension",
    "petition_reply",
    "petition_closing",
    "injury_recognition_employer",
    "injury_recognition_worker",
    "injury_recognition_decision",
]
KIND_LABELS: dict[str, str] = {
    "disclosure": "政府信息公开申请答复（20个工作日）",
    "disclosure_extension": "政府信息公开答复延长（最长20个工作日，自原期限届满日起算）",
    "arbitration_acceptance": "劳动争议仲裁申请受理审查（5日）",
    "arbitration_award": "劳动争议仲裁裁决（自受理起45日）",
    "arbitration_award_extension": "劳动争议仲裁裁决延期（最长15日，自原期限届满日起算）",
    "petition_reply": "信访事项书面告知是否受理（15日）",
    "petition_closing": "信访事项办结（自受理起60日）",
    "injury_recognition_employer": "用人单位申请工伤认定（30日）",
    "injury_recognition_worker": "职工或近亲属、工会申请工伤认定（1年）",
    "injury_recognition_decision": "作出工伤认定决定（自受理起60日）",
}
UNIT_ZH = {"days": "日", "working_days": "个工作日", "months": "个月", "years": "年"}


def add_months_array(starts: Any, months: Any) -> np.ndarray:
    """The corresponding day ``months`` later, or that month's last day (民法典第二百零二条)."""
    s = np.asarray(starts, dtype="datetime64[D]")
    first_of_month = s.astype("datetime64[M]")
    day = (s - first_of_month.astype("datetime64[D]")).astype(np.int64)
    target = first_of_month + np.asarray(months, dtype=np.int64).astype("timedelta64[M]")
    target_first = target.astype("datetime64[D]")
    month_len = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - target_first).astype(np.int64)
    return target_first + np.minimum(day, month_len - 1).astype("timedelta64[D]")


def period_end_array(starts: Any, lengths: Any, unit: Unit, field: str = "start") -> dict[str, np.ndarray]:
    """Apply 民法典第二百零一至二百零三条 to arrays of start dates and lengths.

    Returns arrays ``counted_from`` (start + 1 day), ``nominal`` (the last day before any
    move), ``due`` (moved to the next working day when ``nominal`` is not one), ``moved``
    and ``provisional`` (the calendar had no holiday notice for a year it relied on).
    """
    s = calendar.check_array(starts, field)
    n = np.broadcast_to(np.asarray(lengths, dtype=np.int64), s.shape)
    counted_from = s + _DAY
    if unit == "working_days":
        due, provisional = calendar.add_working_days_array(s, n, field)
        return {
            "counted_from": counted_from,
            "nominal": due,
            "due": due,
            "moved": np.zeros(s.shape, dtype=bool),
            "provisional": provisional,
        }
    if unit == "days":
        nominal = s + n.astype("timedelta64[D]")
    else:
        nominal = add_months_array(s, n * (12 if unit == "years" else 1))
    due, provisional = calendar.add_working_days_array(nominal - _DAY, 1, field)
    return {
        "counted_from": counted_from,
        "nominal": nominal,
        "due": due,
        "moved": due != nominal,
        "provisional": provisional,
    }


@dataclass(frozen=True)
class Pause:
    """Days the law does not count (inclusive): waiting for a completed application, a third
    party's opinion, a medical appraisal (e.g. 《政府信息公开条例》第三十条, 《工伤保险条例》
    第二十条第三款). ``to`` is None while the pause lasts."""

    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True)
class ClockDue:
    """When a running clock ends, pauses and a lawful extension counted."""

    due: dt.date
    original_due: dt.date
    days_paused: int
    provisional: bool


def _paused_units(pauses: tuple[Pause, ...], after: dt.date, end: dt.date, unit: Unit) -> int:
    """Units of the pauses inside ``(after, end]``: calendar days, or working days for a working-day clock."""
    total = 0
    for p in pauses:
        lo, hi = max(p.start, after + dt.timedelta(days=1)), min(p.end or end, end)
        if lo > hi:
            continue
        if unit == "working_days":
            total += calendar.working_days_between(lo - dt.timedelta(days=1), hi).value
        else:
            total += (hi - lo).days + 1
    return total


def _run(after: dt.date, length: int, unit: Unit, pauses: tuple[Pause, ...]) -> tuple[dt.date, int]:
    """The last day of a period of ``length`` units counted from the day after ``after``,
    before any roll-forward, with the paused units added (民法典第二百零一、二百零二条).

    Paused units push the end out, which may take in more of a later pause: repeated until
    the count is stable (it only grows and is bounded by the pauses' length).
    """
    paused = -1
    extra = 0
    while extra != paused:
        paused = extra
        if unit == "working_days":
            end = calendar.add_working_days(after, length + paused).value
        elif unit == "days":
            end = after + dt.timedelta(days=length + paused)
        else:
            end = add_months_array(np.array([after], dtype="datetime64[D]"), length * (12 if unit == "years" else 1))[
                0
            ].item() + dt.timedelta(days=paused)
        extra = _paused_units(pauses, after, end, "days" if unit in ("months", "years") else unit)
    return end, paused


def _roll(end: dt.date, unit: Unit) -> dt.date:
    """民法典第二百零三条: a last day that is a 法定休假日 moves to the next working day (never for working days)."""
    return end if unit == "working_days" else calendar.next_working_day(end).value


def clock_due(
    start: dt.date,
    length: int,
    unit: Unit,
    pauses: tuple[Pause, ...] = (),
    extension: tuple[int, Unit] | None = None,
) -> ClockDue:
    """The due date of a statutory clock started by an event on ``start``.

    Counted from the next day (民法典第二百零一条); paused units are added before the last
    day is rolled past a non-working day (第二百零三条), which happens once, at the end.
    ``original_due`` is the due date before any extension; a lawful extension
    (e.g. 劳动争议调解仲裁法第四十三条 +15 days, 政府信息公开条例第三十三条 +20 working days)
    is counted from it, with pauses after it counted as well.
    """
    check_pauses(pauses, start)
    end, paused = _run(start, length, unit, pauses)
    original = _roll(end, unit)
    due = original
    if extension is not None:
        ext_len, ext_unit = extension
        end2, paused2 = _run(original, ext_len, ext_unit, pauses)
        due, paused = _roll(end2, ext_unit), paused + paused2
    lo, hi = min(start, due), max(start, due)
    provisional = any(calendar.is_provisional(dt.date(y, 1, 1)) for y in range(lo.year, hi.year + 1))
    return ClockDue(due=due, original_due=original, days_paused=paused, provisional=provisional)


def check_pauses(pauses: tuple[Pause, ...], start: dt.date) -> None:
    """Each pause ends on or after it starts, none starts before the clock, none overlaps another."""
    ordered = sorted(pauses, key=lambda p: p.start)
    for i, p in enumerate(ordered):
        calendar.check_date(p.start, "pauses")
        if p.end is not None and p.end < p.start:
            raise RulesError.of(
                "pauses", f"暂停结束日 {p.end.isoformat()} 早于开始日 {p.start.isoformat()}", "a pause ends before it starts"
            )
        if p.start <= start:
            raise RulesError.of(
                "pauses",
                f"暂停开始日 {p.start.isoformat()} 应晚于起算事件日期 {start.isoformat()}",
                "a pause must start after the event that starts the clock",
            )
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if nxt is not None and (p.end is None or p.end >= nxt.start):
            raise RulesError.of("pauses", "暂停期间相互重叠，请合并后填写", "pauses overlap; merge them")


def count_back(event: dt.date, length: int, unit: Unit) -> dt.date:
    """The last day on which something may be done ``length`` units before ``event``.

    E.g. 劳动争议调解仲裁法第三十五条: the hearing notice 「在开庭五日前」 — five whole days
    must lie between the notice and the hearing, so the latest day is the event minus five.
    A latest day that is not a working day moves back to the working day before it: moving
    it forward, as 第二百零三条 does for a period's end, would shorten the notice below the
    length the law requires.
    """
    calendar.check_date(event, "event_date")
    if unit == "working_days":
        return calendar.add_working_days(event, -length).value
    if unit == "days":
        day = event - dt.timedelta(days=length)
    else:
        day = add_months_array(np.array([event], dtype="datetime64[D]"), -length * (12 if unit == "years" else 1))[
            0
        ].item()
    while not calendar.is_workday(day):
        day -= dt.timedelta(days=1)
    return day


class PauseIn(BaseModel):
    """One span of days the law does not count, both ends included."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: dt.date = Field(alias="from", title="开始日期")
    to: dt.date = Field(title="结束日期")


class DeadlineIn(BaseModel):
    """Input of the ``deadline`` calculator."""

    model_config = ConfigDict(extra="forbid")

    start: dt.date = Field(
        title="起算事件日期",
        description="引起期间开始的事件发生之日（如收到申请之日、受理之日）；依民法典第二百零一条，当日不计入，自次日起算",
    )
    working_days: int | None = Field(
        default=None,
        ge=1,
        le=2000,
        title="期间（工作日）",
        description="按工作日计算的期间长度；与“期间（日）”只填其一",
    )
    days: int | None = Field(
        default=None,
        ge=1,
        le=36500,
        title="期间（日）",
        description="按自然日计算的期间长度；与“期间（工作日）”只填其一",
    )
    kind: Kind | None = Field(
        default=None,
        title="法定期限类型",
        description="选择后由法规规定期间长度；也可与自填的期间同时使用（自填优先，但计算单位须一致）",
        json_schema_extra={"x-labels": KIND_LABELS},
    )
    pauses: list[PauseIn] = Field(
        default_factory=list,
        max_length=50,
        title="不计入期间的时段",
        description="依法不计算在期限内的时段（如补正申请材料、征求第三方意见、劳动能力鉴定的时间），起止日均含；"
        "按工作日计算的期间只扣除其中的工作日",
    )
    extended: bool = Field(
        default=False,
        title="依法延长",
        description="所选法定期限类型依法延长（如劳动争议仲裁裁决延长15日、政府信息公开答复延长20个工作日），自原期限届满日起算",
    )


class DeadlineOut(BaseModel):
    """Result of the ``deadline`` calculator."""

    due: dt.date = output("期间届满日", description="期间的最后一日")
    counted_from: dt.date = output("起算日", description="期间开始计算的第一日")
    length: int = output("期间长度")
    unit: Unit = output("计算单位", labels=UNIT_LABELS)
    kind: str | None = output("法定期限类型", default=None, labels=KIND_LABELS)
    original_due: dt.date = output(
        "原期限届满日", description="延长前的届满日（已扣除不计入的时段、已顺延）；延长期自此日起算"
    )
    days_paused: int = output("不计入的天数", description="不计入期间的天数，按本期间的计算单位（日或工作日）计")
    provisional: bool = output(
        "日期可能因调休变化", description="依赖尚未载入放假通知的年份时为 true，日期可能因调休变化"
    )
    trace: list[Step]


def _kind_length(kind: str, on: dt.date) -> ParamValue:
    return value_at(f"deadlines.{kind}", on)


def resolve_length(inp: DeadlineIn) -> tuple[int, Unit, ParamValue | None]:
    """The period's length and unit: from the input, or from the kind's cited parameter."""
    if inp.working_days is not None and inp.days is not None:
        raise RulesError.of(
            "days",
            "“期间（工作日）”与“期间（日）”只能填写其中一项",
            "give either working_days or days, not both",
        )
    param = _kind_length(inp.kind, inp.start) if inp.kind else None
    if inp.working_days is None and inp.days is None:
        if param is None:
            raise RulesError.of(
                "working_days",
                "请填写“期间（工作日）”或“期间（日）”，或选择法定期限类型",
                "give working_days or days, or a kind whose law sets the length",
            )
        return int(param.value), param.unit, param
    given: Unit = "working_days" if inp.working_days is not None else "days"
    length = inp.working_days if inp.working_days is not None else inp.days
    if param is not None and param.unit != given:
        raise RulesError.of(
            given,
            f"“{KIND_LABELS[inp.kind]}”按{UNIT_ZH[param.unit]}计算，不能以{UNIT_ZH[given]}填写",
            f"kind '{inp.kind}' is counted in {param.unit}, not {given}",
        )
    return int(length), given, param


def compute_deadline(inp: DeadlineIn) -> DeadlineOut:
    """One deadline, through :func:`period_end_array`, with its explanation."""
    length, unit, param = resolve_length(inp)
    out = period_end_array(np.array([inp.start], dtype="datetime64[D]"), length, unit)
    counted_from, nominal, due = (out[k][0].item() for k in ("counted_from", "nominal", "due"))
    moved, provisional = bool(out["moved"][0]), bool(out["provisional"][0])
    trace = Trace()
    trace.add(
        "期间开始的当日不计入，自下一日开始计算",
        ART_201,
        inputs={"start": inp.start.isoformat()},
        result=counted_from.isoformat(),
        formula=f"{inp.start.isoformat()} + 1日 = {counted_from.isoformat()}",
    )
    if param is not None:
        trace.add(
            f"法定期间：{param.description}",
            param.reference,
            params=[param],
            inputs={"kind": inp.kind},
            result=f"{length}{UNIT_ZH[unit]}",
        )
    basis = "；".join(calendar.basis(inp.start, due))
    if unit == "working_days":
        trace.add(
            f"按工作日计算，只数工作日（含调休上班日），不数休息日和法定节假日。工作日历：{basis}",
            param.reference if param else Reference(document="全国年节及纪念日放假办法"),
            inputs={"counted_from": counted_from.isoformat(), "working_days": length},
            result=due.isoformat(),
            formula=f"自 {counted_from.isoformat()} 起第 {length} 个工作日 = {due.isoformat()}",
        )
    else:
        rule = "按日计算" if unit == "days" else "按月、年计算，到期月的对应日为最后一日，无对应日的为月末日"
        trace.add(
            rule,
            ART_201 if unit == "days" else ART_202,
            inputs={"start": inp.start.isoformat(), "length": length, "unit": unit},
            result=nominal.isoformat(),
            formula=f"{inp.start.isoformat()} + {length}{UNIT_ZH[unit]} = {nominal.isoformat()}",
        )
        trace.add(
            "期间的最后一日是法定休假日（法定节假日或休息日）的，以休假日结束的次日为最后一日"
            + (
                f"：{nominal.isoformat()} 不是工作日，顺延"
                if moved
                else f"：{nominal.isoformat()} 是工作日，不顺延"
            )
            + f"。工作日历：{basis}",
            ART_203,
            inputs={"nominal": nominal.isoformat()},
            result=due.isoformat(),
        )
    clock = _pauses_and_extension(inp, length, unit, param, trace)
    return DeadlineOut(
        due=clock.due if clock else due,
        counted_from=counted_from,
        length=length,
        unit=unit,
        kind=inp.kind,
        original_due=clock.original_due if clock else due,
        days_paused=clock.days_paused if clock else 0,
        provisional=provisional or bool(clock and clock.provisional),
        trace=trace,
    )


def extension_param(kind: str | None, on: dt.date) -> ParamValue:
    """The lawful extension of ``kind`` (parameter ``deadlines.<kind>_extension``), or a bilingual error."""
    if kind is None:
        raise RulesError.of(
            "extended", "依法延长须先选择法定期限类型（延长多久由该类期限的法律规定）", "extended needs a kind"
        )
    try:
        return value_at(f"deadlines.{kind}_extension", on)
    except ParameterNotFound:
        raise RulesError.of(
            "extended", f"“{KIND_LABELS.get(kind, kind)}”没有法定的延长期限", f"kind '{kind}' has no lawful extension"
        ) from None


def _pauses_and_extension(
    inp: DeadlineIn, length: int, unit: Unit, param: ParamValue | None, trace: Trace
) -> ClockDue | None:
    """The due date with the input's pauses and extension (None when it has neither), explained."""
    if not inp.pauses and not inp.extended:
        return None
    if inp.pauses and unit in ("months", "years"):
        raise RulesError.of("pauses", "按月、年计算的期间不支持扣除时段", "pauses apply to periods in days or working days")
    pauses = tuple(Pause(p.from_, p.to) for p in inp.pauses)
    ext = extension_param(inp.kind, inp.start) if inp.extended else None
    clock = clock_due(inp.start, length, unit, pauses, (int(ext.value), ext.unit) if ext else None)
    if pauses:
        spans = "、".join(f"{p.start.isoformat()}至{p.end.isoformat()}" for p in pauses)
        trace.add(
            f"依法不计入期限的时段（{spans}）共{clock.days_paused}{UNIT_ZH[unit]}，先加到期间上，"
            + ("按工作日计算的不再顺延" if unit == "working_days" else "再按第二百零三条顺延一次"),
            param.reference if param else ART_201,
            inputs={"pauses": [{"from": p.start.isoformat(), "to": p.end.isoformat()} for p in pauses]},
            result=clock.original_due.isoformat(),
            formula=f"{length} + {clock.days_paused} {UNIT_ZH[unit]}，原期限届满日 {clock.original_due.isoformat()}",
        )
    if ext is not None:
        trace.add(
            f"依法延长：{ext.description}，自原期限届满日 {clock.original_due.isoformat()} 起算",
            ext.reference,
            params=[ext],
            inputs={"original_due": clock.original_due.isoformat()},
            result=clock.due.isoformat(),
            formula=f"{clock.original_due.isoformat()} + {ext.value}{UNIT_ZH[ext.unit]} → {clock.due.isoformat()}",
        )
    return clock


Claim = Literal["general", "unpaid_wages"]


class LimitationIn(BaseModel):
    """Input of the ``limitation`` calculator."""

    model_config = ConfigDict(extra="forbid")

    known_on: dt.date = Field(
        title="知道权利被侵害之日",
        description="当事人知道或者应当知道其权利被侵害之日（劳动争议调解仲裁法第二十七条第一款）",
    )
    filed_on: dt.date | None = Field(
        default=None, title="申请仲裁之日", description="已申请仲裁的，填写申请日，用于判断是否超过时效"
    )
    employment_ended_on: dt.date | None = Field(
        default=None,
        title="劳动关系终止之日",
        description="劳动关系已终止的，填写终止之日；追索劳动报酬时决定时效起算",
    )
    claim: Claim = Field(
        default="general",
        title="请求类型",
        description="劳动关系存续期间拖欠劳动报酬的争议适用第二十七条第四款",
        json_schema_extra={
            "x-labels": {"general": "一般劳动争议", "unpaid_wages": "追索劳动关系存续期间拖欠的劳动报酬"}
        },
    )

    @field_validator("filed_on")
    @classmethod
    def _filed_after_known(cls, filed: dt.date | None, info: ValidationInfo) -> dt.date | None:
        """An application cannot precede the day the right was known to be infringed (art. 27 ¶1)."""
        known = info.data.get("known_on")
        if filed is not None and known is not None and filed < known:
            raise ValueError(
                f"申请仲裁之日 {filed.isoformat()} 早于知道权利被侵害之日 {known.isoformat()}，请核对日期 / "
                f"filed_on {filed.isoformat()} is before known_on {known.isoformat()}; check the dates"
            )
        return filed


class LimitationOut(BaseModel):
    """Result of the ``limitation`` calculator."""

    running: bool = output(
        "时效已开始计算", description="时效是否已开始计算（劳动关系存续期间拖欠劳动报酬的，不受时效限制）"
    )
    counted_from: dt.date | None = output("时效起算日")
    expires_on: dt.date | None = output(
        "申请仲裁最后一日", description="申请仲裁的最后一日；时效尚未起算时为 null"
    )
    within_limit: bool | None = output("在时效期间内", description="给出申请仲裁之日时，是否在时效期间内")
    provisional: bool = output("日期可能因调休变化", "依赖尚未载入放假通知的年份")
    trace: list[Step]


def limitation_array(
    known_on: Any, employment_ended_on: Any, unpaid_wages: Any, field: str = "known_on"
) -> dict[str, np.ndarray]:
    """劳动争议调解仲裁法第二十七条 over arrays; ``employment_ended_on`` uses NaT for "still employed".

    A wage claim that arose while employed (known on or before the end of employment, or
    with employment not ended) runs from the end of employment (第四款) or not at all yet;
    every other claim runs from ``known_on`` (第一款). Returns ``start`` (NaT when not
    running), ``running``, ``expires_on``, ``provisional``.
    """
    known = calendar.check_array(known_on, field)
    ended = np.broadcast_to(np.asarray(employment_ended_on, dtype="datetime64[D]"), known.shape)
    wages = np.broadcast_to(np.asarray(unpaid_wages, dtype=bool), known.shape)
    still_employed = np.isnat(ended)
    during_employment = wages & (still_employed | (known <= np.where(still_employed, known, ended)))
    running = ~(during_employment & still_employed)
    start = np.where(during_employment, ended, known)
    starts = start[running]
    uniq, inv = np.unique(starts, return_inverse=True)
    years = np.array([int(value_at(LIMITATION_PARAM, d.item()).value) for d in uniq], dtype=np.int64)[inv]
    expires = np.full(known.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    provisional = np.zeros(known.shape, dtype=bool)
    if running.any():
        ends = period_end_array(starts, years, "years", field)
        expires[running] = ends["due"]
        provisional[running] = ends["provisional"]
    return {
        "start": np.where(running, start, np.datetime64("NaT")),
        "running": running,
        "expires_on": expires,
        "provisional": provisional,
    }


def compute_limitation(inp: LimitationIn) -> LimitationOut:
    """One limitation question, through :func:`limitation_array`, with its explanation."""
    if inp.employment_ended_on is not None:
        calendar.check_date(inp.employment_ended_on, "employment_ended_on")
    ended = np.array([inp.employment_ended_on or "NaT"], dtype="datetime64[D]")
    out = limitation_array(
        np.array([inp.known_on], dtype="datetime64[D]"), ended, inp.claim == "unpaid_wages"
    )
    running, provisional = bool(out["running"][0]), bool(out["provisional"][0])
    trace = Trace()
    if not running:
        trace.add(
            "劳动关系存续期间因拖欠劳动报酬发生争议的，劳动者申请仲裁不受一年时效期间的限制；劳动关系终止后才开始计算",
            ART_27_4,
            inputs={"claim": inp.claim, "employment_ended_on": None},
            result="时效尚未起算",
        )
        return LimitationOut(
            running=False,
            counted_from=None,
            expires_on=None,
            within_limit=True if inp.filed_on else None,
            provisional=False,
            trace=trace,
        )
    start = out["start"][0].item()
    expires = out["expires_on"][0].item()
    param = value_at(LIMITATION_PARAM, start)
    from_end = inp.claim == "unpaid_wages" and start == inp.employment_ended_on
    trace.add(
        "劳动关系存续期间拖欠劳动报酬的，自劳动关系终止之日起一年内提出"
        if from_end
        else "仲裁时效期间从当事人知道或者应当知道其权利被侵害之日起计算",
        ART_27_4 if from_end else ART_27,
        params=[param],
        inputs={"known_on": inp.known_on.isoformat(), "employment_ended_on": inp.employment_ended_on},
        result=start.isoformat(),
    )
    trace.add(
        f"时效期间{param.value}年：开始当日不计入，到期年的对应日为最后一日；最后一日是法定休假日的顺延至次一工作日。"
        f"工作日历：{'；'.join(calendar.basis(start, expires))}",
        ART_202,
        inputs={"from": start.isoformat(), "years": param.value},
        result=expires.isoformat(),
        formula=f"{start.isoformat()} + {param.value}年 → {expires.isoformat()}",
    )
    within = None
    if inp.filed_on is not None:
        within = inp.filed_on <= expires
        trace.add(
            "申请仲裁之日不晚于时效期间最后一日的，未超过时效（时效中断、中止须另行认定）",
            ART_27,
            inputs={"filed_on": inp.filed_on.isoformat(), "expires_on": expires.isoformat()},
            result=within,
        )
    return LimitationOut(
        running=True,
        counted_from=start + dt.timedelta(days=1),
        expires_on=expires,
        within_limit=within,
        provisional=provisional,
        trace=trace,
    )


CALCULATORS = [
    Calculator(
        name="deadline",
        title="法定期限计算",
        summary="按民法典第二百零一至二百零三条计算期间：开始当日不计入，最后一日为休息日或法定节假日的顺延至次一工作日；"
        "按工作日计算的只数工作日。可选法定期限类型（政府信息公开答复、劳动争议仲裁、信访、工伤认定）。",
        input_model=DeadlineIn,
        result_model=DeadlineOut,
        compute=compute_deadline,
        references=[
            ART_201,
            ART_202,
            ART_203,
            Reference(document="全国年节及纪念日放假办法", article="第二条"),
        ],
        example={"start": "2025-09-26", "kind": "disclosure"},
    ),
    Calculator(
        name="limitation",
        title="劳动争议仲裁时效",
        summary="按劳动争议调解仲裁法第二十七条计算申请仲裁的最后一日：时效一年，自知道或应当知道权利被侵害之日起算；"
        "劳动关系存续期间拖欠劳动报酬的，自劳动关系终止之日起算。时效中断、中止需另行认定。",
        input_model=LimitationIn,
        result_model=LimitationOut,
        compute=compute_limitation,
        references=[ART_27, ART_202, ART_203],
        example={"known_on": "2025-03-15", "filed_on": "2026-03-10"},
    ),
]
