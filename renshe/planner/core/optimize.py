"""The contribution planner's core: every legal option for every profile, as (profiles × options) arrays.

Pure and vectorised (no Django): a whole population is a set of 1-D arrays, the options a
template of columns, and every figure a broadcast (N, K) array, so one profile and a million
run the same code. The law comes from :mod:`renshe.planner.core.law` (retirement and pension rules
from renshe.rules; the rest from dated, cited ``planner.*`` parameters):

- Employee scheme (社会保险法第十条、第十二条): an employee pays 8 % of the wage clipped to the
  year's base limits (国办发〔2019〕13号); a flexible worker 20 % of a base chosen between the
  limits, 8 % of it to the personal account.
- Resident scheme (国发〔2014〕8号): a yearly tier plus the government subsidy into the account;
  pension = basic pension + account ÷ 139, from 60 after 15 years.
- Months: until the retirement age, or only until the minimum is met (then stop), or on past
  the age until it is met (延长缴费, 办法第二条); flexible early/late retirement (办法第三条).
- Moving between schemes (城乡养老保险制度衔接暂行办法, 人社部发〔2014〕17号): employee months count
  toward the resident minimum and the account moves; resident months do not count toward the
  employee minimum, only the account moves.
- 个人养老金 for employees with taxable income: 12000 yuan a year deducted before tax,
  withdrawals taxed at 3 % (财政部 税务总局公告2022年第34号).

Each option's value to the household is the present value of its pension minus that of its
own contributions (net of tax saved), under the stated assumptions. What is affordable is what
is left of the income after debts and a subsistence floor for every member of the household,
the person included (社会救助暂行办法第十条: the 最低生活保障 line as the measure of what a
person needs to live on). The recommendation weighs how much of that a plan takes, not only
its value: among the options that take at most a stated share of it (``max_share``, an
assumption the user may change) the highest value wins; when every option takes more, the one
costing least each month. Ties are broken by a fixed order of keys so the answer does not
depend on the order options are listed in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from renshe.planner.core import cashflow as cf
from renshe.planner.core.law import Law
from renshe.rules import contributions, pension, retirement
from renshe.rules.money import money_array

EMPLOYMENTS = ("employee", "flexible", "unemployed", "rural_resident")
EMPLOYMENT_CODE = {e: i for i, e in enumerate(EMPLOYMENTS)}
SCHEMES = ("employee", "flexible", "resident")
EMPLOYEE, FLEXIBLE, RESIDENT = 0, 1, 2
ASSUMPTIONS = ("wage_growth", "interest", "indexation", "discount_rate", "life_expectancy")


@dataclass(frozen=True)
class Template:
    """The option columns one employment group may choose from (1-D arrays of length K)."""

    keys: list[str]
    labels: list[str]
    scheme: np.ndarray
    ratio: np.ndarray  # flexible base ratio; NaN otherwise
    tier: np.ndarray  # resident yuan a year; NaN otherwise
    subsidy: np.ndarray
    offset: np.ndarray  # months from the statutory age (办法第三条)
    stop: np.ndarray  # 1 = stop paying once the minimum is met
    addon: np.ndarray  # 1 = with 个人养老金

    def __len__(self) -> int:
        return len(self.keys)

    def rank(self) -> np.ndarray:
        """Each column's place in the sorted keys: the order-free tie-break."""
        order = np.argsort(np.array(self.keys, dtype=object), kind="stable")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        return rank

    def take(self, idx: np.ndarray) -> Template:
        """The same template with its columns reordered (used to show order does not matter)."""
        return Template(
            keys=[self.keys[i] for i in idx],
            labels=[self.labels[i] for i in idx],
            **{
                f: getattr(self, f)[idx]
                for f in ("scheme", "ratio", "tier", "subsidy", "offset", "stop", "addon")
            },
        )


def _timing_label(off: int) -> str:
    if off < 0:
        return f"提前{-off // 12}年退休"
    if off > 0:
        return f"延迟{off // 12}年退休"
    return "法定年龄退休"


def template(law: Law, employment: int) -> Template:
    """The options open to one employment status (built once per law and status).

    Employees are covered through their employer (社会保险法第十条第一款) and choose only the
    timing and the 个人养老金 add-on; flexible workers, the unemployed and rural residents may
    join the employee scheme as flexible workers (第十条第二款) or the resident scheme
    (国发〔2014〕8号), choosing base, tier and how long to pay. Late retirement needs an
    employer's agreement (办法第三条), so only employees have it.
    """
    if employment not in law.templates:
        law.templates[employment] = _build_template(law, employment)
    return law.templates[employment]


