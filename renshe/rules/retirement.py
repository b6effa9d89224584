"""Statutory retirement age under the 2024 gradual-delay reform, for one person or a population.

Law: 《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》（2024年9月13日）and its
annex 《国务院关于渐进式延迟法定退休年龄的办法》 (the 办法):

- 办法第一条: from 2025-01-01 the age of men and of women whose original age was 55 rises by
  one month every four months, to 63 and 58; women whose original age was 50, one month
  every two months, to 55. So the first person delayed is the one who reaches the original
  age in January 2025, and each step of 4 (or 2) birth months adds one month.
- 办法第二条: the minimum contribution period rises from 15 years by 6 months a year from
  2030-01-01 to 20 years (社会保险法第十六条 for the 15 years).
- 办法第三条: flexible early retirement up to 3 years before the statutory age, never below the
  original age, for a worker who meets the minimum period; flexible late retirement up to 3
  years after it, by agreement with the employer.

Months are counted as integers since year 0 (``year * 12 + month - 1``) so a whole population
is a pair of integer arrays; :func:`retirement_core` works on those arrays and the
calculator uses the same function for one person.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from renshe.rules import regions
from renshe.rules.calculators import Calculator
from renshe.rules.errors import ParameterNotFound, RulesError
from renshe.rules.fields import output
from renshe.rules.parameters import ParamValue, Reference, parameter, value_at
from renshe.rules.trace import Step, Trace

CATEGORIES: tuple[str, ...] = ("male_60", "female_55", "female_50")
CATEGORY_CODE = {name: i for i, name in enumerate(CATEGORIES)}
CATEGORY_LABELS = {
    "male_60": "男职工（原法定退休年龄60周岁）",
    "female_55": "女职工（原法定退休年龄55周岁）",
    "female_50": "女职工（原法定退休年龄50周岁）",
}
Category = Literal["male_60", "female_55", "female_50"]

YEAR_MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"

DECISION = Reference(
    document="全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定",
    number="2024年9月13日第十四届全国人民代表大会常务委员会第十一次会议通过",
    url="https://www.gov.cn/yaowen/liebiao/202409/content_6974294.htm",
)
MEASURES = "国务院关于渐进式延迟法定退休年龄的办法"


def measures(article: str) -> Reference:
    """A citation of one article of the 办法 annexed to the 2024 decision."""
    return Reference(document=MEASURES, number="2024年9月13日决定附件", article=article, url=DECISION.url)


# --- months as integers -------------------------------------------------------------------


def month_index(year_month: str) -> int:
    """``"2025-02"`` → months since year 0 (``2025 * 12 + 1``)."""
    year, month = year_month.split("-")
    return int(year) * 12 + int(month) - 1


def month_text(index: int) -> str:
    """Months since year 0 → ``"YYYY-MM"``."""
    year, month = divmod(int(index), 12)
    return f"{year:04d}-{month + 1:02d}"


def month_of(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def first_day(index: int) -> dt.date:
    year, month = divmod(int(index), 12)
    return dt.date(year, month + 1, 1)


def check_year_month(value: str, field_zh: str) -> str:
    """Validate a ``YYYY-MM`` text field with a bilingual message."""
    if not re.match(YEAR_MONTH_PATTERN, value or ""):
        raise ValueError(
            f"{field_zh}应为 YYYY-MM 格式，如 1970-05 / must be a year-month YYYY-MM, e.g. 1970-05"
        )
    if not 1900 <= int(value[:4]) <= 2100:
        raise ValueError(f"{field_zh}年份应在 1900–2100 之间 / year must be between 1900 and 2100")
    return value


class Age(BaseModel):
    """An age in whole years and months, the way the annex tables state it."""

    model_config = ConfigDict(extra="forbid")

    years: int = Field(title="周岁", description="年龄的整周岁部分", ge=0, le=120)
    months: int = Field(title="个月", description="不足一岁的月数（0–11）", ge=0, le=11)

    @classmethod
    def of_months(cls, total: int) -> Age:
        return cls(years=int(total) // 12, months=int(total) % 12)

    def total_months(self) -> int:
        return self.years * 12 + self.months

    def text(self) -> str:
        return f"{self.years}岁{self.months}个月" if self.months else f"{self.years}岁"


# --- the rules as arrays --------------------------------------------------------------------


@dataclass(frozen=True)
class RetirementRules:
    """The reform's parameters on one date, as arrays indexed by category code."""

    original: ParamValue
    start: ParamValue
    step: ParamValue
    target: ParamValue
    flexible: ParamValue
    original_months: np.ndarray
    step_months: np.ndarray
    cap_months: np.ndarray
    start_month: int
    early_months: int
    late_months: int


