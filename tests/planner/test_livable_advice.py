"""Issue 18, items 1–3: advice a person could live with, an age already reached, and a 计算依据
that reads as Chinese (on the page and, with its minus signs, in the PDF)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pydantic import ValidationError

from renshe.planner.core.explain import plan
from renshe.planner.core.models import Profile
from renshe.rules.parameters import value_at
from tests.documents.checks import pdf_text

ON = "2026-12-04"


def test_thin_income_keeps_a_living_and_takes_at_most_the_stated_share():
    # A single flexible worker in Fuzhou on 3,000 a month, no debts (issue 18 item 1: was told
    # to pay 2,289.30, 76 % of her income). The floor for the person herself comes off first:
    # 3,000 − 0 − floor × (1 + 0 dependants).
    floor = float(value_at("planner.dependent_floor", dt.date(2026, 12, 4), "fujian.fuzhou").value)
    share = float(value_at("planner.default_assumptions", dt.date(2026, 12, 4)).value["max_share"])
    result = plan(Profile(birth="1980-03", category="male_60", employment="flexible", region="fujian.fuzhou",
                          monthly_income=3000, as_of=ON))
    assert result.disposable == pytest.approx(3000 - floor)
    rec = result.recommended
    assert rec is not None
    # With the default share (one half), at most (3,000 − floor) × 0.5 a month.
    assert rec.monthly_cost <= share * (3000 - floor) + 0.005
    text = "".join(result.reasons)
    assert "本人的基本生活费" in text and "最低生活保障" in text and f"{share:.0%}" in text
    # with dependants, each one's floor is named too: 3,000 − 900 × (1 + 2) < 0, nothing affordable
    family = plan(Profile(birth="1980-03", category="male_60", employment="flexible", region="fujian.fuzhou",
                          monthly_income=3000, as_of=ON, dependents=[{"relation": "child"}] * 2))
    assert family.disposable == pytest.approx(3000 - 3 * floor)
    assert "全家 3 人的基本生活费" in "".join(family.reasons)
    # the raised floor and share are the user's to change
    richer = plan(Profile(birth="1980-03", category="male_60", employment="flexible", region="fujian.fuzhou",
                          monthly_income=3000, as_of=ON, assumptions={"dependent_floor": 0, "max_share": 1.0}))
    assert richer.disposable == 3000
    assert richer.recommended.monthly_cost > rec.monthly_cost


def test_every_option_above_the_share_recommends_the_cheapest():
    # Income 1,200 with a floor of 1,100: 100 left; 5 % of it is 5.00 yuan, below even the
    # lowest resident tier (100 a year ÷ 12 = 8.33), so the cheapest plan meeting the minimum wins.
    result = plan(Profile(birth="1980-03", category="male_60", employment="flexible", region="fujian.fuzhou",
                          monthly_income=1200, as_of=ON, assumptions={"dependent_floor": 1100, "max_share": 0.05}))
    assert result.disposable == 100
    rec = result.recommended
    cheapest = min(o.monthly_cost for o in result.options if o.affordable and o.meets_minimum)
    assert rec.monthly_cost == cheapest
    assert "每月缴费最少" in "".join(result.reasons)


def test_a_woman_past_her_retirement_age_is_told_so():
    # Born 1975-03, 女工人 (original age 50): 50 years in 2025-03, two months after 2025-01 →
    # delay ⌊2/2⌋ + 1 = 2 months (办法附件2: one month per two) → 2025-05. 240 months paid ≥ 180.
    result = plan(Profile(birth="1975-03", category="female_50", employment="employee", region="fujian.fuzhou",
                          monthly_income=4000, paid_months=240, as_of=ON))
    assert "已于 2025年5月达到法定退休年龄" in result.reasons[0]
    assert "申请按月领取" in "".join(result.reasons)
    for o in result.options:
        assert not (o.months == 0 and o.monthly_cost > 0), o.label  # no payment with nothing to pay
        assert not o.private_pension or o.months > 0, o.label
        assert o.timing == "statutory", o.label  # early and late retirement are gone (办法第三条)
    assert result.recommended.months == 0 and result.recommended.retire_month == "2026-12"
    assert "不需要再缴费" in result.recommended.formulas["monthly_cost"]


@pytest.mark.django_db
def test_the_page_tells_her_to_apply_and_asks_for_nothing(client):
    form = {"birth": "1975-03", "category": "female_50", "employment": "employee", "region": "fujian.fuzhou",
            "monthly_income": "4000", "paid_months": "240"}
    text = re.sub(r"<[^>]+>", "", client.post("/planner/", form).content.decode())
    assert "达到法定退休年龄" in text and "申请按月领取基本养老金" in text and "不再缴费" in text
    assert "缴 0.00" not in text


def test_a_birth_month_in_the_future_is_refused_in_words():
    with pytest.raises(ValidationError) as err:
        Profile(birth="2030-01", category="male_60", employment="flexible", monthly_income=3000, as_of=ON)
    assert "还没有到" in str(err.value) and "-3" not in str(err.value)
    assert [e["loc"] for e in err.value.errors()] == [("birth",)]


@pytest.mark.django_db
def test_the_page_marks_the_birth_field_it_refuses(client):
    form = {"birth": "2030-01", "category": "male_60", "employment": "flexible", "region": "fujian.fuzhou",
            "monthly_income": "3000"}
    html = client.post("/planner/", form).content.decode()
    field = re.search(r'<div class="field invalid">\s*<label for="f-([a-z_]+)"', html)
    assert field and field.group(1) == "birth" and "出生年月：出生年月 2030-01 还没有到" in html


@pytest.mark.django_db
def test_basis_without_raw_keys_and_the_pdf_keeps_minus_signs(client):
    form = {"birth": "1985-06", "category": "male_60", "employment": "flexible", "region": "fujian.fuzhou",
            "monthly_income": "9000", "paid_months": "120"}
    html = client.post("/planner/", form).content.decode()
    trace = re.sub(r"<[^>]+>", "", html[html.index('id="trace"'):])  # the text a reader sees
    assert "retirement.original_age" not in trace and "national）" not in trace
    assert "原法定退休年龄" in trace or "法定退休年龄" in trace
    text = "".join(pdf_text(client.post("/planner/report.pdf", form).content).split())
    # 终身净收益 = 领取养老金的现值 − 缴费的现值: the sign must survive into the PDF
    assert "领取养老金的现值-缴费的现值" in text
    assert "planner.dependent_floor" not in text


@pytest.mark.django_db
def test_the_planner_form_shows_its_example_as_placeholders(client):
    html = client.get("/planner/").content.decode()
    tag = re.search(r'<input id="f-monthly_income"[^>]*>', html).group()
    assert 'value=""' in tag and 'placeholder="如 8000"' in tag
