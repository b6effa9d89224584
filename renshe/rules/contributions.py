"""Urban employee pension contributions (城镇职工基本养老保险费): the base and the amounts.

- The base (缴费基数) is the worker's own wage held between the province's published
  lower and upper limits, which 国办发〔2019〕13号 §3 ties to 60 % and 300 % of the
  provincial 全口径城镇单位就业人员平均工资; a flexible worker (灵活就业人员) chooses a
  base within the same range (社会保险法 arts. 10 ¶2, 12 ¶3).
- Employees pay 8 % of the base, all credited to the personal account (社会保险法 art. 12
  ¶2; 国发〔2005〕38号); the employer pays 16 % into the pooled fund (社会保险法 art. 12 ¶1;
  国办发〔2019〕13号 §1).
- Flexible workers pay 20 % themselves, 8 % of the base credited to the account
  (国发〔2005〕38号 §3; 社会保险法 art. 12 ¶3).

The arithmetic is a numpy core (:func:`contribution_core`) over arrays of declared
bases; :func:`contribution_population` runs it for a whole population and the
``contribution`` calculator for one case, with the trace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from renshe.rules import parameters, regions
from renshe.rules.calculators import Calculator
from renshe.rules.errors import RulesError
from renshe.rules.fields import MAX_YUAN, RegionCode, optional_yuan, output
from renshe.rules.money import money, money_array
from renshe.rules.overrides import given_or_param, unverified
from renshe.rules.parameters import ParamValue, Reference
from renshe.rules.trace import Step, Trace

P_LIMITS = "contributions.base_limits"
P_EMPLOYEE = "contributions.employee_rate"
P_EMPLOYER = "contributions.employer_rate"
P_FLEXIBLE = "contributions.flexible_rate"
P_FLEXIBLE_ACCOUNT = "contributions.flexible_account_rate"
P_AVG_WAGE = "wages.avg_monthly"

#: Where the declared base fell: -1 raised to the lower limit, 0 inside, 1 cut to the upper.
LOWER, INSIDE, UPPER = -1, 0, 1

SOCIAL_INSURANCE_LAW = Reference(document="中华人民共和国社会保险法", article="第十二条")
BASE_RULE = Reference(
    document="国务院办公厅关于印发降低社会保险费率综合方案的通知",
    number="国办发〔2019〕13号",
    article="三、调整社会保险缴费基数政策",
)

Scheme = Literal["employee", "flexible"]
SCHEME_LABELS = {"employee": "单位职工", "flexible": "灵活就业人员"}
#: Per scheme: the worker's rate, the personal-account rate, then the employer's rate if any.
#: An employee's whole 8 % goes to the account (国发〔2005〕38号), so both are the same parameter.
RATE_PARAMS: dict[str, tuple[str, ...]] = {
    "employee": (P_EMPLOYEE, P_EMPLOYEE, P_EMPLOYER),
    "flexible": (P_FLEXIBLE, P_FLEXIBLE_ACCOUNT),
}


@dataclass(frozen=True)
class ContributionLaw:
    """Limits and rates in force on one date in one region, for one scheme."""

    lower: float
    upper: float
    worker_rate: float
    employer_rate: float
    account_rate: float


def contribution_core(declared: Any, law: ContributionLaw) -> dict[str, np.ndarray]:
    """Clip declared bases to the limits and compute the monthly amounts, for arrays.

    Returns ``base``, ``clipped_to`` (LOWER, INSIDE or UPPER), ``employee_amount``
    (what the worker pays), ``employer_amount``, ``personal_account_credit``.
    """
    declared = np.asarray(declared, dtype=np.float64)
    if (~np.isfinite(declared) | (declared < 0)).any():
        raise RulesError.of(
            "monthly_wage", "缴费工资应为非负数", "monthly_wage must be a non-negative number of yuan"
        )
    base = money_array(np.clip(declared, law.lower, law.upper))
    clipped = np.where(declared < law.lower, LOWER, np.where(declared > law.upper, UPPER, INSIDE))
    return {
        "base": base,
        "clipped_to": clipped,
        "employee_amount": money_array(base * law.worker_rate),
        "employer_amount": money_array(base * law.employer_rate),
        "personal_account_credit": money_array(base * law.account_rate),
    }


def load_law(on: dt.date, region: str, scheme: Scheme) -> tuple[ContributionLaw, dict[str, ParamValue]]:
    """The limits and the scheme's rates in force on ``on`` in ``region``, with their pedigree."""
    names = (
        (P_LIMITS, P_EMPLOYEE, P_EMPLOYER)
        if scheme == "employee"
        else (P_LIMITS, P_FLEXIBLE, P_FLEXIBLE_ACCOUNT)
    )
    used = {n: parameters.value_at(n, on, region) for n in names}
    limits = used[P_LIMITS].value
    worker_param, account_param, *employer_param = RATE_PARAMS[scheme]
    worker, account = used[worker_param].value, used[account_param].value
    employer = used[employer_param[0]].value if employer_param else 0.0
    law = ContributionLaw(
        lower=float(limits["lower"]),
        upper=float(limits["upper"]),
        worker_rate=float(worker),
        employer_rate=float(employer),
        account_rate=float(account),
    )
    return law, used


