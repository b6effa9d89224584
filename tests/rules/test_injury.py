"""The work-injury calculator against the 工伤保险条例 (2010 revision), worked by hand.

No HRSS or court worked example with its arithmetic was found in the search corpora
(searched: pages/code/docs for 工伤 案例 七级伤残 本人工资 一次性伤残补助金 计算, 一次性工亡补助金
1083760). The examples below apply the article texts in ../shared/laws/工伤保险条例(2010-12-20).md
with the arithmetic written out; the 2025 death subsidy 1,083,760 yuan is the figure a
published Hunan calculator uses (LEGAL-REFERENCE.md §6).
"""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renshe.rules import calculators, injury, parameters
from renshe.rules.errors import RulesError
from renshe.rules.parameters import Parameter, ParameterFile

ON = "2025-06-30"


def run(**payload):
    return calculators.run("work-injury", {"as_of": ON, **payload})


def rules(result):
    return [step["rule"] for step in result["trace"]]


def test_grade_7_fujian_2025_terminated():
    # Fujian 2025 average 7535.67: floor 0.6 × 7535.67 = 4521.40, cap 3 × 7535.67 = 22607.01.
    # 6000 lies between them, so 本人工资 = 6000 (art. 64).
    # Art. 37(1): grade 7 = 13 months: 6000 × 13 = 78000. No allowance for grades 7–10.
    r = run(level=7, monthly_wage=6000, region="fujian.xiamen", terminated=True)
    assert r["benefit_wage_base"] == 6000 and r["wage_adjusted"] is None
    assert r["one_time_disability_subsidy"] == 78000
    assert r["monthly_allowance"] == 0 and r["allowance_payer"] is None
    # Fujian computes the two art. 37(2) subsidies from age and sex (闽政〔2011〕80号第二十七条);
    # neither was given: null, and the trace asks for them by their labels.
    assert r["one_time_medical_subsidy"] is None and r["one_time_employment_subsidy"] is None
    assert sum("“出生日期”" in rule and "“性别”" in rule for rule in rules(r)) == 2
    assert "wages.avg_monthly" in r["unverified_parameters"]


def test_art_64_floor():
    # 0.6 × 8000 = 4800 > 3000, so 本人工资 = 4800; grade 10 (art. 37(1)): 4800 × 7 = 33600.
    r = run(level=10, monthly_wage=3000, local_avg_monthly_wage=8000)
    assert r["benefit_wage_base"] == 4800 and r["wage_adjusted"] == "floor"
    assert r["one_time_disability_subsidy"] == 33600


def test_art_64_cap_grade_1():
    # 3 × 8000 = 24000 < 30000, so 本人工资 = 24000.
    # Art. 35(1): 24000 × 27 = 648000. Art. 35(2): 24000 × 90% = 21600 a month, from the fund.
    r = run(level=1, monthly_wage=30000, local_avg_monthly_wage=8000, local_minimum_wage=2265)
    assert r["benefit_wage_base"] == 24000 and r["wage_adjusted"] == "cap"
    assert r["one_time_disability_subsidy"] == 648000
    assert r["monthly_allowance"] == 21600 and r["allowance_payer"] == "fund"
    assert not r["allowance_topped_up"]


def test_allowance_topped_up_to_the_minimum_wage():
    # Average 3000: floor 1800, cap 9000; 本人工资 = 2000. Art. 35(1): 2000 × 21 = 42000.
    # Art. 35(2): 2000 × 75% = 1500 < minimum wage 2265, so the fund tops it up to 2265.
    r = run(level=4, monthly_wage=2000, local_avg_monthly_wage=3000, local_minimum_wage=2265)
    assert r["one_time_disability_subsidy"] == 42000
    assert r["monthly_allowance"] == 2265 and r["allowance_topped_up"]
    assert r["allowance_payer"] == "fund"
    assert any("补足差额" in (s["formula"] or "") for s in r["trace"])


