"""新就业形态人员职业伤害保障 (calculator ``platform-injury``): who is covered, what the platform pays, the benefits.

The law, as far as its text was found (parameter files under ``params/platform_injury``):

- 人社部发〔2025〕24号 extends the pilot; Fujian joined the second batch (福建省人社厅等十一部门
  《福建省新就业形态人员职业伤害保障试点工作实施方案》, 2025-06-23) from 2025-07-01. Covered:
  people who register with a pilot platform and take its orders, **without** an employment
  relationship, for accidents while carrying out an order. 2025: eleven named platforms in
  出行, 即时配送 and 同城货运; from 2026 every platform of those industries.
- Contribution: the platform alone pays 缴费基准额 × orders (“平台全额缴费、按单缴费、每单必保”);
  the worker pays nothing.
- Benefits (人社厅函〔2025〕79号, 规程第三十八、三十九条), paid by the 工伤保险基金: 一次性伤残补助金
  27 … 7 months, 一至四级 monthly 伤残津贴 90/85/80/75 %, 五六级 一次性津贴 30/25 months, all of the
  “待遇计发基数” (its definition was not found, so the user gives it); death: 丧葬补助金 6 months
  and dependants' pensions (40 % / 30 % / +10 %, together at most the base) of 60 % of the
  上年度统筹地区城镇私营单位就业人员月平均工资, and 一次性职业伤害死亡补助金 20 × the previous
  year's national urban per-capita disposable income.

Medical and rehabilitation costs are paid as incurred (规程) and are not computed here.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from renshe.rules import parameters, regions
from renshe.rules.calculators import Calculator
from renshe.rules.errors import ParameterNotFound, RulesError
from renshe.rules.fields import RegionCode, optional_yuan, output
from renshe.rules.money import money
from renshe.rules.overrides import given_or_param, unverified
from renshe.rules.parameters import ParamValue, Reference
from renshe.rules.trace import Step, Trace

P_RATE = "platform_injury.contribution_per_order"
P_PILOT = "platform_injury.pilot"
P_DISABILITY = "platform_injury.disability"
P_DEATH = "platform_injury.death"
P_INCOME = "statistics.urban_disposable_income"

NOTICE = Reference(
    document="人力资源社会保障部等九部门关于扩大新就业形态人员职业伤害保障试点的通知",
    number="人社部发〔2025〕24号",
)
FUJIAN_PLAN = Reference(document="福建省新就业形态人员职业伤害保障试点工作实施方案")
RULES = Reference(
    document="新就业形态人员职业伤害保障业务经办和征收管理规程（试行）", number="人社厅函〔2025〕79号"
)

INDUSTRY_LABELS = {
    "ride_hailing": "出行（网约车等）",
    "instant_delivery": "即时配送（外卖、跑腿等）",
    "freight": "同城货运",
}
RATE_LABELS = {"standard": "一般（首次参保）", "former_takeaway": "原外卖行业平台（0.25元/单档）"}
EVENT_LABELS = {"none": "只算缴费", "disability": "因职业伤害致残", "death": "因职业伤害死亡"}
BENEFIT_FIELDS = (
    "one_time_disability_subsidy",
    "monthly_allowance",
    "one_time_allowance",
    "funeral_subsidy",
    "dependants_pension",
    "death_subsidy",
)
PRIVATE_AVG_LABEL = "上年度统筹地区城镇私营单位就业人员月平均工资（元）"
BASE_LABEL = "待遇计发基数（元/月）"


def cite(ref: Reference, article: str) -> Reference:
    return ref.model_copy(update={"article": article})


class PlatformInjuryIn(BaseModel):
    """A platform worker (or platform) in Fujian: industry, platform, orders, and an injury if any."""

    model_config = ConfigDict(extra="forbid")

    industry: Literal["ride_hailing", "instant_delivery", "freight"] = Field(
        title="行业", description="平台所属行业", json_schema_extra={"x-labels": INDUSTRY_LABELS}
    )
    platform: str | None = Field(
        default=None,
        max_length=50,
        title="平台企业",
        description="如 美团、滴滴出行；不填则不判断该平台是否已纳入试点",
    )
    rate_class: Literal["standard", "former_takeaway"] = Field(
        default="standard",
        title="缴费档次",
        description="即时配送行业有0.07元/单与0.25元/单两档",
        json_schema_extra={"x-labels": RATE_LABELS},
    )
    orders: int = Field(default=0, ge=0, le=10**10, title="订单量（单）", description="平台缴费按订单量计算")
    region: RegionCode = regions.FUJIAN
    as_of: dt.date | None = Field(default=None, title="适用日期", description="接单或受伤的日期，默认今天")
    during_order: bool = Field(
        default=True,
        title="在执行平台订单任务期间受伤",
        description="职业伤害保障只保障执行订单任务期间的事故伤害",
    )
    event: Literal["none", "disability", "death"] = Field(
        default="none", title="情形", json_schema_extra={"x-labels": EVENT_LABELS}
    )
    level: int | None = Field(
        default=None, ge=1, le=10, title="伤残等级", description="劳动能力鉴定的伤残等级，1级最重"
    )
    benefit_base: float | None = optional_yuan(BASE_LABEL, "经办机构核定的待遇计发基数；伤残待遇按它计发")
    private_avg_monthly_wage: float | None = optional_yuan(
        PRIVATE_AVG_LABEL, "死亡待遇的计发基数为它的60%；可在统计局公报查到（年平均工资 ÷ 12）"
    )
    national_disposable_income: float | None = optional_yuan(
        "上一年度全国城镇居民人均可支配收入（元）", "一次性职业伤害死亡补助金用；不填则按适用日期查参数"
    )
    spouse_dependants: int = Field(default=0, ge=0, le=1, title="供养的配偶（人）")
    other_dependants: int = Field(default=0, ge=0, le=20, title="供养的其他亲属（人）")
    orphan_or_lone_elder_dependants: int = Field(default=0, ge=0, le=20, title="其中孤寡老人或孤儿（人）")


class PlatformInjuryOut(BaseModel):
    covered: bool = output("属于职业伤害保障试点范围")
    contribution_per_order: float = output("缴费基准额", unit="元/单")
    contribution: float = output(
        "平台应缴职业伤害保障费", unit="元", description="基准额 × 订单量，全部由平台缴纳"
    )
    worker_contribution: float = output("个人缴费", unit="元")
    one_time_disability_subsidy: float | None = output("一次性伤残补助金", unit="元")
    monthly_allowance: float | None = output("伤残津贴（每月）", unit="元", description="一级至四级按月领取")
    one_time_allowance: float | None = output("一次性津贴", unit="元", description="五级、六级")
    funeral_subsidy: float | None = output("丧葬补助金", unit="元")
    dependants_pension: float | None = output("供养亲属抚恤金（每月合计）", unit="元")
    death_subsidy: float | None = output("一次性职业伤害死亡补助金", unit="元")
    unverified_parameters: list[str] = output("未核实的参数")
    trace: list[Step]


def _coverage(
    inp: PlatformInjuryIn, on: dt.date, trace: Trace, used: dict[str, ParamValue]
) -> tuple[bool, bool]:
    """Whether the platform is in the pilot (so it pays for every order) and whether this event is covered."""
    try:
        pilot = parameters.value_at(P_PILOT, on, inp.region)
    except ParameterNotFound:
        trace.add(
            f"{on.isoformat()} {regions.name_of(inp.region)}尚未开展新就业形态人员职业伤害保障试点（福建自2025年7月1日起为第二批试点）",
            FUJIAN_PLAN,
            result=False,
        )
        return False, False
    used[P_PILOT] = pilot
    value = pilot.value
    industry_in = inp.industry in value["industries"]
    all_from = dt.date.fromisoformat(str(value["all_platforms_from"]))
    platform_in = inp.platform is None or on >= all_from or inp.platform.strip() in value["platforms"]
    enrolled = industry_in and platform_in
    covered = enrolled and (inp.during_order or inp.event == "none")
    if not platform_in:
        why = f"平台“{inp.platform}”不在{on.year}年纳入试点的平台企业之列（{all_from.year}年起该行业平台企业总体纳入）"
    elif inp.event != "none" and not inp.during_order:
        why = "职业伤害保障只保障执行平台订单任务期间受到的事故伤害，订单以外的伤害不在保障范围"
    else:
        why = f"{INDUSTRY_LABELS[inp.industry]}行业属于试点范围；参保不以建立劳动关系为前提"
    trace.add(
        why,
        cite(NOTICE, "试点范围"),
        params=[pilot],
        inputs={"platform": inp.platform, "industry": inp.industry},
        result=covered,
    )
    return enrolled, covered


def _contribution(
    inp: PlatformInjuryIn, on: dt.date, trace: Trace, used: dict[str, ParamValue]
) -> tuple[float, float]:
    try:
        pv = parameters.value_at(P_RATE, on, inp.region)
    except ParameterNotFound:
        return 0.0, 0.0
    used[P_RATE] = pv
    rates = pv.value[inp.industry]
    if inp.rate_class not in rates:
        raise RulesError.of(
            "rate_class",
            f"{INDUSTRY_LABELS[inp.industry]}行业没有“{RATE_LABELS[inp.rate_class]}”这一档",
            f"industry '{inp.industry}' has no rate class '{inp.rate_class}'",
        )
    rate = float(rates[inp.rate_class])
    amount = money(rate * inp.orders)
    trace.add(
        "平台企业按缴费基准额与订单量之积缴纳职业伤害保障费（平台全额缴费、按单缴费、每单必保），个人不缴费",
        cite(FUJIAN_PLAN, "缴费标准"),
        params=[pv],
        inputs={"orders": inp.orders},
        result=amount,
        formula=f"{rate:g} × {inp.orders} = {amount:.2f}",
    )
    return rate, amount


def _need(value: float | None, label: str, field: str, what: str) -> float:
    if value is None:
        raise ParameterNotFound.of(
            field,
            f"计算{what}需要“{label}”，请填写（当地社会保险经办机构或统计局公布的数额）",
            f"{what} needs {field}",
        )
    return value


def _disability(
    inp: PlatformInjuryIn, on: dt.date, trace: Trace, used: dict[str, ParamValue]
) -> dict[str, float | None]:
    if inp.level is None:
        raise RulesError.of(
            "level",
            "因职业伤害致残时必须填写伤残等级（1至10级）",
            "level (1–10) is required for a disability",
        )
    pv = parameters.value_at(P_DISABILITY, on, inp.region)
    used[P_DISABILITY] = pv
    base = _need(inp.benefit_base, BASE_LABEL, "benefit_base", "伤残待遇")
    level, rule = inp.level, pv.value
    months = float(rule["subsidy_months"][level])
    out: dict[str, float | None] = {
        "one_time_disability_subsidy": money(months * base),
        "monthly_allowance": None,
        "one_time_allowance": None,
    }
    trace.add(
        f"{level}级伤残：一次性伤残补助金为{months:g}个月的待遇计发基数",
        cite(RULES, "第三十八条第（二）项"),
        params=[pv],
        result=out["one_time_disability_subsidy"],
        formula=f"{months:g} × {base:g} = {out['one_time_disability_subsidy']:.2f}",
    )
    if level in rule["allowance_rates"]:
        rate = float(rule["allowance_rates"][level])
        out["monthly_allowance"] = money(rate * base)
        trace.add(
            f"一级至四级按月领取伤残津贴，{level}级为待遇计发基数的{rate:.0%}",
            cite(RULES, "第三十八条第（三）项"),
            params=[pv],
            result=out["monthly_allowance"],
            formula=f"{rate:g} × {base:g} = {out['monthly_allowance']:.2f}",
        )
    elif level in rule["one_time_allowance_months"]:
        m = float(rule["one_time_allowance_months"][level])
        out["one_time_allowance"] = money(m * base)
        trace.add(
            f"五级、六级发给一次性津贴，{level}级为{m:g}个月",
            cite(RULES, "第三十八条第（四）项"),
            params=[pv],
            result=out["one_time_allowance"],
            formula=f"{m:g} × {base:g} = {out['one_time_allowance']:.2f}",
        )
    return out


def _death(
    inp: PlatformInjuryIn, on: dt.date, trace: Trace, used: dict[str, ParamValue]
) -> dict[str, float | None]:
    pv = parameters.value_at(P_DEATH, on, inp.region)
    used[P_DEATH] = pv
    rule = pv.value
    private = _need(
        inp.private_avg_monthly_wage,
        PRIVATE_AVG_LABEL,
        "private_avg_monthly_wage",
        "丧葬补助金和供养亲属抚恤金",
    )
    base = money(float(rule["base_ratio"]) * private)
    funeral = money(float(rule["funeral_months"]) * base)
    trace.add(
        "丧葬补助金：计发基数为上年度统筹地区城镇私营单位就业人员月平均工资的60%，计发6个月",
        cite(RULES, "第三十九条第（一）项"),
        params=[pv],
        inputs={"private_avg_monthly_wage": private},
        result=funeral,
        formula=f"{rule['base_ratio']:g} × {private:g} = {base:.2f}；{rule['funeral_months']:g} × {base:.2f} = {funeral:.2f}",
    )
    if inp.orphan_or_lone_elder_dependants > inp.spouse_dependants + inp.other_dependants:
        raise RulesError.of(
            "orphan_or_lone_elder_dependants",
            "孤寡老人或孤儿的人数不能多于供养亲属人数",
            "more orphans/lone elders than dependants",
        )
    raw = base * (
        float(rule["spouse"]) * inp.spouse_dependants
        + float(rule["other"]) * inp.other_dependants
        + float(rule["orphan_or_lone_elder_extra"]) * inp.orphan_or_lone_elder_dependants
    )
    pension = money(min(raw, base))
    trace.add(
        "供养亲属抚恤金：配偶每月40%，其他亲属每人每月30%，孤寡老人或孤儿加发10%，合计不高于计发基数",
        cite(RULES, "第三十九条第（二）项"),
        params=[pv],
        result=pension,
        formula=f"min({money(raw):.2f}, {base:.2f}) = {pension:.2f}",
    )
    income = given_or_param(
        P_INCOME, "national_disposable_income", inp.national_disposable_income, on, inp.region, used
    )
    death = money(float(rule["death_subsidy_multiple"]) * income)
    trace.add(
        "一次性职业伤害死亡补助金为上一年度全国城镇居民人均可支配收入的20倍",
        cite(RULES, "第三十九条第（三）项"),
        params=[pv] + ([used[P_INCOME]] if P_INCOME in used else []),
        result=death,
        formula=f"{rule['death_subsidy_multiple']:g} × {income:g} = {death:.2f}",
    )
    return {"funeral_subsidy": funeral, "dependants_pension": pension, "death_subsidy": death}


def compute(inp: PlatformInjuryIn) -> PlatformInjuryOut:
    """Coverage, the platform's contribution and, for an injury, the benefits (where their base is known)."""
    on = inp.as_of or dt.date.today()
    trace, used = Trace(), {}
    enrolled, covered = _coverage(inp, on, trace, used)
    rate, contribution = _contribution(inp, on, trace, used) if enrolled else (0.0, 0.0)
    benefits: dict[str, float | None] = dict.fromkeys(BENEFIT_FIELDS)
    if covered and inp.event == "disability":
        benefits |= _disability(inp, on, trace, used)
    elif covered and inp.event == "death":
        benefits |= _death(inp, on, trace, used)
    return PlatformInjuryOut(
        covered=covered,
        contribution_per_order=rate,
        contribution=contribution,
        worker_contribution=0.0,
        unverified_parameters=unverified(used),
        trace=list(trace),
        **benefits,
    )


CALCULATORS = [
    Calculator(
        name="platform-injury",
        title="新就业形态人员职业伤害保障",
        summary="外卖骑手、网约车司机、货车司机等平台接单人员：是否在职业伤害保障试点范围、平台按单缴费多少，"
        "以及伤残、死亡待遇（人社部发〔2025〕24号，人社厅函〔2025〕79号第三十八、三十九条）。",
        input_model=PlatformInjuryIn,
        result_model=PlatformInjuryOut,
        compute=compute,
        references=[NOTICE, FUJIAN_PLAN, cite(RULES, "第三十八条、第三十九条")],
        example={
            "industry": "instant_delivery",
            "platform": "美团",
            "orders": 1200,
            "as_of": "2025-09-30",
            "event": "disability",
            "level": 9,
            "benefit_base": 4000,
        },
    )
]
