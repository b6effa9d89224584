"""Template filters for how users read numbers and dates (元 with two decimals, 年月日)
and for masked personal data."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import template

from renshe.platform.accounts.masking import mask_id_number, mask_phone
from renshe.rules import regions

register = template.Library()


@register.filter
def yuan(value: Any) -> str:
    try:
        return f"{float(value):,.2f}"
    except (TypeError, ValueError):
        return "" if value is None else str(value)


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
    coded values by their ``x-labels`` (单位职工), amounts with ``x-unit`` 元 as 1,234.50 元,
    other counts with their unit (3.5 个月), lists joined with 、, the rest by :func:`show`."""
    labels = node.get("x-labels") or {}
    unit = node.get("x-unit", "")
    if value is None:
        return "—"
    if isinstance(value, str) and value in labels:
        return labels[value]
    if isinstance(value, list):
        return "、".join(str(v) for v in value) if value else "无"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if unit == "元":
            return f"{value:,.2f} 元"
        return f"{_number(value)} {unit}".strip()
    return show(value)


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
