"""Work-injury benefits (工伤保险待遇) under the 工伤保险条例 (2010 revision, 国务院令第586号).

What this module computes, article by article:

- 本人工资 (art. 64 ¶2): the average monthly contribution wage of the 12 months before
  the injury, floored at 60 % and capped at 300 % of the 统筹地区职工平均工资.
- 一次性伤残补助金 (arts. 35(1), 36(1), 37(1)): 27 … 7 months of 本人工资 by grade.
- 伤残津贴 (arts. 35(2), 36(2)): grades 1–4 from the fund; grades 5–6 from the employer
  only while it cannot arrange suitable work. Below the local minimum wage it is topped
  up to it (by the fund for 1–4, by the employer for 5–6).
- 一次性工伤医疗补助金 / 一次性伤残就业补助金 (arts. 36 ¶2, 37(2)): due to grades 5–6 who
  end the relationship at their own request and grades 7–10 on expiry or resignation;
  the amounts are "由省、自治区、直辖市人民政府规定". Fujian's rule (闽政〔2011〕80号第二十七条:
  years of life expectancy left × months a year, with minimums and +30 % for occupational
  disease) needs the worker's age (or birth date) and sex; without them, or where the region
  has no parameter, the fields are null and the trace says why, never a guess.
- Death (art. 39): 丧葬补助金 = 6 months of the 统筹地区上年度职工月平均工资; 一次性工亡补助金
  = 20 × the previous year's national urban per-capita disposable income.

The arithmetic is a numpy core over arrays of grades and wages (:func:`disability_core`),
so a whole population is one call (:func:`disability_population`); the calculator runs
the same core on one case and writes the trace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from renshe.rules import injury_lump_sums as lump_sums
from renshe.rules import parameters, regions
from renshe.rules.calculators import Calculator
from renshe.rules.errors import ParameterNotFound, RulesError
from renshe.rules.fields import MAX_YUAN, RegionCode, optional_yuan, output
from renshe.rules.money import money, money_array
from renshe.rules.overrides import given_or_param, unverified
from renshe.rules.parameters import ParamValue, Reference
from renshe.rules.trace import Step, Trace

REGULATION = "工伤保险条例"
REGULATION_NUMBER = "国务院令第375号公布，国务院令第586号修订"

P_MONTHS = "injury.disability_subsidy_months"
P_RATES = "injury.disability_allowance_rates"
P_LIMITS = "injury.benefit_wage_limits"
P_FUNERAL = "injury.funeral_subsidy_months"
P_DEATH = "injury.death_subsidy_multiple"
#: Set by each province (arts. 36–37). Fujian: 闽政〔2011〕80号第二十七条, by life expectancy and age
#: (:mod:`renshe.rules.injury_lump_sums`); a region with no file leaves both fields null, saying why.
#: A table of fixed months also works: {"base": "avg_wage" | "benefit_wage", "months": {grade: months}}.
P_MEDICAL = "injury.one_time_medical_subsidy"
P_EMPLOYMENT = "injury.one_time_employment_subsidy"
P_AVG_WAGE = "wages.avg_monthly"
EVENT_LABELS = {"disability": "因工致残", "death": "因工死亡"}
SEX_LABELS = {"male": "男", "female": "女"}
P_LIFE = "injury.life_expectancy"
P_MIN_WAGE = "wages.minimum_monthly"
P_INCOME = "statistics.urban_disposable_income"

#: Art. 22 ¶2: ten grades, 1 the most severe. Arts. 35, 36 and 37 treat grades 1–4
#: (relationship kept, allowance from the fund), 5–6 (allowance from the employer when it
#: cannot arrange work) and 7–10 (no allowance) differently.
LEVELS = range(1, 11)
LAST_FUND_GRADE = 4
LAST_EMPLOYER_GRADE = 6
#: How 本人工资 was adjusted under art. 64: -1 raised to the floor, 0 as paid, 1 cut to the cap.
FLOOR, AS_PAID, CAP = -1, 0, 1


def reference(article: str) -> Reference:
    """A citation of one article of the 工伤保险条例."""
    return Reference(document=REGULATION, number=REGULATION_NUMBER, article=article)


def _grade_table(table: dict[Any, float]) -> np.ndarray:
    """A parameter table keyed by grade as an array indexed by grade (0 unused, missing = 0)."""
    out = np.zeros(max(LEVELS) + 1)
    for grade, v in table.items():
        out[int(grade)] = float(v)
    return out


@dataclass(frozen=True)
class InjuryLaw:
    """The numbers the 条例 and the region fix, as in force on one date."""

    subsidy_months: np.ndarray
    allowance_rates: np.ndarray
    floor_ratio: float
    cap_ratio: float
    avg_wage: float
    minimum_wage: float | None


def check_levels(levels: np.ndarray) -> None:
    """Grades run from 1 (most severe) to 10 (art. 22 ¶2)."""
    bad = (levels < min(LEVELS)) | (levels > max(LEVELS))
    if bad.any():
        raise RulesError.of(
            "level",
            f"伤残等级应为1至10级，收到 {levels[bad][0]}",
            f"level must be a disability grade from 1 to 10, got {levels[bad][0]}",
        )


def check_wages(wages: np.ndarray) -> None:
    if (~np.isfinite(wages) | (wages < 0)).any():
        raise RulesError.of(
            "monthly_wage", "本人工资应为非负数", "monthly_wage must be a non-negative number of yuan"
        )


def allowance_payable(levels: Any, unable_to_arrange_work: Any) -> np.ndarray:
    """Whether 伤残津贴 is due: always for grades 1–4 (art. 35(2)); for grades 5–6 only
    while the employer cannot arrange suitable work (art. 36(2)); never for 7–10 (art. 37)."""
    levels = np.asarray(levels)
    unable = np.asarray(unable_to_arrange_work, dtype=bool)
    return (levels <= LAST_FUND_GRADE) | ((levels <= LAST_EMPLOYER_GRADE) & unable)


def benefit_wage(wages: np.ndarray, law: InjuryLaw) -> tuple[np.ndarray, np.ndarray]:
    """本人工资 under art. 64 ¶2, with how it was adjusted (FLOOR, AS_PAID or CAP)."""
    low, high = law.floor_ratio * law.avg_wage, law.cap_ratio * law.avg_wage
    base = money_array(np.clip(wages, low, high))
    adjusted = np.where(wages < low, FLOOR, np.where(wages > high, CAP, AS_PAID))
    return base, adjusted


def disability_core(
    levels: Any, wages: Any, law: InjuryLaw, unable_to_arrange_work: Any = False
) -> dict[str, np.ndarray]:
    """Disability benefits for arrays of grades and pre-injury wages (arts. 35–37, 64).

    ``unable_to_arrange_work`` (scalar or array) says whether a grade 5–6 worker who
    stays employed gets no suitable work, which is when art. 36(2) makes the employer
    pay the allowance. Returns arrays: ``benefit_wage_base``, ``wage_adjusted``,
    ``one_time_disability_subsidy``, ``monthly_allowance`` (0 where none is payable),
    ``allowance_payable``, ``allowance_topped_up``.
    """
    levels = np.asarray(levels, dtype=np.int64)
    wages = np.asarray(wages, dtype=np.float64)
    check_levels(levels)
    check_wages(wages)
    base, adjusted = benefit_wage(wages, law)
    subsidy = money_array(base * law.subsidy_months[levels])
    raw_allowance = base * law.allowance_rates[levels]
    payable = allowance_payable(levels, unable_to_arrange_work)
    if law.minimum_wage is None and payable.any():
        raise ParameterNotFound.of(
            "local_minimum_wage",
            "伤残津贴需与当地最低工资标准比较，请给出 local_minimum_wage",
            "the disability allowance is compared with the local minimum wage; give local_minimum_wage",
        )
    floor = law.minimum_wage or 0.0
    topped_up = payable & (raw_allowance < floor)
    allowance = np.where(payable, money_array(np.maximum(raw_allowance, floor)), 0.0)
    return {
        "benefit_wage_base": base,
        "wage_adjusted": adjusted,
        "one_time_disability_subsidy": subsidy,
        "monthly_allowance": allowance,
        "allowance_payable": payable,
        "allowance_topped_up": topped_up,
    }


@dataclass(frozen=True)
class _Lookup:
    """The law for one date and region, with the parameter values it came from."""

    law: InjuryLaw
    used: dict[str, ParamValue]


def load_law(
    on: dt.date,
    region: str,
    *,
    local_avg_monthly_wage: float | None = None,
    local_minimum_wage: float | None = None,
    need_minimum_wage: bool = True,
) -> _Lookup:
    """Read every number the disability rules need, in force on ``on`` in ``region``."""
    used = {n: parameters.value_at(n, on, region) for n in (P_MONTHS, P_RATES, P_LIMITS)}
    avg = given_or_param(P_AVG_WAGE, "local_avg_monthly_wage", local_avg_monthly_wage, on, region, used)
    minimum = (
        given_or_param(P_MIN_WAGE, "local_minimum_wage", local_minimum_wage, on, region, used)
        if need_minimum_wage or local_minimum_wage is not None
        else None
    )
    limits = used[P_LIMITS].value
    law = InjuryLaw(
        subsidy_months=_grade_table(used[P_MONTHS].value),
        allowance_rates=_grade_table(used[P_RATES].value),
        floor_ratio=float(limits["floor"]),
        cap_ratio=float(limits["cap"]),
        avg_wage=avg,
        minimum_wage=minimum,
    )
    return _Lookup(law, used)


def disability_population(
    levels: Any,
    wages: Any,
    *,
    on: dt.date,
    region: str = regions.FUJIAN,
    unable_to_arrange_work: Any = False,
    local_avg_monthly_wage: float | None = None,
    local_minimum_wage: float | None = None,
) -> dict[str, np.ndarray]:
    """:func:`disability_core` for a whole population, with the law of ``on`` in ``region``."""
    levels = np.asarray(levels, dtype=np.int64)
    check_levels(levels)
    needs_minimum = bool(allowance_payable(levels, unable_to_arrange_work).any())
    lookup = load_law(
        on,
        region,
        local_avg_monthly_wage=local_avg_monthly_wage,
        local_minimum_wage=local_minimum_wage,
        need_minimum_wage=needs_minimum,
    )
    return disability_core(levels, wages, lookup.law, unable_to_arrange_work)


# ---------------------------------------------------------------- the calculator


class WorkInjuryInput(BaseModel):
    """A work-injury case: the grade, the wage before the injury, where and when."""

    model_config = ConfigDict(extra="forbid")

    level: int | None = Field(
        default=None,
        ge=1,
        le=10,
        title="伤残等级",
        description="劳动能力鉴定委员会评定的伤残等级，1级最重、10级最轻（工亡时可不填）",
    )
    monthly_wage: float = Field(
        le=MAX_YUAN,
        ge=0,
        allow_inf_nan=False,
        title="受伤前12个月平均月缴费工资（元）",
        description="工伤职工因工作遭受事故伤害或者患职业病前12个月平均月缴费工资（工伤保险条例第六十四条）",
    )
    region: RegionCode = regions.FUJIAN
    event: Literal["disability", "death"] = Field(
        default="disability",
        title="情形",
        description="因工致残或因工死亡",
        json_schema_extra={"x-labels": EVENT_LABELS},
    )
    terminated: bool = Field(
        default=False,
        title="已解除或终止劳动关系",
        description="五、六级：本人提出解除或终止劳动关系；七至十级：劳动合同期满终止或本人提出解除",
    )
    unable_to_arrange_work: bool = Field(
        default=False,
        title="用人单位难以安排工作",
        description="五、六级保留劳动关系但用人单位难以安排工作的，由用人单位按月发给伤残津贴",
    )
    as_of: dt.date | None = Field(
        default=None, title="适用日期", description="按哪一天有效的规定计算，默认今天"
    )
    local_avg_monthly_wage: float | None = optional_yuan("统筹地区上年度职工月平均工资（元）")
    local_minimum_wage: float | None = optional_yuan("当地月最低工资标准（元）")
    national_disposable_income: float | None = optional_yuan(
        "上一年度全国城镇居民人均可支配收入（元）", "计算一次性工亡补助金用；不填则按适用日期查参数"
    )
    birth: dt.date | None = Field(
        default=None,
        title="出生日期",
        description="福建按“平均预期寿命减去解除或终止劳动关系时的年龄”计发一次性工伤医疗补助金和一次性伤残就业补助金",
    )
    # No legal floor or ceiling: 劳动法 art. 15 lets 文艺、体育和特种工艺单位 employ people under
    # sixteen with approval, and no article ends 工伤保险 at an age. The bounds only refuse ages no
    # living worker has.
    age: int | None = Field(
        default=None,
        ge=0,
        le=120,
        title="解除或终止劳动关系时的年龄（周岁）",
        description="不知道出生日期时填写；给出出生日期的以出生日期为准",
    )
    sex: Literal["male", "female"] | None = Field(
        default=None,
        title="性别",
        description="平均预期寿命按性别取值（闽人社办〔2022〕63号）",
        json_schema_extra={"x-labels": SEX_LABELS},
    )
    terminated_on: dt.date | None = Field(
        default=None, title="解除或终止劳动关系的日期", description="计算年龄用；不填则为适用日期"
    )
    occupational_disease: bool = Field(
        default=False,
        title="患职业病",
        description="患职业病的，两项一次性补助金增发30%（闽政〔2011〕80号第二十七条）",
    )
    life_expectancy: float | None = Field(
        default=None,
        gt=0,
        le=120,
        allow_inf_nan=False,
        title="人口平均预期寿命（岁）",
        description="不填则按福建省人社厅公布的分性别数字；厦门等另行公布的地区请填写当地数字",
    )


class WorkInjuryResult(BaseModel):
    """The benefits due, in yuan, each explained in ``trace``."""

    event: Literal["disability", "death"] = output("情形", labels=EVENT_LABELS)
    level: int | None = output("伤残等级", unit="级")
    region: str = output("地区", labels=regions.REGION_NAMES)
    as_of: dt.date = output("适用日期")
    benefit_wage_base: float = output(
        "本人工资（计发基数）", unit="元", description="本人工资，经第六十四条保底、封顶"
    )
    wage_adjusted: Literal["floor", "cap"] | None = output(
        "本人工资调整",
        labels={"floor": "按60%保底", "cap": "按300%封顶"},
        description="本人工资是否按60%保底或300%封顶",
    )
    one_time_disability_subsidy: float | None = output(
        "一次性伤残补助金", unit="元", description="一次性伤残补助金"
    )
    monthly_allowance: float | None = output(
        "伤残津贴（每月）", unit="元", description="伤残津贴（按月），不支付的为0"
    )
    allowance_payer: Literal["fund", "employer"] | None = output(
        "伤残津贴支付方",
        labels={"fund": "工伤保险基金", "employer": "用人单位"},
        description="伤残津贴由谁支付",
    )
    allowance_topped_up: bool = output("津贴补足到最低工资", description="伤残津贴是否补足到当地最低工资标准")
    one_time_medical_subsidy: float | None = output(
        "一次性工伤医疗补助金", unit="元", description="一次性工伤医疗补助金；地区未设定或不符合条件的为 null"
    )
    one_time_employment_subsidy: float | None = output(
        "一次性伤残就业补助金", unit="元", description="一次性伤残就业补助金；地区未设定或不符合条件的为 null"
    )
    funeral_subsidy: float | None = output("丧葬补助金", unit="元", description="丧葬补助金（工亡）")
    death_subsidy: float | None = output(
        "一次性工亡补助金", unit="元", description="一次性工亡补助金（工亡）"
    )
    unverified_parameters: list[str] = output("未核实的参数", description="用到的尚未对照官方文本核实的参数")
    trace: list[Step]


_ADJUSTED = {FLOOR: "floor", AS_PAID: None, CAP: "cap"}


def _wage_step(trace: Trace, inp: WorkInjuryInput, lookup: _Lookup, base: float, adjusted: int) -> None:
    law = lookup.law
    low, high = money(law.floor_ratio * law.avg_wage), money(law.cap_ratio * law.avg_wage)
    how = {
        FLOOR: f"低于保底 {low}，按保底计",
        CAP: f"高于封顶 {high}，按封顶计",
        AS_PAID: "在保底与封顶之间，按实计",
    }
    trace.add(
        f"本人工资按统筹地区职工平均工资的{law.floor_ratio:.0%}保底、{law.cap_ratio:.0%}封顶",
        reference("第六十四条第二款"),
        params=[lookup.used[n] for n in (P_LIMITS, P_AVG_WAGE) if n in lookup.used],
        inputs={"monthly_wage": inp.monthly_wage, "avg_wage": law.avg_wage},
        result=base,
        formula=(
            f"{law.floor_ratio:g} × {law.avg_wage:g} = {low} ≤ 本人工资 ≤ {law.cap_ratio:g} × {law.avg_wage:g}"
            f" = {high}；{inp.monthly_wage:g} {how[adjusted]} → {base}"
        ),
    )


def _subsidy_article(level: int) -> str:
    if level <= LAST_FUND_GRADE:
        return "第三十五条第一款第（一）项"
    return "第三十六条第一款第（一）项" if level <= LAST_EMPLOYER_GRADE else "第三十七条第（一）项"


def _allowance(
    trace: Trace, inp: WorkInjuryInput, lookup: _Lookup, out: dict[str, np.ndarray], base: float
) -> tuple[float, Literal["fund", "employer"] | None]:
    """Record the allowance step; returns the amount and who pays it."""
    level = inp.level or 0
    law = lookup.law
    if level > LAST_EMPLOYER_GRADE:
        trace.add("七至十级伤残不享受伤残津贴", reference("第三十七条"), result=0.0)
        return 0.0, None
    by_fund = level <= LAST_FUND_GRADE
    payer: Literal["fund", "employer"] = "fund" if by_fund else "employer"
    article = "第三十五条第一款第（二）项" if by_fund else "第三十六条第一款第（二）项"
    if not bool(out["allowance_payable"][0]):
        why = "已解除或终止劳动关系" if inp.terminated else "用人单位已安排适当工作"
        trace.add(f"五、六级伤残{why}，不发伤残津贴", reference(article), result=0.0)
        return 0.0, None
    rate = float(law.allowance_rates[level])
    amount = float(out["monthly_allowance"][0])
    raw = money(base * rate)
    topped = bool(out["allowance_topped_up"][0])
    minimum = law.minimum_wage or 0.0
    formula = f"{base} × {rate:.0%} = {raw}"
    if topped:
        formula += f"，低于当地最低工资标准 {minimum:g}，由{'工伤保险基金' if payer == 'fund' else '用人单位'}补足差额 → {amount}"
    trace.add(
        f"{level}级伤残按月发给伤残津贴（本人工资的{rate:.0%}），低于当地最低工资标准的补足差额",
        reference(article),
        params=[lookup.used[n] for n in (P_RATES, P_MIN_WAGE) if n in lookup.used],
        inputs={"local_minimum_wage": minimum},
        result=amount,
        formula=formula,
    )
    return amount, payer


def _regional_subsidy(
    trace: Trace,
    name: str,
    title: str,
    inp: WorkInjuryInput,
    on: dt.date,
    base: float,
    avg: float,
    used: dict[str, ParamValue],
) -> tuple[float | None, ParamValue | None]:
    """一次性工伤医疗补助金 or 一次性伤残就业补助金, as the province sets them (arts. 36–37)."""
    level = inp.level or 0
    article = "第三十六条第二款" if level <= LAST_EMPLOYER_GRADE else "第三十七条第（二）项"
    if level <= LAST_FUND_GRADE:
        trace.add(f"一至四级伤残保留劳动关系，不发{title}", reference("第三十五条第一款"), result=None)
        return None, None
    if not inp.terminated:
        trace.add(f"劳动关系未解除或终止，不发{title}", reference(article), result=None)
        return None, None
    try:
        pv = parameters.value_at(name, on, inp.region)
    except ParameterNotFound:
        trace.add(
            f"{title}的具体标准由省级人民政府规定；{regions.name_of(inp.region)}在 {on.isoformat()} 的标准"
            "未能找到官方文本（已检索福建省实施《工伤保险条例》办法和闽人社文件），故不计算",
            reference(article),
            result=None,
        )
        return None, None
    if pv.value.get("formula") == "life_expectancy":
        return _by_life_expectancy(trace, title, article, inp, on, avg, pv, used)
    months = float(pv.value["months"][level])
    on_avg = pv.value["base"] == "avg_wage"
    basis = avg if on_avg else base
    amount = money(months * basis)
    trace.add(
        f"{title}按{'统筹地区上年度职工月平均工资' if on_avg else '本人工资'}的{months:g}个月计发",
        reference(article),
        params=[pv],
        result=amount,
        formula=f"{months:g} × {basis:g} = {amount}",
    )
    return amount, pv


def _by_life_expectancy(
    trace: Trace,
    title: str,
    article: str,
    inp: WorkInjuryInput,
    on: dt.date,
    avg: float,
    pv: ParamValue,
    used: dict[str, ParamValue],
) -> tuple[float | None, ParamValue | None]:
    """Fujian's rule (闽政〔2011〕80号第二十七条): years of life expectancy left × months a year × average wage."""
    level = inp.level or 0
    fujian = Reference(
        document="福建省实施《工伤保险条例》办法", number="闽政〔2011〕80号", article="第二十七条"
    )
    ended = inp.terminated_on or on
    age = lump_sums.age_at(ended, inp.birth, inp.age)
    life_pv = None
    life = inp.life_expectancy
    if life is None and inp.sex is not None:
        try:
            life_pv = parameters.value_at(P_LIFE, ended, inp.region)
            life = float(life_pv.value[inp.sex])
            used[P_LIFE] = life_pv
        except ParameterNotFound:
            life = None
    missing = [
        label
        for label, absent in (
            ("“出生日期”或“解除或终止劳动关系时的年龄（周岁）”", age is None),
            ("“性别”", life is None and inp.sex is None),
            ("“人口平均预期寿命（岁）”", life is None and inp.sex is not None),
        )
        if absent
    ]
    if missing:
        trace.add(
            f"{title}按平均预期寿命与解除或终止劳动关系时年龄之差计发，需要{'和'.join(missing)}；未提供，故不计算",
            fujian,
            params=[pv],
            result=None,
        )
        return None, None
    assert age is not None and life is not None
    years = lump_sums.counted_years(life, age.years)
    out = lump_sums.lump_sum(pv.value, level, years, avg, inp.occupational_disease)
    life_note = (
        f"{SEX_LABELS.get(inp.sex or '', '')}性平均预期寿命 {life:g} 岁"
        if inp.life_expectancy is None
        else f"所填平均预期寿命 {life:g} 岁"
    )
    payer = "工伤保险基金" if pv.name == P_MEDICAL else "用人单位"
    trace.add(
        f"{title}（{level}级，由{payer}支付）=（平均预期寿命 − 年龄，不满一年按一年）× 每满一年的月数 × 统筹地区上年度职工月平均工资，"
        f"低于最低月数的按最低月数{'，患职业病增发30%' if inp.occupational_disease else ''}；{life_note}，{age.how}"
        f"（工伤保险条例{article}授权省级规定）",
        fujian,
        params=[p for p in (pv, life_pv) if p],
        inputs={"life_expectancy": life, "age": round(age.years, 4), "years": years, "avg_wage": avg},
        result=out.amount,
        formula=f"{life:g} − {age.years:.2f} = {life - age.years:.2f} → {out.formula}",
    )
    return out.amount, pv


