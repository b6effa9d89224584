"""basic-pension: hand-checked cases of the 国发〔2005〕38号 formula, eligibility, and properties.

No official worked example (a 人社 "养老金计算示例" with its figures) could be retrieved: the
search corpora returned only titles of third-party pages and third-party calculators (searched
"养老金计算举例 基础养老金 个人账户养老金 计发月数139 示例", "÷139=", "mohrss.gov.cn"). The
cases below are therefore worked by hand from the formula as 38号 point 六、 states it, each
figure written out; they are not copied from the program's output.
"""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renshe.rules import calculators
from renshe.rules.errors import RulesError
from renshe.rules.pension import pension_core, pension_rules_on
from renshe.rules.retirement import minimum_months, month_index


def calc(**kw) -> dict:
    return calculators.run("basic-pension", {"as_of": "2026-11-26", **kw})


def test_man_at_60_thirty_years():
    # basic = 7932 × (1 + 1.0) ÷ 2 × 30 × 1% = 7932 × 0.30 = 2379.60
    # personal = 120000 ÷ 139: 139 × 863 = 119957, remainder 43, 43 ÷ 139 = 0.309 → 863.31
    # total = 2379.60 + 863.31 = 3242.91
    # (the calculator's published example is this case)
    r = calc(**calculators.get("basic-pension").example)
    assert r["basic"] == 2379.60
    assert r["personal"] == 863.31
    assert r["transitional"] == 0
    assert r["total"] == 3242.91
    assert r["divisor"] == 139
    assert r["eligible"] is True
    assert r["min_contribution_months"] == 180
    assert r["shortfall_months"] == 0


def test_delayed_age_with_months_deemed_years_and_fujian_base():
    # Fujian 2025 calc base from the parameter file: 7932 (unverified, see calc_base.yaml).
    # years = (200 + 60) ÷ 12 = 21.6667
    # basic = 7932 × 2.2 ÷ 2 = 8725.2; 8725.2 × 260 = 2268552; ÷ 12 = 189046.0; × 1% = 1890.46
    # divisor at 60y8m (interpolated — engineering choice): 139 + (132 − 139) × 8/12 = 139 − 4.6667 = 134.3333
    # personal = 90000 ÷ 134.3333 = 90000 × 3 ÷ 403 = 270000 ÷ 403 = 669.975 → 669.98
    # transitional = 7932 × 1.2 × (60 ÷ 12) × 0.013 = 9518.4 × 5 × 0.013 = 47592 × 0.013 = 618.696 → 618.70
    # total = 1890.46 + 669.98 + 618.70 = 3179.14
    r = calc(
        avg_index=1.2,
        contribution_months=200,
        deemed_months=60,
        transitional_coefficient=0.013,
        account_balance=90000,
        retire_age={"years": 60, "months": 8},
        retire_month="2025-09",
    )
    assert r["calc_base"] == 7932
    assert r["basic"] == 1890.46
    assert r["divisor"] == pytest.approx(134.3333, abs=1e-4)
    assert r["personal"] == 669.98
    assert r["transitional"] == 618.70
    assert r["total"] == 3179.14
    assert any("工程选择" in (s["formula"] or "") for s in r["trace"])


def test_short_of_the_2031_minimum():
    # Retiring 2031-03: minimum = 180 + 6 × 2 = 192 months; 150 paid + 20 deemed = 170 → short 22.
    # basic = 8000 × (1 + 0.8) ÷ 2 × 170 ÷ 12 × 1% = 7200 × 14.1667 × 1% = 102000 × 1% = 1020.00
    # personal at 56y3m (woman, 55 category): 164 + (158 − 164) × 3/12 = 164 − 1.5 = 162.5;
    # 65000 ÷ 162.5 = 400.00
    # transitional = 8000 × 0.8 × 20 ÷ 12 × 0.012 = 6400 × 1.6667 × 0.012 = 128.00
    r = calc(
        calc_base=8000,
        avg_index=0.8,
        contribution_months=150,
        deemed_months=20,
        transitional_coefficient=0.012,
        account_balance=65000,
        retire_age={"years": 56, "months": 3},
        retire_month="2031-03",
    )
    assert r["min_contribution_months"] == 192
    assert r["eligible"] is False
    assert r["shortfall_months"] == 22
    assert r["basic"] == 1020.00
    assert r["divisor"] == 162.5
    assert r["personal"] == 400.00
    assert r["transitional"] == 128.00
    assert r["total"] == 1548.00


