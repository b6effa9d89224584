"""economic-compensation: published cases and statutory illustrations, worked by hand.

Published cases: 人力资源社会保障部、最高人民法院《关于联合发布第二批劳动人事争议典型案例
的通知》（人社部函〔2021〕90号）案例1、案例5. Where no published case with figures was found
(the 3× cap with the 12-year limit, the minimum-wage floor), the test applies the statute's
own words to round figures and shows the arithmetic.
"""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renshe.rules import calculators
from renshe.rules.errors import ParameterNotFound, RulesError
from renshe.rules.labour.compensation import compensation_core

ROOT = Path(__file__).resolve().parents[2]

# Local figures for cases whose city the source does not name. They do not change the
# result as long as the wage lies between the minimum wage and 3× the average wage.
NEUTRAL = {"local_minimum_wage": 1800, "local_avg_monthly_wage": 6000}


def run(**payload):
    return calculators.run("economic-compensation", payload)


def test_mohrss_2021_case1_unlawful_dismissal_under_six_months():
    # 人社部函〔2021〕90号 案例1: 张某 joined in June 2020 at 8,000 a month and was dismissed
    # “2个月后”; the commission awarded 违法解除劳动合同赔偿金 8,000 元.
    # By hand: service 2 months < 6 months → N = ½ (art. 47 ¶1)
    #          standard = 8000 × 0.5 = 4000; damages = 2 × 4000 = 8000 (art. 87)
    r = run(start="2020-06-01", end="2020-07-31", avg_monthly_wage=8000, termination="unlawful", **NEUTRAL)
    assert r["months"] == 0.5
    assert r["damages"] == 8000.00
    assert r["amount"] == 0  # damages replace compensation (实施条例第二十五条)
    assert r["total"] == 8000.00


def test_mohrss_2021_case5_unlawful_dismissal_one_year_ten_months():
    # 人社部函〔2021〕90号 案例5: 张某 joined in September 2018 at 3,500 a month and was
    # dismissed for refusing the extra work set for the third quarter of 2020; award 14,000 元.
    # By hand: 2018-09-01 … 2020-06-30 = 1 year 10 months; remainder 10 ≥ 6 → N = 1 + 1 = 2
    #          standard = 3500 × 2 = 7000; damages = 2 × 7000 = 14000
    r = run(start="2018-09-01", end="2020-06-30", avg_monthly_wage=3500, termination="unlawful", **NEUTRAL)
    assert r["service"] == {"years": 1, "months": 10, "days": 0}
    assert r["months"] == 2
    assert r["damages"] == 14000.00


def test_three_times_cap_with_twelve_year_limit():
    # Statutory illustration (art. 47 ¶2): wage 40,000; city average 10,000; 15½ years.
    # By hand: cap = 3 × 10000 = 30000 < 40000 → base 30000, capped
    #          service 2009-03-01 … 2024-08-31 = 15 years 6 months → N would be 15 + 1 = 16
    #          capped → at most 12 years → N = 12; amount = 30000 × 12 = 360000
    r = run(
        start="2009-03-01",
        end="2024-08-31",
        avg_monthly_wage=40000,
        termination="art41",
        local_avg_monthly_wage=10000,
        local_minimum_wage=2000,
    )
    assert r["capped"] is True
    assert r["wage_base"] == 30000.00
    assert r["months"] == 12
    assert r["amount"] == 360000.00


def test_below_the_cap_there_is_no_twelve_year_limit():
    # Same service, wage 25,000 ≤ 30,000 → not capped, N = 16: 25000 × 16 = 400000
    r = run(
        start="2009-03-01",
        end="2024-08-31",
        avg_monthly_wage=25000,
        termination="art41",
        local_avg_monthly_wage=10000,
        local_minimum_wage=2000,
    )
    assert (r["capped"], r["months"], r["amount"]) == (False, 16, 400000.00)


@pytest.mark.parametrize(
    ("end", "months", "amount"),
    [
        ("2024-05-31", 0.5, 3000.00),  # 5 months < 6 → ½ × 6000 = 3000
        ("2024-06-30", 1, 6000.00),  # exactly 6 months: “六个月以上” includes six → 1 × 6000
        ("2024-01-10", 0.5, 3000.00),  # ten days still earn ½ month
        ("2025-01-09", 1.5, 9000.00),  # 1 year 9 days: 1 + ½ = 1.5 → 9000
    ],
)
def test_half_month_below_six_months(end, months, amount):
    r = run(start="2024-01-01", end=end, avg_monthly_wage=6000, termination="negotiated", **NEUTRAL)
    assert (r["months"], r["amount"]) == (months, amount)


