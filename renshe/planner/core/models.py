"""The planner's inputs and outputs (CONTRACTS.md, “Planner: renshe plan”): pure pydantic, no Django.

Field names are a contract shared by the CLI, the API, the page and the batch files.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from renshe.rules.regions import chain
from renshe.rules.retirement import Category, check_year_month, month_index
from renshe.rules.trace import Step

CATEGORY_LABELS = {"male_60": "男职工", "female_55": "女干部（原55岁退休）", "female_50": "女工人（原50岁退休）"}
EMPLOYMENT_LABELS = {
    "employee": "单位职工",
    "flexible": "灵活就业",
    "unemployed": "暂无工作",
    "rural_resident": "城乡居民（务农等）",
}
Employment = Literal["employee", "flexible", "unemployed", "rural_resident"]
Scheme = Literal["employee", "flexible", "resident"]


#: the most dependants one profile takes (a bound against typing slips, not a legal number)
MAX_DEPENDENTS = 20


class Dependent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    relation: Literal["child", "elder", "spouse", "other"] = Field(
        title="关系",
        description="被抚养人与本人的关系",
        json_schema_extra={"x-labels": {"child": "子女", "elder": "老人", "spouse": "配偶", "other": "其他"}},
    )
    birth: str | None = Field(
        default=None, title="出生年月", description="被抚养人的出生年月（可不填）", json_schema_extra={"format": "year-month"}
    )

    @field_validator("birth")
    @classmethod
    def _birth(cls, v: str | None) -> str | None:
        return None if v is None else check_year_month(v, "出生年月")


class Assumptions(BaseModel):
    """Explicit assumptions about the future; any left out take the dated defaults."""

    model_config = ConfigDict(extra="forbid")

    wage_growth: float | None = Field(default=None, ge=-0.05, le=0.15, title="工资年增长率", description="如 0.03 表示 3%")
    interest: float | None = Field(default=None, ge=0.0, le=0.10, title="个人账户年记账利率", description="如 0.025")
    indexation: float | None = Field(default=None, ge=-0.05, le=0.10, title="养老金年调整幅度", description="如 0.02")
    discount_rate: float | None = Field(default=None, ge=0.0, le=0.15, title="年贴现率", description="如 0.03")
    life_expectancy: float | None = Field(default=None, ge=50, le=110, title="预期寿命（岁）", description="如 80")
    dependent_floor: float | None = Field(
        default=None, ge=0, le=20000, title="每人基本生活费（元/月）",
        description="本人和每位被抚养人各扣除一份；默认取当地最低生活保障标准",
    )
    max_share: float | None = Field(
        default=None, ge=0.05, le=1.0, title="缴费最多占余钱的比例",
        description="扣除还债和生活费后余下的钱，最多拿出多少用于缴费，如 0.5 表示一半",
    )


class Profile(BaseModel):
    """A household profile: who pays, what they earn and owe, whom they support."""

    model_config = ConfigDict(extra="forbid")

    birth: str = Field(title="出生年月", description="本人出生年月，如 1985-06", json_schema_extra={"format": "year-month"})
    category: Category = Field(
        title="人员类别", description="决定原法定退休年龄", json_schema_extra={"x-labels": CATEGORY_LABELS}
    )
    region: str = Field(default="fujian", title="地区", description="地区代码，如 fujian、fujian.xiamen")
    employment: Employment = Field(
        title="就业状况", description="目前的就业状况", json_schema_extra={"x-labels": EMPLOYMENT_LABELS}
    )
    monthly_income: float = Field(ge=0, le=10_000_000, title="家庭月收入（元）", description="税前，元/月")
    monthly_debt_payments: float = Field(default=0, ge=0, le=10_000_000, title="每月还债（元）", description="房贷、车贷等月供")
    dependents: list[Dependent] = Field(default_factory=list, max_length=MAX_DEPENDENTS, title="被抚养人", description="子女、老人等")
    paid_months: int = Field(default=0, ge=0, le=600, title="已缴费月数", description="到目前为止累计缴费月数")
    account_balance: float = Field(default=0, ge=0, le=10_000_000, title="个人账户余额（元）", description="养老保险个人账户储存额")
    avg_index: float | None = Field(
        default=None, ge=0.3, le=3.0, title="已缴期间平均缴费指数", description="不知道可不填（按 1.0 估算）"
    )
    as_of: dt.date | None = Field(default=None, title="测算日期", description="默认今天")
    platform_worker: bool = Field(
        default=False,
        title="在平台接单（外卖、网约车、同城货运等）",
        description="平台接单人员另有平台按单缴费的职业伤害保障，与养老保险并存",
    )
    assumptions: Assumptions = Field(default_factory=Assumptions, title="测算假设", description="可不填，用默认值")

    @field_validator("birth")
    @classmethod
    def _birth(cls, v: str) -> str:
        return check_year_month(v, "出生年月")

    @field_validator("region")
    @classmethod
    def _region(cls, v: str) -> str:
        try:
            chain(v)
        except Exception:
            raise ValueError(f"不认识的地区代码“{v}” / unknown region code '{v}'") from None
        return v.strip().lower()

    @model_validator(mode="after")
    def _ages(self) -> Profile:
        # raised at the field they are about, so the page marks that field (not only the box above)
        on = self.as_of or dt.date.today()
        age = (on.year * 12 + on.month - 1 - month_index(self.birth)) / 12
        if age < 0:
            raise field_error(self, "birth", f"出生年月 {self.birth} 还没有到，请检查是否填错 / birth {self.birth} is in the future")
        if age < 16 or age > 75:
            raise field_error(self, "birth", f"按出生年月算，您今年 {int(age)} 岁；规划师只测算 16 至 75 岁的人 / "
                                             f"age {age:.1f} from birth is outside the 16–75 the planner covers")
        if self.paid_months > (age - 16) * 12 + 1:
            raise field_error(self, "paid_months", "已缴费月数超过了16岁以来的月数 / paid_months exceeds the months since age 16")
        return self


def field_error(model: BaseModel, field: str, message: str) -> ValidationError:
    """A check across fields, reported at the one field to correct (``message``: “中文 / English”)."""
    return ValidationError.from_exception_data(
        type(model).__name__,
        [InitErrorDetails(type=PydanticCustomError("value_error", message), loc=(field,), input=getattr(model, field))],
    )


class Option(BaseModel):
    """One legal plan and what it costs and pays, under the stated assumptions."""

    key: str = Field(description="stable identifier of the option")
    label: str = Field(description="plain-Chinese name")
    scheme: Scheme
    base_ratio: float | None = Field(description="contribution base as a share of the average wage")
    tier: float | None = Field(description="resident-scheme tier, yuan a year")
    timing: Literal["early", "statutory", "late"] = Field(description="retirement timing")
    timing_months: int = Field(description="months before (−) or after (+) the statutory age")
    transfer: bool = Field(description="months/account moved between the schemes (制度衔接)")
    private_pension: bool = Field(description="with the 个人养老金 add-on")
    months: int = Field(description="months still to pay")
    extension_months: int = Field(description="months paid past the retirement age to reach the minimum (延长缴费)")
    retire_month: str = Field(description="first month of pension, YYYY-MM")
    retire_age: float = Field(description="age at the first month of pension, years")
    monthly_cost: float
    total_cost: float
    tax_saved_per_year: float
    monthly_pension: float
    break_even_age: float | None
    irr: float | None
    replacement_rate: float | None
    lifetime_value: float
    meets_minimum: bool
    affordable: bool
    formulas: dict[str, str] = Field(description="each figure's arithmetic, numbers filled in")


class SensitivityPoint(BaseModel):
    assumption: str
    label: str
    value: float
    recommended: str | None = Field(description="key of the option recommended under this value")
    recommended_label: str | None
    lifetime_value: float | None


class CashflowPoint(BaseModel):
    age: float
    cumulative: float


class PlanResult(BaseModel):
    options: list[Option]
    recommended: Option | None
    reasons: list[str]
    assumptions: dict[str, float]
    disposable: float = Field(description="monthly money left for contributions")
    sensitivity: list[SensitivityPoint]
    cashflow: list[CashflowPoint] = Field(description="cumulative cash flow of the recommended option by age")
    trace: list[Step]
