"""Worked examples, the arithmetic done by hand in the comments.

No official Fujian published estimate with all inputs stated was found (searched the pages
corpus for 养老金计算举例 / 福建 养老金 计算 举例 and the code corpus; only titles of
third-party pages came back). So these examples apply the published formulas — 国发〔2005〕38号
point 六、 (employee) and 国发〔2014〕8号 (resident) — by hand to stated inputs, with every
assumption that is not law (growth, interest, indexation, discount) set to zero so the hand
arithmetic is exact. Parameter values: Fujian 2025 计发基数 7932, 2024 average wage 7535.67
(renshe/rules/params; unverified, see their notes).
"""

from __future__ import annotations

import pytest

from renshe.planner.core import cashflow as cf
from renshe.planner.core.explain import plan
from renshe.planner.core.models import Profile

ZERO = {"wage_growth": 0, "interest": 0, "indexation": 0, "discount_rate": 0, "life_expectancy": 80}


def _option(result, key):
    return next(o for o in result.options if o.key == key)


def test_flexible_worker_near_retirement_fujian_2025():
    # Man (original age 60) born 1966-01, planning on 2025-06-15, 170 months paid, index 1.0,
    # account 50 000 yuan, flexible worker choosing a base of 100 % of the 2024 average wage.
    result = plan(
        Profile(
            birth="1966-01", category="male_60", employment="flexible", monthly_income=9000,
            paid_months=170, account_balance=50000, avg_index=1.0, as_of="2025-06-15", assumptions=ZERO,
        )
    )
    o = _option(result, "flexible|r100|t+0|full")
    # Retirement (办法第一条): reaches 60 in 2026-01, 12 months after 2025-01 → delay ⌊12/4⌋+1 = 4
    # months → 60 years 4 months, first pension month 2026-05.
    assert o.retire_month == "2026-05"
    # Months still to pay: 2025-06 … 2026-04 = 11 months; 170 + 11 = 181 ≥ 180 (minimum for 2026).
    assert o.months == 11 and o.meets_minimum
    # Monthly cost: base 7535.67 × 20 % = 1507.134 → 1507.13; total 11 × 1507.13 = 16 578.43.
    assert o.monthly_cost == 1507.13
    assert o.total_cost == pytest.approx(16578.43, abs=0.01)
    # Basic pension: 7932 × (1 + 1.0) ÷ 2 × 181/12 × 1 % = 7932 × 181 ÷ 1200 = 1196.41.
    # Account: 50 000 + 11 × (7535.67 × 8 % = 602.85) = 56 631.35; divisor at 60 y 4 m between
    # 139 (60) and 132 (61): 139 − 7 × 4/12 = 136.6667; 56 631.35 ÷ 136.6667 = 414.38.
    # Total 1196.41 + 414.38 = 1610.79.
    assert o.monthly_pension == pytest.approx(1610.79, abs=0.01)
    # Lifetime value with no discounting: pension from 2026-05 to age 80 (2046-01) = 236 months;
    # 1610.79 × 236 = 380 146.44; minus 16 578.43 = 363 568.01.
    assert o.lifetime_value == pytest.approx(363568.01, abs=0.02)
    # Break-even: 16 578.43 ÷ 1610.79 = 10.29 months after 60 y 4 m → 61.19 → 61.2 years.
    assert o.break_even_age == pytest.approx(61.2, abs=0.05)
    # “Stop once the minimum is met”: only 10 months (170 + 10 = 180), same start month.
    s = _option(result, "flexible|r100|t+0|stop")
    assert s.months == 10 and s.retire_month == "2026-05"


def test_resident_scheme_tier_500_fujian():
    # Rural resident born 1985-01, planning on 2025-01-15, nothing paid yet, tier 500 yuan a
    # year with the 60-yuan subsidy (国发〔2014〕8号 floors; Fujian's own tiers unverified).
    result = plan(
        Profile(birth="1985-01", category="female_55", employment="rural_resident", monthly_income=3000,
                as_of="2025-01-15", assumptions=ZERO)
    )
    full = _option(result, "resident|y00500|full")
    # Pension from 60: 2045-01; pays 2025-01 … 2044-12 = 240 months.
    assert full.retire_month == "2045-01" and full.months == 240
    # Cost 500 ÷ 12 = 41.67 a month; 240 × 500/12 = 10 000.00 in all.
    assert full.monthly_cost == 41.67 and full.total_cost == 10000.00
    # Account 240 × (500 + 60) ÷ 12 = 11 200; 11 200 ÷ 139 = 80.58; basic pension 180 → 260.58.
    assert full.monthly_pension == pytest.approx(260.58, abs=0.01)
    stop = _option(result, "resident|y00500|stop")
    # Stop after the 15-year minimum: 180 months, 7 500 yuan; account 180 × 560/12 = 8 400;
    # 8 400 ÷ 139 = 60.43; + 180 = 240.43.
    assert stop.months == 180 and stop.total_cost == 7500.00
    assert stop.monthly_pension == pytest.approx(240.43, abs=0.01)


def test_private_pension_tax_saving():
    # Employee earning 12 000 a month: taxable = 12 000 × 12 − 60 000 − 12 × 960 (8 % pension)
    # = 144 000 − 60 000 − 11 520 = 72 480 → 10 % bracket (36 000–144 000); 12 000 × 10 % = 1 200.
    result = plan(
        Profile(birth="1980-03", category="male_60", employment="employee", monthly_income=12000,
                paid_months=240, as_of="2025-06-15")
    )
    o = _option(result, "employee|t+0|pp1")
    assert o.tax_saved_per_year == 1200.00
    assert o.monthly_cost == 960.00 + 1000.00


def test_irr_and_break_even_closed_forms():
    # Pay 100 now, receive 110 twelve months later: IRR = 110/100 − 1 = 10 %.
    r = cf.irr(100.0, 1.0, 1, 0.0, 110.0, 1.0, 12, 1)
    assert float(r) == pytest.approx(0.10, abs=1e-6)
    # A flat 100 a month repays 1 000 in 1 000 ÷ 100 = 10 months.
    assert float(cf.break_even_months(1000.0, 100.0, 1.0)) == pytest.approx(10.0)
    # Σ_{t<3} 2^t = 1 + 2 + 4 = 7; at x = 1 the sum is n.
    assert float(cf.geo(2.0, 3)) == pytest.approx(7.0)
    assert float(cf.geo(1.0, 5)) == pytest.approx(5.0)
