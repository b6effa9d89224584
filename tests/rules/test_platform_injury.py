"""新就业形态人员职业伤害保障 (calculator platform-injury), worked by hand from the cited texts.

Rates: 出行 0.01, 即时配送 0.07 / 0.25, 同城货运 0.18 yuan an order (人社部发〔2025〕24号 as the
Sichuan and Shandong pilots transcribe it); benefits: 人社厅函〔2025〕79号 arts. 38–39.
"""

import pytest

from renshe.rules import calculators
from renshe.rules.errors import RulesError


def run(**payload):
    return calculators.run("platform-injury", payload)


def test_rider_disability_grade_9():
    # 美团 is a 2025 pilot platform; 1200 orders × 0.07 = 84.00, paid by the platform alone.
    # Grade 9: 9 months × 待遇计发基数 4000 = 36000; no allowance for grades 7–10.
    r = run(
        industry="instant_delivery",
        platform="美团",
        orders=1200,
        as_of="2025-09-30",
        event="disability",
        level=9,
        benefit_base=4000,
    )
    assert (r["covered"], r["contribution"], r["worker_contribution"]) == (True, 84.00, 0.0)
    assert r["one_time_disability_subsidy"] == 36000
    assert r["monthly_allowance"] is None and r["one_time_allowance"] is None


def test_grade_3_monthly_allowance_and_grade_5_one_time_allowance():
    # Grade 3: 23 × 4200 = 96600; allowance 80 % × 4200 = 3360 a month.
    r = run(
        industry="ride_hailing",
        platform="滴滴出行",
        as_of="2025-08-01",
        event="disability",
        level=3,
        benefit_base=4200,
    )
    assert (r["one_time_disability_subsidy"], r["monthly_allowance"]) == (96600, 3360)
    # Grade 5: 18 × 4000 = 72000 and a one-time allowance of 30 × 4000 = 120000.
    r = run(
        industry="freight",
        platform="货拉拉",
        as_of="2025-08-01",
        event="disability",
        level=5,
        benefit_base=4000,
    )
    assert (r["one_time_disability_subsidy"], r["one_time_allowance"]) == (72000, 120000)


def test_death_benefits():
    # Base 60 % × 5637.58 = 3382.548 → 3382.55; funeral 6 × 3382.55 = 20295.30.
    # Dependants: spouse 40 % + two others 30 % each + one of them an orphan +10 % = 110 % of the base
    # = 3720.81, more than the base → 3382.55. Death subsidy 20 × 54188 = 1083760.
    r = run(
        industry="instant_delivery",
        platform="顺丰同城",
        as_of="2025-10-01",
        event="death",
        private_avg_monthly_wage=5637.58,
        national_disposable_income=54188,
        spouse_dependants=1,
        other_dependants=2,
        orphan_or_lone_elder_dependants=1,
    )
    assert (r["funeral_subsidy"], r["dependants_pension"], r["death_subsidy"]) == (20295.30, 3382.55, 1083760)


@pytest.mark.parametrize(
    ("payload", "covered", "contribution"),
    [
        (
            {"platform": "某同城平台", "as_of": "2025-09-30"},
            False,
            0.0,
        ),  # not one of the 11 platforms of 2025
        (
            {"platform": "某同城平台", "as_of": "2026-03-01"},
            True,
            18.00,
        ),  # 2026: every platform of the industry
        ({"platform": "货拉拉", "as_of": "2025-06-30"}, False, 0.0),  # Fujian's pilot starts 2025-07-01
        (
            {
                "platform": "货拉拉",
                "as_of": "2025-09-30",
                "event": "death",
                "during_order": False,
                "private_avg_monthly_wage": 5000,
            },
            False,
            18.00,
        ),  # only accidents while carrying out an order
    ],
)
def test_coverage(payload, covered, contribution):
    # A pilot platform pays 100 orders × 0.18 = 18.00; nothing is due outside the pilot.
    r = run(industry="freight", orders=100, **payload)
    assert (r["covered"], r["contribution"]) == (covered, contribution)


def test_the_base_is_asked_for_by_its_label():
    with pytest.raises(RulesError) as err:
        run(industry="freight", platform="货拉拉", as_of="2025-09-30", event="disability", level=7)
    (p,) = err.value.problems
    assert p.field == "benefit_base" and "待遇计发基数" in p.zh and "benefit_base" not in p.zh


def test_rate_class_must_exist_for_the_industry():
    with pytest.raises(RulesError) as err:
        run(industry="freight", rate_class="former_takeaway", as_of="2025-09-30", orders=1)
    assert err.value.problems[0].field == "rate_class"
