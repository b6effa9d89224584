"""retirement-age: the 2024 reform's worked cases, the caps, and properties of the vector core.

Worked cases. The brief and LEGAL-REFERENCE §3.1 give these as the examples published with
the 2024 decision (人社部 解读/问答 and the annex tables 1–3). The official Q&A pages and the
annex PDFs could not be opened from this machine: the search corpora hold only third-party
copies that agree with them. The arithmetic below is worked by hand from 办法第一条 and does
not come from the program.

Rule (办法第一条): m = months from 2025-01 to the month the person reaches the original age;
delay = ⌊m ÷ step⌋ + 1, capped (men and female_55: step 4, cap 36; female_50: step 2, cap 60).
"""

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renshe.rules import calculators
from renshe.rules.errors import RulesError
from renshe.rules.retirement import CATEGORIES, CATEGORY_CODE, month_index, retirement_core, rules_on


def calc(birth: str, category: str) -> dict:
    return calculators.run("retirement-age", {"birth": birth, "category": category, "as_of": "2026-11-26"})


@pytest.mark.parametrize(
    ("birth", "category", "age", "month", "delay"),
    [
        # Man born 1965-01: reaches 60 in 2025-01, so m = 0; delay = ⌊0/4⌋+1 = 1;
        # 60y + 1m = 60y1m; 1965-01 + 60y1m = 2025-02.
        ("1965-01", "male_60", (60, 1), "2025-02", 1),
        # Man born 1967-05: reaches 60 in 2027-05; m = 2×12 + 4 = 28; ⌊28/4⌋+1 = 7+1 = 8;
        # 60y8m; 1967-05 + 60y = 2027-05, + 8m = 2028-01.
        ("1967-05", "male_60", (60, 8), "2028-01", 8),
        # Woman (55) born 1974-10: reaches 55 in 2029-10; m = 4×12 + 9 = 57; ⌊57/4⌋+1 = 14+1 = 15
        # months = 1y3m; 55y + 1y3m = 56y3m; 1974-10 + 56y = 2030-10, + 3m = 2031-01.
        ("1974-10", "female_55", (56, 3), "2031-01", 15),
        # Woman (50) born 1975-01: reaches 50 in 2025-01; m = 0; ⌊0/2⌋+1 = 1; 50y1m; 2025-02.
        ("1975-01", "female_50", (50, 1), "2025-02", 1),
        # Woman (50) born 1976-06: reaches 50 in 2026-06; m = 12 + 5 = 17; ⌊17/2⌋+1 = 8+1 = 9;
        # 50y9m; 1976-06 + 50y = 2026-06, + 9m = 2027-03.
        ("1976-06", "female_50", (50, 9), "2027-03", 9),
        # Man born 1964-12 reached 60 in 2024-12, before the reform: no delay.
        ("1964-12", "male_60", (60, 0), "2024-12", 0),
        # Woman (55) born 1969-12 reached 55 in 2024-12: no delay.
        ("1969-12", "female_55", (55, 0), "2024-12", 0),
    ],
)
def test_published_examples(birth, category, age, month, delay):
    r = calc(birth, category)
    assert (r["retire_age"]["years"], r["retire_age"]["months"]) == age
    assert r["retire_month"] == month
    assert r["delay_months"] == delay


@pytest.mark.parametrize(
    ("last_below", "first_at_cap", "category", "cap_age", "cap"),
    [
        # Men: cap 36 reached when ⌊m/4⌋+1 = 36, i.e. m = 140 = 11×12 + 8 → born 1965-01 + 11y8m = 1976-09.
        # One month earlier, m = 139: ⌊139/4⌋+1 = 34+1 = 35.
        ("1976-08", "1976-09", "male_60", 63, 36),
        # Women (55): same steps from 1970-01 → 1970-01 + 11y8m = 1981-09.
        ("1981-08", "1981-09", "female_55", 58, 36),
        # Women (50): cap 60 when ⌊m/2⌋+1 = 60, m = 118 = 9×12 + 10 → 1975-01 + 9y10m = 1984-11;
        # m = 117: ⌊117/2⌋+1 = 58+1 = 59.
        ("1984-10", "1984-11", "female_50", 55, 60),
    ],
)
def test_caps_reached(last_below, first_at_cap, category, cap_age, cap):
    before = calc(last_below, category)
    at = calc(first_at_cap, category)
    assert before["delay_months"] == cap - 1
    assert at["delay_months"] == cap
    assert at["retire_age"] == {"years": cap_age, "months": 0}
    later = calc("1990-01", category)
    assert later["delay_months"] == cap