def _death(
    trace: Trace, inp: WorkInjuryInput, on: dt.date, avg: float, used: dict[str, ParamValue]
) -> tuple[float, float]:
    months_pv = parameters.value_at(P_FUNERAL, on, inp.region)
    multiple_pv = parameters.value_at(P_DEATH, on, inp.region)
    used.update({P_FUNERAL: months_pv, P_DEATH: multiple_pv})
    income = given_or_param(
        P_INCOME, "national_disposable_income", inp.national_disposable_income, on, inp.region, used
    )
    amounts = []
    for pv, basis, what, article, given in (
        (months_pv, avg, "个月的统筹地区上年度职工月平均工资", "第三十九条第一款第（一）项", P_AVG_WAGE),
        (
            multiple_pv,
            income,
            "倍的上一年度全国城镇居民人均可支配收入",
            "第三十九条第一款第（三）项",
            P_INCOME,
        ),
    ):
        amount = money(float(pv.value) * basis)
        trace.add(
            f"{'丧葬补助金' if pv is months_pv else '一次性工亡补助金'}为{pv.value}{what}",
            reference(article),
            params=[pv] + ([used[given]] if given in used else []),
            inputs={given: basis},
            result=amount,
            formula=f"{pv.value} × {basis:g} = {amount}",
        )
        amounts.append(amount)
    funeral, death = amounts
    return funeral, death