@pytest.mark.parametrize(
    ("age", "divisor", "balance", "personal"),
    [
        # 50: 195 → 97500 ÷ 195 = 500.00; 55: 170 → 85000 ÷ 170 = 500.00; 70: 56 → 28000 ÷ 56 = 500.00
        (50, 195, 97500, 500.00),
        (55, 170, 85000, 500.00),
        (70, 56, 28000, 500.00),
        # 40: 233 → 46600 ÷ 233 = 200.00
        (40, 233, 46600, 200.00),
    ],
)
def test_divisor_at_whole_years(age, divisor, balance, personal):
    r = calc(
        calc_base=7000,
        avg_index=1,
        contribution_months=240,
        account_balance=balance,
        retire_age={"years": age, "months": 0},
        retire_month="2025-01",
    )
    assert r["divisor"] == divisor
    assert r["personal"] == personal


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"deemed_months": 24}, "transitional_coefficient"),
        ({"retire_age": {"years": 39, "months": 0}}, "retire_age.years"),
        ({"retire_age": {"years": 70, "months": 1}}, "retire_age"),
        ({"avg_index": 0}, "avg_index"),
        ({"retire_month": "2025-6"}, "retire_month"),
    ],
)
def test_bad_input_names_the_field(payload, field):
    example = calculators.get("basic-pension").example
    with pytest.raises(RulesError) as exc:
        calculators.run("basic-pension", {**example, **payload})
    assert exc.value.problems[0].field == field
    assert exc.value.problems[0].zh and exc.value.problems[0].en


def test_unpublished_calc_base_is_refused():
    with pytest.raises(RulesError) as exc:
        calc(
            avg_index=1,
            contribution_months=240,
            account_balance=1,
            retire_age={"years": 60, "months": 0},
            retire_month="2026-03",
        )
    assert exc.value.problems[0].field == "pension.calc_base"


# --- properties of the vector core ----------------------------------------------------------

RULES = pension_rules_on(dt.date(2026, 11, 26))
MIN_2025 = minimum_months(np.array([month_index("2025-06")]))


def core(months: int, index: float, deemed: int = 0, age: int = 720, balance: float = 100000.0) -> dict:
    out = pension_core(
        np.array([7932.0]),
        np.array([index]),
        np.array([months]),
        np.array([deemed]),
        np.array([balance]),
        np.array([age]),
        np.array([0.013]),
        MIN_2025,
        RULES,
    )
    return {k: v[0].item() for k, v in out.items()}


months_st = st.integers(0, 540)
index_st = st.floats(0.3, 3.0)


@given(months_st, months_st, index_st)
def test_pension_rises_with_contribution_months(a, b, index):
    lo, hi = sorted((a, b))
    assert core(lo, index)["total"] <= core(hi, index)["total"]


@given(months_st, index_st, index_st)
def test_pension_rises_with_avg_index(months, a, b):
    lo, hi = sorted((a, b))
    assert core(months, lo, deemed=12)["total"] <= core(months, hi, deemed=12)["total"]


@given(st.integers(480, 839))
def test_divisor_falls_with_age(age):
    assert core(180, 1.0, age=age + 1)["divisor"] <= core(180, 1.0, age=age)["divisor"]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(3000, 20000),
            index_st,
            st.integers(0, 480),
            st.integers(0, 240),
            st.floats(0, 500000),
            st.integers(480, 840),
            st.floats(0.005, 0.02),
            st.sampled_from(["2025-03", "2030-07", "2034-12", "2040-01"]),
        ),
        min_size=1,
        max_size=15,
    )
)
def test_vector_equals_calculator(cases):
    cols = list(zip(*cases, strict=True))
    out = pension_core(
        np.array(cols[0]),
        np.array(cols[1]),
        np.array(cols[2]),
        np.array(cols[3]),
        np.array(cols[4]),
        np.array(cols[5]),
        np.array(cols[6]),
        minimum_months(np.array([month_index(m) for m in cols[7]])),
        RULES,
    )
    for i, (base, index, paid, deemed, balance, age, coef, month) in enumerate(cases):
        r = calc(
            calc_base=base,
            avg_index=index,
            contribution_months=paid,
            deemed_months=deemed,
            transitional_coefficient=coef,
            account_balance=balance,
            retire_age={"years": age // 12, "months": age % 12},
            retire_month=month,
        )
        for key in ("basic", "personal", "transitional", "total", "eligible", "shortfall_months"):
            assert r[key] == out[key][i].item(), key
        assert r["divisor"] == pytest.approx(out["divisor"][i])
