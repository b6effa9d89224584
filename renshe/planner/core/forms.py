"""The /planner/ form: its fields and their mapping onto a Profile (no Django import needed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from renshe.planner.core.models import CATEGORY_LABELS, EMPLOYMENT_LABELS, MAX_DEPENDENTS
from renshe.rules.errors import FieldProblem
from renshe.rules.regions import REGION_NAMES


@dataclass
class FormField:
    name: str
    label: str
    step: int
    kind: str = "number"  # number | integer | month | choice | percent
    help: str = ""
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)
    value: str = ""
    error: str = ""
    placeholder: str = ""


def fields() -> list[FormField]:
    """The four short steps: about you, household money, contribution record, assumptions."""
    return [
        FormField("birth", "出生年月", 1, "month", "如 1985-06", True),
        FormField("category", "人员类别", 1, "choice", "决定原法定退休年龄", True, list(CATEGORY_LABELS.items())),
        FormField("employment", "就业状况", 1, "choice", "", True, list(EMPLOYMENT_LABELS.items())),
        FormField("region", "参保地", 1, "choice", "", True, [(k, v) for k, v in REGION_NAMES.items() if k != "national"]),
        FormField("monthly_income", "月收入（元，税前）", 2, "number", "单位职工填工资；其他人填每月能用于家庭的收入", True),
        FormField("monthly_debt_payments", "每月还债（元）", 2, "number", "房贷、车贷等月供，没有填 0"),
        FormField("children", "需抚养的子女（人）", 2, "integer"),
        FormField("elders", "需赡养的老人（人）", 2, "integer"),
        FormField("paid_months", "已缴费月数", 3, "integer", "不知道可在“闽政通”或社保卡查询，没有填 0"),
        FormField("account_balance", "个人账户余额（元）", 3, "number", "可不填"),
        FormField("avg_index", "已缴期间平均缴费指数", 3, "number", "可不填（按 1.0 估算）"),
        FormField("wage_growth", "工资年增长率（%）", 4, "percent", "可不填，默认见下方说明"),
        FormField("interest", "个人账户记账利率（%）", 4, "percent"),
        FormField("indexation", "养老金年调整幅度（%）", 4, "percent"),
        FormField("discount_rate", "贴现率（%）", 4, "percent"),
        FormField("life_expectancy", "预期寿命（岁）", 4, "number"),
        FormField("dependent_floor", "每人基本生活费（元/月）", 4, "number", "本人和每位被抚养人各扣一份，默认取当地低保标准"),
        FormField("max_share", "缴费最多占余钱的比例（%）", 4, "percent", "扣除还债和生活费后余下的钱，最多拿出多少缴费，默认 50"),
    ]


COUNT_FIELDS = {"children": "child", "elders": "elder"}

ASSUMPTION_FIELDS = (
    "wage_growth", "interest", "indexation", "discount_rate", "life_expectancy", "dependent_floor", "max_share",
)
PERCENT = {"wage_growth", "interest", "indexation", "discount_rate", "max_share"}


def payload(data: Mapping[str, str]) -> dict:
    """Form text → the JSON a Profile validates; unparsable numbers pass through as text so the
    model reports them against their field."""

    def num(name: str):
        text = (data.get(name) or "").strip()
        if not text:
            return None
        try:
            x = float(text)
        except ValueError:
            return text
        return x / 100.0 if name in PERCENT else x

    out: dict = {k: (data.get(k) or "").strip() for k in ("birth", "category", "employment", "region")}
    out["monthly_income"] = num("monthly_income")
    for k in ("monthly_debt_payments", "account_balance", "avg_index"):
        if num(k) is not None:
            out[k] = num(k)
    paid = num("paid_months")
    if paid is not None:
        out["paid_months"] = int(paid) if isinstance(paid, float) and paid.is_integer() else paid
    deps = []
    for k, rel in COUNT_FIELDS.items():
        n = num(k)
        if isinstance(n, float) and n.is_integer() and 0 <= n <= MAX_DEPENDENTS:
            deps += [{"relation": rel}] * int(n)
    out["dependents"] = deps
    out["assumptions"] = {k: num(k) for k in ASSUMPTION_FIELDS if num(k) is not None}
    return out


def count_problems(data: Mapping[str, str]) -> list[FieldProblem]:
    """The head counts (children, elders) that are not a whole number from 0 to
    :data:`MAX_DEPENDENTS`: refused with a reason rather than dropped, since each dependant
    lowers what the household can afford."""
    out = []
    for name in COUNT_FIELDS:
        text = (data.get(name) or "").strip()
        if not text:
            continue
        try:
            n = float(text)
        except ValueError:
            n = -1.0
        if not (n.is_integer() and 0 <= n <= MAX_DEPENDENTS):
            out.append(FieldProblem(name, f"应为 0 到 {MAX_DEPENDENTS} 的整数", f"must be a whole number from 0 to {MAX_DEPENDENTS}"))
    return out
