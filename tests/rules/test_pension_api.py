"""The two calculators through the API and the page: same result, 422 with the field named."""

import json

import pytest

pytestmark = pytest.mark.django_db


def post(client, name, body):
    return client.post(f"/api/v1/calc/{name}", json.dumps(body), content_type="application/json")


def test_retirement_age_api(client):
    # Man born 1967-05: m = 28, ⌊28/4⌋ + 1 = 8 → 60y8m, 2028-01.
    r = post(client, "retirement-age", {"birth": "1967-05", "category": "male_60"})
    assert r.status_code == 200
    assert r.json()["retire_month"] == "2028-01"


def test_basic_pension_refuses_deemed_months_without_coefficient(client):
    body = {
        "calc_base": 7932,
        "avg_index": 1,
        "contribution_months": 180,
        "deemed_months": 12,
        "account_balance": 1000,
        "retire_age": {"years": 60, "months": 0},
    }
    r = post(client, "basic-pension", body)
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"] == "transitional_coefficient"


def test_basic_pension_page(client):
    # 7932 × (1 + 1) ÷ 2 × 30 × 1% = 2379.60; 120000 ÷ 139 = 863.31; total 3242.91.
    form = {
        "calc_base": "7932",
        "avg_index": "1",
        "contribution_months": "360",
        "account_balance": "120000",
        "retire_age.years": "60",
        "retire_age.months": "0",
        "retire_month": "2025-06",
    }
    r = client.post("/calc/basic-pension/", form)
    assert r.status_code == 200
    assert "3242.91" in r.content.decode() or "3,242.91" in r.content.decode()
