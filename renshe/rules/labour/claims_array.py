"""``dispute-claims`` for a whole register at once: the same law over numpy columns.

A committee's year of cases (or a demo province's) is judged in one pass: each claim's amount
through the calculators' vectorised cores (:func:`compensation_core`, :func:`double_wages_core`,
:func:`overtime_core`, :func:`leave_pay_core`), limitation through :func:`limitation_array`,
finality against twelve months of the minimum wage — with the tables of
:mod:`renshe.rules.labour.claims_law` that the one-case path uses. Parameters are looked up once
per distinct (region, date), not per case. A test holds this path to the one-case figures.

Columns (arrays of one length; dates ``datetime64[D]``, NaT for "none"; NaN for "not given"):
``region`` (codes), ``filed_on``, ``hire``, ``end``, ``signed``, ``monthly_wage``, ``termination``
(index into :data:`TERMINATIONS`, −1 none), ``notice_given``, ``worker_proposed``,
``unpaid_total``, ``weekday_hours``, ``restday_hours``, ``holiday_hours``, ``rest_given``,
``unused_leave_days``, ``leave_year`` (0 none), ``medical_expenses``, ``medical_known_on``,
``local_minimum_wage``, ``local_avg_monthly_wage``; optional (absent = none): ``injury_level``
(0 none), ``injury_wage``, ``injury_recognised_on``, ``disability_appraised_on``,
``injury_insured``, ``age`` (0 none), ``sex`` ("male", "female" or "").

A local figure not given (NaN) is looked up, and where no parameter covers it the same rule as
the one-case path decides (:mod:`renshe.rules.labour.local_figures`): a figure that provably
cannot change the answer is not asked for; the batch is refused, naming the figure, only when a
row's answer depends on it — as the one-case path refuses that row.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, get_args

import numpy as np

from renshe.rules import injury, parameters
from renshe.rules.deadlines import add_months_array, limitation_array
from renshe.rules.labour import local_figures
from renshe.rules.labour.claims_law import CLAIMS, FINAL_AWARD_PARAM
from renshe.rules.labour.common import LCL_IN_FORCE
from renshe.rules.labour.compensation import Termination, compensation_core
from renshe.rules.labour.double_wages import double_wages_core
from renshe.rules.labour.leave import leave_pay_core
from renshe.rules.labour.overtime import overtime_core
from renshe.rules.money import money_array

TERMINATIONS: tuple[str, ...] = get_args(Termination)
_DAY = np.timedelta64(1, "D")
_COMPENSATED = {"art40", "art41", "employer_fault", "closure", "task_completed"}


def full_months_array(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`renshe.rules.labour.common.full_months` over arrays: whole months and days left, both ends counted."""
    after = last + _DAY
    fm, am = first.astype("datetime64[M]"), after.astype("datetime64[M]")
    months = (am - fm).astype(np.int64)
    months = np.where(add_months_array(first, months) > after, months - 1, months)
    return months, (after - add_months_array(first, months)).astype(np.int64)


def months_with_fraction_array(anchor: np.ndarray, skip: int, last: np.ndarray) -> tuple[np.ndarray, ...]:
    """:func:`renshe.rules.labour.common.months_with_fraction` over arrays (whole, days, month length)."""
    begin = add_months_array(anchor, skip)
    whole = (last.astype("datetime64[M]") - begin.astype("datetime64[M]")).astype(np.int64) + 1
    for _ in range(2):  # the first guess overshoots by at most two months
        over = (whole > 0) & (add_months_array(anchor, skip + whole) - _DAY > last)
        whole = np.where(over, whole - 1, whole)
    whole = np.maximum(whole, 0)
    rest = add_months_array(anchor, skip + whole)
    days = (last - rest).astype(np.int64) + 1
    month_len = (add_months_array(anchor, skip + whole + 1) - rest).astype(np.int64)
    return whole, days, month_len


def _by_date(name: str, dates: np.ndarray, region: np.ndarray | None = None) -> np.ndarray:
    """Parameter ``name`` for each row, looked up once per distinct (region, date)."""
    out = np.empty(dates.shape, dtype=object)
    regs = np.full(dates.shape, "national", dtype=object) if region is None else region
    for reg in np.unique(regs):
        rows = regs == reg
        uniq, inv = np.unique(dates[rows], return_inverse=True)
        vals = np.array([parameters.value_at(name, d.item(), str(reg)).value for d in uniq], dtype=object)
        out[rows] = vals[inv]
    return out


