"""The planner's CLI, API and page: the same plan everywhere, bad input a bilingual 422."""

from __future__ import annotations

import json

import pytest

from renshe.cli import main
from tests.documents.checks import assert_embeds_chinese

PROFILE = {
    "birth": "1985-06",
    "category": "male_60",
    "region": "fujian.xiamen",
    "employment": "flexible",
    "monthly_income": 9000,
    "monthly_debt_payments": 2000,
    "dependents": [{"relation": "child"}],
    "paid_months": 120,
    "account_balance": 30000,
    "as_of": "2026-06-15",
}
FIELDS = {"options", "recommended", "reasons", "assumptions"}
OPTION_FIELDS = {
    "scheme",
    "base_ratio",
    "tier",
    "months",
    "retire_month",
    "monthly_cost",
    "total_cost",
    "monthly_pension",
    "break_even_age",
    "irr",
    "replacement_rate",
    "lifetime_value",
    "meets_minimum",
    "affordable",
}


def test_cli_plan(tmp_path, capsys):
    f = tmp_path / "p.json"
    f.write_text(json.dumps(PROFILE), encoding="utf-8")
    assert main(["plan", "--input", str(f)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= FIELDS and set(out["recommended"]) >= OPTION_FIELDS
    assert {o["scheme"] for o in out["options"]} == {"flexible", "resident"}
    assert set(out["assumptions"]) >= {
        "wage_growth",
        "interest",
        "indexation",
        "discount_rate",
        "life_expectancy",
    }


def test_cli_bad_input(tmp_path, capsys):
    f = tmp_path / "p.json"
    f.write_text(json.dumps({**PROFILE, "birth": "85-6", "employment": "pilot"}), encoding="utf-8")
    assert main(["plan", "--input", str(f)]) == 2
    err = capsys.readouterr().err
    assert "birth" in err and "YYYY-MM" in err and "employment" in err


@pytest.mark.django_db
def test_api_plan(client):
    r = client.post("/api/v1/plan", data=json.dumps(PROFILE), content_type="application/json")
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= FIELDS and body["recommended"]["affordable"]
    assert all(set(o) >= OPTION_FIELDS for o in body["options"])
    bad = client.post(
        "/api/v1/plan", data=json.dumps({**PROFILE, "monthly_income": -5}), content_type="application/json"
    )
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["field"] == "monthly_income"
    assert "/api/v1/plan" in client.get("/api/v1/openapi.json").json()["paths"]


@pytest.mark.django_db
def test_api_plan_when_the_planner_does_not_answer(client, monkeypatch):
    """A planner with no patience left (timeout 0) stands for a planning process that is stuck:
    the request is fine, so the answer is a bilingual 503, not a 500."""
    from renshe.planner import api
    from renshe.planner.core.serving import Planner

    stuck = Planner(timeout=0.0)
    monkeypatch.setattr(api, "planner", stuck)
    try:
        r = client.post("/api/v1/plan", data=json.dumps(PROFILE), content_type="application/json")
    finally:
        stuck.stop()
    assert r.status_code == 503
    body = r.json()
    assert (
        body["error"] == "unavailable"
        and "规划进程" in body["message"]
        and "planning process" in body["message"]
    )


@pytest.mark.django_db
def test_page_and_pdf(client):
    page = client.get("/planner/")
    assert page.status_code == 200
    # the form names the dated default assumptions (planner.default_assumptions), not a copy of them
    assert "工资年增长 3%，记账利率 2.5%，养老金年调整 2%，贴现率 3%，预期寿命 80 岁" in page.content.decode()
    form = {
        "birth": "1985-06",
        "category": "male_60",
        "employment": "flexible",
        "region": "fujian",
        "monthly_income": "9000",
        "monthly_debt_payments": "2000",
        "children": "1",
        "paid_months": "120",
    }
    r = client.post("/planner/", form)
    html = r.content.decode()
    assert r.status_code == 200 and 'data-testid="recommended"' in html and 'id="plan-data"' in html
    assert "<script>" not in html  # the CSP forbids inline scripts
    bad = client.post("/planner/", {**form, "birth": "1985-13"})
    assert bad.status_code == 422 and "YYYY-MM" in bad.content.decode()
    # the box above the form names each field with its reason; an empty required field says 请填写
    bad = client.post(
        "/planner/", {**form, "monthly_income": "", "monthly_debt_payments": "abc"}
    ).content.decode()
    assert "月收入（元，税前）：请填写" in bad and "每月还债（元）：应为数字" in bad
    # a head count that is not a whole number is refused, not dropped (each dependant counts)
    for typed in ("abc", "1.5", "-1", "21"):
        r = client.post("/planner/", {**form, "children": typed})
        assert r.status_code == 422 and "需抚养的子女（人）：应为 0 到 20 的整数" in r.content.decode(), typed
    both = client.post("/planner/", {**form, "elders": "x", "birth": "1985-13"}).content.decode()
    assert "需赡养的老人（人）：应为 0 到 20 的整数" in both and "出生年月：" in both
    pdf = client.post("/planner/report.pdf", form)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert_embeds_chinese(pdf.content, "社保缴费规划报告", "推荐方案", "主要方案比较", "计算依据")


def test_no_legal_option_says_why():
    from renshe.planner.core.explain import plan
    from renshe.planner.core.models import Profile

    # An employee aged 74 with nothing paid cannot reach the minimum before 70 (计发月数表 ends at 70).
    result = plan(
        Profile(
            birth="1952-01",
            category="male_60",
            employment="employee",
            monthly_income=5000,
            as_of="2026-06-15",
        )
    )
    assert result.options == [] and result.recommended is None
    assert "70岁" in result.reasons[0]


def test_platform_worker_is_told_about_occupational_injury_protection():
    """A platform worker carries the 职业伤害保障 pilot (Fujian, from 2025-07-01) beside pension insurance."""
    from renshe.planner.core.explain import plan_data
    from renshe.planner.core.models import Profile

    base = {
        "birth": "1990-05",
        "category": "male_60",
        "region": "fujian.fuzhou",
        "employment": "flexible",
        "monthly_income": 8000,
    }
    with_flag = plan_data(Profile.model_validate({**base, "platform_worker": True, "as_of": "2025-10-01"}))
    assert any("职业伤害保障" in r and "不是养老保险" in r for r in with_flag["reasons"])
    without = plan_data(Profile.model_validate({**base, "as_of": "2025-10-01"}))
    assert not any("职业伤害保障" in r for r in without["reasons"])
    before_pilot = plan_data(Profile.model_validate({**base, "platform_worker": True, "as_of": "2025-06-01"}))
    assert not any("职业伤害保障" in r for r in before_pilot["reasons"])