def _build_template(law: Law, employment: int) -> Template:
    rows: list[tuple] = []
    early, late = law.retirement.early_months, law.retirement.late_months
    if employment == EMPLOYMENT_CODE["employee"]:
        for off in range(-early, late + 1, 12):
            for addon in (0, 1):
                key = f"employee|t{off:+d}|pp{addon}"
                label = "职工参保·" + _timing_label(off) + ("·加个人养老金" if addon else "")
                rows.append((key, label, EMPLOYEE, np.nan, np.nan, 0.0, off, 0, addon))
    else:
        for ratio in law.flexible_ratios.value:
            pct = round(ratio * 100)
            for off in range(-early, 1, 12):
                key = f"flexible|r{pct:03d}|t{off:+d}|full"
                rows.append((key, f"灵活就业·基数{pct}%·{_timing_label(off)}", FLEXIBLE, ratio, np.nan, 0.0, off, 0, 0))
            key = f"flexible|r{pct:03d}|t+0|stop"
            rows.append((key, f"灵活就业·基数{pct}%·缴满最低年限即停", FLEXIBLE, ratio, np.nan, 0.0, 0, 1, 0))
        for tier, subsidy in law.resident_tiers.value:
            t = int(tier)
            rows.append((f"resident|y{t:05d}|full", f"城乡居民·每年{t}元档", RESIDENT, np.nan, tier, subsidy, 0, 0, 0))
            rows.append(
                (f"resident|y{t:05d}|stop", f"城乡居民·每年{t}元档·缴满{law.resident_min_years:g}年即停", RESIDENT, np.nan, tier, subsidy, 0, 1, 0)
            )
    cols = list(zip(*rows, strict=True))
    return Template(
        keys=list(cols[0]),
        labels=list(cols[1]),
        scheme=np.array(cols[2], dtype=np.int64),
        ratio=np.array(cols[3], dtype=np.float64),
        tier=np.array(cols[4], dtype=np.float64),
        subsidy=np.array(cols[5], dtype=np.float64),
        offset=np.array(cols[6], dtype=np.int64),
        stop=np.array(cols[7], dtype=np.int64),
        addon=np.array(cols[8], dtype=np.int64),
    )


@dataclass
class Profiles:
    """A population as 1-D arrays (months since year 0 for dates; codes for categories)."""

    birth: np.ndarray
    category: np.ndarray
    employment: np.ndarray
    income: np.ndarray
    debt: np.ndarray
    dependents: np.ndarray
    paid: np.ndarray
    balance: np.ndarray
    avg_index: np.ndarray  # NaN = not known (taken as 1.0)
    as_of: np.ndarray

    def __len__(self) -> int:
        return len(self.birth)

    def subset(self, mask: np.ndarray) -> Profiles:
        return Profiles(**{k: v[mask] for k, v in vars(self).items()})