def _given_or(given: np.ndarray, name: str, dates: np.ndarray, region: np.ndarray) -> np.ndarray:
    """The given figure where there is one, else the parameter (looked up only for the rows that need it)."""
    value = np.asarray(given, dtype=np.float64).copy()
    need = np.isnan(value)
    if need.any():
        value[need] = _by_date(name, dates[need], region[need]).astype(np.float64)
    return value


def _grouped(names: list[str], dates: np.ndarray, fn: Callable[[np.ndarray, list[Any]], None]) -> None:
    """Call ``fn(rows, values)`` once per set of distinct national parameter values in force on ``dates``."""
    if not len(dates):
        return
    uniq, inv = np.unique(dates, return_inverse=True)
    keys = [json.dumps([parameters.value_at(n, d.item()).value for n in names], default=str) for d in uniq]
    distinct, group = np.unique(np.array(keys), return_inverse=True)
    row_group = group[inv]
    for g, key in enumerate(distinct):
        fn(row_group == g, json.loads(key))


def claims_population(c: dict[str, np.ndarray]) -> dict[str, Any]:
    """Every claim's amount, limitation and finality for each row; ``total`` of those within limitation."""
    n = len(c["filed_on"])
    filed, hire, end, signed = (np.asarray(c[k], dtype="datetime64[D]") for k in ("filed_on", "hire", "end", "signed"))
    wage = np.asarray(c["monthly_wage"], dtype=np.float64)
    region = np.asarray(c["region"], dtype=object)
    employed = np.isnat(end)
    assess_end = np.where(employed, filed, end)
    amount = {k: np.zeros(n) for k in CLAIMS}
    known = {k: np.full(n, np.datetime64("NaT"), dtype="datetime64[D]") for k in CLAIMS}

    amount["unpaid_wages"] = money_array(np.asarray(c["unpaid_total"], dtype=np.float64))

    def double(rows: np.ndarray, v: list[Any]) -> None:
        periods, multiple = v
        anniversary = add_months_array(hire[rows], periods["open_ended_after_months"])
        last = np.minimum(anniversary - _DAY, assess_end[rows])
        s = signed[rows]
        last = np.where(np.isnat(s), last, np.minimum(last, s - _DAY))
        start = add_months_array(hire[rows], periods["grace_months"])
        whole, days, month_len = months_with_fraction_array(hire[rows], periods["grace_months"], last)
        months = np.where(last < start, 0.0, whole + days / month_len)
        amount["double_wages"][rows] = double_wages_core(wage[rows], months, float(multiple))
        known["double_wages"][rows] = last

    _grouped(["labour.written_contract_periods", "labour.double_wages_multiple"], filed, double)
    _compensation(c, hire, end, wage, region, amount, known)

    def over(rows: np.ndarray, v: list[Any]) -> None:
        pay_days, hours, *rates = v
        out = overtime_core(
            wage[rows], c["weekday_hours"][rows], c["restday_hours"][rows], c["holiday_hours"][rows], c["rest_given"][rows],
            pay_days=float(pay_days), hours_per_day=float(hours), rates=tuple(float(r) for r in rates),
        )
        amount["overtime_pay"][rows] = out["amount"]

    rate_names = [f"labour.overtime_rate_{k}" for k in ("extended", "restday", "holiday")]
    _grouped(["labour.monthly_pay_days", "labour.daily_hours", *rate_names], filed, over)

    def leave(rows: np.ndarray, v: list[Any]) -> None:
        pay_days, rate = v
        out = leave_pay_core(c["unused_leave_days"][rows], wage[rows], pay_days=float(pay_days), rate=float(rate))
        amount["annual_leave_pay"][rows] = out["pay"]

    _grouped(["labour.monthly_pay_days", "labour.annual_leave_pay_rate"], filed, leave)
    year = np.asarray(c["leave_year"], dtype=np.int64)
    # 31 December of the year after the leave year (leave may be carried over one year, 实施办法第九条)
    year_due = (np.maximum(year, 1970) + 2 - 1970).astype("datetime64[Y]").astype("datetime64[D]") - _DAY
    known["annual_leave_pay"] = np.where(~employed, end, np.where(year > 0, year_due, np.datetime64("NaT")))
    amount["injury_medical_expenses"] = money_array(np.asarray(c["medical_expenses"], dtype=np.float64))
    known["injury_medical_expenses"] = np.asarray(c["medical_known_on"], dtype="datetime64[D]")
    _injury(c, filed, end, region, amount, known)

    minimum = _given_or(c["local_minimum_wage"], "wages.minimum_monthly", filed, region)
    limit = money_array(minimum * _by_date(FINAL_AWARD_PARAM, filed).astype(np.float64))
    within, final, total = {}, {}, np.zeros(n)
    for kind, law in CLAIMS.items():
        within[kind] = _within(law.limitation, known[kind], end, filed)
        final[kind] = np.ones(n, dtype=bool) if law.finality == "standard" else amount[kind] <= limit
        total += np.where(within[kind], amount[kind], 0.0)
    return {"amount": amount, "within": within, "final": final, "limit": limit, "total": money_array(total)}


