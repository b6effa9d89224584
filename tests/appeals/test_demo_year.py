"""The demo year is reproducible and comes out as the report does: nearly every clock met, the
disclosure applications all answered in time, 3,050 items published proactively."""

import datetime as dt

import pytest
from django.db.models import F

from renshe.appeals import stats
from renshe.appeals.core import annual_report
from renshe.appeals.demo_year import CATALOGUE_ITEMS, DISCLOSURES, generate
from renshe.appeals.models import Appeal, CatalogueItem, DisclosureRequest, Handover
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.platform.workflow import kpi


@pytest.mark.django_db
def test_small_demo_year(setup):
    assert generate(2025, 3000, seed=1) == 3000
    assert Appeal.objects.count() == Handover.objects.count() == 3000
    f = stats.totals(Appeal.objects.all(), dt.date(2026, 1, 15))
    assert f.received + f.repeats == 3000 and f.repeats > 0
    assert 0.99 <= f.timely_acceptance.rate < 1 or f.timely_acceptance.rate == 1
    assert f.on_time_completion.rate >= 0.99 and f.satisfaction.rate >= 0.99
    assert stats.disclosure_on_time(DisclosureRequest.objects.all(), dt.date(2026, 1, 15)).rate == 1
    assert CatalogueItem.objects.count() == CATALOGUE_ITEMS
    # every request has its closing clock on the kernel: open while unanswered (so in the 待办),
    # closed on the reply day otherwise, and kpi.on_time counts those as the request's copy does
    open_ = Appeal.objects.filter(replied_on__isnull=True)
    assert open_.exists() and all(a.clock.is_open and a.clock.due == a.closing_due
                                  for a in open_.select_related("clock")[:200])
    clocks = TrackedDeadline.objects.filter(pk__in=Appeal.objects.values("clock_id"))
    on_time = kpi.on_time(clocks)
    answered = Appeal.objects.filter(replied_on__isnull=False)
    assert on_time.closed == answered.count() == clocks.filter(is_open=False).count()
    assert on_time.on_time == answered.filter(replied_on__lte=F("closing_due")).count()
    assert clocks.count() == 3000 and not clocks.filter(is_open=False).exclude(closed_on__isnull=False).exists()
    apps = [annual_report.Application(r.applicant_kind, r.received_on, r.replied_on, r.outcome)
            for r in DisclosureRequest.objects.all()]
    lines = {ln.label: ln.cells for ln in annual_report.table_three(apps, 2025)}
    assert lines["一、本年新收政府信息公开申请数量"]["total"] == DISCLOSURES
    first = list(Appeal.objects.order_by("pk").values_list("channel", "category", "place", "received_on")[:20])
    repeats = Appeal.objects.filter(repeat_of__isnull=False).select_related("repeat_of")[:50]
    assert all((a.phone, a.category, a.place) == (a.repeat_of.phone, a.repeat_of.category, a.repeat_of.place)
               for a in repeats)
    Appeal.objects.update(repeat_of=None)
    Appeal.objects.all().delete()
    DisclosureRequest.objects.all().delete()
    generate(2025, 3000, seed=1)
    assert list(Appeal.objects.order_by("pk").values_list("channel", "category", "place", "received_on")[:20]) == first
