"""Batch files as an office clerk reads and types them (issue 18 item 11): the labels the template
shows (男职工, 灵活就业, 厦门市) accepted for the coded columns, and a result sheet with Chinese
headers and values for the staff page. The CLI's output keeps the contract's field names
(CONTRACTS.md “plan-batch”); only what people download is relabelled. Pure: no Django.
"""

from __future__ import annotations

import pandas as pd

from renshe.planner.core.models import CATEGORY_LABELS, EMPLOYMENT_LABELS
from renshe.rules.regions import REGION_NAMES

#: coded column → {what a person may type: the code}; the code itself, its label, and the
#: “code（label）” the template's 填写说明 shows
CODED = {
    "category": CATEGORY_LABELS,
    "employment": EMPLOYMENT_LABELS,
    "region": REGION_NAMES,
}
SCHEME_LABELS = {"employee": "职工养老保险（单位参保）", "flexible": "职工养老保险（灵活就业）", "resident": "城乡居民养老保险"}

#: result column → (Chinese header, how its values read): None as is, "pct" ×100, "yesno" 是/否
RESULT_COLUMNS = {
    "id": ("编号", None),
    "label": ("推荐方案", None),
    "scheme": ("险种", "scheme"),
    "base_ratio": ("缴费基数（占平均工资%）", "pct"),
    "tier": ("城乡居民缴费档次（元/年）", None),
    "months": ("还需缴费月数", None),
    "extension_months": ("其中延长缴费月数", None),
    "retire_month": ("开始领取年月", None),
    "monthly_cost": ("每月缴费（元）", None),
    "total_cost": ("缴费合计（元）", None),
    "tax_saved_per_year": ("每年少交个税（元）", None),
    "monthly_pension": ("每月养老金（元）", None),
    "break_even_age": ("回本年龄（岁）", None),
    "irr": ("内部收益率（%）", "pct"),
    "replacement_rate": ("替代率（%）", "pct"),
    "lifetime_value": ("终身净收益（元）", None),
    "meets_minimum": ("缴满最低年限", "yesno"),
    "affordable": ("负担得起", "yesno"),
    "error": ("未能规划的原因", "zh"),
}


def _typed(labels: dict[str, str]) -> dict[str, str]:
    out = {}
    for code, label in labels.items():
        out[code] = out[label] = out[f"{code}（{label}）"] = code
    return out


def codes_from_labels(df: pd.DataFrame) -> pd.DataFrame:
    """The coded columns with any label typed in place of its code replaced by the code."""
    for col, labels in CODED.items():
        if col in df.columns:
            typed = _typed(labels)
            text = df[col].astype("string").str.strip()
            df[col] = text.map(lambda v, t=typed: t.get(v, t.get(v.lower(), v)) if isinstance(v, str) else v)
    return df


def _zh(message: object) -> object:
    """The Chinese halves of “第3行 row 3: 中文 / English；中文 / English”."""
    if not isinstance(message, str):
        return message
    head, _, rest = message.partition(": ")
    row = head.split(" row ")[0]
    return row + "：" + "；".join(part.split(" / ")[0] for part in rest.split("；"))


def for_people(out: pd.DataFrame) -> pd.DataFrame:
    """The result with Chinese headers and values; the internal option key left out."""
    people = pd.DataFrame(index=out.index)
    for col, (header, kind) in RESULT_COLUMNS.items():
        if col not in out.columns:
            continue
        x = out[col]
        if kind == "pct":
            x = pd.to_numeric(x, errors="coerce").mul(100).round(2)
        elif kind == "yesno":
            x = x.map(lambda v: None if pd.isna(v) else ("是" if bool(v) else "否"))
        elif kind == "scheme":
            x = x.map(lambda v: SCHEME_LABELS.get(v, v))
        elif kind == "zh":
            x = x.map(_zh)
        people[header] = x
    return people
