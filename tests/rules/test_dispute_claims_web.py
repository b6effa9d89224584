"""dispute-claims through the API and its page: the same result as the CLI, 422 naming the field."""

import json

import pytest

from tests.rules.test_dispute_claims import XIAMEN_DISMISSAL

pytestmark = pytest.mark.django_db


def test_api_same_result_and_422(client):
    r = client.post("/api/v1/calc/dispute-claims", json.dumps(XIAMEN_DISMISSAL), content_type="application/json")
    assert r.status_code == 200 and r.json()["total"] == 107724.14
    bad = {**XIAMEN_DISMISSAL, "end": "2024-01-01"}
    r = client.post("/api/v1/calc/dispute-claims", json.dumps(bad), content_type="application/json")
    assert r.status_code == 422
    body = r.json()
    assert body["problems"][0]["field"] == "end" and "早于入职日期" in body["problems"][0]["zh"]


def test_page_shows_the_form_and_the_claims(client):
    page = client.get("/calc/dispute-claims/")
    assert page.status_code == 200 and "劳动争议请求计算" in page.content.decode()
    form = {
        "region": "fujian.xiamen", "filed_on": "2026-03-02", "hire": "2024-05-06", "end": "2026-01-31",
        "monthly_wage": "6000", "termination": "unlawful", "unpaid_wages": "2025-12 6000\n2026-01 6000",
        "local_minimum_wage": "2265", "local_avg_monthly_wage": "9000",
    }
    html = client.post("/calc/dispute-claims/", form).content.decode()
    # unpaid 12000 + double wage 66000 + damages 24000 = 102000
    assert "102,000.00" in html and "违法解除或终止劳动合同赔偿金" in html
