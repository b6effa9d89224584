"""The dates the law as coded here can be applied to, and the check that keeps input within them.

Issue 13, item 5: 9999-12-31 or 0001-01-01 in a calculator's input ended in ``OverflowError``,
and a hire date in year 1 gave 88,000 yuan of double wages. A date is accepted from the day
the earliest rule the platform holds took effect (the first ``from`` in ``renshe/rules/params``,
now 1978-06-02, 国发〔1978〕104号 on the original retirement ages — a career that began before it
still began under no rule we hold) to the last day of the working-day calendar
(:data:`renshe.rules.calendar.LAST_DAY`, after which no lunar festival is computed). Both bounds
move with the data; none is written here.
"""

from __future__ import annotations

import datetime as dt
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from renshe.rules import calendar, parameters
from renshe.rules.errors import FieldProblem, RulesError, from_pydantic


@cache
def known_range() -> tuple[dt.date, dt.date]:
    """(first, last): the earliest date a parameter takes effect, the calendar's last day."""
    first = min(
        period.effective_from
        for p in parameters.all_parameters().values()
        for region in p.spec.values
        for period in p.periods(region)
    )
    return first, calendar.LAST_DAY


def _problems(value: Any, path: str) -> list[FieldProblem]:
    first, last = known_range()
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if first <= value <= last:
            return []
        return [FieldProblem(
            path or "(input)",
            f"日期 {value.isoformat()} 超出可适用法律的范围（{first.isoformat()} 至 {last.isoformat()}）",
            f"date {value.isoformat()} is outside the range the law can be applied to "
            f"({first.isoformat()} to {last.isoformat()})",
        )]
    if isinstance(value, BaseModel):
        return [p for name in type(value).model_fields
                for p in _problems(getattr(value, name), f"{path}.{name}" if path else name)]
    if isinstance(value, list | tuple):
        return [p for i, v in enumerate(value) for p in _problems(v, f"{path}[{i}]")]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _problems(v, f"{path}.{k}" if path else str(k))]
    return []


_DATE = TypeAdapter(dt.date)


def check_raw(model_cls: type[BaseModel], payload: dict) -> None:
    """The top-level date fields of ``payload`` checked before ``model_cls`` validates it, so that
    a date out of range is named as such rather than as what a model check makes of it (an
    "age of 8014 years", an end "before" a hire date in year 9999)."""
    problems = []
    for name, info in model_cls.model_fields.items():
        key = info.alias or name
        if key not in payload or dt.date not in _date_types(info.annotation):
            continue
        try:
            value = _DATE.validate_python(payload[key])
        except ValidationError:
            continue  # not a date at all: the model says so
        problems += _problems(value, key)
    if problems:
        raise RulesError(problems)


def _date_types(annotation: Any) -> set:
    args = typing.get_args(annotation)
    return {annotation} | {a for a in args if isinstance(a, type)} if args else {annotation}


def validated(model_cls: type[BaseModel], payload: Any) -> Any:
    """``payload`` (JSON-like) as ``model_cls``, dates within :func:`known_range`; anything wrong is a
    bilingual :class:`RulesError` naming the field. The one way input from outside becomes a model
    (calculators, the planner, policy lists)."""
    if not isinstance(payload, dict):
        raise RulesError.of("(input)", "输入应为 JSON 对象", "input must be a JSON object")
    check_raw(model_cls, payload)
    try:
        model = model_cls.model_validate(payload)
    except ValidationError as exc:
        raise from_pydantic(exc) from None
    return check(model)


def check(model: BaseModel) -> BaseModel:
    """``model`` unchanged, or a :class:`RulesError` naming every date outside :func:`known_range`."""
    problems = _problems(model, "")
    if problems:
        raise RulesError(problems)
    return model