def rules_on(on: dt.date) -> RetirementRules:
    """Read the reform's parameters in force on ``on`` (raises bilingual errors if none)."""
    original = value_at("retirement.original_age", on)
    start = value_at("retirement.reform_start", on)
    step = value_at("retirement.delay_step", on)
    target = value_at("retirement.target_age", on)
    flexible = value_at("retirement.flexible_limit", on)
    orig = np.array([original.value[c] * 12 for c in CATEGORIES], dtype=np.int64)
    return RetirementRules(
        original=original,
        start=start,
        step=step,
        target=target,
        flexible=flexible,
        original_months=orig,
        step_months=np.array([step.value[c] for c in CATEGORIES], dtype=np.int64),
        cap_months=np.array([target.value[c] * 12 for c in CATEGORIES], dtype=np.int64) - orig,
        start_month=month_index(start.value),
        early_months=int(flexible.value["early"]),
        late_months=int(flexible.value["late"]),
    )


@cache
def _minimum_table() -> tuple[int, np.ndarray]:
    """Minimum contribution months for every month the parameter covers, from its first value.

    Built once from ``pension.min_contribution_months`` (社会保险法第十六条; 办法第二条); a month
    the parameter does not cover holds -1.
    """
    periods = parameter("pension.min_contribution_months").periods("national")
    first = month_of(periods[0].effective_from)
    last = max(month_of(p.effective_to) if p.effective_to else month_of(p.effective_from) for p in periods)
    last = max(last, 2100 * 12 + 11)
    table = np.full(last - first + 1, -1, dtype=np.int64)
    for p in periods:
        end = month_of(p.effective_to) if p.effective_to else last
        table[month_of(p.effective_from) - first : end - first + 1] = int(p.value)
    return first, table


def minimum_rise_year() -> int:
    """The year the minimum contribution period starts to rise (办法第二条), read from
    ``pension.min_contribution_months``: the first value above the one before it."""
    periods = parameter("pension.min_contribution_months").periods("national")
    return next(p.effective_from.year for before, p in itertools.pairwise(periods) if p.value > before.value)


def minimum_months(months: np.ndarray) -> np.ndarray:
    """Minimum contribution months for retirement in each month (-1 where no value is published)."""
    first, table = _minimum_table()
    pos = np.asarray(months, dtype=np.int64) - first
    ok = (pos >= 0) & (pos < len(table))
    return np.where(ok, table[np.clip(pos, 0, len(table) - 1)], -1)


