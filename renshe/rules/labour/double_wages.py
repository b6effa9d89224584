"""未订立书面劳动合同的二倍工资 (calculator ``double-wages``).

《劳动合同法》第十条第二款: a written contract must be signed within one month from the
first day of work. 第八十二条第一款 and 《劳动合同法实施条例》第六条、第七条: from the day
after that month is complete until the day before the contract is signed, or at most until
the day before one year of work is complete, the employer owes twice the wage each month;
from the first anniversary an open-ended contract is deemed concluded (第十四条第三款,
实施条例第七条), which ends the double-wage period.

Counting the days. The hire day is the first day of work and counts (as service does
everywhere in labour law), so the one-month window is hire … hire + 1 month − 1 day and
the double-wage period runs from hire + 1 month to the day before the first anniversary:
at most exactly 11 months, the maximum the courts apply (浙江省高级人民法院民事审判第一庭、
浙江省劳动人事争议仲裁院《关于审理劳动争议案件若干问题的解答（一）》第三条: “二倍工资的支付
最长不超过11个月”). Month ends follow 《民法典》第二百零二条 (no corresponding day → the last).

Partial months. The law pays “每月”, so whole months are counted month by month from the
start of the period (stepping from the hire day, so a job begun on the 31st keeps month ends); the days left over are paid as their share of the calendar month in
which they fall (days ÷ that month's length, e.g. 14 of the 30 days from 2 June to 1 July),
so that a full month is always exactly one month's wage whatever its length. No statute
sets a day rate for this; 21.75 (劳社部发〔2008〕3号) converts a month into *paid working
days* and would need the working-day calendar, while calendar days keep the period and
its pay in the same unit.

The amount is the *additional* wage owed (二倍工资差额): the ordinary wage for the period is
presumed paid, so the claim is (2 − 1) × the monthly wage × months. The 1-year limitation
(劳动争议调解仲裁法第二十七条) is not applied here; see the ``limitation`` calculator.
Art. 82 ¶2 (no open-ended contract signed when one was due) is a different period and is
not computed here.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from numpy.typing import ArrayLike
from pydantic import BaseModel, ConfigDict, Field, field_validator

from renshe.rules.calculators import Calculator
from renshe.rules.fields import MAX_YUAN, output
from renshe.rules.labour.common import (
    CIVIL_CODE,
    LCL,
    LCL_REGS,
    add_months,
    cite,
    ensure_not_before,
    months_with_fraction,
    param,
)
from renshe.rules.money import money, money_array
from renshe.rules.trace import Step, Trace


class DoubleWagesIn(BaseModel):
    """A job without a written contract: when it began, whether and when one was signed."""

    model_config = ConfigDict(extra="forbid")

    hire: dt.date = Field(title="用工之日", description="劳动者实际开始工作的第一天")
    signed: dt.date | None = Field(default=None, title="书面劳动合同订立日期", description="至今未订立的留空")
    end: dt.date = Field(
        title="计算截止日期", description="计算到哪一天为止，如申请仲裁之日或劳动关系终止之日"
    )
    monthly_wage: float = Field(
        le=MAX_YUAN,
        ge=0,
        allow_inf_nan=False,
        title="月工资（元）",
        description="劳动者的正常月工资，按应得工资计算",
    )
    as_of: dt.date | None = Field(
        default=None, title="适用法规的日期", description="按哪一天的标准计算；不填则为计算截止日期"
    )

    @field_validator("end")
    @classmethod
    def _end_after_hire(cls, end: dt.date, info) -> dt.date:
        ensure_not_before(end, info.data.get("hire"), ("计算截止日期", "end"), ("用工之日", "hire"))
        return end


class DoubleWagesOut(BaseModel):
    period_start: dt.date | None = output(
        "二倍工资起始日", description="二倍工资期间的第一天（用工满一个月的次日）"
    )
    period_end: dt.date | None = output("二倍工资截止日", description="二倍工资期间的最后一天")
    whole_months: int = output("整月数", unit="个月")
    extra_days: int = output("零头天数", unit="天", description="整月之外的天数")
    days_in_partial_month: int = output(
        "零头所在月的天数", unit="天", description="零头天数所在那个月的日历天数"
    )
    months: float = output("折算月数", unit="个月", description="月数（零头按日历天数折算，保留4位小数）")
    amount: float = output(
        "应另行支付的二倍工资差额", unit="元", description="应另行支付的一倍工资（二倍工资差额）"
    )
    deemed_open_ended_from: dt.date | None = output(
        "视为无固定期限合同之日", description="视为已订立无固定期限劳动合同的日期"
    )
    trace: list[Step]


def double_wages_core(monthly_wage: ArrayLike, months: ArrayLike, multiple: float) -> np.ndarray:
    """The extra wage owed, (multiple − 1) × wage × months, for many workers at once (art. 82)."""
    return money_array((multiple - 1) * np.asarray(monthly_wage, dtype=np.float64) * np.asarray(months))


def compute(inp: DoubleWagesIn) -> DoubleWagesOut:
    trace = Trace()
    on = inp.as_of or inp.end
    periods = param("labour.written_contract_periods", on)
    multiple = param("labour.double_wages_multiple", on)
    start = add_months(inp.hire, periods.value["grace_months"])
    anniversary = add_months(inp.hire, periods.value["open_ended_after_months"])
    trace.add(
        "自用工之日起一个月内应当订立书面劳动合同；超过一个月未订立的，自满一个月的次日起每月支付二倍工资，"
        "至满一年的前一日止",
        cite(LCL_REGS, "第六条、第七条"),
        params=[periods],
        inputs={"hire": inp.hire.isoformat()},
        result={"from": start.isoformat(), "latest_to": (anniversary - dt.timedelta(days=1)).isoformat()},
        formula=f"{inp.hire.isoformat()} + 1个月 = {start.isoformat()}；"
        f"{inp.hire.isoformat()} + 12个月 − 1天 = {(anniversary - dt.timedelta(days=1)).isoformat()}",
    )
    ends = {"满一年的前一日": anniversary - dt.timedelta(days=1), "计算截止日期": inp.end}
    if inp.signed is not None:
        ends["订立书面劳动合同的前一日"] = inp.signed - dt.timedelta(days=1)
    which = min(ends, key=lambda k: ends[k])
    period_end = ends[which]

    deemed = None
    if (inp.signed is None or inp.signed >= anniversary) and inp.end >= anniversary:
        deemed = anniversary
        trace.add(
            "用工满一年仍未订立书面劳动合同的，视为自满一年的当日已订立无固定期限劳动合同",
            cite(LCL, "第十四条第三款"),
            result=anniversary.isoformat(),
        )

    if period_end < start:
        trace.add(
            "在用工之日起一个月内已订立书面劳动合同，或计算截止日期未超过一个月，不产生二倍工资",
            cite(LCL, "第十条第二款、第八十二条第一款"),
            inputs={"signed": inp.signed.isoformat() if inp.signed else None, "end": inp.end.isoformat()},
            result=0,
        )
        return DoubleWagesOut(
            period_start=None,
            period_end=None,
            whole_months=0,
            extra_days=0,
            days_in_partial_month=0,
            months=0.0,
            amount=0.0,
            deemed_open_ended_from=deemed,
            trace=trace,
        )

    whole, days, month_len = months_with_fraction(inp.hire, periods.value["grace_months"], period_end)
    months = whole + days / month_len
    trace.add(
        f"二倍工资期间：{start.isoformat()} 至 {period_end.isoformat()}（止于{which}）；"
        "整月逐月计算，零头天数按其所在月份的日历天数折算",
        cite(CIVIL_CODE, "第二百零二条"),
        inputs={"from": start.isoformat(), "to": period_end.isoformat()},
        result=round(months, 4),
        formula=f"{whole} + {days}/{month_len} = {months:.4f} 个月",
    )
    amount = float(double_wages_core([inp.monthly_wage], [months], float(multiple.value))[0])
    trace.add(
        "每月支付二倍的工资；正常工资已支付，另付一倍（二倍工资差额）",
        cite(LCL, "第八十二条第一款"),
        params=[multiple],
        inputs={"monthly_wage": inp.monthly_wage},
        result=amount,
        formula=f"{inp.monthly_wage:.2f} × ({multiple.value:g} − 1) × {months:.4f} = {amount:.2f}",
    )
    return DoubleWagesOut(
        period_start=start,
        period_end=period_end,
        whole_months=whole,
        extra_days=days,
        days_in_partial_month=month_len if days else 0,
        months=round(months, 4),
        amount=money(amount),
        deemed_open_ended_from=deemed,
        trace=trace,
    )


CALCULATORS = [
    Calculator(
        name="double-wages",
        title="未签劳动合同二倍工资计算",
        summary="用工超过一个月未订立书面劳动合同的，按劳动合同法第八十二条、实施条例第六、七条计算二倍工资差额"
        "（最长11个月），并判断是否视为已订立无固定期限劳动合同。",
        input_model=DoubleWagesIn,
        result_model=DoubleWagesOut,
        compute=compute,
        references=[
            cite(LCL, "第十条、第十四条第三款、第八十二条"),
            cite(LCL_REGS, "第六条、第七条"),
            cite(CIVIL_CODE, "第二百零二条"),
        ],
        example={"hire": "2024-03-05", "signed": None, "end": "2025-06-30", "monthly_wage": 6000},
    )
]