@pytest.mark.parametrize(
    ("birth", "category", "minimum"),
    [
        # Retires 2028-01 (see above): before 2030 → 15 years = 180 months.
        ("1967-05", "male_60", 180),
        # Retires 2031-01: 2030 is +6, 2031 is +12 → 180 + 12 = 192 (16 years).
        ("1974-10", "female_55", 192),
        # Man born 1970-01: m = 5×12 = 60; ⌊60/4⌋+1 = 16 months → 61y4m → retires 2031-05 → 192.
        ("1970-01", "male_60", 192),
        # Man born 1976-09 retires at 63 in 2039-09: 180 + 6×10 = 240 (20 years).
        ("1976-09", "male_60", 240),
    ],
)
def test_minimum_contribution_by_retirement_year(birth, category, minimum):
    assert calc(birth, category)["min_contribution_months"] == minimum


def test_flexible_window():
    # Man born 1967-05 retires 2028-01 (60y8m). Earliest: 2028-01 − 36m = 2025-01, but never before
    # the original age (60 → 2027-05) → 2027-05. Latest: 2028-01 + 36m = 2031-01.
    r = calc("1967-05", "male_60")
    assert r["earliest_flexible_month"] == "2027-05"
    assert r["latest_flexible_month"] == "2031-01"
    assert r["original_age"] == {"years": 60, "months": 0}
    # Man born 1976-09 retires 2039-09 at 63: 2039-09 − 36m = 2036-09 = exactly age 60.
    assert calc("1976-09", "male_60")["earliest_flexible_month"] == "2036-09"


def test_trace_cites_the_articles():
    steps = calc("1967-05", "male_60")["trace"]
    assert any(s["reference"]["article"] == "第一条" and "⌊28 ÷ 4⌋ + 1 = 8" in s["formula"] for s in steps)
    assert any(s["reference"]["article"] == "第三条" for s in steps)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"birth": "1970-13", "category": "male_60"}, "birth"),
        ({"birth": "70-01", "category": "male_60"}, "birth"),
        ({"birth": "1970-01", "category": "female_60"}, "category"),
        ({"category": "male_60"}, "birth"),
    ],
)
def test_bad_input_names_the_field(payload, field):
    with pytest.raises(RulesError) as exc:
        calculators.run("retirement-age", payload)
    assert exc.value.problems[0].field == field
    assert " / " not in exc.value.problems[0].zh


# --- properties of the vector core ----------------------------------------------------------

RULES = rules_on(dt.date(2026, 11, 26))
births = st.integers(month_index("1950-01"), month_index("2005-12"))
categories = st.sampled_from(CATEGORIES)


def core(birth: int, category: str) -> dict:
    out = retirement_core(np.array([birth]), np.array([CATEGORY_CODE[category]]), RULES)
    return {k: int(v[0]) for k, v in out.items()}


@given(births, births, categories)
def test_later_birth_never_retires_earlier(a, b, category):
    lo, hi = sorted((a, b))
    assert core(lo, category)["retire_month"] <= core(hi, category)["retire_month"]


@given(births, categories)
def test_delay_within_cap(birth, category):
    r = core(birth, category)
    assert 0 <= r["delay_months"] <= int(RULES.cap_months[CATEGORY_CODE[category]])
    assert r["earliest_flexible_month"] >= birth + r["original_months"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(births, categories), min_size=1, max_size=20))
def test_vector_equals_calculator(cases):
    birth = np.array([b for b, _ in cases])
    cat = np.array([CATEGORY_CODE[c] for _, c in cases])
    out = retirement_core(birth, cat, RULES)
    for i, (b, c) in enumerate(cases):
        y, m = divmod(b, 12)
        r = calc(f"{y:04d}-{m + 1:02d}", c)
        assert r["delay_months"] == out["delay_months"][i]
        assert month_index(r["retire_month"]) == out["retire_month"][i]
        assert r["min_contribution_months"] == out["min_contribution_months"][i]