def compute(inp: WorkInjuryInput) -> WorkInjuryResult:
    """Apply arts. 35–39 and 64 to one case and explain every number."""
    on = inp.as_of or dt.date.today()
    disability = inp.event == "disability"
    if disability and inp.level is None:
        raise RulesError.of(
            "level", "因工致残时必须填写伤残等级（1至10级）", "level (1–10) is required for a disability"
        )
    level = inp.level or 0
    unable = inp.unable_to_arrange_work and not inp.terminated
    needs_minimum = disability and bool(allowance_payable(level, unable))
    lookup = load_law(
        on,
        inp.region,
        local_avg_monthly_wage=inp.local_avg_monthly_wage,
        local_minimum_wage=inp.local_minimum_wage,
        need_minimum_wage=needs_minimum,
    )
    wage_base, wage_adjusted = benefit_wage(np.array([inp.monthly_wage]), lookup.law)
    base, adjusted = money(float(wage_base[0])), int(wage_adjusted[0])
    trace = Trace()
    _wage_step(trace, inp, lookup, base, adjusted)
    used = dict(lookup.used)
    result: dict[str, Any] = {
        "one_time_disability_subsidy": None,
        "monthly_allowance": None,
        "allowance_payer": None,
        "allowance_topped_up": False,
        "one_time_medical_subsidy": None,
        "one_time_employment_subsidy": None,
        "funeral_subsidy": None,
        "death_subsidy": None,
    }
    if disability:
        out = disability_core([level], [inp.monthly_wage], lookup.law, unable)
        subsidy = float(out["one_time_disability_subsidy"][0])
        months = lookup.law.subsidy_months[level]
        trace.add(
            f"{level}级伤残由工伤保险基金支付一次性伤残补助金，为{months:g}个月的本人工资",
            reference(_subsidy_article(level)),
            params=[lookup.used[P_MONTHS]],
            result=subsidy,
            formula=f"{base} × {months:g} = {subsidy}",
        )
        allowance, payer = _allowance(trace, inp, lookup, out, base)
        result |= {
            "one_time_disability_subsidy": subsidy,
            "monthly_allowance": allowance,
            "allowance_payer": payer,
            "allowance_topped_up": payer is not None and bool(out["allowance_topped_up"][0]),
        }
        for key, name, title in (
            ("one_time_medical_subsidy", P_MEDICAL, "一次性工伤医疗补助金"),
            ("one_time_employment_subsidy", P_EMPLOYMENT, "一次性伤残就业补助金"),
        ):
            amount, pv = _regional_subsidy(trace, name, title, inp, on, base, lookup.law.avg_wage, used)
            result[key] = amount
            if pv is not None:
                used[name] = pv
    else:
        result["funeral_subsidy"], result["death_subsidy"] = _death(trace, inp, on, lookup.law.avg_wage, used)
    return WorkInjuryResult(
        event=inp.event,
        level=inp.level,
        region=inp.region,
        as_of=on,
        benefit_wage_base=base,
        wage_adjusted=_ADJUSTED[adjusted],
        unverified_parameters=unverified(used),
        trace=list(trace),
        **result,
    )


CALCULATORS = [
    Calculator(
        name="work-injury",
        title="工伤保险待遇",
        summary=(
            "按《工伤保险条例》第三十五至三十九条、第六十四条计算本人工资、一次性伤残补助金、伤残津贴，"
            "以及工亡的丧葬补助金和一次性工亡补助金；一次性工伤医疗补助金和一次性伤残就业补助金按省级标准，"
            "未找到官方标准的地区不计算并说明。"
        ),
        input_model=WorkInjuryInput,
        result_model=WorkInjuryResult,
        compute=compute,
        references=[
            reference("第三十五条至第三十七条"),
            reference("第三十九条"),
            reference("第六十四条"),
        ],
        example={
            "level": 7,
            "monthly_wage": 6000,
            "region": "fujian.xiamen",
            "event": "disability",
            "terminated": True,
            "as_of": "2025-06-30",
        },
    )
]