def test_grade_5_employer_pays_while_no_work_is_arranged():
    # 本人工资 5000. Art. 36(1): 5000 × 18 = 90000. Art. 36(2): 5000 × 70% = 3500 ≥ 2195, by the employer.
    r = run(level=5, monthly_wage=5000, unable_to_arrange_work=True, local_minimum_wage=2195)
    assert r["one_time_disability_subsidy"] == 90000
    assert r["monthly_allowance"] == 3500 and r["allowance_payer"] == "employer"
    # Once the worker ends the relationship (art. 36 ¶2) there is no allowance.
    r = run(level=5, monthly_wage=5000, unable_to_arrange_work=True, terminated=True)
    assert r["monthly_allowance"] == 0 and r["allowance_payer"] is None


def test_grade_6_with_work_arranged_needs_no_minimum_wage():
    # No minimum-wage parameter covers 2024-06-01, but none is needed: no allowance is due.
    # 本人工资 5000 × 16 months (art. 36(1)) = 80000.
    r = calculators.run(
        "work-injury",
        {"level": 6, "monthly_wage": 5000, "local_avg_monthly_wage": 7388, "as_of": "2024-06-01"},
    )
    assert r["one_time_disability_subsidy"] == 80000 and r["monthly_allowance"] == 0


def test_missing_minimum_wage_names_the_input_that_supplies_it():
    # No Fujian minimum wage is loaded for 2017-07-01 … 2019-12-31 (闽政〔2017〕19号 known only in part).
    with pytest.raises(RulesError) as err:
        calculators.run(
            "work-injury",
            {"level": 2, "monthly_wage": 5000, "local_avg_monthly_wage": 7388, "as_of": "2019-06-01"},
        )
    assert err.value.problems[0].field == "local_minimum_wage"
    assert "当地月最低工资标准（元）" in err.value.problems[0].zh


def test_grades_1_to_4_keep_the_relationship():
    # Art. 35: 保留劳动关系 — no medical/employment subsidy even if "terminated" is said.
    r = run(level=3, monthly_wage=6000, terminated=True, local_minimum_wage=2265)
    assert r["one_time_medical_subsidy"] is None
    assert any("一至四级伤残保留劳动关系" in rule for rule in rules(r))


def test_death_2025():
    # Art. 39(1): funeral = 6 × 7535.67 = 45214.02.
    # Art. 39(3): 20 × 54188 (2024 national urban per-capita disposable income) = 1083760,
    # the figure a published Hunan calculator gives for 2025.
    r = run(event="death", monthly_wage=9000)
    assert r["funeral_subsidy"] == 45214.02
    assert r["death_subsidy"] == 1083760
    assert r["one_time_disability_subsidy"] is None and r["monthly_allowance"] is None


def test_death_2024_uses_the_2023_income():
    # Art. 39(1): 6 × 7388 (Fujian 2023 average) = 44328.
    # Art. 39(3): 20 × 51821 (2023 national urban per-capita disposable income) = 1036420.
    r = calculators.run("work-injury", {"event": "death", "monthly_wage": 5000, "as_of": "2024-03-15"})
    assert r["funeral_subsidy"] == 44328 and r["death_subsidy"] == 1036420


def test_death_income_given_explicitly_wins():
    # 20 × 56502 = 1130040; funeral 6 × 8000 = 48000.
    r = run(event="death", monthly_wage=9000, national_disposable_income=56502, local_avg_monthly_wage=8000)
    assert r["death_subsidy"] == 1130040 and r["funeral_subsidy"] == 48000
    assert "statistics.urban_disposable_income" not in r["unverified_parameters"]