def _compensation(c, hire, end, wage, region, amount, known) -> None:
    """Art. 46/47/87 and art. 40 for the rows with a termination (compensation.compute's rules)."""
    term = np.asarray(c["termination"], dtype=np.int64)
    code = np.array([*TERMINATIONS, ""], dtype=object)[term]
    worker_proposed = np.asarray(c["worker_proposed"], dtype=bool)
    comp = np.isin(code, list(_COMPENSATED)) | ((code == "negotiated") & ~worker_proposed) | (code == "expiry")
    dmg = code == "unlawful"
    rows = (comp | dmg) & ~np.isnat(end)
    if rows.any():
        e = end[rows]
        start = np.where(comp[rows] & (hire[rows] < np.datetime64(LCL_IN_FORCE)), np.datetime64(LCL_IN_FORCE), hire[rows])
        whole, days = full_months_array(start, e)
        idx = np.flatnonzero(rows)
        minimum = _local(c["local_minimum_wage"][rows], e, region[rows], wage[idx],
                         lambda reg, d, w: local_figures.minimum_wage(reg, d, float(w.min()), None))

        def standard(sub: np.ndarray, v: list[Any]) -> None:
            partial, multiple, cap_years, unlawful = v
            floored = np.maximum(wage[idx[sub]], minimum[sub])
            local_avg = _local(
                c["local_avg_monthly_wage"][rows][sub], e[sub], region[rows][sub], floored,
                lambda reg, d, w: local_figures.average_wage(reg, d, float(w.max()), float(multiple), None),
                unknown=np.inf,
            )
            out = compensation_core(
                whole[sub], days[sub], wage[idx[sub]], minimum[sub], local_avg,
                partial_year=partial, cap_multiple=float(multiple), cap_years=int(cap_years),
            )
            at = idx[sub]
            amount["economic_compensation"][at] = np.where(comp[at], out["amount"], 0.0)
            damages = money_array(float(unlawful) * out["wage_base"] * out["months"])
            amount["damages"][at] = np.where(dmg[at], damages, 0.0)

        names = ["labour.compensation_partial_year", "labour.compensation_cap_multiple",
                 "labour.compensation_cap_years", "labour.unlawful_termination_multiple"]
        _grouped(names, e, standard)
    lieu = (code == "art40") & ~np.asarray(c["notice_given"], dtype=bool) & ~np.isnat(end)
    if lieu.any():
        months = _by_date("labour.notice_pay_months", end[lieu]).astype(np.float64)
        amount["payment_in_lieu_of_notice"][lieu] = money_array(wage[lieu] * months)
    for k in ("economic_compensation", "damages", "payment_in_lieu_of_notice"):
        known[k] = end


def _local(given: np.ndarray, dates: np.ndarray, region: np.ndarray, wages: np.ndarray,
           figure: Callable[[str, Any, np.ndarray], local_figures.LocalFigure], unknown: float = 0.0) -> np.ndarray:
    """A local figure per row: given, else what ``figure`` (a :mod:`local_figures` rule, asked once per
    distinct region and date with the wages of those rows) answers; a figure proven not to bind
    enters the core as ``unknown`` (no floor: 0; no cap: ∞), as on the one-case path. ``figure``
    raises, naming the field, when some row's answer depends on a figure nobody gave."""
    value = np.asarray(given, dtype=np.float64).copy()
    at = np.flatnonzero(np.isnan(value))
    for rows in _groups(at, region, dates):
        got = figure(str(region[rows[0]]), dates[rows[0]].item(), wages[rows])
        value[rows] = unknown if got.value is None else float(got.value)
    return value


