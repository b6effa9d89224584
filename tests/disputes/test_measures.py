"""The dashboard's figures: two cases worked by hand, the grouped on-time share held to the
kernel's kpi.on_time, the demo year's totals adding up, and the Excel export read back."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from renshe.disputes import demo_year, measures, services
from renshe.disputes.models import Case
from renshe.platform.accounts.models import Organisation
from renshe.platform.workflow import kpi
from tests.disputes.conftest import application, make_user

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cases(orgs, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    arb, med = users["arbitrator"], users["mediator"]
    a = services.step(None, services.save_application(application(orgs), [], submit=False), "submit", on=D(2026, 3, 2))
    a = services.step(arb, a, "accept", on=D(2026, 3, 4))
    services.record_agreement(med, a, "被申请人支付申请人20000元。", on=D(2026, 3, 20))
    b = services.step(None, services.save_application(application(orgs, applicant_name="李四"), [], submit=False), "submit",
                      on=D(2026, 3, 2))
    b = services.step(arb, b, "accept", on=D(2026, 3, 9))
    b = services.step(arb, b, "serve", on=D(2026, 3, 10))
    b = services.step(arb, b, "set_hearing", facts={"hearing_on": "2026-04-20"}, on=D(2026, 4, 10))
    services.step(arb, b, "award", on=D(2026, 4, 30))
    return a, b


def test_two_cases_by_hand(two_cases, orgs):
    qs = measures.cases(Organisation.objects.all(), 2026)
    t = measures.tables(qs)
    committees, cities = t.committees, t.cities
    (row,) = committees
    f = row.figures
    # received 2, both accepted; A mediated on day 18 (2 → 20 March), B awarded on day 59 (2 March → 30 April)
    assert (f["received"], f["accepted"], f["mediated"], f["awarded"]) == (2, 2, 1, 1)
    # acceptance after 2 and 7 days: (2 + 7) / 2 = 4.5
    assert f["days_acceptance"] == Decimal("4.5") and f["days_mediation"] == Decimal("18.0") and f["days_award"] == Decimal("59.0")
    assert f["mediated_share"] == Decimal("50.0")
    # award clocks: A's closed by the agreement on 20 March (due 18 April); B's started 9 March, 45 days
    # → 23 April, closed 30 April: late. 1 of 2 on time.
    assert f["on_time"] == Decimal("50.0") == kpi.on_time(measures.award_clocks(qs)).rate
    assert cities[0].label == "厦门市人力资源和社会保障局" and cities[0].figures == f
    (march,) = [r for r in t.months if r.label == "2026年3月"]
    assert march.figures["received"] == 2 and t.total.figures == f


def test_grouped_on_time_is_the_kernels_figure(orgs):
    Organisation.objects.create(code="pingtan", name="平潭综合实验区", kind="city", parent=orgs["dept"], region="fujian.pingtan")
    for code, name in (("350300", "莆田市"), ("350400", "三明市"), ("350500", "泉州市"), ("350600", "漳州市"),
                       ("350700", "南平市"), ("350800", "龙岩市"), ("350900", "宁德市")):
        Organisation.objects.create(code=code, name=f"{name}人力资源和社会保障局", kind="city", parent=orgs["dept"])
    assert demo_year.load(600, 2025, 3) == 600
    qs = measures.cases(Organisation.objects.all(), 2025)
    t = measures.tables(qs)
    committees = t.committees
    assert sum(r.figures["received"] for r in committees) == 600 == t.total.figures["received"]
    assert sum(r.figures["received"] for r in t.months) == 600 == sum(r.figures["received"] for r in t.cities)
    assert t.total.figures["on_time"] == kpi.on_time(measures.award_clocks(qs)).rate
    for org in Organisation.objects.filter(dispute_cases__isnull=False).distinct():
        row = next(r for r in committees if r.label == org.name)
        assert row.figures["on_time"] == kpi.on_time(measures.award_clocks(qs.filter(organisation=org))).rate
    assert 80 < t.total.figures["on_time"] < 100  # some awards late, most in time
    # reloading replaces the year rather than adding to it
    demo_year.load(600, 2025, 3)
    assert Case.objects.filter(received_on__year=2025).count() == 600


def test_dashboard_page_and_excel(two_cases, orgs):
    leader = make_user("leader.xm", "leader", orgs["xm"])
    c = Client()
    assert c.get("/disputes/dashboard/").status_code == 302
    c.force_login(leader)
    html = c.get("/disputes/dashboard/?year=2026").content.decode()
    assert "法定期限内审结率" in html and "echarts.min.js" in html and "2026年3月" in html
    wb = load_workbook(io.BytesIO(c.get("/disputes/dashboard.xlsx?year=2026").content))
    ws = wb["按委员会"]
    assert ws["A3"].value == "厦门市人力资源和社会保障局" and ws["B3"].value == 2 and ws["J3"].value == 50.0
    other = make_user("leader.fz", "leader", orgs["fz"])
    c.force_login(other)
    assert "厦门市" not in c.get("/disputes/dashboard/?year=2026").content.decode()
