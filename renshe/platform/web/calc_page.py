"""What a calculator page says around the calculator: problems placed on the field a person typed
them in, worded without the program's field names; the reason beside a figure left blank; and
how each date was classified. The rules stay in renshe.rules; this is wording only.

Issue 18: 「dates_worked.0.date：日期格式应为 YYYY-MM-DD」 named a path no one typed and
highlighted nothing; 「…请在 local_avg_monthly_wage 中填写…」 named a field by its code;
the two Fujian subsidies showed “—” with the reason only in the trace.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from renshe.rules.errors import FieldProblem

from .forms import FormField

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
#: where a person finds a figure the calculator may ask them for
WHERE = {
    "local_avg_monthly_wage": "可在当地人力资源和社会保障局或统计局网站查到上年度职工平均工资（年平均工资除以 12 即月平均工资）",
    "local_minimum_wage": "可在福建省人力资源和社会保障厅网站查到本县（市、区）的月最低工资标准",
    "national_disposable_income": "国家统计局每年公布的上年度全国城镇居民人均可支配收入",
}
WEEKDAYS = "一二三四五六日"


def _where(path: str, fields: list[FormField]) -> tuple[FormField | None, str]:
    """The form field a problem's path belongs to, and the part of it (第2行·日期) if any."""
    by_name = {f.name: f for f in fields}
    if path in by_name:
        return by_name[path], ""
    head, _, rest = path.partition(".")
    f = by_name.get(head)
    if f is None:
        return None, ""
    parts = rest.split(".")
    where = []
    if parts and parts[0].isdigit():
        where.append(f"第{int(parts[0]) + 1}行")
        parts = parts[1:]
    if parts:
        where.append(f.column_titles.get(parts[0], parts[0]))
    return f, "·".join(where)


def _cn_date(m: re.Match) -> str:
    """A real date as pages write it (2025年8月31日); a date that does not exist stays as typed."""
    try:
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return m[0]
    return f"{d.year}年{d.month}月{d.day}日"


def reword(text: str, fields: list[FormField]) -> str:
    """A message with every field code it mentions replaced by the label the form shows."""
    labels = {f.name: f.label for f in fields}
    text = _ISO.sub(_cn_date, text)
    return _IDENT.sub(lambda m: f"“{labels[m.group()]}”" if m.group() in labels else m.group(), text)


def place(problems: list[FieldProblem], fields: list[FormField]) -> list[tuple[str, str]]:
    """Set each field's ``error`` (marking it) and return every problem as (label, reason) for
    the box above the form, in Chinese labels only."""
    box = []
    for p in problems:
        f, part = _where(p.field, fields)
        reason = reword(p.zh, fields)
        if f is not None and f.name in WHERE and "填写" in reason and "可在" not in reason:
            reason = f"{reason}。{WHERE[f.name]}"
        if part:
            reason = f"{part}：{reason}"
        if f is not None and not f.error:
            f.error = reason
        box.append((f.label if f else "输入", reason))
    return box


def blank_reasons(result: dict[str, Any], props: dict[str, dict]) -> dict[str, str]:
    """For each figure left blank (None), the trace step that says why, if one names it."""
    out = {}
    for key, value in result.items():
        if value is not None or key == "trace":
            continue
        title = props.get(key, {}).get("title", "")
        for step in result.get("trace", []):
            rule = step["rule"] if isinstance(step, dict) else step.rule
            if title and title in rule:
                out[key] = rule
                break
    return out


def date_kinds(result: dict[str, Any]) -> list[tuple[str, str]]:
    """Each date the calculator classified (工作日/休息日/法定节假日), as the trace records it,
    in Chinese: ("2025年10月1日（星期三）", "法定节假日")."""
    out = []
    for step in result.get("trace", []):
        inputs = step["inputs"] if isinstance(step, dict) else step.inputs
        for value in (inputs or {}).values():
            if isinstance(value, list) and value and all(isinstance(v, dict) and {"date", "kind"} <= set(v) for v in value):
                for v in value:
                    d = dt.date.fromisoformat(str(v["date"]))
                    out.append((f"{d.year}年{d.month}月{d.day}日（星期{WEEKDAYS[d.weekday()]}）", str(v["kind"])))
    return out
