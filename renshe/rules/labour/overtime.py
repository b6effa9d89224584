"""加班工资 (calculator ``overtime-pay``).

《劳动法》第四十四条: extended hours on a working day are paid at no less than 150 % of the
wage, work on a rest day the employer cannot repay with time off (补休) at 200 %, and work on
a statutory holiday at 300 % (time off does not replace it). The hourly wage is the monthly
wage ÷ (21.75 × 8) (劳社部发〔2008〕3号 二: 21.75 paid days a month, statutory holidays being
paid days). The rates are legal minimums, held as parameters.

Hours can be given as totals by kind of day, or as ``dates_worked`` ({date, hours}) that the
working-day calendar (:mod:`renshe.rules.calendar`) classifies: hours on a working day are
extended hours (give only the hours beyond the normal day), a rest day — including a day
off moved by the year's 调休 notice — is a rest day, and a statutory festival day is a
holiday (《全国年节及纪念日放假办法》第二条). Dated hours are added to the totals.

Rounding: the daily and hourly wages are shown to the fen, but the amount is computed from
the unrounded hourly wage and rounded once (renshe.rules.money).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from numpy.typing import ArrayLike
from pydantic import BaseModel, ConfigDict, Field

from renshe.rules import calendar
from renshe.rules.calculators import Calculator
from renshe.rules.fields import MAX_HOURS, MAX_YUAN, output
from renshe.rules.labour.common import LABOUR_LAW, PAY_DAYS_NOTICE, cite, param
from renshe.rules.money import money, money_array
from renshe.rules.trace import Step, Trace


class WorkedDay(BaseModel):
    """Overtime hours worked on one date."""

    model_config = ConfigDict(extra="forbid")

    date: dt.date = Field(title="日期", description="加班的日期")
    hours: float = Field(
        gt=0,
        le=24,
        allow_inf_nan=False,
        title="小时数",
        description="当天的加班小时数（工作日只填8小时以外的部分）",
    )


class OvertimeIn(BaseModel):
    """A month's (or any period's) overtime: the wage and the hours by kind of day."""

    model_config = ConfigDict(extra="forbid")

    monthly_wage: float = Field(
        le=MAX_YUAN,
        ge=0,
        allow_inf_nan=False,
        title="月工资（元）",
        description="计算加班工资的月工资基数（正常工作时间工资）",
    )
    weekday_hours: float = Field(
        le=MAX_HOURS,
        default=0,
        ge=0,
        allow_inf_nan=False,
        title="工作日延长工作小时数",
        description="工作日8小时以外的加班小时数",
    )
    restday_hours: float = Field(
        le=MAX_HOURS,
        default=0,
        ge=0,
        allow_inf_nan=False,
        title="休息日加班小时数",
        description="休息日（含调休后的休息日）工作的小时数",
    )
    holiday_hours: float = Field(
        le=MAX_HOURS,
        default=0,
        ge=0,
        allow_inf_nan=False,
        title="法定休假日加班小时数",
        description="法定节假日当天工作的小时数",
    )
    compensatory_rest_given: bool = Field(
        default=False,
        title="休息日加班已安排补休",
        description="休息日工作已安排同等时间补休的，不再支付200%的加班工资（劳动法第四十四条第二项）",
    )
    dates_worked: list[WorkedDay] = Field(
        default_factory=list,
        title="逐日加班记录",
        description="按日期填写加班小时数，由工作日历判断是工作日、休息日还是法定节假日，并加到上面的小时数中",
    )
    as_of: dt.date | None = Field(
        default=None, title="适用法规的日期", description="按哪一天的标准计算；不填则为最后一个加班日期或今天"
    )


class OvertimeOut(BaseModel):
    daily_wage: float = output("日工资", unit="元", description="日工资 = 月工资 ÷ 21.75")
    hourly_wage: float = output("小时工资", unit="元", description="小时工资 = 月工资 ÷（21.75 × 8）")
    weekday_pay: float = output("工作日延长工时工资", unit="元", description="不低于工资的150%")
    restday_pay: float = output("休息日加班工资", unit="元", description="不能安排补休的，不低于工资的200%")
    holiday_pay: float = output("法定节假日加班工资", unit="元", description="不低于工资的300%")
    amount: float = output("加班工资合计", unit="元", description="加班工资合计")
    trace: list[Step]


def overtime_core(
    monthly_wage: ArrayLike,
    weekday_hours: ArrayLike,
    restday_hours: ArrayLike,
    holiday_hours: ArrayLike,
    rest_given: ArrayLike,
    *,
    pay_days: float,
    hours_per_day: float,
    rates: tuple[float, float, float],
) -> dict[str, np.ndarray]:
    """Overtime pay for many workers at once (劳动法第四十四条; 劳社部发〔2008〕3号).

    ``rates`` are the weekday, rest-day and holiday multipliers; a worker whose rest-day
    hours were repaid with time off (``rest_given``) gets nothing for them.
    """
    wage = np.asarray(monthly_wage, dtype=np.float64)
    daily = wage / pay_days
    hourly = daily / hours_per_day
    weekday = hourly * rates[0] * np.asarray(weekday_hours, dtype=np.float64)
    restday = np.where(
        np.asarray(rest_given, dtype=bool),
        0.0,
        hourly * rates[1] * np.asarray(restday_hours, dtype=np.float64),
    )
    holiday = hourly * rates[2] * np.asarray(holiday_hours, dtype=np.float64)
    return {
        "daily_wage": daily,
        "hourly_wage": hourly,
        "weekday_pay": money_array(weekday),
        "restday_pay": money_array(restday),
        "holiday_pay": money_array(holiday),
        "amount": money_array(weekday + restday + holiday),
    }


def compute(inp: OvertimeIn) -> OvertimeOut:
    trace = Trace()
    hours_by_kind = _add_dated_hours(inp, trace)
    dated = max((w.date for w in inp.dates_worked), default=None)
    on = inp.as_of or dated or dt.date.today()
    pay_days = param("labour.monthly_pay_days", on)
    hours = param("labour.daily_hours", on)
    rates = [param(f"labour.overtime_rate_{kind}", on) for kind in ("extended", "restday", "holiday")]
    out = overtime_core(
        [inp.monthly_wage],
        [hours_by_kind[0]],
        [hours_by_kind[1]],
        [hours_by_kind[2]],
        [inp.compensatory_rest_given],
        pay_days=float(pay_days.value),
        hours_per_day=float(hours.value),
        rates=tuple(float(r.value) for r in rates),
    )
    one = {k: float(v[0]) for k, v in out.items()}
    trace.add(
        "日工资 = 月工资 ÷ 月计薪天数；小时工资 = 月工资 ÷（月计薪天数 × 8小时）",
        cite(PAY_DAYS_NOTICE, "二、日工资、小时工资的折算"),
        params=[pay_days, hours],
        inputs={"monthly_wage": inp.monthly_wage},
        result={"daily_wage": money(one["daily_wage"]), "hourly_wage": money(one["hourly_wage"])},
        formula=f"{inp.monthly_wage:.2f} ÷ {pay_days.value:g} = {one['daily_wage']:.4f}；"
        f"{inp.monthly_wage:.2f} ÷ ({pay_days.value:g} × {hours.value:g}) = {one['hourly_wage']:.4f}",
    )
    labels = (
        ("weekday_pay", "安排劳动者延长工作时间的，支付不低于工资的150%", "第四十四条第（一）项"),
        ("restday_pay", "休息日安排劳动者工作又不能安排补休的，支付不低于工资的200%", "第四十四条第（二）项"),
        ("holiday_pay", "法定休假日安排劳动者工作的，支付不低于工资的300%", "第四十四条第（三）项"),
    )
    for (key, rule, article), rate, h in zip(labels, rates, hours_by_kind, strict=True):
        if not h:
            continue
        repaid = key == "restday_pay" and inp.compensatory_rest_given
        trace.add(
            rule + ("；已安排补休，不支付加班工资" if repaid else ""),
            cite(LABOUR_LAW, article),
            params=[rate],
            inputs={"hours": h},
            result=one[key],
            formula="0（已补休）"
            if repaid
            else f"{one['hourly_wage']:.4f} × {rate.value:g} × {h:g} = {one[key]:.2f}",
        )
    trace.add(
        "加班工资合计",
        cite(LABOUR_LAW, "第四十四条"),
        result=one["amount"],
        formula=f"{one['weekday_pay']:.2f} + {one['restday_pay']:.2f} + {one['holiday_pay']:.2f} = {one['amount']:.2f}",
    )
    return OvertimeOut(
        daily_wage=money(one["daily_wage"]),
        hourly_wage=money(one["hourly_wage"]),
        weekday_pay=one["weekday_pay"],
        restday_pay=one["restday_pay"],
        holiday_pay=one["holiday_pay"],
        amount=one["amount"],
        trace=trace,
    )


def _add_dated_hours(inp: OvertimeIn, trace: Trace) -> tuple[float, float, float]:
    """The hour totals by kind of day, with ``dates_worked`` classified by the working-day calendar."""
    totals = {"workday": inp.weekday_hours, "restday": inp.restday_hours, "holiday": inp.holiday_hours}
    if not inp.dates_worked:
        return totals["workday"], totals["restday"], totals["holiday"]
    days = [calendar.check_date(w.date, f"dates_worked.{i}.date") for i, w in enumerate(inp.dates_worked)]
    kinds = calendar.day_kind_array(np.array(days, dtype="datetime64[D]"))
    names = {"workday": "工作日", "restday": "休息日", "holiday": "法定节假日"}
    by_kind: dict[str, float] = {"workday": 0.0, "restday": 0.0, "holiday": 0.0}
    for w, kind in zip(inp.dates_worked, kinds, strict=True):
        by_kind[str(kind)] += w.hours
        totals[str(kind)] += w.hours
    provisional = [d.isoformat() for d in days if calendar.is_provisional(d)]
    trace.add(
        "按工作日历判断加班日期是工作日、休息日（含调休）还是法定节假日："
        + "；".join(calendar.basis(min(days), max(days)))
        + (
            f"。以下日期所在年份尚无放假通知，结果为临时推算：{'、'.join(provisional)}" if provisional else ""
        ),
        calendar.LAW,
        inputs={
            "dates_worked": [
                {"date": d.isoformat(), "kind": names[str(k)]} for d, k in zip(days, kinds, strict=True)
            ]
        },
        result={names[k]: v for k, v in by_kind.items()},
    )
    return totals["workday"], totals["restday"], totals["holiday"]


CALCULATORS = [
    Calculator(
        name="overtime-pay",
        title="加班工资计算",
        summary="按劳动法第四十四条计算工作日延长工作时间（150%）、休息日（200%，已补休的不计）和法定休假日（300%）"
        "的加班工资；日工资、小时工资按月计薪天数21.75天折算。",
        input_model=OvertimeIn,
        result_model=OvertimeOut,
        compute=compute,
        references=[cite(LABOUR_LAW, "第四十四条"), cite(PAY_DAYS_NOTICE, "二")],
        example={
            "monthly_wage": 6525,
            "weekday_hours": 10,
            "dates_worked": [{"date": "2025-10-01", "hours": 8}, {"date": "2025-10-04", "hours": 8}],
        },
    )
]