def retirement_core(birth: np.ndarray, category: np.ndarray, rules: RetirementRules) -> dict[str, np.ndarray]:
    """Retirement age and month for whole arrays of birth months and category codes.

    ``birth``: months since year 0; ``category``: codes from :data:`CATEGORY_CODE`.
    办法第一条: with ``m`` the months from the reform's start (2025-01) to the month the person
    reaches the original age, the delay is ``⌊m ÷ step⌋ + 1`` months, at most the cap
    (36, 36, 60); nobody who reached the original age before 2025-01 is delayed.
    办法第三条: earliest flexible month = statutory month − 36, never before the original age;
    latest = statutory month + 36. Neither applies to someone who reached the original age
    before the reform (their earliest and latest are the statutory month itself).
    """
    birth = np.asarray(birth, dtype=np.int64)
    category = np.asarray(category, dtype=np.int64)
    original = rules.original_months[category]
    original_month = birth + original
    m = original_month - rules.start_month
    delay = np.where(m >= 0, np.minimum(m // rules.step_months[category] + 1, rules.cap_months[category]), 0)
    age = original + delay
    retire = birth + age
    reformed = m >= 0
    earliest = np.where(reformed, np.maximum(retire - rules.early_months, original_month), retire)
    latest = np.where(reformed, retire + rules.late_months, retire)
    return {
        "original_months": original,
        "delay_months": delay,
        "retire_age_months": age,
        "retire_month": retire,
        "min_contribution_months": minimum_months(retire),
        "earliest_flexible_month": earliest,
        "latest_flexible_month": latest,
    }


# --- the calculator -------------------------------------------------------------------------


class RetirementIn(BaseModel):
    """Who: birth month and the original statutory category."""

    model_config = ConfigDict(extra="forbid")

    birth: str = Field(
        title="出生年月",
        description="出生年月，格式 YYYY-MM，如 1970-05",
        json_schema_extra={"format": "year-month"},
    )
    category: Category = Field(
        title="人员类别",
        description="按原法定退休年龄划分的人员类别",
        json_schema_extra={"x-labels": CATEGORY_LABELS},
    )
    as_of: dt.date | None = Field(
        default=None,
        title="适用法律的日期",
        description="按哪一天有效的规定计算；不填为今天",
    )

    @field_validator("birth")
    @classmethod
    def _birth(cls, v: str) -> str:
        v = check_year_month(v, "出生年月")
        today = dt.date.today()
        if month_index(v) > today.year * 12 + today.month - 1:  # a typing slip, not a person yet
            raise ValueError(f"出生年月 {v} 还没有到，请检查是否填错 / birth month {v} is in the future")
        return v


class RetirementOut(BaseModel):
    retire_age: Age = output("法定退休年龄", description="法定退休年龄")
    retire_month: str = output("法定退休年月", description="法定退休年月（YYYY-MM）")
    delay_months: int = output("延迟月数", unit="个月", description="较原法定退休年龄延迟的月数")
    min_contribution_months: int = output(
        "最低缴费月数", unit="个月", description="在法定退休年月退休时按月领取基本养老金的最低缴费月数"
    )
    original_age: Age = output("原法定退休年龄", description="原法定退休年龄")
    earliest_flexible_month: str = output(
        "弹性提前最早年月", description="弹性提前退休最早可到的年月（须达到最低缴费年限）"
    )
    latest_flexible_month: str = output(
        "弹性延迟最晚年月", description="弹性延迟退休最晚可到的年月（须与单位协商一致）"
    )
    trace: list[Step]


def _rules_for_input(on: dt.date) -> RetirementRules:
    """:func:`rules_on` for a user's ``as_of``: before the 办法 took effect (第一条) there are no
    reform rules to apply, and the message says so in terms of the field the user gave."""
    try:
        return rules_on(on)
    except ParameterNotFound:
        first = parameter("retirement.reform_start").periods(regions.NATIONAL)[0].effective_from
        raise RulesError.of(
            "as_of",
            f"适用日期 {on.isoformat()} 早于《国务院关于渐进式延迟法定退休年龄的办法》施行之日 {first.isoformat()}；"
            "本计算器只按该办法计算，此前的法定退休年龄即原法定退休年龄（见人员类别）",
            f"as_of {on.isoformat()} is before the 2024 retirement-age measures took effect on {first.isoformat()}; "
            "this calculator applies only those measures (before them, the original age of the category applied)",
        ) from None


def compute(inp: RetirementIn) -> RetirementOut:
    """One person through :func:`retirement_core`, with the trace of each rule applied."""
    on = inp.as_of or dt.date.today()
    rules = _rules_for_input(on)
    birth = month_index(inp.birth)
    out = retirement_core(np.array([birth]), np.array([CATEGORY_CODE[inp.category]]), rules)
    r = {k: int(v[0]) for k, v in out.items()}
    original = Age.of_months(r["original_months"])
    age = Age.of_months(r["retire_age_months"])
    retire = month_text(r["retire_month"])
    minimum = value_at("pension.min_contribution_months", first_day(r["retire_month"]))
    cat = inp.category
    step = rules.step.value[cat]
    m = birth + r["original_months"] - rules.start_month

    t = Trace()
    t.add(
        "原法定退休年龄",
        rules.original.reference,
        params=[rules.original],
        inputs={"category": cat},
        result=original.model_dump(),
        formula=f"{CATEGORY_LABELS[cat]}：{original.text()}",
    )
    if m < 0:
        formula = (
            f"出生 {inp.birth} + {original.text()} = {month_text(birth + r['original_months'])}，"
            f"早于改革起始月 {rules.start.value}，不延迟"
        )
    else:
        raw = m // step + 1
        formula = (
            f"达到原法定退休年龄的年月 {month_text(birth + r['original_months'])} 距 {rules.start.value} 共 {m} 个月；"
            f"延迟 = ⌊{m} ÷ {step}⌋ + 1 = {raw} 个月"
            + (
                f"，超过上限 {int(rules.cap_months[CATEGORY_CODE[cat]])} 个月，取上限"
                if raw != r["delay_months"]
                else ""
            )
        )
    t.add(
        "渐进式延迟法定退休年龄：延迟月数",
        measures("第一条"),
        params=[rules.start, rules.step, rules.target],
        inputs={"birth": inp.birth, "category": cat},
        result=r["delay_months"],
        formula=formula,
    )
    t.add(
        "法定退休年龄与退休年月",
        measures("第一条"),
        inputs={"birth": inp.birth},
        result={"retire_age": age.model_dump(), "retire_month": retire},
        formula=f"{original.text()} + {r['delay_months']} 个月 = {age.text()}；{inp.birth} + {age.text()} = {retire}",
    )
    t.add(
        "按月领取基本养老金的最低缴费年限（按退休年月）",
        minimum.reference,
        params=[minimum],
        inputs={"retire_month": retire},
        result=r["min_contribution_months"],
        formula=f"{retire} 退休：{r['min_contribution_months']} 个月（{r['min_contribution_months'] / 12:g} 年）",
    )
    t.add(
        "弹性提前退休、弹性延迟退休的范围",
        measures("第三条"),
        params=[rules.flexible],
        inputs={"retire_month": retire},
        result={
            "earliest": month_text(r["earliest_flexible_month"]),
            "latest": month_text(r["latest_flexible_month"]),
        },
        formula=(
            f"最早 max({retire} − {rules.early_months} 个月, 原法定退休年月 "
            f"{month_text(birth + r['original_months'])}) = {month_text(r['earliest_flexible_month'])}"
            f"（须已达到最低缴费年限、本人自愿）；最晚 {retire} + {rules.late_months} 个月 = "
            f"{month_text(r['latest_flexible_month'])}（须与单位协商一致）"
            if m >= 0
            else "改革前已达到原法定退休年龄，不适用弹性退休"
        ),
    )
    return RetirementOut(
        retire_age=age,
        retire_month=retire,
        delay_months=r["delay_months"],
        min_contribution_months=r["min_contribution_months"],
        original_age=original,
        earliest_flexible_month=month_text(r["earliest_flexible_month"]),
        latest_flexible_month=month_text(r["latest_flexible_month"]),
        trace=list(t),
    )


CALCULATORS = [
    Calculator(
        name="retirement-age",
        title="法定退休年龄计算",
        summary="按出生年月和人员类别，计算渐进式延迟后的法定退休年龄、退休年月、最低缴费年限和弹性退休范围。",
        input_model=RetirementIn,
        result_model=RetirementOut,
        compute=compute,
        references=[DECISION, measures("第一条"), measures("第二条"), measures("第三条")],
        example={"birth": "1967-05", "category": "male_60"},
    )
]
