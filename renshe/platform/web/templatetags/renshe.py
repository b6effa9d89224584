"""Template filters for how users read numbers and dates (元 with two decimals, 年月日)
and for masked personal data."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import template

from renshe.platform.accounts.masking import mask_id_number, mask_phone
from renshe.rules import parameters, regions

register = template.Library()


@register.filter
def yuan(value: Any) -> str:
    try:
        return f"{float(value):,.2f}"
    except (TypeError, ValueError):
        return "" if value is None else str(value)


@register.filter
def percent(value: Any, digits: int = 1) -> str:
    """A rate as people read it: 0.0801 → 8.0%, 0.487 → 48.7%; none (no IRR, say) → —."""
    try:
        return f"{float(value) * 100:.{int(digits)}f}%"
    except (TypeError, ValueError):
        return "—"


@register.filter
def cn_date(value: Any) -> str:
    """2025-11-27 → 2025年11月27日; 2031-04 → 2031年4月; anything else unchanged."""
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, str):
        parts = value.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"
        if len(parts) == 2 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
            return f"{int(parts[0])}年{int(parts[1])}月"
    return "" if value is None else str(value)


@register.filter
def show(value: Any) -> str:
    """A result value as a person reads it: yes/no in Chinese, objects as compact JSON."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, dict | list):
        if isinstance(value, dict) and set(value) == {"years", "months"}:
            return f"{value['years']}岁{value['months']}个月" if value["months"] else f"{value['years']}岁"
        if isinstance(value, dict) and set(value) == {"years", "months", "days"}:
            return f"{value['years']}年{value['months']}个月{value['days']}天"
        return json.dumps(value, ensure_ascii=False)
    return cn_date(value)


def _number(value: float | int) -> str:
    """A count as people write it: 3.5, 139, 1,200 — no trailing zeros."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def result_value(value: Any, node: dict[str, Any]) -> str:
    """A calculator's result value as a page shows it, from the field's JSON schema ``node``:
    coded values by their ``x-labels`` (单位职工), amounts with ``x-unit`` 元 as 1,234.50元,
    other counts with their unit (3.5个月), lists joined with 、, the rest by :func:`show`."""
    labels = node.get("x-labels") or {}
    unit = node.get("x-unit", "")
    if value is None:
        return "—"
    if isinstance(value, str) and value in labels:
        return labels[value]
    if isinstance(value, list):
        return "、".join(param_title(v) for v in value) if value else "无"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if unit == "元":
            return f"{value:,.2f}元"
        if unit == "天" and float(value) != int(value):
            # 年休假实施办法第五条、第十二条: a part of a day is not counted (the whole days decide)
            return f"{int(value)}天（折算为 {value:.2f} 天，不足1整天的部分不计）"
        return f"{_number(value)}{unit}"
    return show(value)


#: Parameter units as written in the YAML files (renshe/rules/params) → as people read them.
UNITS_ZH = {
    "yuan": "元",
    "yuan/month": "元/月",
    "yuan/year": "元/年",
    "days": "天",
    "working_days": "个工作日",
    "months": "个月",
    "years": "年",
    "hours": "小时",
    "count": "",
    "ratio": "",
    "table": "",
}


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template (a column's title by its code); the key if absent."""
    return mapping.get(key, key) if isinstance(mapping, dict) else key


@register.filter
def zh_part(value: Any) -> str:
    """The Chinese half of a bilingual message (“没有访问此页面的权限 / not allowed” → the first)."""
    return str(value).split(" / ")[0].strip()


@register.filter
def unit_zh(unit: Any) -> str:
    """A parameter's unit in Chinese: yuan/month → 元/月; ratio and table read without one."""
    return UNITS_ZH.get(str(unit), str(unit or ""))


@register.filter
def param_value(value: Any, unit: Any = "") -> str:
    """A parameter value with its unit: 2,030.00元/月, 60个工作日, 8%, 3倍; tables → 分档表."""
    if is_table(value):
        return "分档表（见参数详情）"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return show(value)
    if unit == "ratio":
        return f"{_number(value * 100)}%" if value < 1 else f"{_number(value)}倍"
    if str(unit).startswith("yuan"):
        return f"{value:,.2f}{unit_zh(unit)}"
    return f"{_number(value)}{unit_zh(unit)}"


@register.filter
def is_table(value: Any) -> bool:
    """Whether a parameter value is a table (a mapping or a list) rather than one number."""
    return isinstance(value, dict | list)


@register.filter
def pretty(value: Any) -> str:
    """A table value one row a line (``min_years 1，days 5``), keys as the file's
    documentation names them, for the parameter page."""

    def row(item: Any) -> str:
        if isinstance(item, dict):
            return "，".join(f"{k} {json.dumps(v, ensure_ascii=False)}" for k, v in item.items())
        return json.dumps(item, ensure_ascii=False)

    if isinstance(value, dict):
        return "\n".join(f"{k}：{row(v)}" for k, v in value.items())
    return "\n".join(row(v) for v in value)


@register.filter
def param_title(name: Any) -> str:
    """A parameter's Chinese description for its dotted name; the name itself if unknown."""
    p = parameters.all_parameters().get(str(name))
    return p.spec.description if p else str(name)


@register.filter
def region_name(value: Any) -> str:
    """A region code as people read it: fujian.xiamen → 厦门市, national → 全国."""
    return regions.name_of(str(value)) if value else ""


@register.filter
def mask_id(value: Any) -> str:
    """A resident ID number with only the region and the last four shown (see accounts.masking)."""
    return mask_id_number(None if value is None else str(value))


@register.filter(name="mask_phone")
def mask_phone_filter(value: Any) -> str:
    """A phone number with the middle hidden (see accounts.masking)."""
    return mask_phone(None if value is None else str(value))
