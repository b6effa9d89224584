"""The contribution calculator: base limits (国办发〔2019〕13号) and rates, worked by hand."""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renshe.rules import calculators, contributions, parameters
from renshe.rules.errors import RulesError


def run(**payload):
    return calculators.run("contribution", payload)


def test_employee_inside_the_limits_2025():
    # Fujian 2025 limits 4043–22607; 8000 is inside.
    # Employee 8000 × 8% = 640, all to the personal account; employer 8000 × 16% = 1280.
    r = run(year=2025, region="fujian", monthly_wage=8000)
    assert (r["base"], r["clipped"], r["clipped_to"]) == (8000, False, None)
    assert r["employee_amount"] == 640 and r["employer_amount"] == 1280
    assert r["personal_account_credit"] == 640 and r["total_amount"] == 1920
    assert "contributions.base_limits" in r["unverified_parameters"]


def test_employee_below_the_lower_limit():
    # 3000 < 4043 → base 4043; 4043 × 8% = 323.44; 4043 × 16% = 646.88.
    r = run(year=2025, monthly_wage=3000)
    assert (r["base"], r["clipped"], r["clipped_to"]) == (4043, True, "lower")
    assert r["employee_amount"] == 323.44 and r["employer_amount"] == 646.88


def test_employee_above_the_upper_limit():
    # 30000 > 22607 → base 22607; 22607 × 8% = 1808.56; 22607 × 16% = 3617.12.
    r = run(as_of="2025-03-01", region="fujian.xiamen", monthly_wage=30000)
    assert (r["base"], r["clipped_to"]) == (22607, "upper")
    assert r["employee_amount"] == 1808.56 and r["employer_amount"] == 3617.12


def test_flexible_worker_by_ratio():
    # 100% of a given average 8000 = 8000; the worker pays 8000 × 20% = 1600,
    # 8000 × 8% = 640 goes to the account; no employer share.
    r = run(year=2025, scheme="flexible", base_ratio=1.0, local_avg_monthly_wage=8000)
    assert r["declared_base"] == 8000 and r["base"] == 8000
    assert r["employee_amount"] == 1600 and r["employer_amount"] == 0
    assert r["personal_account_credit"] == 640


def test_flexible_60_percent_after_the_2026_average():
    # From 2026-08-01 the average is 7631: 0.6 × 7631 = 4578.60, inside 4043–22607.
    # The worker pays 4578.60 × 20% = 915.72; 4578.60 × 8% = 366.288 → 366.29 to the account.
    r = run(as_of="2026-09-01", scheme="flexible", base_ratio=0.6)
    assert r["declared_base"] == 4578.6 and r["base"] == 4578.6 and not r["clipped"]
    assert r["employee_amount"] == 915.72 and r["personal_account_credit"] == 366.29


def test_published_limits_sit_on_the_average():
    """国办发〔2019〕13号: the upper limit is 300 % of the average; the lower at most 60 % (transition allowed)."""
    for pv in parameters.parameter(contributions.P_LIMITS).periods("fujian"):
        avg = parameters.value(contributions.P_AVG_WAGE, pv.effective_from, "fujian")
        assert abs(pv.value["upper"] - 3 * avg) < 1, pv.effective_from
        assert pv.value["lower"] <= 0.6 * avg + 1, pv.effective_from


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"year": 2025}, "monthly_wage"),
        ({"year": 2025, "monthly_wage": 5000, "base_ratio": 1}, "monthly_wage"),
        ({"year": 2025, "monthly_wage": -1}, "monthly_wage"),
        ({"year": 2025, "as_of": "2024-05-01", "monthly_wage": 5000}, "year"),
        ({"year": 2025, "scheme": "farmer", "monthly_wage": 5000}, "scheme"),
        ({"year": 2025, "region": "zhejiang", "monthly_wage": 5000}, "region"),
        ({"year": 2024, "monthly_wage": 5000}, "contributions.base_limits"),
    ],
)
def test_bad_input_is_a_bilingual_error_naming_the_field(payload, field):
    with pytest.raises(RulesError) as err:
        run(**payload)
    problem = err.value.problems[0]
    assert problem.field == field and problem.zh and problem.en


def test_population_matches_the_calculator():
    wages = np.array([0, 3000, 4043, 8000, 22607, 50000.0])
    out = contributions.contribution_population(wages, on=dt.date(2025, 1, 1))
    for i, w in enumerate(wages):
        r = run(year=2025, monthly_wage=float(w))
        assert out["base"][i] == r["base"] and out["employee_amount"][i] == r["employee_amount"]
        assert out["employer_amount"][i] == r["employer_amount"]


@settings(max_examples=200, deadline=None)
@given(
    w=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    on=st.sampled_from([dt.date(2025, 1, 1), dt.date(2026, 9, 1)]),
    scheme=st.sampled_from(["employee", "flexible"]),
)
def test_base_always_within_the_limits(w, on, scheme):
    law, _ = contributions.load_law(on, "fujian", scheme)
    out = contributions.contribution_core([w], law)
    base, clipped = out["base"][0], out["clipped_to"][0]
    assert law.lower <= base <= law.upper
    assert (clipped == contributions.INSIDE) == (law.lower <= w <= law.upper)
    assert out["personal_account_credit"][0] <= out["employee_amount"][0]


def test_the_published_example_runs():
    calc = calculators.get("contribution")
    r = calc.run(calc.example)
    # Example: 8000 in 2025 → 8000 × 8% = 640 and 8000 × 16% = 1280.
    assert (r["employee_amount"], r["employer_amount"]) == (640, 1280)
