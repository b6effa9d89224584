"""What the labour calculators share: the statutes they cite, date arithmetic, parameter look-up.

Periods in months follow 《中华人民共和国民法典》第二百零二条: a period counted in months
ends on the corresponding day of the month it reaches, or on that month's last day when
there is none (31 January + 1 month = 28/29 February).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from renshe.rules import parameters, regions
from renshe.rules.errors import ParameterNotFound
from renshe.rules.parameters import ParamValue, Reference

LCL = Reference(document="中华人民共和国劳动合同法")
LCL_REGS = Reference(document="中华人民共和国劳动合同法实施条例", number="国务院令第535号")
LABOUR_LAW = Reference(document="中华人民共和国劳动法")
PAY_DAYS_NOTICE = Reference(
    document="关于职工全年月平均工作时间和工资折算问题的通知", number="劳社部发〔2008〕3号"
)
LEAVE_REGS = Reference(document="职工带薪年休假条例", number="国务院令第514号")
LEAVE_MEASURES = Reference(document="企业职工带薪年休假实施办法", number="人力资源和社会保障部令第1号")
CIVIL_CODE = Reference(document="中华人民共和国民法典")

#: 《劳动合同法》第九十八条: the law is in force from this day; service before it is
#: governed by the rules of the time (第九十七条第三款).
LCL_IN_FORCE = dt.date(2008, 1, 1)


def cite(ref: Reference, article: str) -> Reference:
    """``ref`` pointed at one article, e.g. ``cite(LCL, "第四十七条第一款")``."""
    return ref.model_copy(update={"article": article})


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months``; no corresponding day → the month's last (民法典第二百零二条)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def full_months(first: dt.date, last: dt.date) -> tuple[int, int]:
    """Whole months from ``first`` to ``last`` (both days included) and the days left over.

    >>> full_months(dt.date(2020, 3, 1), dt.date(2021, 2, 28))
    (12, 0)
    >>> full_months(dt.date(2024, 1, 10), dt.date(2024, 3, 14))
    (2, 5)
    """
    after = last + dt.timedelta(days=1)
    months = (after.year - first.year) * 12 + after.month - first.month
    if add_months(first, months) > after:
        months -= 1
    return months, (after - add_months(first, months)).days


def months_with_fraction(anchor: dt.date, skip: int, last: dt.date) -> tuple[int, int, int]:
    """Whole months of a period that begins ``skip`` months after ``anchor`` and ends on ``last``.

    Months are stepped from ``anchor`` (so a job begun on the 31st keeps month ends), and the
    days left over are returned with the length of the month they fall in: 14 days of the
    month 2 June – 1 July (30 days) are 14/30 of a month.

    >>> months_with_fraction(dt.date(2024, 1, 31), 1, dt.date(2024, 6, 14))
    (3, 15, 30)
    """
    begin = add_months(anchor, skip)
    whole = (last.year - begin.year) * 12 + last.month - begin.month + 1
    while whole > 0 and add_months(anchor, skip + whole) - dt.timedelta(days=1) > last:
        whole -= 1
    whole = max(whole, 0)
    rest = add_months(anchor, skip + whole)
    return whole, (last - rest).days + 1, (add_months(anchor, skip + whole + 1) - rest).days


def ensure_not_before(
    day: dt.date, earlier: dt.date | None, what: tuple[str, str], than: tuple[str, str]
) -> None:
    """For input validators: ``day`` must not come before ``earlier`` (names in Chinese, English)."""
    if earlier is not None and day < earlier:
        raise ValueError(
            f"{what[0]} {day.isoformat()} 早于{than[0]} {earlier.isoformat()} / "
            f"{what[1]} {day.isoformat()} is before {than[1]} {earlier.isoformat()}"
        )


def param(name: str, on: dt.date, region: str = regions.NATIONAL) -> ParamValue:
    """A parameter value in force on ``on`` (raises the bilingual ParameterNotFound)."""
    return parameters.value_at(name, on, region)


def given_or_param(
    given: float | None, field: str, name: str, label: str, on: dt.date, region: str
) -> tuple[float, ParamValue | None]:
    """A figure the user gave under ``field``, else the parameter ``name`` for the region and date.

    When neither exists the error names ``field`` and asks for the figure, so a caseworker
    knows exactly what to type (CONTRACTS.md: explicit values win).
    """
    if given is not None:
        return given, None
    try:
        pv = parameters.value_at(name, on, region)
    except ParameterNotFound:
        known = "、".join(
            f"{regions.name_of(p.region)} {p.effective_from.isoformat()}至{p.effective_to or '今'}"
            for reg in regions.chain(region)
            if name in parameters.all_parameters()
            for p in parameters.parameter(name).periods(reg)
        )
        raise ParameterNotFound.of(
            field,
            f"没有{regions.name_of(region)}在{on.isoformat()}适用的{label}，请填写“{label}（元）”，即当地公布的数额"
            + (f"（参数库仅有：{known}）" if known else "（参数库未收录）"),
            f"no published {name} for region '{region}' on {on.isoformat()}; please supply it as '{field}'",
        ) from None
    return float(pv.value), pv


def given_or_params(
    wanted: list[tuple[float | None, str, str, str]], on: dt.date, region: str
) -> list[tuple[float, ParamValue | None]]:
    """:func:`given_or_param` for several figures, reporting every missing one in one error."""
    found: list[tuple[float, ParamValue | None]] = []
    problems = []
    for given, field, name, label in wanted:
        try:
            found.append(given_or_param(given, field, name, label, on, region))
        except ParameterNotFound as exc:
            problems.extend(exc.problems)
    if problems:
        raise ParameterNotFound(problems)
    return found


def source_note(field: str, pv: ParamValue | None) -> dict[str, Any]:
    """For a trace step's inputs: where a figure came from (the user or a parameter)."""
    if pv is None:
        return {f"{field}_source": "用户提供"}
    flag = "" if pv.verified else "（未核实）"
    return {
        f"{field}_source": f"参数 {pv.name}，{regions.name_of(pv.region)}，{pv.effective_from.isoformat()} 起{flag}"
    }
