"""Errors that users see, in Chinese and English, naming the field and the reason.

The CLI prints them on stderr and exits 2; the API answers HTTP 422 with the same
message; pages show the Chinese half beside the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldProblem:
    """One reason an input was refused: which field, and why in both languages."""

    field: str
    zh: str
    en: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "zh": self.zh, "en": self.en}

    def line(self) -> str:
        return f"{self.field}: {self.zh} / {self.en}"


@dataclass
class RulesError(Exception):
    """Input the law cannot be applied to, or a question the rules cannot answer.

    Raised by calculators and parameter look-ups. ``problems`` lists every field at
    fault, so a form can mark all of them at once.
    """

    problems: list[FieldProblem] = field(default_factory=list)

    @classmethod
    def of(cls, field_name: str, zh: str, en: str) -> RulesError:
        return cls([FieldProblem(field_name, zh, en)])

    def __str__(self) -> str:
        return "\n".join(p.line() for p in self.problems)

    def as_dict(self) -> dict[str, Any]:
        return {
            "error": "invalid_input",
            "message": str(self),
            "problems": [p.as_dict() for p in self.problems],
        }


class ParameterNotFound(RulesError):
    """A parameter asked for a date or region that no published value covers."""


class CalendarError(RulesError):
    """A date outside anything the working-day calendar can know."""


_ZH_BY_TYPE = {
    "missing": "必填项缺失",
    "extra_forbidden": "不认识的字段",
    "date_from_datetime_parsing": "日期应写成 年-月-日，如 2025-10-01",
    "date_parsing": "日期应写成 年-月-日，如 2025-10-01",
    "date_type": "日期应写成 年-月-日，如 2025-10-01",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    "string_too_short": "内容太短或为空",
    "string_too_long": "内容太长",
    "too_short": "项数太少",
    "too_long": "项数太多",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "greater_than": "应大于",
    "greater_than_equal": "不能小于",
    "less_than": "应小于",
    "less_than_equal": "不能大于",
    "string_pattern_mismatch": "格式不正确",
    "finite_number": "应为有限数字",
    "json_invalid": "不是合法的 JSON",
}


def from_pydantic(exc: Any) -> RulesError:
    """Turn a pydantic ``ValidationError`` into a bilingual :class:`RulesError`.

    Custom validators raise ``ValueError("中文 / English")``; that text is split on
    the first `` / `` so both halves keep their own language.
    """
    problems = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ())) or "(input)"
        en = err.get("msg", "invalid")
        kind = err.get("type", "")
        if kind == "value_error":
            text = str(err.get("ctx", {}).get("error", en))
            zh, _, en_part = text.partition(" / ")
            problems.append(FieldProblem(loc, zh, en_part or zh))
            continue
        zh = _ZH_BY_TYPE.get(kind, "输入不合法")
        ctx = err.get("ctx") or {}
        if kind == "literal_error" and "expected" in ctx:
            zh = f"{zh}，可选：{ctx['expected']}"
        if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
            limit = next(iter(ctx.values()), "")
            zh = f"{zh} {limit:,}" if isinstance(limit, int | float) else f"{zh} {limit}"
        if kind.startswith("date") and "outside expected range" in en:
            # a date written correctly that does not exist (2026-13-01, 2025-02-30): not a format error
            zh = f"没有 {err.get('input')} 这一天，请检查月份（1–12）和日子"
        if kind in {"string_too_short", "too_short"} and "min_length" in ctx:
            zh = f"{zh}（至少 {ctx['min_length']} {'个字' if kind.startswith('string') else '项'}）"
        if kind in {"string_too_long", "too_long"} and "max_length" in ctx:
            zh = f"{zh}（最多 {ctx['max_length']} {'个字' if kind.startswith('string') else '项'}）"
        problems.append(FieldProblem(loc, zh, en))
    return RulesError(problems)
