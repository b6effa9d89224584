"""``{% load arrears %}``: table cells as people read them (links, 元, 年月日)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.html import format_html

from renshe.arrears.core.alerts import LEVELS
from renshe.platform.web.tables import Link, Table
from renshe.platform.web.templatetags.renshe import cn_date, yuan

register = template.Library()


def _text(value: Any, money: bool) -> str:
    if value is None or value == "":
        return "—"
    if money:
        return yuan(value)
    if isinstance(value, dt.date):
        return cn_date(value)
    if isinstance(value, float):
        return f"{value:g}"
    return cn_date(value) if isinstance(value, str) else str(value)


@register.simple_tag
def cell(table: Table, index: int, value: Any) -> str:
    """One cell of ``table`` in column ``index``."""
    money = index in table.money
    if isinstance(value, Link):
        return format_html('<a href="{}">{}</a>', value.url, _text(value.text, money))
    return format_html("{}", _text(value, money))


@register.filter
def level_zh(code: str) -> str:
    """red → 红色 (a warning level as staff read it)."""
    return LEVELS.get(code, code)