def contribution_population(
    monthly_wages: Any, *, on: dt.date, region: str = regions.FUJIAN, scheme: Scheme = "employee"
) -> dict[str, np.ndarray]:
    """:func:`contribution_core` for a whole population with the law of ``on`` in ``region``."""
    law, _ = load_law(on, region, scheme)
    return contribution_core(monthly_wages, law)


# ---------------------------------------------------------------- the calculator


class ContributionInput(BaseModel):
    """One worker's month: year or date, region, scheme, and the wage or chosen base ratio."""

    model_config = ConfigDict(extra="forbid")

    year: int | None = Field(
        default=None, ge=1990, le=2100, title="缴费年度", description="按该年1月1日有效的基数上下限计算"
    )
    as_of: dt.date | None = Field(
        default=None, title="适用日期", description="按哪一天有效的规定计算；与缴费年度二选一，默认今天"
    )
    region: RegionCode = regions.FUJIAN
    scheme: Scheme = Field(
        default="employee",
        title="参保身份",
        description="单位职工或灵活就业人员",
        json_schema_extra={"x-labels": SCHEME_LABELS},
    )
    monthly_wage: float | None = Field(
        le=MAX_YUAN,
        default=None,
        ge=0,
        allow_inf_nan=False,
        title="本人月工资（元）",
        description="职工上年度月平均工资，或灵活就业人员申报的缴费基数；与缴费档次二选一",
    )
    base_ratio: float | None = Field(
        default=None,
        gt=0,
        le=10,
        allow_inf_nan=False,
        title="缴费档次（平均工资的倍数）",
        description="如 0.6 表示按全口径城镇单位就业人员平均工资的60%缴费；与本人月工资二选一",
    )
    local_avg_monthly_wage: float | None = optional_yuan(
        "全口径城镇单位就业人员月平均工资（元）", "按缴费档次计算时使用；不填则按适用日期查参数"
    )


class ContributionResult(BaseModel):
    """The base after the limits and the monthly amounts, each explained in ``trace``."""

    as_of: dt.date = output("适用日期")
    region: str = output("地区", labels=regions.REGION_NAMES)
    scheme: Scheme = output("参保身份", labels=SCHEME_LABELS)
    declared_base: float = output(
        "申报缴费工资", unit="元", description="申报的缴费工资（或档次 × 平均工资）"
    )
    base: float = output("缴费基数", unit="元", description="按上下限调整后的缴费基数")
    base_lower: float = output("缴费基数下限", unit="元")
    base_upper: float = output("缴费基数上限", unit="元")
    clipped: bool = output("基数已按上下限调整", description="缴费基数是否按上下限调整")
    clipped_to: Literal["lower", "upper"] | None = output(
        "调整方向", labels={"lower": "提高到下限", "upper": "降低到上限"}
    )
    employee_amount: float = output(
        "个人每月缴费", unit="元", description="个人每月缴费（灵活就业人员为本人缴纳的全部）"
    )
    employer_amount: float = output("单位每月缴费", unit="元", description="单位每月缴费（灵活就业人员为0）")
    total_amount: float = output("每月缴费合计", unit="元")
    personal_account_credit: float = output(
        "每月记入个人账户", unit="元", description="每月记入个人账户的金额"
    )
    unverified_parameters: list[str] = output("未核实的参数", description="用到的尚未对照官方文本核实的参数")
    trace: list[Step]


_CLIPPED = {LOWER: "lower", INSIDE: None, UPPER: "upper"}


