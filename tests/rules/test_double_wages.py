"""double-wages: the period, partial months and the 11-month maximum, worked by hand."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renshe.rules import calculators
from renshe.rules.errors import RulesError


def run(**payload):
    return calculators.run("double-wages", payload)


def test_never_signed_gives_eleven_months_and_an_open_ended_contract():
    # 实施条例第七条; 浙江省高级人民法院民事审判第一庭、浙江省劳动人事争议仲裁院《关于审理
    # 劳动争议案件若干问题的解答（一）》第三条: “二倍工资的支付最长不超过11个月”.
    # By hand: hire 2024-03-05 → one-month window 03-05 … 04-04; period 2024-04-05 … 2025-03-04
    #          = 11 whole months; extra wage = 6000 × (2 − 1) × 11 = 66000
    #          deemed open-ended from the first anniversary, 2025-03-05 (第十四条第三款)
    r = run(hire="2024-03-05", signed=None, end="2025-06-30", monthly_wage=6000)
    assert (r["period_start"], r["period_end"]) == ("2024-04-05", "2025-03-04")
    assert r["months"] == 11
    assert r["amount"] == 66000.00
    assert r["deemed_open_ended_from"] == "2025-03-05"


def test_rudong_court_period_after_the_contract_lapsed():
    # 如东县人民法院, 葛某诉南通某公司 (reported by the court, reprinted at m.fzzdjz.com/article/89324):
    # the contract ran to 2019-09-01, no contract from 2019-09-02 until the one dated
    # 2020-01-01; the court awarded double wages for 2019-10-02 … 2019-12-31.
    # The same one-month window from the first day without a contract: 09-02 + 1 month = 10-02.
    # The wage is not reported; with 5000 by hand:
    #   10-02 … 12-01 = 2 whole months; 12-02 … 12-31 = 30 days of the month 12-02 … 01-01 (31 days)
    #   months = 2 + 30/31 = 2.9677; extra = 5000 × 2.967742 = 14838.71
    r = run(hire="2019-09-02", signed="2020-01-01", end="2020-06-30", monthly_wage=5000)
    assert (r["period_start"], r["period_end"]) == ("2019-10-02", "2019-12-31")
    assert (r["whole_months"], r["extra_days"], r["days_in_partial_month"]) == (2, 30, 31)
    assert r["months"] == pytest.approx(2.9677, abs=1e-4)
    assert r["amount"] == 14838.71
    assert r["deemed_open_ended_from"] is None


def test_partial_month_by_calendar_days_keeps_month_ends():
    # hire 2024-01-31 (month ends per 民法典第二百零二条): window 01-31 … 02-28; period from 02-29.
    # signed 2024-06-15 → period ends 06-14.
    #   months stepped from the hire day: 02-29 … 03-30, 03-31 … 04-29, 04-30 … 05-30 = 3
    #   05-31 … 06-14 = 15 days of the month 05-31 … 06-29 (30 days) → 3 + 15/30 = 3.5
    #   extra = 6000 × 3.5 = 21000
    r = run(hire="2024-01-31", signed="2024-06-15", end="2025-06-30", monthly_wage=6000)
    assert r["period_start"] == "2024-02-29"
    assert r["months"] == 3.5
    assert r["amount"] == 21000.00


def test_signed_within_the_first_month_owes_nothing():
    r = run(hire="2024-01-31", signed="2024-02-20", end="2025-06-30", monthly_wage=6000)
    assert r["period_start"] is None and r["amount"] == 0


def test_claim_assessed_before_signing_stops_at_the_end_date():
    # hire 2025-01-10, not signed, assessed 2025-05-09: period 02-10 … 05-09 = 3 months → 4500 × 3
    r = run(hire="2025-01-10", end="2025-05-09", monthly_wage=4500)
    assert (r["period_end"], r["months"], r["amount"]) == ("2025-05-09", 3, 13500.00)
    assert r["deemed_open_ended_from"] is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end": "2023-12-31"}, "end"),
        ({"monthly_wage": -5}, "monthly_wage"),
        ({"hire": "2024-13-01"}, "hire"),
    ],
)
def test_bad_input_names_the_field(change, field):
    payload = {"hire": "2024-01-01", "end": "2024-12-31", "monthly_wage": 5000} | change
    with pytest.raises(RulesError) as err:
        run(**payload)
    assert any(p.field == field and p.zh and p.en for p in err.value.problems)


@settings(max_examples=150, deadline=None)
@given(
    hire=st.dates(min_value=dt.date(2008, 1, 1), max_value=dt.date(2035, 12, 31)),
    signed_after=st.one_of(st.none(), st.integers(-30, 1000)),
    end_after=st.integers(0, 1500),
    wage=st.floats(min_value=0, max_value=100_000, allow_nan=False),
)
def test_double_wages_never_exceed_eleven_months(hire, signed_after, end_after, wage):
    signed = None if signed_after is None else (hire + dt.timedelta(days=signed_after)).isoformat()
    r = run(
        hire=hire.isoformat(),
        signed=signed,
        end=(hire + dt.timedelta(days=end_after)).isoformat(),
        monthly_wage=wage,
    )
    assert 0 <= r["months"] <= 11
    assert r["amount"] <= round(11 * wage, 2) + 0.01
