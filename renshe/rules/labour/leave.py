"""带薪年休假天数与未休年休假工资报酬 (calculator ``annual-leave``).

- Entitlement (《职工带薪年休假条例》第三条): cumulative service (at any employer, 实施办法
  第四条) of 1–10 years gives 5 days, 10–20 years 10 days, 20 years or more 15 days; less
  than one year of continuous work gives none (条例第二条, 实施办法第三条).
- A new employer (实施办法第五条): (remaining calendar days of the year ÷ 365) × the annual
  days; a part of a day is not granted.
- Leaving (实施办法第十二条): (calendar days of the year already spent at this employer ÷ 365)
  × the annual days − leave already taken this year; a part of a day is not paid, and leave
  taken beyond the pro-rata share is not clawed back.
- Pay (条例第五条第三款, 实施办法第十条、第十一条): each untaken day is paid at 300 % of the daily
  wage, which includes the normal wage already paid, so 200 % is owed on top; the daily wage
  is the 12-month average monthly wage without overtime ÷ 21.75. A worker who, though offered
  leave, declines it in writing for his own reasons gets only the normal wage (第十条第二款).

- Lost for the year (条例第四条第（二）至（五）项): 20 days or more of personal leave the
  employer paid, or sick leave of 2, 3 or 4 months or more by service band. (School holidays,
  第四条第（一）项, concern schools and are not asked here.)
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
from numpy.typing import ArrayLike
from pydantic import BaseModel, ConfigDict, Field, field_validator

from renshe.rules.calculators import Calculator
from renshe.rules.fields import MAX_YUAN, output
from renshe.rules.labour.common import (
    LEAVE_MEASURES,
    LEAVE_REGS,
    PAY_DAYS_NOTICE,
    cite,
    ensure_not_before,
    param,
)
from renshe.rules.money import money, money_array
from renshe.rules.trace import Step, Trace


class LeaveIn(BaseModel):
    """One worker's leave year: service, wage, dates at this employer and leave taken."""

    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=2008, le=2100, title="年度", description="公历年度（实施办法第十八条）")
    cumulative_service_years: int = Field(
        ge=0,
        le=80,
        title="累计工作年限（已满年数）",
        description="在同一或不同用人单位累计工作已满的年数，含视同工作期间（实施办法第四条）",
    )
    monthly_wage: float = Field(
        le=MAX_YUAN,
        ge=0,
        allow_inf_nan=False,
        title="月工资（元）",
        description="支付前12个月剔除加班工资后的月平均工资；不满12个月按实际月份平均（实施办法第十一条）",
    )
    joined: dt.date | None = Field(default=None, title="当年入职日期", description="当年新进本单位的填写")
    left: dt.date | None = Field(
        default=None, title="当年离职日期", description="当年解除或终止劳动合同的填写（最后一天）"
    )
    days_taken: float = Field(
        default=0, ge=0, le=366, title="当年已休年休假天数", description="当年度已安排的年休假天数"
    )
    paid_personal_leave_days: float = Field(
        default=0,
        ge=0,
        le=366,
        title="当年不扣工资的事假天数",
        description="请事假累计20天以上且单位按规定不扣工资的，不享受当年年休假（条例第四条第（二）项）",
    )
    sick_leave_months: float = Field(
        default=0,
        ge=0,
        le=12,
        title="当年病假累计月数",
        description="病假累计达2、3或4个月以上（按累计工作年限）的，不享受当年年休假（条例第四条第（三）至（五）项）",
    )
    refused_in_writing: bool = Field(
        default=False,
        title="职工因本人原因书面提出不休",
        description="单位已安排而职工因本人原因书面提出不休的，只支付正常工资（实施办法第十条第二款）",
    )

    @field_validator("joined", "left")
    @classmethod
    def _in_year(cls, day: dt.date | None, info) -> dt.date | None:
        year = info.data.get("year")
        if day is not None and year is not None and day.year != year:
            raise ValueError(
                f"日期 {day.isoformat()} 不在 {year} 年度内 / date {day.isoformat()} is not in year {year}"
            )
        if info.field_name == "left" and day is not None:
            ensure_not_before(day, info.data.get("joined"), ("离职日期", "left"), ("入职日期", "joined"))
        return day


