"""The dashboard's sums: open alerts by level, amounts, workers, closing time in working days."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renshe.arrears import situation, workflow
from renshe.arrears.models import Alert

from .factories import warning

pytestmark = pytest.mark.django_db


def test_by_city_and_county_with_closing_time(people, store):
    workflow.dispatch_warnings(
        [warning(), warning(project_id=8, level="orange"), warning(project_id=9, level="red", region="350203"),
         warning(project_id=10, region="350102")],
        store=store, on=dt.date(2025, 9, 30),
    )
    a = Alert.objects.get(project_id=8)
    huli = people["huli"]
    for step, kw in (("sign_for", {}), ("verify", {"finding": "true"}), ("handle", {"outcome": "paid"})):
        a = workflow.transition(a, step, huli, on=dt.date(2025, 10, 9), **kw)
    workflow.attach_evidence(a, SimpleUploadedFile("a.pdf", b"%PDF-1"), "凭证", huli)
    workflow.transition(a, "close", people["xm_leader"], on=dt.date(2025, 10, 13))

    cities = {r.org.code: r for r in situation.by_area(situation.visible_alerts(people["province"]), "city")}
    xm = cities["350200"]
    # 厦门: open reds are project 7 (湖里) and 9 (思明); project 8 is closed
    assert (xm.red, xm.orange, xm.closed, xm.open) == (2, 0, 1, 2)
    # only project 7 has store data: 2,000.00 owed to 1 worker
    assert (xm.amount, xm.workers) == (Decimal("2000.00"), 1)
    # dispatched Tue 9/30, closed Mon 10/13: working days in between (after 9/30, up to 10/13) are
    # 10/9, 10/10, 10/11 (make-up Saturday) and 10/13 = 4; National Day 10/1–10/8 and Sunday 10/12 are not
    assert xm.close_days == [4] and xm.avg_close_days == 4.0
    assert cities["350100"].red == 1  # 鼓楼区 rolls up to 福州

    counties = {r.org.code: r for r in situation.by_area(situation.visible_alerts(people["xm_leader"]), "county")}
    assert set(counties) == {"350206", "350203"}  # the city leader does not see 福州
    assert (counties["350206"].red, counties["350206"].closed) == (1, 1)

    t = situation.trend(situation.visible_alerts(huli))
    assert t == {"months": ["2025-09"], "red": [1], "orange": [1], "amount": [2000.0]}