def evaluate(p: Profiles, tpl: Template, law: Law, a: dict[str, float]) -> dict[str, np.ndarray]:
    """Every figure of every option for every profile, as (N, K) arrays.

    ``a`` holds the assumptions (wage_growth, interest, indexation, discount_rate,
    life_expectancy, dependent_floor, max_share), each a number or one value per profile (the
    sensitivity analysis evaluates one profile under many assumptions as many rows).
    Invalid combinations are False in ``valid``.
    """
    col = lambda x: np.asarray(x)[:, None]  # noqa: E731 - profiles down the rows
    a = {k: (np.asarray(v, dtype=np.float64)[:, None] if np.ndim(v) else float(v)) for k, v in a.items()}
    birth, emp, inc = col(p.birth), col(p.employment), col(p.income)
    paid, bal, t0 = col(p.paid), col(p.balance), col(p.as_of)
    avg_index = col(np.where(np.isnan(p.avg_index), 1.0, p.avg_index))
    sch, ratio, tier, sub = tpl.scheme[None, :], tpl.ratio[None, :], tpl.tier[None, :], tpl.subsidy[None, :]
    off, stop, addon = tpl.offset[None, :], tpl.stop[None, :], tpl.addon[None, :]
    is_emp = sch != RESIDENT

    # 办法第一条、第三条: statutory month and the flexible window; 国发〔2014〕8号: residents at 60.
    ret = retirement.retirement_core(p.birth, p.category, law.retirement)
    stat, earliest, latest = col(ret["retire_month"]), col(ret["earliest_flexible_month"]), col(ret["latest_flexible_month"])
    resident_age = int(law.resident_age.value) * 12
    retire = np.where(is_emp, stat + off, birth + resident_age)

    # 人社部发〔2014〕17号: which past months count, and whether an account moves.
    rural = emp == EMPLOYMENT_CODE["rural_resident"]
    credited = np.where(is_emp & rural, 0, paid)
    transfer = (paid > 0) & ((~is_emp & ~rural) | (is_emp & rural))
    minimum = np.where(is_emp, retirement.minimum_months(retire), int(law.resident_min.value))

    to_r = np.maximum(retire - t0, 0)
    need = np.maximum(minimum - credited, 0)
    n = np.where(stop == 1, need, np.maximum(to_r, need))
    start = np.maximum(np.maximum(retire, t0), t0 + n)  # an age already passed: pension from now on
    age_start = start - birth
    extension = np.maximum(n - to_r, 0)

    valid = (retire >= t0) | (off == 0)
    valid &= (off >= 0) | ((retire >= earliest) & (credited + to_r >= minimum))  # early: minimum met by then
    valid &= (off <= 0) | (retire <= latest)
    valid &= (stop == 0) | (need < to_r)  # “stop” differs from “full” only if the minimum comes first
    valid &= ~is_emp | (age_start <= law.pension.divisor_ages[-1])  # 计发月数表 ends at 70
    # 办法第三条: delaying is agreed before the statutory age is reached, so once it has passed
    # (the statutory month is before today) only applying now, or paying on to the minimum, is left.
    valid &= (off <= 0) | (stat >= t0)

    # Assumptions as monthly factors.
    g_m, i_m, k_m = cf.monthly(a["wage_growth"]), cf.monthly(a["interest"]), cf.monthly(a["indexation"])
    w0 = float(law.avg_wage.value)

    # 社会保险法第十二条, 国办发〔2019〕13号 via renshe.rules.contributions: the base clipped to the
    # limits, the worker's amount and the personal-account credit. A template is either the
    # employee's or the flexible/resident one, so one contribution law serves all its columns.
    employee_group = bool((tpl.scheme == EMPLOYEE).any())
    claw = law.contrib_employee if employee_group else law.contrib_flexible
    declared = np.where(sch == EMPLOYEE, inc, np.where(is_emp, np.nan_to_num(ratio) * w0, 0.0))
    contrib = contributions.contribution_core(np.broadcast_to(declared, (len(p), len(tpl))), claw)
    base = contrib["base"]
    base_ratio = base / w0
    c0 = np.where(is_emp, contrib["employee_amount"], tier / 12.0)
    into_account = np.where(is_emp, contrib["personal_account_credit"], (tier + sub) / 12.0)
    grow = np.where(is_emp, g_m, 1.0)

    # 个人养老金: only with taxable income (个人所得税法第六条; 公告2022年第34号).
    yearly_cap = float(law.private_cap.value)
    taxable = 12.0 * inc - float(law.iit_deduction.value) - 12.0 * c0
    marginal = law.tax_rate(taxable)
    valid &= (addon == 0) | ((sch == EMPLOYEE) & (marginal > 0) & (n > 0))  # nothing to add with no months left
    priv = np.where(addon == 1, yearly_cap / 12.0, 0.0)
    tax_saved = 12.0 * priv * marginal

    # Costs (nominal): the person's own contributions.
    pension_cost = c0 * cf.geo(grow, n)
    total_cost = pension_cost + priv * n
    monthly_cost = np.where(n > 0, c0 + priv, 0.0)  # no months left to pay: no payment

    # Personal account at the start of pension (社会保险法第十四条: interest credited).
    gap = start - t0 - n
    i_n = np.power(i_m, n)
    account = (bal * i_n + into_account * i_n * cf.geo(grow / i_m, n)) * np.power(i_m, gap)

    # Employee pension: 国发〔2005〕38号 point 六、 via renshe.rules.pension.
    base_year = law.calc_base.effective_from.year * 12
    calc_base = float(law.calc_base.value) * np.power(g_m, start - base_year)
    months_total = credited + n
    index = (avg_index * credited + base_ratio * n) / np.maximum(months_total, 1)
    emp_age = np.minimum(age_start, law.pension.divisor_ages[-1])
    core = pension.pension_core(
        calc_base, index, months_total, 0, account, emp_age, 0.0, minimum, law.pension
    )
    # Resident pension: 国发〔2014〕8号 basic pension (grown with the indexation assumption) + account ÷ 139.
    if employee_group:
        basic, personal = core["basic"], core["personal"]
    else:
        res_basic = money_array(float(law.resident_basic.value) * np.power(k_m, start - t0))
        res_personal = money_array(account / float(law.resident_divisor.value))
        basic = np.where(is_emp, core["basic"], res_basic)
        personal = np.where(is_emp, core["personal"], res_personal)
    public = np.where(is_emp, core["total"], basic + personal)

    # 个人养老金 paid out as a monthly annuity over the same 计发月数 (an assumption), 3 % tax.
    if employee_group:
        priv_fv = priv * i_n * cf.geo(1.0 / i_m, n) * np.power(i_m, gap)
        divisor = pension.divisor_at(emp_age, law.pension)
        priv_monthly = money_array(np.where(addon == 1, priv_fv * (1.0 - float(law.withdrawal_tax.value)) / divisor, 0.0))
    else:
        priv_monthly = np.zeros((1, 1))
    monthly_pension = np.round(np.nan_to_num(public) + priv_monthly, 2)

    # Value under the assumptions.
    death = birth + np.round(a["life_expectancy"] * 12.0)
    paid_months = np.maximum(death - start, 0)
    flat = priv - tax_saved / 12.0
    lag = start - t0
    value = cf.npv(a["discount_rate"], c0, grow, n, flat, monthly_pension, k_m, lag, paid_months)

    ref = np.where(inc >= 1.0, inc, w0) * np.power(g_m, lag)  # no income: the average wage
    # 社会救助暂行办法第十条: the floor for the person and for each dependant comes off first.
    disposable = inc - col(p.debt) - a["dependent_floor"] * (1.0 + col(p.dependents))
    affordable = monthly_cost <= disposable + 1e-9
    light = monthly_cost <= a["max_share"] * disposable + 1e-9
    meets = months_total >= minimum

    shape = (len(p), len(tpl))

    def b(x) -> np.ndarray:  # every figure as a full (N, K) array; a plain copy is cheaper than broadcast_to
        x = np.asarray(x)
        if x.shape == shape:
            return x
        out = np.empty(shape, dtype=x.dtype)
        out[...] = x
        return out
    return {
        "valid": b(valid),
        "scheme": b(sch),
        "base_ratio": b(np.where(is_emp, base_ratio, np.nan)),
        "tier": b(np.where(is_emp, np.nan, tier)),
        "offset": b(off),
        "transfer": b(transfer),
        "addon": b(addon),
        "stop": b(stop),
        "months": b(n),
        "extension": b(extension),
        "start": b(start),
        "age_start": b(age_start),
        "monthly_cost": b(money_array(monthly_cost)),
        "total_cost": b(total_cost),
        "tax_saved": b(tax_saved),
        "monthly_pension": b(monthly_pension),
        "lifetime_value": b(value),
        "replacement_rate": b(monthly_pension / ref),
        "meets_minimum": b(meets),
        "affordable": b(affordable),
        "light": b(light),
        "disposable": b(disposable),
        # cash-flow parameters, kept for IRR and break-even on the rows that need them
        "c0": b(c0),
        "grow": b(grow),
        "flat": b(flat),
        "k_m": b(k_m),
        "lag": b(lag),
        "paid_months": b(paid_months),
        "base": b(base),
        "calc_base": b(calc_base),
        "index": b(index),
        "account": b(account),
        "basic": b(basic),
        "personal": b(personal),
        "private_monthly": b(priv_monthly),
        "minimum": b(minimum),
        "credited": b(credited),
        "marginal": b(marginal),
    }