class LeaveOut(BaseModel):
    entitlement_days: int = output(
        "全年应休天数", unit="天", description="按累计工作年限全年应享受的年休假天数"
    )
    forfeited: bool = output("当年不享受年休假", description="是否因条例第四条情形不享受当年年休假")
    prorated_days: float = output(
        "本单位折算应休天数",
        unit="天",
        description="当年度在本单位折算的应休天数（新进或离职时折算，否则同全年）",
    )
    untaken_days: float = output("应休未休天数", unit="天", description="应休未休天数（不足1整天的部分不计）")
    daily_wage: float = output("日工资", unit="元", description="日工资 = 月工资 ÷ 21.75")
    pay: float = output(
        "应另行支付的未休年休假工资", unit="元", description="应另行支付的未休年休假工资报酬（日工资的200%）"
    )
    pay_including_normal: float = output(
        "含正常工资的报酬合计", unit="元", description="含正常工资在内的报酬（300%；职工书面不休的为100%）"
    )
    trace: list[Step]


def leave_pay_core(
    untaken_days: ArrayLike, monthly_wage: ArrayLike, *, pay_days: float, rate: float
) -> dict[str, np.ndarray]:
    """Pay for untaken days for many workers: the extra (rate − 1) and the whole rate (实施办法第十条)."""
    daily = np.asarray(monthly_wage, dtype=np.float64) / pay_days
    days = np.asarray(untaken_days, dtype=np.float64)
    return {
        "daily_wage": daily,
        "pay": money_array(days * daily * (rate - 1)),
        "pay_including_normal": money_array(days * daily * rate),
    }


def _whole_days(days: float) -> int:
    """Days with any part of a day dropped (实施办法第五条、第十二条); the nudge absorbs float error."""
    return max(0, math.floor(days + 1e-9))


def _entitlement(years: int, table: list[dict[str, int]]) -> int:
    """The annual days for ``years`` of cumulative service (条例第三条); 0 below the first row."""
    return max((row["days"] for row in table if years >= row["min_years"]), default=0)


def _forfeited(inp: LeaveIn, on: dt.date, trace: Trace) -> bool:
    """Whether long personal or sick leave takes away this year's leave (条例第四条第（二）至（五）项)."""
    limits = param("labour.annual_leave_forfeiture", on)
    sick_limit = max(
        (
            row["months"]
            for row in limits.value["sick_leave_months"]
            if inp.cumulative_service_years >= row["min_years"]
        ),
        default=None,
    )
    reasons = []
    if inp.paid_personal_leave_days >= limits.value["paid_personal_leave_days"]:
        reasons.append(
            f"不扣工资的事假 {inp.paid_personal_leave_days:g} 天 ≥ {limits.value['paid_personal_leave_days']} 天"
        )
    if sick_limit is not None and inp.sick_leave_months >= sick_limit:
        reasons.append(f"病假 {inp.sick_leave_months:g} 个月 ≥ {sick_limit} 个月")
    if reasons:
        trace.add(
            "有条例第四条规定情形的，不享受当年的年休假：" + "；".join(reasons),
            cite(LEAVE_REGS, "第四条"),
            params=[limits],
            inputs={
                "paid_personal_leave_days": inp.paid_personal_leave_days,
                "sick_leave_months": inp.sick_leave_months,
            },
            result=0,
        )
    return bool(reasons)


