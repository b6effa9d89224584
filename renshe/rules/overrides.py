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
            field, f"{p.zh}；请在输入中给出 {field}", f"{p.en}; give {field} in the input"
        ) from None
    used[name] = pv
    return float(pv.value)


def unverified(used: dict[str, ParamValue]) -> list[str]:
    """Names of the parameters a result used whose values were not read in an official text."""
    return sorted(name for name, pv in used.items() if not pv.verified)
