"""The KPI page's SQL and the pure definitions give the same figures on the same requests."""

import datetime as dt
import random

import pytest

from renshe.appeals import stats
from renshe.appeals.core import kpi
from renshe.appeals.models import Appeal
from renshe.platform.accounts.models import Organisation

D = dt.date
TODAY = D(2025, 4, 1)


@pytest.mark.django_db
def test_sql_equals_pure_definitions_on_random_requests(setup):
    rng = random.Random(7)
    org = Organisation.objects.get(code="350200")
    owner = setup["inspector.xm"]
    rows = []
    for i in range(300):
        received = D(2025, 3, 1) + dt.timedelta(days=rng.randrange(31))
        acc_due = received + dt.timedelta(days=rng.choice([1, 15]))
        accepted = rng.choice([None, received, acc_due, acc_due + dt.timedelta(days=2)])
        closing_due = None if accepted is None else accepted + dt.timedelta(days=rng.choice([5, 60]))
        replied = None if closing_due is None else rng.choice([None, closing_due, closing_due + dt.timedelta(days=1)])
        rows.append(Appeal(number=f"T{i}", channel=rng.choice(["12345", "letter", "visit", "mzq"]), category="other",
                           place=rng.choice(["350203", "350102"]), name="某", phone="13800000000", content="x" * 10,
                           organisation=org, owner=owner, received_on=received, acceptance_due=acc_due,
                           accepted_on=accepted, closing_due=closing_due, replied_on=replied,
                           satisfaction=rng.choice(["", "satisfied", "basic", "dissatisfied"]),
                           head_count=rng.randint(1, 9)))
    Appeal.objects.bulk_create(rows)
    some = list(Appeal.objects.all()[:40])
    for a in some[20:]:
        a.repeat_of = some[0]
    Appeal.objects.bulk_update(some[20:], ["repeat_of"])
    pure = kpi.compute([kpi.Row(a.channel, a.received_on, a.accepted_on, a.acceptance_due, a.replied_on,
                                a.closing_due, a.satisfaction, a.repeat_of_id is not None, a.head_count)
                        for a in Appeal.objects.all()], TODAY)
    assert stats.totals(Appeal.objects.all(), TODAY) == pure
    by_city = {ln.key: ln.figures for ln in stats.breakdown(Appeal.objects.all(), "city", TODAY)}
    assert sum(f.received for f in by_city.values()) == pure.received
    assert by_city["3502"].timely_acceptance == kpi.compute(
        [kpi.Row(a.channel, a.received_on, a.accepted_on, a.acceptance_due, a.replied_on, a.closing_due,
                 a.satisfaction, a.repeat_of_id is not None, a.head_count)
         for a in Appeal.objects.filter(place__startswith="3502")], TODAY).timely_acceptance