def compute(inp: LeaveIn) -> LeaveOut:
    trace = Trace()
    on = inp.left or dt.date(inp.year, 12, 31)
    table = param("labour.annual_leave_days", on)
    year_days = param("labour.annual_leave_year_days", on)
    rate = param("labour.annual_leave_pay_rate", on)
    pay_days = param("labour.monthly_pay_days", on)

    annual = trace.add(
        "累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，10天；已满20年的，15天",
        cite(LEAVE_REGS, "第三条第一款"),
        params=[table],
        inputs={"cumulative_service_years": inp.cumulative_service_years},
        result=_entitlement(inp.cumulative_service_years, table.value),
    )
    forfeited = bool(annual) and _forfeited(inp, on, trace)
    entitlement = 0 if forfeited else annual
    first = max(dt.date(inp.year, 1, 1), inp.joined or dt.date(inp.year, 1, 1))
    last = inp.left or dt.date(inp.year, 12, 31)
    days_here = (last - first).days + 1
    if inp.left is not None:
        share = days_here / year_days.value * entitlement
        untaken = _whole_days(share - inp.days_taken)
        prorated = min(share, entitlement)
        trace.add(
            "解除或终止劳动合同时，按当年已工作时间折算应休未休天数："
            "（当年度在本单位已过日历天数 ÷ 365）× 全年应休天数 − 已安排天数；不足1整天的部分不支付，多休的不扣回",
            cite(LEAVE_MEASURES, "第十二条"),
            params=[year_days],
            inputs={"from": first.isoformat(), "to": last.isoformat(), "days_taken": inp.days_taken},
            result=untaken,
            formula=f"{days_here} ÷ {year_days.value} × {entitlement} − {inp.days_taken:g} = "
            f"{share - inp.days_taken:.4f} → {untaken}",
        )
    else:
        prorated = entitlement
        if inp.joined is not None:
            share = days_here / year_days.value * entitlement
            prorated = min(_whole_days(share), entitlement)
            trace.add(
                "新进用人单位的，当年度年休假按在本单位剩余日历天数折算：（剩余日历天数 ÷ 365）× 全年应休天数；"
                "不足1整天的部分不享受",
                cite(LEAVE_MEASURES, "第五条"),
                params=[year_days],
                inputs={"from": first.isoformat(), "to": last.isoformat()},
                result=prorated,
                formula=f"{days_here} ÷ {year_days.value} × {entitlement} = {share:.4f} → {prorated}",
            )
        untaken = _whole_days(prorated - inp.days_taken)
        trace.add(
            "应休未休天数 = 当年应休天数 − 已安排天数",
            cite(LEAVE_MEASURES, "第十条第一款"),
            inputs={"days_taken": inp.days_taken},
            result=untaken,
            formula=f"{prorated} − {inp.days_taken:g} = {untaken}",
        )

    out = {
        k: float(v[0])
        for k, v in leave_pay_core(
            [untaken], [inp.monthly_wage], pay_days=float(pay_days.value), rate=float(rate.value)
        ).items()
    }
    if inp.refused_in_writing:
        out["pay"], out["pay_including_normal"] = 0.0, money(untaken * out["daily_wage"])
        trace.add(
            "单位已安排年休假，职工因本人原因书面提出不休的，只支付正常工作期间的工资收入",
            cite(LEAVE_MEASURES, "第十条第二款"),
            result=0.0,
        )
    else:
        trace.add(
            "未休年休假按日工资收入的300%支付，其中包含正常工作期间的工资，另付200%；日工资 = 月工资 ÷ 21.75",
            cite(LEAVE_MEASURES, "第十条第一款、第十一条"),
            params=[rate, pay_days],
            inputs={"monthly_wage": inp.monthly_wage, "untaken_days": untaken},
            result=out["pay"],
            formula=f"{inp.monthly_wage:.2f} ÷ {pay_days.value:g} × {untaken} × ({rate.value:g} − 1) = {out['pay']:.2f}",
        )
    return LeaveOut(
        entitlement_days=annual,
        forfeited=forfeited,
        prorated_days=round(prorated, 4),
        untaken_days=untaken,
        daily_wage=money(out["daily_wage"]),
        pay=out["pay"],
        pay_including_normal=out["pay_including_normal"],
        trace=trace,
    )


CALCULATORS = [
    Calculator(
        name="annual-leave",
        title="带薪年休假计算",
        summary="按职工带薪年休假条例第三条、第五条和企业职工带薪年休假实施办法第五条、第十至十二条，计算年休假天数、"
        "新进或离职时的折算天数，以及应休未休年休假的工资报酬（日工资的200%另付）。",
        input_model=LeaveIn,
        result_model=LeaveOut,
        compute=compute,
        references=[
            cite(LEAVE_REGS, "第二条、第三条、第四条、第五条"),
            cite(LEAVE_MEASURES, "第三条、第四条、第五条、第十条、第十一条、第十二条"),
            cite(PAY_DAYS_NOTICE, "二"),
        ],
        example={
            "year": 2025,
            "cumulative_service_years": 12,
            "monthly_wage": 8700,
            "left": "2025-07-31",
            "days_taken": 2,
        },
    )
]
