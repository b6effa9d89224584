"""Monthly basic pension of an urban employee at retirement, for one person or a population.

Law: 《国务院关于完善企业职工基本养老保险制度的决定》（国发〔2005〕38号）point 六、改革基本养老金计发办法 and its annex
《个人账户养老金计发月数表》; 社会保险法第十五条、第十六条; 办法第二条 (2024) for the minimum period.

- 基础养老金 = 计发基数 × (1 + 本人平均缴费工资指数) ÷ 2 × 缴费年限 × 1% (38号 point 六、: "以当地上年度在岗
  职工月平均工资和本人指数化月平均缴费工资的平均值为基数，缴费每满1年发给1%"). 缴费年限 counts the
  actual and the deemed (视同缴费) months, in months ÷ 12, as 经办 practice does.
- 个人账户养老金 = 个人账户储存额 ÷ 计发月数. The annex gives 计发月数 by whole years of age only;
  for an age with months (common after the 2025 reform) this module interpolates linearly by
  month between the two whole-year values. That is an engineering choice, not law: no
  official rule for ages with months was found. The trace says so.
- 过渡性养老金 = 计发基数 × 平均缴费指数 × 视同缴费年限 × 过渡系数, the form Fujian uses (闽政〔1996〕13号
  as reported second hand). The coefficient is an input: Fujian's official coefficient was not
  found, so there is no default, and deemed months without a coefficient are refused.
- Eligible for a monthly pension when actual + deemed months reach the minimum for the
  retirement month (社会保险法第十六条; 办法第二条).

:func:`pension_core` takes arrays; the calculator sends one person through it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from renshe.rules import regions
from renshe.rules.calculators import Calculator
from renshe.rules.errors import RulesError
from renshe.rules.fields import REGION_CHOICES, output
from renshe.rules.money import money_array
from renshe.rules.parameters import ParamValue, Reference, value_at
from renshe.rules.retirement import (
    DECISION,
    Age,
    check_year_month,
    first_day,
    measures,
    minimum_months,
    month_index,
    month_of,
)
from renshe.rules.trace import Step, Trace

GUOFA_2005_38 = Reference(
    document="国务院关于完善企业职工基本养老保险制度的决定",
    number="国发〔2005〕38号",
    article="六、改革基本养老金计发办法",
    url="https://www.gov.cn/zwgk/2005-12/14/content_127311.htm",
)
SOCIAL_INSURANCE_LAW = "中华人民共和国社会保险法"
TRANSITIONAL_REFERENCE = Reference(
    document="福建省人民政府关于企业职工基本养老保险制度改革的实施意见（过渡性养老金）",
    number="闽政〔1996〕13号",
    article="过渡性养老金（文号与系数均未核实，系数由使用者输入）",
)
DIVISOR_CHOICE = (
    "计发月数表只按整周岁列出；年龄含月份时在相邻两个整周岁之间按月线性插值——这是本平台的工程选择，"
    "不是法律规定（未找到官方对非整周岁计发月数的规定）"
)


@dataclass(frozen=True)
class PensionRules:
    """The national pension parameters on one date, the divisor table as arrays for interpolation."""

    basic_rate: ParamValue
    divisor: ParamValue
    divisor_ages: np.ndarray  # whole-year ages in months
    divisor_months: np.ndarray


def pension_rules_on(on: dt.date) -> PensionRules:
    basic_rate = value_at("pension.basic_rate", on)
    divisor = value_at("pension.divisor", on)
    ages = sorted(int(a) for a in divisor.value)
    return PensionRules(
        basic_rate=basic_rate,
        divisor=divisor,
        divisor_ages=np.array([a * 12 for a in ages], dtype=np.float64),
        divisor_months=np.array([divisor.value[a] for a in ages], dtype=np.float64),
    )


def divisor_at(age_months: np.ndarray, rules: PensionRules) -> np.ndarray:
    """计发月数 for ages in months: the annex value at whole years, interpolated by month between.

    Ages outside the annex (below 40 or above 70) give NaN.
    """
    age = np.asarray(age_months, dtype=np.float64)
    inside = (age >= rules.divisor_ages[0]) & (age <= rules.divisor_ages[-1])
    return np.where(inside, np.interp(age, rules.divisor_ages, rules.divisor_months), np.nan)


def pension_core(
    calc_base: np.ndarray,
    avg_index: np.ndarray,
    contribution_months: np.ndarray,
    deemed_months: np.ndarray,
    account_balance: np.ndarray,
    retire_age_months: np.ndarray,
    transitional_coefficient: np.ndarray,
    min_months: np.ndarray,
    rules: PensionRules,
) -> dict[str, np.ndarray]:
    """Monthly basic pension for whole arrays of people (amounts rounded to the fen).

    国发〔2005〕38号 point 六: basic = base × (1 + index) ÷ 2 × years × 1%; personal = balance ÷
    divisor(age). Fujian transitional = base × index × deemed years × coefficient.
    社会保险法第十六条/办法第二条: eligible when actual + deemed months ≥ the minimum.
    """
    calc_base = np.asarray(calc_base, dtype=np.float64)
    avg_index = np.asarray(avg_index, dtype=np.float64)
    paid = np.asarray(contribution_months, dtype=np.int64)
    deemed = np.asarray(deemed_months, dtype=np.int64)
    total_months = paid + deemed
    divisor = divisor_at(retire_age_months, rules)
    basic = money_array(calc_base * (1.0 + avg_index) / 2.0 * (total_months / 12.0) * rules.basic_rate.value)
    personal = money_array(np.asarray(account_balance, dtype=np.float64) / divisor)
    transitional = money_array(
        calc_base * avg_index * (deemed / 12.0) * np.asarray(transitional_coefficient, dtype=np.float64)
    )
    minimum = np.asarray(min_months, dtype=np.int64)
    return {
        "basic": basic,
        "personal": personal,
        "transitional": transitional,
        "total": money_array(basic + personal + transitional),
        "divisor": divisor,
        "eligible": total_months >= minimum,
        "shortfall_months": np.maximum(minimum - total_months, 0),
    }


# --- the calculator -------------------------------------------------------------------------


class RetireAgeIn(Age):
    """Retirement age for the divisor: 40–70 years (the annex's range)."""

    years: int = Field(
        title="退休时周岁", description="退休时的整周岁（计发月数表覆盖40–70周岁）", ge=40, le=70
    )
    months: int = Field(title="退休时另加月数", description="不足一岁的月数（0–11）", ge=0, le=11)

    @model_validator(mode="after")
    def _within_annex(self) -> RetireAgeIn:
        if self.years == 70 and self.months:
            raise ValueError("计发月数表最高到70周岁 / the divisor table ends at age 70")
        return self


class PensionIn(BaseModel):
    """The facts of one retirement, as the 经办 clerk has them."""

    model_config = ConfigDict(extra="forbid")

    calc_base: float | None = Field(
        default=None,
        gt=0,
        le=100000,
        title="计发基数（元/月）",
        description="退休时当地（省）公布的基本养老金计发基数；不填则按 region 和退休年月查参数表",
    )
    region: str = Field(
        default=regions.FUJIAN,
        title="地区",
        description="按哪个地区公布的计发基数计算",
        json_schema_extra=REGION_CHOICES,
    )
    avg_index: float = Field(
        gt=0, le=3, title="本人平均缴费工资指数", description="历年缴费工资指数的平均值，一般在0.6–3之间"
    )
    contribution_months: int = Field(ge=0, le=720, title="实际缴费月数", description="累计实际缴费月数")
    deemed_months: int = Field(
        default=0, ge=0, le=720, title="视同缴费月数", description="个人账户建立前的视同缴费月数"
    )
    account_balance: float = Field(
        ge=0, le=1e8, title="个人账户储存额（元）", description="退休时个人账户累计储存额"
    )
    retire_age: RetireAgeIn = Field(title="退休年龄", description="退休时的年龄（周岁和月数）")
    retire_month: str | None = Field(
        default=None,
        title="退休年月",
        description="用于确定最低缴费年限和计发基数；不填按适用法律的日期",
        json_schema_extra={"format": "year-month"},
    )
    transitional_coefficient: float | None = Field(
        default=None,
        gt=0,
        le=0.05,
        title="过渡系数",
        description="过渡性养老金的过渡系数（如0.013即1.3%）；有视同缴费月数时必填，本平台不设默认值",
        validate_default=True,
    )
    as_of: dt.date | None = Field(default=None, title="适用法律的日期", description="不填为今天")

    @field_validator("retire_month")
    @classmethod
    def _month(cls, v: str | None) -> str | None:
        return None if v is None else check_year_month(v, "退休年月")

    @field_validator("transitional_coefficient")
    @classmethod
    def _coefficient_needed(cls, v: float | None, info: ValidationInfo) -> float | None:
        if v is None and info.data.get("deemed_months"):
            raise ValueError(
                "有视同缴费月数时须填写过渡系数（福建省官方系数未核实，不设默认值） / "
                "required when deemed_months > 0 (Fujian's official coefficient is unverified, "
                "so there is no default)"
            )
        return v


class PensionOut(BaseModel):
    basic: float = output("基础养老金（每月）", unit="元", description="基础养老金（元/月）")
    personal: float = output("个人账户养老金（每月）", unit="元", description="个人账户养老金（元/月）")
    transitional: float = output("过渡性养老金（每月）", unit="元", description="过渡性养老金（元/月）")
    total: float = output("基本养老金合计（每月）", unit="元", description="基本养老金合计（元/月）")
    divisor: float = output("计发月数", unit="个月", description="计发月数（含月份的年龄为插值）")
    eligible: bool = output("可按月领取", description="是否达到按月领取的最低缴费年限")
    min_contribution_months: int = output("最低缴费月数", unit="个月", description="最低缴费月数")
    shortfall_months: int = output("还差缴费月数", unit="个月", description="距最低缴费年限还差的月数")
    contribution_years: float = output("缴费年限", unit="年", description="缴费年限（含视同缴费）")
    calc_base: float = output("计发基数（每月）", unit="元", description="所用计发基数（元/月）")
    trace: list[Step]


def compute(inp: PensionIn) -> PensionOut:
    """One retirement through :func:`pension_core`, with the trace of each rule applied."""
    on = inp.as_of or dt.date.today()
    retire_at = first_day(month_index(inp.retire_month)) if inp.retire_month else on
    rules = pension_rules_on(on)
    t = Trace()

    if inp.calc_base is not None:
        base = inp.calc_base
        base_param: list[ParamValue] = []
        base_ref = GUOFA_2005_38
    else:
        pv = value_at("pension.calc_base", retire_at, inp.region)
        base, base_param, base_ref = float(pv.value), [pv], pv.reference
    t.add(
        "基本养老金计发基数",
        base_ref,
        params=base_param,
        inputs={"calc_base": inp.calc_base, "region": inp.region, "retire_month": inp.retire_month},
        result=base,
        formula="使用者输入"
        if not base_param
        else f"{regions.name_of(base_param[0].region)} {retire_at.year} 年度计发基数",
    )

    minimum = value_at("pension.min_contribution_months", retire_at)
    age_months = inp.retire_age.total_months()
    out = pension_core(
        np.array([base]),
        np.array([inp.avg_index]),
        np.array([inp.contribution_months]),
        np.array([inp.deemed_months]),
        np.array([inp.account_balance]),
        np.array([age_months]),
        np.array([inp.transitional_coefficient or 0.0]),
        minimum_months(np.array([month_of(retire_at)])),
        rules,
    )
    r = {k: v[0].item() for k, v in out.items()}
    if not np.isfinite(r["divisor"]):
        raise RulesError.of(
            "retire_age", "退休年龄超出计发月数表范围", "retirement age outside the divisor table"
        )
    months = inp.contribution_months + inp.deemed_months
    years = months / 12
    rate = rules.basic_rate.value

    t.add(
        "基础养老金",
        GUOFA_2005_38,
        params=[rules.basic_rate],
        inputs={
            "avg_index": inp.avg_index,
            "contribution_months": inp.contribution_months,
            "deemed_months": inp.deemed_months,
        },
        result=r["basic"],
        formula=(
            f"{base:g} × (1 + {inp.avg_index:g}) ÷ 2 × ({inp.contribution_months} + {inp.deemed_months}) ÷ 12 年"
            f" × {rate:g} = {r['basic']:.2f} 元（缴费年限按月数 ÷ 12 计）"
        ),
    )
    whole = inp.retire_age.years
    divisor_formula = (
        f"{whole}周岁：{rules.divisor.value[whole]}"
        if not inp.retire_age.months
        else (
            f"{rules.divisor.value[whole]} + ({rules.divisor.value[whole + 1]} − {rules.divisor.value[whole]})"
            f" × {inp.retire_age.months}/12 = {r['divisor']:.4f}。{DIVISOR_CHOICE}"
        )
    )
    t.add(
        "个人账户养老金计发月数",
        rules.divisor.reference,
        params=[rules.divisor],
        inputs={"retire_age": inp.retire_age.model_dump()},
        result=r["divisor"],
        formula=divisor_formula,
    )
    t.add(
        "个人账户养老金",
        GUOFA_2005_38,
        params=[rules.divisor],
        inputs={"account_balance": inp.account_balance},
        result=r["personal"],
        formula=f"{inp.account_balance:g} ÷ {r['divisor']:.4f} = {r['personal']:.2f} 元",
    )
    t.add(
        "过渡性养老金",
        TRANSITIONAL_REFERENCE,
        inputs={"deemed_months": inp.deemed_months, "transitional_coefficient": inp.transitional_coefficient},
        result=r["transitional"],
        formula=(
            f"{base:g} × {inp.avg_index:g} × {inp.deemed_months} ÷ 12 年 × {inp.transitional_coefficient:g}"
            f" = {r['transitional']:.2f} 元（过渡系数为使用者输入）"
            if inp.deemed_months
            else "无视同缴费年限，过渡性养老金为 0"
        ),
    )
    t.add(
        "按月领取基本养老金的最低缴费年限",
        minimum.reference,
        params=[minimum],
        inputs={"retire_month": inp.retire_month or on.isoformat(), "total_months": months},
        result={"eligible": r["eligible"], "shortfall_months": r["shortfall_months"]},
        formula=(
            f"累计 {months} 个月（含视同缴费）{'≥' if r['eligible'] else '<'} 最低 {minimum.value} 个月"
            + (
                ""
                if r["eligible"]
                else f"，还差 {r['shortfall_months']} 个月，可延长缴费或一次性缴费补足（办法第二条）"
            )
        ),
    )
    t.add(
        "基本养老金合计",
        Reference(document=SOCIAL_INSURANCE_LAW, article="第十五条"),
        result=r["total"],
        formula=f"{r['basic']:.2f} + {r['personal']:.2f} + {r['transitional']:.2f} = {r['total']:.2f} 元/月",
    )
    return PensionOut(
        basic=r["basic"],
        personal=r["personal"],
        transitional=r["transitional"],
        total=r["total"],
        divisor=r["divisor"],
        eligible=r["eligible"],
        min_contribution_months=int(minimum.value),
        shortfall_months=r["shortfall_months"],
        contribution_years=round(years, 4),
        calc_base=base,
        trace=list(t),
    )


CALCULATORS = [
    Calculator(
        name="basic-pension",
        title="基本养老金计算",
        summary="按计发基数、平均缴费指数、缴费年限、个人账户储存额和退休年龄，计算退休时的月基本养老金，并判断是否达到最低缴费年限。",
        input_model=PensionIn,
        result_model=PensionOut,
        compute=compute,
        references=[
            GUOFA_2005_38,
            Reference(document=SOCIAL_INSURANCE_LAW, article="第十六条"),
            measures("第二条"),
            DECISION,
        ],
        example={
            "calc_base": 7932,
            "avg_index": 1.0,
            "contribution_months": 360,
            "account_balance": 120000,
            "retire_age": {"years": 60, "months": 0},
            "retire_month": "2025-06",
        },
    )
]