def test_regional_subsidies_are_computed_once_the_region_sets_them(monkeypatch):
    """When a province table is added as a parameter, the calculator uses it with no code change."""
    table = {
        "description": "测试：一次性工伤医疗补助金",
        "unit": "table",
        "reference": {"document": "测试文件"},
        "values": {
            "fujian": [
                {
                    "from": "2020-01-01",
                    "value": {"base": "avg_wage", "months": {7: 4}},
                    "verified": False,
                    "note": "test table, not a real standard",
                }
            ]
        },
    }
    fake = Parameter(injury.P_MEDICAL, ParameterFile.model_validate(table), parameters.PARAMS_DIR / "x.yaml")
    real = parameters.all_parameters()
    monkeypatch.setattr(parameters, "all_parameters", lambda: {**real, injury.P_MEDICAL: fake})
    # 4 months × average 8000 = 32000; the employment subsidy still has no table.
    r = run(level=7, monthly_wage=6000, terminated=True, local_avg_monthly_wage=8000)
    assert r["one_time_medical_subsidy"] == 32000
    assert r["one_time_employment_subsidy"] is None
    assert injury.P_MEDICAL in r["unverified_parameters"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"level": 11, "monthly_wage": 5000}, "level"),
        ({"level": 0, "monthly_wage": 5000}, "level"),
        ({"level": 7, "monthly_wage": -1}, "monthly_wage"),
        ({"monthly_wage": 5000}, "level"),
        ({"level": 7, "monthly_wage": 5000, "region": "guangdong"}, "region"),
        ({"level": 7, "monthly_wage": 5000, "event": "injury"}, "event"),
    ],
)
def test_bad_input_is_a_bilingual_error_naming_the_field(payload, field):
    with pytest.raises(RulesError) as err:
        run(**payload)
    problem = err.value.problems[0]
    assert problem.field == field
    assert problem.zh and problem.en and problem.zh != problem.en


def test_core_refuses_bad_arrays():
    lookup = injury.load_law(dt.date(2025, 6, 30), "fujian", local_minimum_wage=2265)
    with pytest.raises(RulesError, match="level"):
        injury.disability_core([3, 11], [5000, 5000], lookup.law)
    with pytest.raises(RulesError, match="monthly_wage"):
        injury.disability_core([3, 7], [5000, -5], lookup.law)


def test_population_matches_the_calculator_case_by_case():
    levels = np.array([1, 3, 4, 5, 6, 7, 8, 9, 10, 2])
    wages = np.array([2000, 30000, 7000, 4000, 9000, 6000, 1000, 25000, 4500, 8000.0])
    unable = levels == 5
    out = injury.disability_population(
        levels, wages, on=dt.date(2025, 6, 30), region="fujian.fuzhou", unable_to_arrange_work=unable
    )
    for i, (lv, w) in enumerate(zip(levels, wages, strict=True)):
        r = run(
            level=int(lv),
            monthly_wage=float(w),
            region="fujian.fuzhou",
            unable_to_arrange_work=bool(unable[i]),
        )
        assert out["benefit_wage_base"][i] == r["benefit_wage_base"]
        assert out["one_time_disability_subsidy"][i] == r["one_time_disability_subsidy"]
        assert out["monthly_allowance"][i] == r["monthly_allowance"]