def test_minimum_wage_floor_from_the_fujian_parameter():
    # 实施条例第二十七条: an average below the local minimum wage is raised to it.
    # Xiamen 2015-07-01 … 2017-06-30: 1500 a month, every district of Xiamen in tier 1 of the
    # tier table (parameter labour.minimum_wage_tiers, one transcription, so unverified).
    # By hand: 2015-09-01 … 2016-12-31 = 1 year 4 months → N = 1 + ½ = 1.5
    #          base = max(1200, 1500) = 1500; amount = 1500 × 1.5 = 2250
    r = run(
        start="2015-09-01",
        end="2016-12-31",
        avg_monthly_wage=1200,
        termination="art41",
        region="fujian.xiamen",
        local_avg_monthly_wage=5000,
    )
    assert r["wage_base"] == 1500.00
    assert r["amount"] == 2250.00
    floor_step = next(s for s in r["trace"] if "最低工资" in s["rule"])
    assert floor_step["params"][0]["name"] == "labour.minimum_wage_tiers"
    assert floor_step["params"][0]["verified"] is False


def test_explicit_minimum_wage_wins_over_the_parameter():
    # Given 1600: base = 1600; 1600 × 1.5 = 2400
    r = run(
        start="2015-09-01",
        end="2016-12-31",
        avg_monthly_wage=1200,
        termination="art41",
        region="fujian.xiamen",
        local_avg_monthly_wage=5000,
        local_minimum_wage=1600,
    )
    assert r["amount"] == 2400.00


def test_art40_without_notice_pays_last_months_wage_in_lieu():
    # Art. 40 + 实施条例第二十条: one extra month at the previous month's wage.
    # By hand: 2019-03-01 … 2025-08-31 = 6 years 6 months → N = 7; 9000 × 7 = 63000
    #          in lieu = 9200 × 1 = 9200; total = 63000 + 9200 = 72200
    r = run(
        start="2019-03-01",
        end="2025-08-31",
        avg_monthly_wage=9000,
        termination="art40",
        notice_given=False,
        last_month_wage=9200,
        **NEUTRAL,
    )
    assert (r["amount"], r["payment_in_lieu_of_notice"], r["total"]) == (63000.00, 9200.00, 72200.00)
    with_notice = run(
        start="2019-03-01",
        end="2025-08-31",
        avg_monthly_wage=9000,
        termination="art40",
        notice_given=True,
        **NEUTRAL,
    )
    assert with_notice["payment_in_lieu_of_notice"] == 0


@pytest.mark.parametrize(
    "payload",
    [
        {"termination": "resignation"},  # art. 37 is not in art. 46
        {"termination": "dismissal_for_cause"},  # art. 39
        {"termination": "retirement"},  # art. 44(2), 实施条例第二十一条
        {"termination": "death"},  # art. 44(3)
        {"termination": "negotiated", "proposed_by": "worker"},  # art. 46(2) needs the employer to propose
        {"termination": "expiry", "renewal_offered": True},  # art. 46(5) exception
    ],
)
def test_terminations_without_compensation(payload):
    # No local figures are needed when nothing is due.
    r = run(start="2015-01-01", end="2024-12-31", avg_monthly_wage=8000, **payload)
    assert r["compensation_due"] is False
    assert (r["amount"], r["damages"], r["total"]) == (0, 0, 0)


@pytest.mark.parametrize(
    "termination", ["negotiated", "art41", "expiry", "employer_fault", "closure", "task_completed"]
)
def test_terminations_with_compensation(termination):
    # 1 year exactly → N = 1 → 8000
    r = run(start="2024-01-01", end="2024-12-31", avg_monthly_wage=8000, termination=termination, **NEUTRAL)
    assert r["compensation_due"] is True
    assert r["amount"] == 8000.00


def test_service_before_2008_counts_from_2008_for_compensation_but_not_damages():
    # Art. 97 ¶3: compensation years count from 2008-01-01.
    # By hand: 2008-01-01 … 2010-06-30 = 2 years 6 months → N = 3; 5000 × 3 = 15000
    r = run(start="2005-07-01", end="2010-06-30", avg_monthly_wage=5000, termination="expiry", **NEUTRAL)
    assert r["pre_2008_service_excluded"] is True
    assert r["service_counted_from"] == "2008-01-01"
    assert r["amount"] == 15000.00
    # 实施条例第二十五条: damages count from the first day: 5 years → N = 5; 5000 × 5 × 2 = 50000
    d = run(start="2005-07-01", end="2010-06-30", avg_monthly_wage=5000, termination="unlawful", **NEUTRAL)
    assert d["pre_2008_service_excluded"] is False
    assert d["damages"] == 50000.00


