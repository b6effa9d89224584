"""Fujian's 一次性工伤医疗补助金 and 一次性伤残就业补助金 (pure arithmetic, no Django).

《福建省实施〈工伤保险条例〉办法》（闽政〔2011〕80号）第二十七条: each benefit is
(人口平均预期寿命 − the worker's age when the relationship ends) years, a part year counting
as a whole one, × a number of months per year by grade × the 统筹地区上年度职工月平均工资;
below a minimum number of months the minimum is paid; an occupational disease adds 30 %.
The life expectancy is the province's, by sex (闽人社办〔2022〕63号).

The parameter value (``injury.one_time_medical_subsidy`` / ``..._employment_subsidy``) is
``{"formula": "life_expectancy", "base": "avg_wage", "months_per_year": {grade: m},
"minimum_months": {grade: m}, "occupational_disease_uplift": r}``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from renshe.rules.money import money


@dataclass(frozen=True)
class Age:
    """The worker's age when the relationship ends, in years (fractional when the birth date is known)."""

    years: float
    how: str


def age_at(on: dt.date, birth: dt.date | None, age: int | None) -> Age | None:
    """Exact age from the birth date (full years + the share of the current year), else the 周岁 given."""
    if birth is not None:
        full = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
        last = _birthday(birth, birth.year + full)
        following = _birthday(birth, birth.year + full + 1)
        share = (on - last).days / (following - last).days
        return Age(
            full + share, f"按出生日期 {birth.isoformat()} 计算，至 {on.isoformat()} 为 {full + share:.2f} 岁"
        )
    if age is not None:
        return Age(float(age), f"按所填年龄 {age} 周岁计算（给出出生日期可精确到日）")
    return None


def _birthday(birth: dt.date, year: int) -> dt.date:
    """The birthday in ``year``; 29 February falls on 28 February in other years."""
    try:
        return birth.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def counted_years(life_expectancy: float, age: float) -> int:
    """Years from the age to the life expectancy, a part year counted as a whole (never negative)."""
    left = life_expectancy - age
    return max(math.ceil(round(left, 6)), 0)


@dataclass(frozen=True)
class LumpSum:
    months: float
    amount: float
    formula: str


def lump_sum(
    rule: dict[str, Any], level: int, years: int, base: float, occupational_disease: bool
) -> LumpSum:
    """One benefit for one grade: max(years × months a year, minimum) × (1 + uplift) × base."""
    per_year = float(_by_grade(rule["months_per_year"], level))
    minimum = float(_by_grade(rule["minimum_months"], level))
    raw = years * per_year
    months = max(raw, minimum)
    formula = f"{years} 年 × {per_year:g} = {raw:g} 个月" + (
        f"，低于 {minimum:g} 个月，按 {minimum:g} 个月" if raw < minimum else ""
    )
    if occupational_disease:
        uplift = float(rule["occupational_disease_uplift"])
        formula += f"；职业病增发{uplift:.0%}：{months:g} × {1 + uplift:g} = {months * (1 + uplift):g} 个月"
        months *= 1 + uplift
    months = round(months, 6)
    amount = money(months * base)
    return LumpSum(months, amount, f"{formula}；{months:g} × {base:g} = {amount:.2f}")


def _by_grade(table: dict[Any, Any], level: int) -> Any:
    return table.get(level, table.get(str(level)))
