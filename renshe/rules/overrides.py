"""Inputs that override dated parameters: a number the user gives wins (CONTRACTS.md).

Calculators accept, under the parameter's field name (``local_avg_monthly_wage``,
``local_minimum_wage``, ``national_disposable_income`` …), a figure that otherwise
comes from a dated parameter. This is the one place that rule is applied.
"""

from __future__ import annotations

import datetime as dt

from renshe.rules import parameters
from renshe.rules.errors import ParameterNotFound
from renshe.rules.parameters import ParamValue

#: What each overriding input is called on the pages, for messages that ask for it.
FIELD_LABELS = {
    "local_avg_monthly_wage": "统筹地区上年度职工月平均工资（元）",
    "local_minimum_wage": "当地月最低工资标准（元）",
    "national_disposable_income": "上一年度全国城镇居民人均可支配收入（元）",
}


def given_or_param(
    name: str, field: str, given: float | None, on: dt.date, region: str, used: dict[str, ParamValue]
) -> float:
    """``given`` if the user gave it, else parameter ``name`` on ``on`` in ``region``.

    A parameter value that is used is recorded in ``used`` (for the trace). When no
    value covers the date, the error names the input ``field`` that can supply the
    number, so the user knows how to go on.
    """
    if given is not None:
        return float(given)
    try:
        pv = parameters.value_at(name, on, region)
    except ParameterNotFound as exc:
        p = exc.problems[0]
        raise ParameterNotFound.of(
            field,
            f"{p.zh}；请填写“{FIELD_LABELS.get(field, field)}”",
            f"{p.en}; give {field} in the input",
        ) from None
    used[name] = pv
    return float(pv.value)


def unverified(used: dict[str, ParamValue]) -> list[str]:
    """Names of the parameters a result used whose values were not read in an official text."""
    return sorted(name for name, pv in used.items() if not pv.verified)