wage = st.floats(min_value=0, max_value=200_000, allow_nan=False)
avg = st.floats(min_value=1000, max_value=30_000, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(w=wage, a=avg)
def test_a_milder_grade_never_gets_a_larger_one_time_subsidy(w, a):
    lookup = injury.load_law(
        dt.date(2025, 6, 30), "fujian", local_avg_monthly_wage=a, local_minimum_wage=2000
    )
    out = injury.disability_core(np.arange(1, 11), np.full(10, w), lookup.law)
    subsidy = out["one_time_disability_subsidy"]
    assert (np.diff(subsidy) <= 0).all()


@settings(max_examples=200, deadline=None)
@given(w=wage, a=avg)
def test_benefit_wage_is_always_within_60_and_300_percent(w, a):
    lookup = injury.load_law(
        dt.date(2025, 6, 30), "fujian", local_avg_monthly_wage=a, local_minimum_wage=2000
    )
    base = injury.disability_core([7], [w], lookup.law)["benefit_wage_base"][0]
    assert round(0.6 * a, 2) - 0.005 <= base <= round(3 * a, 2) + 0.005


def test_the_published_example_runs():
    calc = calculators.get("work-injury")
    r = calc.run(calc.example)
    # Example: grade 7, 6000 a month in Xiamen, 2025: 6000 × 13 = 78000.
    assert r["one_time_disability_subsidy"] == 78000


# ---- Fujian's 一次性工伤医疗补助金 / 一次性伤残就业补助金 (闽政〔2011〕80号第二十七条) ----
# Average wage 2025: 7535.67 (wages.avg_monthly); life expectancy (闽人社办〔2022〕63号): male
# 75.81, female 81.55.


def test_fujian_grade_7_man_by_birth_date():
    # Born 1985-03-15, relationship ends 2025-06-30: 40 years + 107/365 days = 40.2932 years.
    # 75.81 − 40.2932 = 35.5168 → 36 years (a part year counts as one); grade 7: 0.4 a year
    # → 14.4 months ≥ minimum 10; 14.4 × 7535.67 = 108513.648 → 108513.65 each.
    r = run(
        level=7,
        monthly_wage=6000,
        region="fujian.fuzhou",
        terminated=True,
        as_of="2025-06-30",
        birth="1985-03-15",
        sex="male",
    )
    assert r["one_time_medical_subsidy"] == 108513.65
    assert r["one_time_employment_subsidy"] == 108513.65
    assert "injury.life_expectancy" in r["unverified_parameters"]
    steps = [s for s in r["trace"] if s["reference"]["document"] == "福建省实施《工伤保险条例》办法"]
    assert [("工伤保险基金" in s["rule"], "用人单位" in s["rule"]) for s in steps] == [
        (True, False),
        (False, True),
    ]


@pytest.mark.parametrize(("disease", "amount"), [(False, 22607.01), (True, 29389.11)])
def test_fujian_grade_10_minimum_and_occupational_disease(disease, amount):
    # Woman aged 60: 81.55 − 60 = 21.55 → 22 years × 0.1 = 2.2 months < minimum 3 → 3 months;
    # 3 × 7535.67 = 22607.01. Occupational disease +30 %: 3.9 × 7535.67 = 29389.113 → 29389.11.
    r = run(
        level=10,
        monthly_wage=6000,
        terminated=True,
        as_of="2025-06-30",
        age=60,
        sex="female",
        occupational_disease=disease,
    )
    assert r["one_time_medical_subsidy"] == amount and r["one_time_employment_subsidy"] == amount


def test_fujian_grade_5_past_life_expectancy_gets_the_minimum():
    # Man aged 76 > 75.81: no years left → 0 × 0.7 = 0 < 15 → 15 months × 7535.67 = 113035.05.
    r = run(level=5, monthly_wage=6000, terminated=True, as_of="2025-06-30", age=76, sex="male")
    assert r["one_time_medical_subsidy"] == 113035.05


def test_given_life_expectancy_wins():
    # Xiamen publishes its own (e.g. 78.32 for men): 78.32 − 50 = 28.32 → 29 × 0.3 (grade 8) = 8.7 < 10
    # → 10 months; given average 9000: 10 × 9000 = 90000.
    r = run(
        level=8,
        monthly_wage=6000,
        region="fujian.xiamen",
        terminated=True,
        as_of="2025-06-30",
        age=50,
        life_expectancy=78.32,
        local_avg_monthly_wage=9000,
    )
    assert r["one_time_medical_subsidy"] == 90000
    assert "injury.life_expectancy" not in r["unverified_parameters"]


def test_an_age_under_sixteen_is_taken():
    # 劳动法 art. 15 ¶2 lets 文艺、体育和特种工艺单位 employ under-sixteens, so no age floor: a girl of
    # 15, grade 10: 81.55 − 15 = 66.55 → 67 years × 0.1 = 6.7 months ≥ 3; 6.7 × 7535.67 = 50488.989
    # → 50488.99 each.
    r = run(level=10, monthly_wage=3000, terminated=True, as_of="2025-06-30", age=15, sex="female")
    assert r["one_time_medical_subsidy"] == 50488.99 and r["one_time_employment_subsidy"] == 50488.99
