"""overtime-pay: 劳动法第四十四条 with 劳社部发〔2008〕3号's 21.75 days, worked by hand."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renshe.rules import calculators
from renshe.rules.errors import RulesError
from renshe.rules.labour.overtime import overtime_core


def run(**payload):
    return calculators.run("overtime-pay", payload)


def test_all_three_kinds_of_overtime():
    # 劳社部发〔2008〕3号 二: daily = 6525 ÷ 21.75 = 300.00; hourly = 6525 ÷ (21.75 × 8) = 37.50
    # 劳动法第四十四条: weekday 37.5 × 1.5 × 10 = 562.50; rest day 37.5 × 2 × 8 = 600.00;
    #                   holiday 37.5 × 3 × 8 = 900.00; total 562.5 + 600 + 900 = 2062.50
    r = run(monthly_wage=6525, weekday_hours=10, restday_hours=8, holiday_hours=8, as_of="2025-06-30")
    assert (r["daily_wage"], r["hourly_wage"]) == (300.00, 37.50)
    assert (r["weekday_pay"], r["restday_pay"], r["holiday_pay"]) == (562.50, 600.00, 900.00)
    assert r["amount"] == 2062.50


def test_rest_day_repaid_with_time_off_earns_no_overtime_pay():
    # 第四十四条第（二）项 pays 200% only when no 补休 is given: 562.50 + 0 + 900.00 = 1462.50
    r = run(
        monthly_wage=6525, weekday_hours=10, restday_hours=8, holiday_hours=8, compensatory_rest_given=True
    )
    assert r["restday_pay"] == 0 and r["amount"] == 1462.50


def test_holiday_work_is_paid_even_with_time_off():
    # Time off repays rest days only; 8 h on a holiday at 5000: 5000 ÷ 174 × 3 × 8 = 689.655… → 689.66
    r = run(monthly_wage=5000, holiday_hours=8, compensatory_rest_given=True)
    assert r["holiday_pay"] == 689.66


def test_dates_worked_are_classified_by_the_2025_holiday_notice():
    # 国办发明电〔2024〕12号: 2025-10-01 is 国庆节 (statutory), 2025-10-04 (Saturday) is a day off
    # that is not a festival day (rest day), 2025-09-28 (Sunday) is a make-up working day.
    # 8 h each at 6525: 37.5 × 1.5 × 8 = 450; 37.5 × 2 × 8 = 600; 37.5 × 3 × 8 = 900; total 1950.00
    r = run(
        monthly_wage=6525,
        dates_worked=[
            {"date": "2025-10-01", "hours": 8},
            {"date": "2025-10-04", "hours": 8},
            {"date": "2025-09-28", "hours": 8},
        ],
    )
    assert (r["weekday_pay"], r["restday_pay"], r["holiday_pay"]) == (450.00, 600.00, 900.00)
    assert r["amount"] == 1950.00
    assert "国办发明电〔2024〕12号" in r["trace"][0]["rule"]


def test_dated_hours_add_to_the_totals():
    # 2 weekday hours given + 8 on 2025-10-01: 37.5 × 1.5 × 2 = 112.50; 900.00; total 1012.50
    r = run(monthly_wage=6525, weekday_hours=2, dates_worked=[{"date": "2025-10-01", "hours": 8}])
    assert r["amount"] == 1012.50


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"monthly_wage": -1}, "monthly_wage"),
        ({"weekday_hours": -2}, "weekday_hours"),
        ({"dates_worked": [{"date": "2025-10-01", "hours": 0}]}, "dates_worked.0.hours"),
        ({"dates_worked": [{"date": "1999-10-01", "hours": 8}]}, "dates_worked.0.date"),
    ],
)
def test_bad_input_names_the_field(change, field):
    with pytest.raises(RulesError) as err:
        run(**({"monthly_wage": 5000} | change))
    assert any(p.field == field and p.zh and p.en for p in err.value.problems)


RATES = (1.5, 2.0, 3.0)
hours = st.floats(min_value=0, max_value=200, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(wage=st.floats(0, 100_000), w=hours, r=hours, h=hours, extra=hours, rest=st.booleans())
def test_more_hours_never_pay_less(wage, w, r, h, extra, rest):
    def amount(wh):
        return overtime_core([wage], [wh], [r], [h], [rest], pay_days=21.75, hours_per_day=8, rates=RATES)[
            "amount"
        ][0]

    assert amount(w + extra) >= amount(w)


def test_vectorised_core_matches_the_calculator():
    rng = np.random.default_rng(3)
    n = 40
    wage, w, r, h = (
        rng.uniform(2000, 40000, n).round(2),
        rng.integers(0, 36, n),
        rng.integers(0, 32, n),
        rng.integers(0, 24, n),
    )
    rest = rng.integers(0, 2, n).astype(bool)
    out = overtime_core(wage, w, r, h, rest, pay_days=21.75, hours_per_day=8, rates=RATES)
    for i in range(n):
        one = run(
            monthly_wage=float(wage[i]),
            weekday_hours=int(w[i]),
            restday_hours=int(r[i]),
            holiday_hours=int(h[i]),
            compensatory_rest_given=bool(rest[i]),
        )
        assert one["amount"] == out["amount"][i]
