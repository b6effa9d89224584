"""annual-leave: 职工带薪年休假条例 and 企业职工带薪年休假实施办法, worked by hand."""

import pytest

from renshe.rules import calculators
from renshe.rules.errors import RulesError


def run(**payload):
    return calculators.run("annual-leave", payload)


@pytest.mark.parametrize(("years", "days"), [(0, 0), (1, 5), (9, 5), (10, 10), (19, 10), (20, 15), (35, 15)])
def test_entitlement_by_cumulative_service(years, days):
    # 条例第三条第一款: 满1年不满10年 5天; 满10年不满20年 10天; 满20年 15天; under 1 year none (第二条)
    assert run(year=2025, cumulative_service_years=years, monthly_wage=5000)["entitlement_days"] == days


def test_whole_year_untaken_leave_is_paid_at_200_percent_on_top():
    # 12 years → 10 days; none taken. 实施办法第十一条: daily = 8700 ÷ 21.75 = 400.00
    # 第十条: 300% including the normal wage → extra 10 × 400 × 2 = 8000.00 (whole 10 × 400 × 3 = 12000.00)
    r = run(year=2025, cumulative_service_years=12, monthly_wage=8700)
    assert (r["untaken_days"], r["daily_wage"], r["pay"], r["pay_including_normal"]) == (
        10,
        400.00,
        8000.00,
        12000.00,
    )


def test_leaving_pro_rata_drops_part_days():
    # 实施办法第十二条: 2025-01-01 … 2025-07-31 = 212 days; 212 ÷ 365 × 10 = 5.808 − 2 taken = 3.808 → 3
    # pay 3 × 400 × 2 = 2400.00
    r = run(year=2025, cumulative_service_years=12, monthly_wage=8700, left="2025-07-31", days_taken=2)
    assert (r["untaken_days"], r["pay"]) == (3, 2400.00)


def test_leave_taken_beyond_the_pro_rata_share_is_not_clawed_back():
    # 第十二条第三款: 90 ÷ 365 × 5 = 1.23 − 5 taken < 0 → 0, nothing deducted
    r = run(year=2025, cumulative_service_years=3, monthly_wage=5000, left="2025-03-31", days_taken=5)
    assert (r["untaken_days"], r["pay"]) == (0, 0)


def test_new_employer_pro_rata():
    # 实施办法第五条: joined 2025-03-01 → 306 remaining days; 306 ÷ 365 × 5 = 4.19 → 4 days
    # pay 4 × (5000 ÷ 21.75) × 2 = 4 × 229.885… × 2 = 1839.08
    r = run(year=2025, cumulative_service_years=3, monthly_wage=5000, joined="2025-03-01")
    assert (r["prorated_days"], r["untaken_days"], r["pay"]) == (4, 4, 1839.08)


def test_written_refusal_gets_only_the_normal_wage():
    # 第十条第二款: nothing on top; the normal wage for the 10 days is 10 × 400 = 4000.00
    r = run(year=2025, cumulative_service_years=12, monthly_wage=8700, refused_in_writing=True)
    assert (r["pay"], r["pay_including_normal"]) == (0, 4000.00)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"joined": "2024-05-01"}, "joined"),
        ({"joined": "2025-06-01", "left": "2025-05-01"}, "left"),
        ({"monthly_wage": -1}, "monthly_wage"),
        ({"cumulative_service_years": -1}, "cumulative_service_years"),
    ],
)
def test_bad_input_names_the_field(change, field):
    with pytest.raises(RulesError) as err:
        run(**({"year": 2025, "cumulative_service_years": 5, "monthly_wage": 5000} | change))
    assert any(p.field == field and p.zh and p.en for p in err.value.problems)


@pytest.mark.parametrize(
    ("years", "payload", "lost"),
    [
        (5, {"paid_personal_leave_days": 20}, True),  # 第四条第（二）项: 20 days “以上” includes 20
        (5, {"paid_personal_leave_days": 19}, False),
        (5, {"sick_leave_months": 2}, True),  # 第（三）项: 1–10 years, 2 months
        (12, {"sick_leave_months": 2.5}, False),  # 第（四）项: 10–20 years needs 3 months
        (12, {"sick_leave_months": 3}, True),
        (25, {"sick_leave_months": 3.9}, False),  # 第（五）项: 20 years and more needs 4 months
        (25, {"sick_leave_months": 4}, True),
    ],
)
def test_long_personal_or_sick_leave_takes_away_the_years_leave(years, payload, lost):
    r = run(year=2025, cumulative_service_years=years, monthly_wage=5000, **payload)
    assert r["forfeited"] is lost
    assert (r["untaken_days"] == 0) is lost
