"""The dashboard's rollup (issue 14, Scale): kept equal to a recount from scratch at every step of
a case's life, and giving the hand-worked figures — the on-time share with pauses and the
extension honoured, as kpi.on_time counts them; the keyset list walks the same pages as before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from renshe.disputes import listing, measures, rollup, services
from renshe.disputes.models import Case
from renshe.disputes.rollup import MeasureCell
from renshe.platform.accounts.models import Organisation
from tests.disputes.conftest import application

D = dt.date
pytestmark = pytest.mark.django_db


def stored() -> dict:
    return {(c.organisation_id, c.month): (c.figures(), (c.clocks_closed, c.clocks_met)) for c in MeasureCell.objects.all()}


def recounted() -> dict:
    cells, timely = measures._cells(Case.objects.filter(received_on__isnull=False))
    return {(org, measures._month(m)): ({k: g[k] or 0 for k in rollup.ADDITIVE}, timely.get((org, m), (0, 0)))
            for (org, m), g in cells.items()}


def draft(orgs, **over) -> Case:
    return services.save_application(application(orgs, **over), [], submit=False)


def test_rollup_follows_every_step(orgs, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    arb, med = users["arbitrator"], users["mediator"]
    checks = 0

    def same() -> None:
        nonlocal checks
        assert stored() == recounted()
        checks += 1

    case = services.step(None, draft(orgs), "submit", on=D(2025, 12, 30))
    same()
    case = services.step(arb, case, "accept", on=D(2026, 1, 5))
    same()
    case = services.step(arb, case, "serve", on=D(2026, 1, 6))
    services.suspend(arb, case, "等待劳动能力鉴定结论", D(2026, 2, 1))
    same()
    services.resume(arb, case, D(2026, 2, 10))
    same()
    services.extend_award(arb, case, "经仲裁委员会主任书面批准延期十五日")
    same()
    case = services.step(arb, case, "set_hearing", facts={"hearing_on": "2026-02-25"}, on=D(2026, 2, 14))
    case = services.step(arb, case, "award", on=D(2026, 3, 16))
    same()
    services.step(arb, case, "close", on=D(2026, 3, 20))
    same()
    # a second case mediated, a third withdrawn, a fourth rejected — and a case deleted
    b = services.step(arb, services.step(None, draft(orgs, applicant_name="李四"), "submit", on=D(2026, 3, 2)),
                      "accept", on=D(2026, 3, 4))
    services.record_agreement(med, b, "被申请人支付申请人20000元。", on=D(2026, 3, 20))
    same()
    c = services.step(None, draft(orgs, applicant_name="王五"), "submit", on=D(2026, 3, 3))
    services.step(arb, c, "withdraw", on=D(2026, 3, 5))
    same()
    r = services.step(None, draft(orgs, applicant_name="赵六"), "submit", on=D(2026, 3, 6))
    services.step(arb, r, "reject", facts={"reason": "不属于劳动人事争议受理范围"}, on=D(2026, 3, 9))
    same()
    Case.objects.get(pk=c.pk).delete()
    same()
    assert checks == 11 and MeasureCell.objects.count() == 2  # December 2025 and March 2026, Xiamen


def test_migration_fills_the_rollup_with_its_own_historical_models(orgs, users):
    """Migration 0003 fills the cells through ``rebuild(registry=apps)``: with the models frozen at
    0003 (not today's), the fill gives the same cells as the running project's recount."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    arb = users["arbitrator"]
    case = services.step(None, draft(orgs), "submit", on=D(2026, 1, 5))
    services.step(arb, case, "accept", on=D(2026, 1, 7))
    services.step(None, draft(orgs, applicant_name="李四"), "submit", on=D(2026, 2, 2))
    expected = stored()
    MeasureCell.objects.all().delete()
    historical = MigrationLoader(connection).project_state(("disputes", "0003_measure_cells_list_keyset")).apps
    assert rollup.rebuild(registry=historical) == 2
    assert stored() == expected == recounted()


def test_dashboard_figures_from_the_rollup_by_hand(orgs, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    arb, med = users["arbitrator"], users["mediator"]
    # 2025: the Spring Festival case — received 30 Dec, accepted 5 Jan (6 days), suspended 1–10 Feb,
    # extended 15 days: award due 17 Mar, awarded 16 Mar (76 days: 1 + 31 + 28 + 16) — on time,
    # though after the unpaused, unextended due date of 24 Feb
    x = services.step(arb, services.step(None, draft(orgs), "submit", on=D(2025, 12, 30)), "accept", on=D(2026, 1, 5))
    x = services.step(arb, x, "serve", on=D(2026, 1, 6))
    services.suspend(arb, x, "等待劳动能力鉴定结论", D(2026, 2, 1))
    services.resume(arb, x, D(2026, 2, 10))
    services.extend_award(arb, x, "经仲裁委员会主任书面批准延期十五日")
    x = services.step(arb, x, "set_hearing", facts={"hearing_on": "2026-02-25"}, on=D(2026, 2, 14))
    services.step(arb, x, "award", on=D(2026, 3, 16))
    # 2026: A accepted after 2 days, mediated on day 18; B accepted after 7, awarded on day 59
    # (2 March → 30 April), its award clock 9 March + 45 days = 23 April: late
    a = services.step(arb, services.step(None, draft(orgs, applicant_name="甲"), "submit", on=D(2026, 3, 2)),
                      "accept", on=D(2026, 3, 4))
    services.record_agreement(med, a, "被申请人支付申请人20000元。", on=D(2026, 3, 20))
    b = services.step(arb, services.step(None, draft(orgs, applicant_name="乙"), "submit", on=D(2026, 3, 2)),
                      "accept", on=D(2026, 3, 9))
    b = services.step(arb, b, "serve", on=D(2026, 3, 10))
    b = services.step(arb, b, "set_hearing", facts={"hearing_on": "2026-04-20"}, on=D(2026, 4, 10))
    services.step(arb, b, "award", on=D(2026, 4, 30))

    everyone = Organisation.objects.all()
    t25 = measures.tables_from_rollup(everyone, 2025)
    f = t25.total.figures
    assert (f["received"], f["accepted"], f["mediated"], f["awarded"]) == (1, 1, 0, 1)
    assert (f["days_acceptance"], f["days_mediation"], f["days_award"]) == (Decimal("6.0"), None, Decimal("76.0"))
    assert f["mediated_share"] == Decimal("0.0") and f["on_time"] == Decimal("100.0")
    assert [r.label for r in t25.months] == ["2025年12月"]
    t26 = measures.tables_from_rollup(everyone, 2026)
    f = t26.total.figures
    assert (f["received"], f["accepted"], f["mediated"], f["awarded"]) == (2, 2, 1, 1)
    # (2 + 7) / 2 = 4.5; one of two ended by mediation; A's clock closed by the agreement (due
    # 18 April), B's late: 1 of 2
    assert (f["days_acceptance"], f["days_mediation"], f["days_award"]) == (Decimal("4.5"), Decimal("18.0"), Decimal("59.0"))
    assert f["mediated_share"] == Decimal("50.0") and f["on_time"] == Decimal("50.0")
    for year, t in ((2025, t25), (2026, t26)):
        assert t == measures.tables(measures.cases(everyone, year))  # the direct path agrees
    # scope: Fuzhou's leader reads no Xiamen cell
    assert measures.tables_from_rollup(Organisation.objects.filter(pk=orgs["fz"].pk), 2026).committees == []


def test_keyset_pages_walk_the_old_order(orgs, users, monkeypatch):
    monkeypatch.setattr(listing, "PER_PAGE", 2)
    days = [D(2026, 5, 1), D(2026, 5, 3), D(2026, 5, 3), D(2026, 5, 2), D(2026, 5, 4)]
    for i, day in enumerate(days):
        services.step(None, draft(orgs, applicant_name=f"申请人{i}"), "submit", on=day)
    draft(orgs, applicant_name="草稿")  # drafts are not listed
    qs = Case.objects.exclude(state="draft")
    expected = list(qs.order_by("-received_on", "-id").values_list("pk", flat=True))
    p1 = listing.page(qs, {})
    assert (p1.number, p1.num_pages, p1.previous_query) == (1, 3, None)
    walked, p, pages = [c.pk for c in p1], p1, [p1]
    while p.next_query:
        params = dict(kv.split("=") for kv in p.next_query.split("&"))
        p = listing.page(qs, params)
        pages.append(p)
        walked += [c.pk for c in p]
    assert walked == expected and [pg.number for pg in pages] == [1, 2, 3]
    # back from page 3 by its link, and page 2 by number alone (offset), are the same page
    back = listing.page(qs, dict(kv.split("=") for kv in pages[2].previous_query.split("&")))
    assert [c.pk for c in back] == [c.pk for c in pages[1]] == [c.pk for c in listing.page(qs, {"page": "2"})]
    # through the page, the state filter carried by the links
    c = Client()
    c.force_login(users["arbitrator"])
    html = c.get("/disputes/?state=applied").content.decode()
    assert "第 1 / 3 页" in html and "state=applied" in html and "草稿" not in html
