"""经济补偿、代通知金与违法解除赔偿金 (calculator ``economic-compensation``).

The law, article by article:

- When compensation is due: 《劳动合同法》第四十六条 — the worker leaves under art. 38
  (employer at fault); a mutual termination the *employer* proposed (art. 36); dismissal
  under art. 40 or art. 41 ¶1; expiry of a fixed-term contract, unless the employer offered
  renewal on the same or better terms and the worker refused (art. 44(1)); bankruptcy,
  revoked licence, closure or early dissolution (art. 44(4)(5)); and what other law adds,
  e.g. a task-based contract ending on completion (实施条例第二十二条). It is *not* due when
  the worker resigns on notice (art. 37), is dismissed for cause (art. 39), starts drawing a
  pension or reaches retirement age (art. 44(2), 实施条例第二十一条), or dies (art. 44(3)):
  none of these appears in art. 46.
- How much: art. 47 — one month's wage per full year of service; six months or more
  (以上 includes six, 民法典第一千二百五十九条) count as a year, less than six months as half
  a month. A wage above 3× the 设区的市's published 上年度职工月平均工资 is paid at that 3×
  figure for at most 12 years. The wage is the average of the 12 months before the end,
  floored at the local minimum wage (实施条例第二十七条); the minimum wage and the average
  wage are those of the place the contract is performed (实施条例第十四条).
- Service before 2008-01-01 (art. 97 ¶3): compensation years count from 2008-01-01; for the
  earlier years the rules of the time decide (not computed here, and the result says so).
- Payment in lieu of notice (代通知金): art. 40 lets the employer pay one extra month's wage
  instead of 30 days' written notice; that month is the worker's *previous month's wage*
  (实施条例第二十条), so ``last_month_wage`` is used, and the 12-month average only when it
  is not given (the trace says so).
- Unlawful termination (art. 87): damages of twice the art. 47 standard, *instead of*
  compensation, with service counted from the first day of work (实施条例第二十五条).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike
from pydantic import BaseModel, ConfigDict, Field, field_validator

from renshe.rules import regions
from renshe.rules.calculators import Calculator
from renshe.rules.errors import ParameterNotFound, RulesError
from renshe.rules.fields import MAX_YUAN, REGION_CHOICES, output
from renshe.rules.labour import local_bounds, local_figures
from renshe.rules.labour.common import (
    CIVIL_CODE,
    LCL,
    LCL_IN_FORCE,
    LCL_REGS,
    cite,
    ensure_not_before,
    full_months,
    param,
    source_note,
)
from renshe.rules.labour.local_figures import AVG_WAGE_LABEL, MINIMUM_WAGE_LABEL
from renshe.rules.money import money, money_array
from renshe.rules.trace import Step, Trace

Termination = Literal[
    "negotiated",
    "art40",
    "art41",
    "expiry",
    "employer_fault",
    "closure",
    "task_completed",
    "unlawful",
    "resignation",
    "dismissal_for_cause",
    "retirement",
    "death",
]

TERMINATION_LABELS = {
    "negotiated": "协商一致解除（第三十六条）",
    "art40": "用人单位依第四十条解除（医疗期满、不能胜任、客观情况重大变化）",
    "art41": "经济性裁员（第四十一条第一款）",
    "expiry": "固定期限劳动合同期满终止（第四十四条第一项）",
    "employer_fault": "劳动者因用人单位过错解除（第三十八条）",
    "closure": "用人单位破产、被吊销营业执照、责令关闭、撤销或提前解散（第四十四条第四、五项）",
    "task_completed": "以完成一定工作任务为期限的合同因任务完成而终止（实施条例第二十二条）",
    "unlawful": "用人单位违法解除或终止（第八十七条）",
    "resignation": "劳动者提前三十日通知辞职（第三十七条）",
    "dismissal_for_cause": "劳动者有过错被解除（第三十九条）",
    "retirement": "劳动者开始享受养老保险待遇或达到法定退休年龄（第四十四条第二项）",
    "death": "劳动者死亡或被宣告死亡、失踪（第四十四条第三项）",
}


class CompensationIn(BaseModel):
    """A termination: the service dates, the wage, and why the contract ended."""

    model_config = ConfigDict(extra="forbid")

    start: dt.date = Field(title="入职日期", description="在本单位用工之日（第一天上班的日期）")
    end: dt.date = Field(title="劳动合同解除或终止日期", description="最后一个工作日，计入工作年限")
    avg_monthly_wage: float = Field(
        le=MAX_YUAN,
        ge=0,
        allow_inf_nan=False,
        title="月平均工资（元）",
        description="解除或终止前12个月的应得工资平均数，含计时或计件工资、奖金、津贴和补贴；不满12个月的按实际月数平均",
    )
    termination: Termination = Field(
        title="解除或终止的情形",
        description="决定是否支付经济补偿（劳动合同法第四十六条）或赔偿金（第八十七条）",
        json_schema_extra={"x-labels": TERMINATION_LABELS},
    )
    proposed_by: Literal["employer", "worker"] = Field(
        default="employer",
        title="协商解除由谁提出",
        description="协商一致解除时，只有用人单位提出的才支付经济补偿（第四十六条第二项）",
        json_schema_extra={"x-labels": {"employer": "用人单位提出", "worker": "劳动者提出"}},
    )
    notice_given: bool | None = Field(
        default=None,
        title="是否提前三十日书面通知",
        description="依第四十条解除时必填：未提前三十日书面通知的，额外支付一个月工资（代通知金）",
    )
    last_month_wage: float | None = Field(
        le=MAX_YUAN,
        default=None,
        ge=0,
        allow_inf_nan=False,
        title="上一个月工资（元）",
        description="代通知金按劳动者上一个月的工资标准确定（实施条例第二十条）；不填则按月平均工资",
    )
    renewal_offered: bool = Field(
        default=False,
        title="单位是否以不低于原条件提出续订而劳动者拒绝",
        description="合同期满时，用人单位维持或者提高约定条件续订而劳动者不同意的，不支付经济补偿（第四十六条第五项）",
    )
    region: str = Field(
        default=regions.FUJIAN,
        title="劳动合同履行地",
        description="最低工资和上年度职工月平均工资按履行地确定（实施条例第十四条）",
        json_schema_extra=REGION_CHOICES,
    )
    local_avg_monthly_wage: float | None = Field(
        le=MAX_YUAN,
        default=None,
        gt=0,
        allow_inf_nan=False,
        title=f"{AVG_WAGE_LABEL}（元）",
        description="设区的市级人民政府公布的数额；填写后优先于参数库。不知道时可不填：只要月工资不可能超过它的三倍，照样计算",
    )
    local_minimum_wage: float | None = Field(
        le=MAX_YUAN,
        default=None,
        gt=0,
        allow_inf_nan=False,
        title=f"{MINIMUM_WAGE_LABEL}（元）",
        description="劳动合同履行地的月最低工资标准；填写后优先于参数库",
    )
    as_of: dt.date | None = Field(
        default=None, title="适用法规的日期", description="按哪一天的标准计算；不填则为解除或终止日期"
    )

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: dt.date, info) -> dt.date:
        ensure_not_before(end, info.data.get("start"), ("解除或终止日期", "end"), ("入职日期", "start"))
        if end < LCL_IN_FORCE:
            raise ValueError(
                "劳动合同法自2008年1月1日起施行，此前解除或终止的按当时规定处理 / "
                "the Labour Contract Law applies to terminations from 2008-01-01 on"
            )
        return end

    @field_validator("region")
    @classmethod
    def _known_region(cls, region: str) -> str:
        try:
            regions.chain(region)
        except RulesError as exc:
            p = exc.problems[0]
            raise ValueError(f"{p.zh} / {p.en}") from None
        return region.strip().lower()


class ServiceLength(BaseModel):
    years: int = output("年", unit="年")
    months: int = output("月", unit="个月")
    days: int = output("天", unit="天")


class CompensationOut(BaseModel):
    compensation_due: bool = output("应支付经济补偿", description="是否应支付经济补偿（第四十六条）")
    service_counted_from: dt.date = output("工作年限起算日", description="计算年限的起点")
    service: ServiceLength = output("计入的工作年限", description="计入的工作年限")
    pre_2008_service_excluded: bool = output(
        "2008年前年限另行处理", description="2008年1月1日前的年限是否未计入（按当时规定另行处理）"
    )
    months: float = output("补偿月数", unit="个月", description="经济补偿月数 N")
    wage_base: float = output(
        "计算基数（月工资）", unit="元", description="计算基数（月工资，已按最低工资保底、按三倍封顶）"
    )
    capped: bool = output("按三倍封顶", description="是否按本地区上年度职工月平均工资三倍封顶")
    amount: float = output("经济补偿", unit="元", description="经济补偿（第四十七条）")
    payment_in_lieu_of_notice: float = output("代通知金", unit="元", description="代通知金（第四十条）")
    damages: float = output(
        "赔偿金", unit="元", description="违法解除或终止的赔偿金（第八十七条，经济补偿标准的二倍）"
    )
    total: float = output("合计", unit="元", description="经济补偿、代通知金与赔偿金之和")
    trace: list[Step]


# ---- the vectorised core ------------------------------------------------------------------


def compensation_months(
    whole_months: ArrayLike,
    extra_days: ArrayLike,
    capped: ArrayLike,
    *,
    months_per_year: float,
    full_year_from_months: int,
    months_for_shorter: float,
    cap_years: int,
) -> np.ndarray:
    """N, the months of wage, from service in whole months plus left-over days (art. 47).

    Each full year gives ``months_per_year``; a remainder of ``full_year_from_months`` or
    more counts as a year, any shorter remainder (even a few days) as ``months_for_shorter``.
    Where the wage was capped, N stops at ``cap_years`` years (art. 47 ¶2).
    """
    whole = np.asarray(whole_months, dtype=np.int64)
    years, rest = np.divmod(whole, 12)
    has_rest = (rest > 0) | (np.asarray(extra_days) > 0)
    part = np.where(
        rest >= full_year_from_months, months_per_year, np.where(has_rest, months_for_shorter, 0.0)
    )
    n = years * months_per_year + part
    return np.where(np.asarray(capped, dtype=bool), np.minimum(n, cap_years * months_per_year), n)


def compensation_core(
    whole_months: ArrayLike,
    extra_days: ArrayLike,
    avg_wage: ArrayLike,
    minimum_wage: ArrayLike,
    local_avg_wage: ArrayLike,
    *,
    partial_year: dict[str, float],
    cap_multiple: float,
    cap_years: int,
) -> dict[str, np.ndarray]:
    """The art. 47 standard for a whole population at once.

    The wage is floored at the minimum wage (实施条例第二十七条), then capped at
    ``cap_multiple`` × the local average wage (art. 47 ¶2); N comes from
    :func:`compensation_months`. Returns ``wage_base``, ``capped``, ``months``, ``amount`` and
    ``months_before_year_limit`` (N had the 12-year limit not applied, for the trace).
    """
    floored = np.maximum(np.asarray(avg_wage, dtype=np.float64), np.asarray(minimum_wage, dtype=np.float64))
    ceiling = cap_multiple * np.asarray(local_avg_wage, dtype=np.float64)
    capped = floored > ceiling
    base = np.where(capped, ceiling, floored)
    rules = {
        "months_per_year": partial_year["months_per_year"],
        "full_year_from_months": int(partial_year["full_year_from_months"]),
        "months_for_shorter": partial_year["months_for_shorter"],
        "cap_years": cap_years,
    }
    months = compensation_months(whole_months, extra_days, capped, **rules)
    return {
        "wage_base": base,
        "capped": capped,
        "months": months,
        "months_before_year_limit": compensation_months(whole_months, extra_days, False, **rules),
        "amount": money_array(base * months),
    }


# ---- one case --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ground:
    """Whether the termination gives compensation, damages or nothing, and the article that says so."""

    compensation: bool
    damages: bool
    article: str
    why: str


def _ground(inp: CompensationIn) -> _Ground:
    t = inp.termination
    if t == "negotiated":
        if inp.proposed_by == "employer":
            return _Ground(True, False, "第四十六条第二项", "用人单位提出并与劳动者协商一致解除")
        return _Ground(False, False, "第四十六条第二项", "劳动者提出的协商解除不在第四十六条之列")
    if t == "expiry":
        if inp.renewal_offered:
            return _Ground(
                False, False, "第四十六条第五项", "用人单位维持或提高条件续订而劳动者不同意，期满终止不支付"
            )
        return _Ground(True, False, "第四十六条第五项", "固定期限劳动合同期满终止")
    table = {
        "employer_fault": _Ground(True, False, "第四十六条第一项", "劳动者依第三十八条解除"),
        "art40": _Ground(True, False, "第四十六条第三项", "用人单位依第四十条解除"),
        "art41": _Ground(True, False, "第四十六条第四项", "用人单位依第四十一条第一款裁减人员"),
        "closure": _Ground(True, False, "第四十六条第六项", "依第四十四条第四项、第五项终止"),
        "task_completed": _Ground(
            True,
            False,
            "第四十六条第七项",
            "以完成一定工作任务为期限的合同因任务完成而终止（劳动合同法实施条例第二十二条）",
        ),
        "unlawful": _Ground(
            False,
            True,
            "第八十七条",
            "违法解除或终止：支付赔偿金，不再支付经济补偿（劳动合同法实施条例第二十五条）",
        ),
        "resignation": _Ground(
            False, False, "第三十七条、第四十六条", "劳动者提前通知辞职不在第四十六条之列"
        ),
        "dismissal_for_cause": _Ground(
            False, False, "第三十九条、第四十六条", "依第三十九条过失性解除不在第四十六条之列"
        ),
        "retirement": _Ground(
            False,
            False,
            "第四十四条第二项、第四十六条",
            "享受养老保险待遇或达到法定退休年龄（劳动合同法实施条例第二十一条）终止不在第四十六条之列",
        ),
        "death": _Ground(
            False, False, "第四十四条第三项、第四十六条", "劳动者死亡或被宣告死亡、失踪终止不在第四十六条之列"
        ),
    }
    return table[t]


def compute(inp: CompensationIn) -> CompensationOut:
    """Compensation, payment in lieu of notice and art. 87 damages for one termination."""
    trace = Trace()
    on = inp.as_of or inp.end
    ground = _ground(inp)
    trace.add(
        f"判断解除或终止情形：{ground.why}",
        cite(LCL, ground.article),
        inputs={"termination": inp.termination},
        result={"compensation": ground.compensation, "damages": ground.damages},
    )
    if inp.termination == "art40" and inp.notice_given is None:
        raise RulesError.of(
            "notice_given",
            "依第四十条解除时须说明是否提前三十日书面通知（决定是否支付代通知金）",
            "for an art. 40 dismissal, say whether 30 days' written notice was given",
        )

    # 工作年限: art. 97 ¶3 for compensation; damages count from the first day (实施条例第二十五条).
    counted_from = inp.start
    excluded = False
    if ground.compensation and inp.start < LCL_IN_FORCE:
        counted_from, excluded = LCL_IN_FORCE, True
    whole, days = full_months(counted_from, inp.end)
    service = ServiceLength(years=whole // 12, months=whole % 12, days=days)
    if ground.compensation or ground.damages:
        trace.add(
            "计算在本单位的工作年限（起止日均计入）"
            + ("；2008年1月1日前的年限按当时有关规定另行处理，此处不计入" if excluded else ""),
            cite(LCL, "第四十七条第一款、第九十七条第三款")
            if ground.compensation
            else cite(LCL_REGS, "第二十五条"),
            inputs={"from": counted_from.isoformat(), "to": inp.end.isoformat()},
            result=service.model_dump(),
            formula=f"{service.years}年{service.months}个月{service.days}天",
        )

    months = wage_base = amount = damages = 0.0
    capped = False
    if ground.compensation or ground.damages:
        months, wage_base, capped, standard = _standard(inp, on, whole, days, trace)
        if ground.compensation:
            amount = trace.add(
                "经济补偿 = 计算基数 × 月数",
                cite(LCL, "第四十七条"),
                result=standard,
                formula=f"{wage_base:.2f} × {months:g} = {standard:.2f}",
            )
        else:
            mult = param("labour.unlawful_termination_multiple", on)
            damages = trace.add(
                "违法解除或终止的赔偿金 = 经济补偿标准 × 2；支付赔偿金的不再支付经济补偿（劳动合同法实施条例第二十五条）",
                cite(LCL, "第八十七条"),
                params=[mult],
                result=money(mult.value * wage_base * months),
                formula=f"{wage_base:.2f} × {months:g} × {mult.value:g} = {money(mult.value * wage_base * months):.2f}",
            )

    in_lieu = _payment_in_lieu(inp, on, trace)
    total = trace.add(
        "合计 = 经济补偿 + 代通知金 + 赔偿金",
        cite(LCL, "第四十条、第四十七条、第八十七条"),
        result=money(amount + in_lieu + damages),
        formula=f"{amount:.2f} + {in_lieu:.2f} + {damages:.2f}",
    )
    return CompensationOut(
        compensation_due=ground.compensation,
        service_counted_from=counted_from,
        service=service,
        pre_2008_service_excluded=excluded,
        months=months,
        wage_base=money(wage_base),
        capped=capped,
        amount=amount,
        payment_in_lieu_of_notice=in_lieu,
        damages=damages,
        total=total,
        trace=trace,
    )


def _standard(
    inp: CompensationIn, on: dt.date, whole: int, days: int, trace: Trace
) -> tuple[float, float, bool, float]:
    """The art. 47 standard for one case: N, the wage base, whether capped, and base × N."""
    partial = param("labour.compensation_partial_year", on)
    multiple = param("labour.compensation_cap_multiple", on)
    cap_years = param("labour.compensation_cap_years", on)
    problems = []
    minimum = average = None
    try:
        minimum = local_figures.minimum_wage(inp.region, on, inp.avg_monthly_wage, inp.local_minimum_wage)
    except ParameterNotFound as exc:
        problems.extend(exc.problems)
    floored = max(inp.avg_monthly_wage, minimum.value or 0.0) if minimum else inp.avg_monthly_wage
    try:
        average = local_figures.average_wage(
            inp.region, on, floored, float(multiple.value), inp.local_avg_monthly_wage
        )
    except ParameterNotFound as exc:
        problems.extend(exc.problems)
    if problems:
        raise ParameterNotFound(problems)
    assert minimum is not None and average is not None
    # An unknown figure that provably cannot bind enters the core as "no floor" / "no cap".
    min_value = minimum.value if minimum.value is not None else 0.0
    avg_value = average.value if average.value is not None else math.inf
    out = compensation_core(
        [whole],
        [days],
        [inp.avg_monthly_wage],
        [min_value],
        [avg_value],
        partial_year=partial.value,
        cap_multiple=float(multiple.value),
        cap_years=int(cap_years.value),
    )
    if minimum.value is None:
        floor_rule, formula = (
            minimum.why,
            f"{inp.avg_monthly_wage:.2f} ≥ {local_bounds.minimum_wage_tiers(on, inp.region).high:g}",
        )
    elif inp.avg_monthly_wage < minimum.value:
        floor_rule = f"月平均工资 {inp.avg_monthly_wage:.2f} 元低于当地最低工资标准 {minimum.value:.2f} 元，按最低工资标准计算"
        formula = f"max({inp.avg_monthly_wage:.2f}, {minimum.value:.2f}) = {floored:.2f}"
    else:
        floor_rule = f"月平均工资 {inp.avg_monthly_wage:.2f} 元不低于当地最低工资标准 {minimum.value:.2f} 元，按实际工资计算"
        formula = f"max({inp.avg_monthly_wage:.2f}, {minimum.value:.2f}) = {floored:.2f}"
    if minimum.value is not None and minimum.why:
        floor_rule += f"（{minimum.why}）"
    trace.add(
        floor_rule,
        cite(LCL_REGS, "第二十七条、第十四条"),
        params=[minimum.param] if minimum.param else [],
        inputs={
            "avg_monthly_wage": inp.avg_monthly_wage,
            "local_minimum_wage": minimum.value,
            **source_note("local_minimum_wage", minimum.param),
        },
        result=floored,
        formula=formula,
    )
    capped = bool(out["capped"][0])
    wage_base = float(out["wage_base"][0])
    if average.value is None:
        cap_rule, cap_formula = (
            average.why,
            f"{floored:.2f} ≤ {multiple.value:g} × 下界 ≤ {multiple.value:g} × 实际数额",
        )
    else:
        ceiling = multiple.value * average.value
        cap_rule = (
            "月工资高于本地区上年度职工月平均工资三倍的，按三倍计算，年限最高不超过十二年"
            if capped
            else "月工资未超过本地区上年度职工月平均工资三倍，不封顶"
        )
        cap_formula = f"{multiple.value:g} × {average.value:.2f} = {ceiling:.2f}；{floored:.2f} {'>' if capped else '≤'} {ceiling:.2f}"
    trace.add(
        cap_rule,
        cite(LCL, "第四十七条第二款"),
        params=[p for p in (average.param, *average.extra_params, multiple, cap_years) if p],
        inputs={
            "local_avg_monthly_wage": average.value,
            **source_note("local_avg_monthly_wage", average.param),
        },
        result={"wage_base": wage_base, "capped": capped},
        formula=cap_formula,
    )
    months = float(out["months"][0])
    uncapped = float(out["months_before_year_limit"][0])
    limit = f"，封顶{cap_years.value}年 → {months:g}个月" if months < uncapped else ""
    trace.add(
        "每满一年支付一个月工资；六个月以上不满一年的按一年计算；不满六个月的支付半个月工资"
        + ("；按三倍封顶的，年限最高不超过十二年" if capped else ""),
        cite(LCL, "第四十七条第一款、第二款" if capped else "第四十七条第一款"),
        params=[partial],
        inputs={"whole_months": whole, "extra_days": days},
        result=months,
        formula=f"{whole // 12}年 + 零头{whole % 12}个月{days}天 → {uncapped:g}个月{limit}",
    )
    return months, wage_base, capped, float(out["amount"][0])


def _payment_in_lieu(inp: CompensationIn, on: dt.date, trace: Trace) -> float:
    """One month's wage instead of 30 days' notice (art. 40), at the previous month's wage (实施条例第二十条)."""
    if inp.termination != "art40" or inp.notice_given:
        return 0.0
    months = param("labour.notice_pay_months", on)
    wage = inp.last_month_wage if inp.last_month_wage is not None else inp.avg_monthly_wage
    note = "上一个月工资" if inp.last_month_wage is not None else "未提供上一个月工资，以月平均工资代替"
    return trace.add(
        f"未提前三十日书面通知的，额外支付一个月工资（代通知金）；按上一个月的工资标准确定"
        f"（劳动合同法实施条例第二十条；{note}）",
        cite(LCL, "第四十条"),
        params=[months],
        inputs={"wage": wage},
        result=money(wage * months.value),
        formula=f"{wage:.2f} × {months.value:g} = {money(wage * months.value):.2f}",
    )


CALCULATORS = [
    Calculator(
        name="economic-compensation",
        title="经济补偿计算",
        summary="按劳动合同法第四十六、四十七条计算解除或终止劳动合同的经济补偿（含最低工资保底、三倍封顶与十二年上限），"
        "第四十条代通知金，以及第八十七条违法解除赔偿金。",
        input_model=CompensationIn,
        result_model=CompensationOut,
        compute=compute,
        references=[
            cite(
                LCL,
                "第三十六条、第三十八条、第四十条、第四十一条、第四十四条、第四十六条、第四十七条、第八十七条、第九十七条",
            ),
            cite(LCL_REGS, "第十四条、第二十条、第二十二条、第二十五条、第二十七条"),
            cite(CIVIL_CODE, "第二百零二条、第一千二百五十九条"),
        ],
        example={
            "start": "2019-03-01",
            "end": "2025-08-31",
            "avg_monthly_wage": 9000,
            "termination": "art40",
            "notice_given": False,
            "last_month_wage": 9200,
            "region": "fujian.xiamen",
            "local_avg_monthly_wage": 9000,
            "local_minimum_wage": 2030,
        },
    )
]