def choose(ev: dict[str, np.ndarray], rank: np.ndarray) -> np.ndarray:
    """Index of the recommended option per profile, or -1 when none is affordable.

    Options are taken from the first of these groups a profile has any in: light (costing at
    most ``max_share`` of the money left after debts and living costs) and meeting the minimum
    period; light; affordable and meeting the minimum; affordable. In a light group the
    highest lifetime value wins; in the others, where every plan takes most of a thin income,
    the lowest monthly cost (then the highest value). Remaining ties go to the smallest
    ``rank`` (the key's place in sorted order), so listing the options in another order
    changes nothing.
    """
    ok = ev["valid"] & ev["affordable"]
    light = ok & ev["light"]
    meets = ev["meets_minimum"]
    groups = (light & meets, light, ok & meets, ok)
    has = np.stack([g.any(axis=1) for g in groups], axis=1)
    first = has.argmax(axis=1)[:, None]
    pool = np.select([first == i for i in range(len(groups))], groups, False)
    cost = np.where(pool, ev["monthly_cost"], np.inf)
    stretched = first >= 2
    pool &= ~stretched | (cost == cost.min(axis=1, keepdims=True))
    value = np.where(pool, ev["lifetime_value"], -np.inf)
    tied = pool & (value == value.max(axis=1, keepdims=True))
    pick = np.where(tied, rank[None, :], np.iinfo(np.int64).max).argmin(axis=1)
    return np.where(ok.any(axis=1), pick, -1)


def rate_and_break_even(ev: dict[str, np.ndarray], a: dict[str, float], rows=None, cols=None):
    """IRR and break-even age (years) for the chosen cells (all cells when rows/cols are None)."""

    def pick(name: str) -> np.ndarray:
        x = ev[name]
        return x if rows is None else x[rows, cols]

    rate = cf.irr(
        pick("c0"), pick("grow"), pick("months"), pick("flat"), pick("monthly_pension"),
        pick("k_m"), pick("lag"), pick("paid_months"),
    )
    net_cost = pick("total_cost") - pick("tax_saved") / 12.0 * pick("months")
    be = cf.break_even_months(net_cost, pick("monthly_pension"), pick("k_m"))
    return rate, (pick("age_start") + be) / 12.0