def _groups(at: np.ndarray, region: np.ndarray, dates: np.ndarray) -> list[np.ndarray]:
    """The rows ``at``, split by distinct (region, date): one sort, not one scan per group."""
    if not len(at):
        return []
    keys = np.char.add(np.char.add(region[at].astype(str), "|"), dates[at].astype(str))
    _, inv = np.unique(keys, return_inverse=True)
    order = np.argsort(inv, kind="stable")
    cuts = np.flatnonzero(np.diff(inv[order])) + 1
    return [at[part] for part in np.split(order, cuts)]


def _injury(c: dict[str, np.ndarray], filed: np.ndarray, end: np.ndarray, region: np.ndarray,
            amount: dict[str, np.ndarray], known: dict[str, np.ndarray]) -> None:
    """The work-injury benefits the employer owes (claims.py's ``_injury_benefits``, same law).

    一次性伤残补助金 (工伤保险条例第三十五至三十七条, from an uninsured employer, 第六十二条第二款) is the
    ``work-injury`` calculator's core over the rows, the law read once per (region, appraisal date).
    The two lump sums depend on each worker's age and sex (闽政〔2011〕80号第二十七条) and not on the
    wage, so they are computed by that calculator once per distinct (region, end, grade, age, sex).
    """
    n = len(filed)
    level = np.asarray(c.get("injury_level", np.zeros(n)), dtype=np.int64)
    if not (level > 0).any():
        return
    nat = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    wage = np.asarray(c.get("injury_wage", np.full(n, np.nan)), dtype=np.float64)
    recognised = np.asarray(c.get("injury_recognised_on", nat), dtype="datetime64[D]")
    appraised = np.asarray(c.get("disability_appraised_on", nat), dtype="datetime64[D]")
    insured = np.asarray(c.get("injury_insured", np.zeros(n, dtype=bool)), dtype=bool)
    age = np.asarray(c.get("age", np.zeros(n)), dtype=np.int64)
    sex = np.asarray(c.get("sex", np.full(n, "", dtype=object)), dtype=object)
    injured = (level > 0) & ~np.isnan(wage) & ~np.isnat(recognised)
    on = np.where(np.isnat(appraised), filed, appraised)
    for rows in _groups(np.flatnonzero(injured & ~insured), region, on):
        law = injury.load_law(on[rows[0]].item(), str(region[rows[0]]), need_minimum_wage=False).law
        base, _ = injury.benefit_wage(wage[rows], law)
        amount["injury_disability_subsidy"][rows] = money_array(base * law.subsidy_months[level[rows]])
    known["injury_disability_subsidy"] = appraised
    lump = np.flatnonzero(injured & (level > injury.LAST_FUND_GRADE) & ~np.isnat(end))
    cache: dict[tuple, injury.WorkInjuryResult] = {}
    for i in lump:
        key = (region[i], end[i], level[i], age[i], sex[i])
        if key not in cache:
            cache[key] = injury.compute(injury.WorkInjuryInput(
                level=int(level[i]), monthly_wage=float(wage[i]), region=str(region[i]), terminated=True,
                terminated_on=end[i].item(), as_of=end[i].item(), age=int(age[i]) or None,
                sex=sex[i] or None, local_minimum_wage=None))
        out = cache[key]
        amount["injury_employment_subsidy"][i] = out.one_time_employment_subsidy or 0.0
        if not insured[i]:
            amount["injury_medical_subsidy"][i] = out.one_time_medical_subsidy or 0.0
    known["injury_medical_subsidy"] = known["injury_employment_subsidy"] = end


def _within(rule: str, known_on: np.ndarray, end: np.ndarray, filed: np.ndarray) -> np.ndarray:
    """Art. 27 per row: ¶4 (not running while employed, from the end otherwise) or ¶1 from ``known_on``."""
    wages = rule == "wages"
    start = end if wages else known_on
    dated = ~np.isnat(start)
    within = np.ones(len(filed), dtype=bool)
    if dated.any():
        out = limitation_array(start[dated], end[dated], wages)
        within[dated] = ~out["running"] | (filed[dated] <= out["expires_on"])
    return within
