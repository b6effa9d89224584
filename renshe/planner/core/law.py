"""The legal inputs the planner needs on one date in one region, gathered once from renshe.rules.

Nothing here restates a rule: retirement ages come from :mod:`renshe.rules.retirement`
(办法第一条至第三条), the pension formula and 计发月数 from :mod:`renshe.rules.pension`
(国发〔2005〕38号 point 六、), contribution bases and rates from :mod:`renshe.rules.contributions`
(社会保险法第十二条; 国办发〔2019〕13号), and the resident scheme, private pension, tax and household
figures from ``planner.*`` parameters (each dated and cited, unverified ones say why).
Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from renshe.rules import contributions, pension, retirement
from renshe.rules.errors import ParameterNotFound
from renshe.rules.parameters import ParamValue, parameter, value_at
from renshe.rules.regions import chain


def latest_at(name: str, on: dt.date, region: str) -> tuple[ParamValue, bool]:
    """The value in force on ``on``; if none is published yet, the latest earlier one.

    Returns the value and whether it was carried forward. The planner projects carried
    values with the wage-growth assumption and says so in the trace; it never invents one.
    """
    try:
        return value_at(name, on, region), False
    except ParameterNotFound:
        p = parameter(name)
        for reg in chain(region):
            past = [pv for pv in p.periods(reg) if pv.effective_from <= on]
            if past:
                return past[-1], True
        raise


@dataclass(frozen=True)
class Law:
    """Every legal figure and rule set one plan needs, with the ParamValues for the trace."""

    on: dt.date
    region: str
    retirement: retirement.RetirementRules
    pension: pension.PensionRules
    contrib_employee: contributions.ContributionLaw
    contrib_flexible: contributions.ContributionLaw
    avg_wage: ParamValue
    base_limits: ParamValue
    employee_rate: ParamValue
    flexible_rate: ParamValue
    flexible_account_rate: ParamValue
    flexible_ratios: ParamValue
    calc_base: ParamValue
    calc_base_carried: bool
    resident_tiers: ParamValue
    resident_basic: ParamValue
    resident_divisor: ParamValue
    resident_age: ParamValue
    resident_min: ParamValue
    private_cap: ParamValue
    withdrawal_tax: ParamValue
    iit_brackets: ParamValue
    iit_deduction: ParamValue
    dependent_floor: ParamValue
    defaults: ParamValue
    carried: list[str] = field(default_factory=list)
    #: option templates built from this law, by employment code (see optimize.template)
    templates: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def resident_min_years(self) -> float:
        """The resident scheme's minimum period in years, as the wording states it (国发〔2014〕8号 七、)."""
        return int(self.resident_min.value) / 12

    def tax_rate(self, annual_taxable: np.ndarray) -> np.ndarray:
        """Marginal IIT rate on annual taxable income (个人所得税法 附件税率表一)."""
        tops = np.array([t if t is not None else np.inf for t, _ in self.iit_brackets.value], dtype=np.float64)
        rates = np.array([r for _, r in self.iit_brackets.value], dtype=np.float64)
        x = np.asarray(annual_taxable, dtype=np.float64)
        idx = np.searchsorted(tops, x, side="left")
        return np.where(x > 0, rates[np.minimum(idx, len(rates) - 1)], 0.0)

    def params(self) -> list[ParamValue]:
        return [
            self.avg_wage,
            self.base_limits,
            self.employee_rate,
            self.flexible_rate,
            self.flexible_account_rate,
            self.flexible_ratios,
            self.calc_base,
            self.resident_tiers,
            self.resident_basic,
            self.resident_divisor,
            self.resident_age,
            self.resident_min,
            self.private_cap,
            self.withdrawal_tax,
            self.iit_brackets,
            self.iit_deduction,
            self.dependent_floor,
            self.defaults,
        ]


@lru_cache(maxsize=64)
def law_on(on: dt.date, region: str) -> Law:
    """Gather the law for ``on`` in ``region`` (cached: a batch reads it once)."""
    carried: list[str] = []

    def get(name: str) -> ParamValue:
        pv, was_carried = latest_at(name, on, region)
        if was_carried:
            carried.append(name)
        return pv

    calc_base, calc_base_carried = latest_at("pension.calc_base", on, region)
    employee, used_e = contributions.load_law(on, region, "employee")
    flexible, used_f = contributions.load_law(on, region, "flexible")
    return Law(
        on=on,
        region=region,
        retirement=retirement.rules_on(on),
        pension=pension.pension_rules_on(on),
        contrib_employee=employee,
        contrib_flexible=flexible,
        avg_wage=get(contributions.P_AVG_WAGE),
        base_limits=used_e[contributions.P_LIMITS],
        employee_rate=used_e[contributions.P_EMPLOYEE],
        flexible_rate=used_f[contributions.P_FLEXIBLE],
        flexible_account_rate=used_f[contributions.P_FLEXIBLE_ACCOUNT],
        flexible_ratios=get("planner.flexible_base_ratios"),
        calc_base=calc_base,
        calc_base_carried=calc_base_carried,
        resident_tiers=get("planner.resident_tiers"),
        resident_basic=get("planner.resident_basic_pension"),
        resident_divisor=get("planner.resident_divisor"),
        resident_age=get("planner.resident_pension_age"),
        resident_min=get("planner.resident_min_months"),
        private_cap=get("planner.private_pension_cap"),
        withdrawal_tax=get("planner.private_pension_withdrawal_tax"),
        iit_brackets=get("planner.iit_brackets"),
        iit_deduction=get("planner.iit_basic_deduction"),
        dependent_floor=get("planner.dependent_floor"),
        defaults=get("planner.default_assumptions"),
        carried=carried + (["pension.calc_base"] if calc_base_carried else []),
    )