def test_missing_local_figures_name_both_fields():
    with pytest.raises(ParameterNotFound) as err:
        run(
            # 2019: no Fujian minimum wage is loaded between 2017-07-01 and 2025-03-31.
            start="2015-01-01",
            end="2019-06-30",
            avg_monthly_wage=8000,
            termination="art41",
            region="fujian.fuzhou",
        )
    fields = {p.field for p in err.value.problems}
    assert fields == {"local_minimum_wage", "local_avg_monthly_wage"}
    assert all(p.zh and p.en for p in err.value.problems)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end": "2019-12-31"}, "end"),
        ({"avg_monthly_wage": -1}, "avg_monthly_wage"),
        ({"termination": "fired"}, "termination"),
        ({"termination": "art40"}, "notice_given"),
        ({"region": "zhejiang"}, "region"),
        ({"start": "not a date"}, "start"),
    ],
)
def test_bad_input_names_the_field_in_both_languages(change, field):
    payload = {"start": "2020-01-01", "end": "2024-12-31", "avg_monthly_wage": 8000, "termination": "art41"}
    payload |= NEUTRAL | change
    with pytest.raises(RulesError) as err:
        run(**payload)
    problem = next(p for p in err.value.problems if p.field == field)
    assert problem.zh and problem.en and problem.zh != problem.en


def test_cli_exits_2_on_bad_input():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    bad = '{"start": "2024-01-01", "end": "2023-01-01", "avg_monthly_wage": 5000, "termination": "art41"}'
    proc = subprocess.run(
        [sys.executable, "-m", "renshe.cli", "calc", "economic-compensation", "--input", "-"],
        input=bad,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "end:" in proc.stderr and "早于" in proc.stderr and "before" in proc.stderr


# ---- properties -------------------------------------------------------------------------

PARTIAL = {"months_per_year": 1, "full_year_from_months": 6, "months_for_shorter": 0.5}

dates = st.dates(min_value=dt.date(2008, 1, 1), max_value=dt.date(2040, 12, 31))
wages = st.floats(min_value=0, max_value=200_000, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(start=dates, a=st.integers(0, 12_000), b=st.integers(0, 3_000), wage=wages)
def test_compensation_never_falls_as_service_grows(start, a, b, wage):
    common = {"start": start.isoformat(), "avg_monthly_wage": wage, "termination": "art41", **NEUTRAL}
    first = run(end=(start + dt.timedelta(days=a)).isoformat(), **common)
    later = run(end=(start + dt.timedelta(days=a + b)).isoformat(), **common)
    assert later["months"] >= first["months"]
    assert later["amount"] >= first["amount"]


@settings(max_examples=200, deadline=None)
@given(
    months=st.integers(0, 600),
    days=st.integers(0, 30),
    wage=wages,
    minimum=st.floats(1000, 5000),
    local_avg=st.floats(3000, 30000),
)
def test_capped_amount_never_exceeds_uncapped(months, days, wage, minimum, local_avg):
    capped = compensation_core(
        [months], [days], [wage], [minimum], [local_avg], partial_year=PARTIAL, cap_multiple=3, cap_years=12
    )
    uncapped = compensation_core(
        [months], [days], [wage], [minimum], [np.inf], partial_year=PARTIAL, cap_multiple=3, cap_years=12
    )
    assert capped["amount"][0] <= uncapped["amount"][0]
    assert capped["wage_base"][0] <= 3 * local_avg + 1e-9


def test_vectorised_core_matches_one_case_at_a_time():
    rng = np.random.default_rng(7)
    n = 500
    months = rng.integers(0, 480, n)
    days = rng.integers(0, 31, n)
    wage = rng.uniform(0, 60000, n).round(2)
    out = compensation_core(
        months,
        days,
        wage,
        np.full(n, 2030.0),
        np.full(n, 9000.0),
        partial_year=PARTIAL,
        cap_multiple=3,
        cap_years=12,
    )
    for i in range(0, n, 50):
        one = compensation_core(
            [months[i]],
            [days[i]],
            [wage[i]],
            [2030.0],
            [9000.0],
            partial_year=PARTIAL,
            cap_multiple=3,
            cap_years=12,
        )
        assert out["amount"][i] == one["amount"][0]
        assert out["months"][i] == one["months"][0]


def test_unverified_city_average_wage_is_used_and_flagged():
    # labour.local_avg_monthly_wage, 泉州 2019: 65077 ÷ 12 = 5423.08 (泉州统计年鉴2019 表5-3, unverified).
    # By hand: cap = 3 × 5423.08 = 16269.24 < 20000 → base 16269.24; 2 years → N = 2
    #          amount = 16269.24 × 2 = 32538.48
    r = run(
        start="2017-07-01",
        end="2019-06-30",
        avg_monthly_wage=20000,
        termination="art41",
        region="fujian.quanzhou",
        local_minimum_wage=1800,
    )
    assert (r["capped"], r["wage_base"], r["amount"]) == (True, 16269.24, 32538.48)
    cap_step = next(s for s in r["trace"] if s["reference"]["article"] == "第四十七条第二款")
    assert cap_step["params"][0]["name"] == "labour.local_avg_monthly_wage"
    assert cap_step["params"][0]["verified"] is False