def _date_of(inp: ContributionInput) -> dt.date:
    if inp.year is not None and inp.as_of is not None and inp.as_of.year != inp.year:
        raise RulesError.of(
            "year", "缴费年度与适用日期不在同一年，请只给出其中一个", "year and as_of disagree; give only one"
        )
    if inp.as_of is not None:
        return inp.as_of
    return dt.date(inp.year, 1, 1) if inp.year is not None else dt.date.today()


def compute(inp: ContributionInput) -> ContributionResult:
    """Apply the base limits and the rates to one worker's month, explaining each step."""
    if (inp.monthly_wage is None) == (inp.base_ratio is None):
        raise RulesError.of(
            "monthly_wage",
            "请给出本人月工资（monthly_wage）或缴费档次（base_ratio）中的一个",
            "give exactly one of monthly_wage and base_ratio",
        )
    on = _date_of(inp)
    law, used = load_law(on, inp.region, inp.scheme)
    trace = Trace()
    if inp.base_ratio is not None:
        avg = given_or_param(
            P_AVG_WAGE, "local_avg_monthly_wage", inp.local_avg_monthly_wage, on, inp.region, used
        )
        declared = money(inp.base_ratio * avg)
        trace.add(
            "按所选档次折算缴费工资：档次 × 全口径城镇单位就业人员月平均工资",
            BASE_RULE,
            params=[used[P_AVG_WAGE]] if P_AVG_WAGE in used else [],
            inputs={"base_ratio": inp.base_ratio, "avg_wage": avg},
            result=declared,
            formula=f"{inp.base_ratio:g} × {avg:g} = {declared}",
        )
    else:
        declared = float(inp.monthly_wage)
    worker_param, account_param = RATE_PARAMS[inp.scheme][:2]
    out = contribution_core([declared], law)
    base, clipped = float(out["base"][0]), int(out["clipped_to"][0])
    how = {LOWER: "低于下限，按下限", UPPER: "高于上限，按上限", INSIDE: "在上下限之间，按实"}[clipped]
    trace.add(
        "缴费基数不低于公布的下限、不高于公布的上限（国办发〔2019〕13号：平均工资的60%至300%）",
        used[P_LIMITS].reference,
        params=[used[P_LIMITS]],
        inputs={"declared_base": declared},
        result=base,
        formula=f"{law.lower:g} ≤ 基数 ≤ {law.upper:g}；{declared:g} {how} → {base}",
    )
    worker, employer, account = (
        float(out["employee_amount"][0]),
        float(out["employer_amount"][0]),
        float(out["personal_account_credit"][0]),
    )
    payer = "个人" if inp.scheme == "employee" else "灵活就业人员本人"
    steps = [
        (f"{payer}按缴费基数的{law.worker_rate:.0%}缴纳", worker_param, worker, law.worker_rate),
        (f"其中按缴费基数的{law.account_rate:.0%}记入个人账户", account_param, account, law.account_rate),
    ]
    if inp.scheme == "employee":
        steps.append(
            (
                f"单位按缴费基数的{law.employer_rate:.0%}缴纳，记入统筹基金",
                P_EMPLOYER,
                employer,
                law.employer_rate,
            )
        )
    for rule, name, amount, rate in steps:
        trace.add(
            rule,
            used[name].reference,
            params=[used[name]],
            result=amount,
            formula=f"{base} × {rate:.0%} = {amount}",
        )
    return ContributionResult(
        as_of=on,
        region=inp.region,
        scheme=inp.scheme,
        declared_base=declared,
        base=base,
        base_lower=law.lower,
        base_upper=law.upper,
        clipped=clipped != INSIDE,
        clipped_to=_CLIPPED[clipped],
        employee_amount=worker,
        employer_amount=employer,
        total_amount=money(worker + employer),
        personal_account_credit=account,
        unverified_parameters=unverified(used),
        trace=list(trace),
    )


CALCULATORS = [
    Calculator(
        name="contribution",
        title="养老保险缴费",
        summary=(
            "按公布的缴费基数上下限（以全口径城镇单位就业人员平均工资为参照）核定职工基本养老保险缴费基数，"
            "计算职工个人和单位、或灵活就业人员的月缴费额，以及记入个人账户的金额。"
        ),
        input_model=ContributionInput,
        result_model=ContributionResult,
        compute=compute,
        references=[SOCIAL_INSURANCE_LAW, BASE_RULE],
        example={"year": 2025, "region": "fujian", "scheme": "employee", "monthly_wage": 8000},
    )
]
