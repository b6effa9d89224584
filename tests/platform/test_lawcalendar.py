"""Holiday notices entered in the platform move the deadlines they affect, with audit records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from renshe.platform.audit.models import AuditRecord
from renshe.platform.audit.service import history
from renshe.platform.lawcalendar import overlay, service
from renshe.platform.lawcalendar.forms import HolidayNoticeForm
from renshe.platform.lawcalendar.models import HolidayNotice, TrackedDeadline
from renshe.rules import calendar
from renshe.rules.errors import RulesError

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _forget_notices():
    """The database rolls back after each test; the in-memory copy must too."""
    overlay.forget()
    yield
    overlay.forget()


@pytest.fixture
def owner():
    return get_user_model().objects.create_user("caseworker", password="pw")


def _hypothetical_2027(**extra) -> HolidayNotice:
    """A MADE-UP 2027 notice for these tests only (no 2027 notice was found in any source)."""
    days_off = [f"2027-01-0{d}" for d in range(1, 5)] + [f"2027-02-{d:02d}" for d in range(5, 12)]
    return HolidayNotice(
        year=2027,
        title="测试用虚构的2027年放假安排",
        days_off=days_off,
        make_up_days=["2027-02-20"],
        **extra,
    )


def test_track_stores_the_deadline_and_an_audit_record(owner):
    deadline = service.track(owner, "disclosure", D(2025, 9, 26), actor=owner)
    # 20 working days from 2025-09-26 → 2025-10-30 (hand count in tests/rules/test_deadlines.py).
    assert (deadline.due, deadline.provisional, deadline.length, deadline.unit) == (
        D(2025, 10, 30),
        False,
        20,
        "working_days",
    )
    assert deadline.owner == owner
    assert [r.action for r in history(deadline)] == ["track"]


def test_track_refuses_bad_input_bilingually(owner):
    with pytest.raises(RulesError) as err:
        service.track(owner, None, D(2025, 9, 26))
    assert err.value.problems[0].field == "working_days"


def test_saving_a_notice_recomputes_open_deadlines_and_audits_each(owner):
    # Provisional (law only) for 2027:
    # a) 20 working days from 2026-12-20 → 2027-01-18 (hand count in test_calendar).
    # b) 5 days from 2027-02-01 → 2-06 (春节 by law 2-05..2-08) → next working day 2-09.
    wd = service.track(owner, None, D(2026, 12, 20), working_days=20)
    days = service.track(owner, "arbitration_acceptance", D(2027, 2, 1))
    closed = service.close(service.track(owner, None, D(2026, 12, 20), working_days=20))
    assert (wd.due, wd.provisional, days.due, days.provisional) == (D(2027, 1, 18), True, D(2027, 2, 9), True)

    _hypothetical_2027().save(actor=owner)

    wd.refresh_from_db()
    days.refresh_from_db()
    closed.refresh_from_db()
    # a) with 01-04 off too: 12-21..25 (5), 12-28..31 (9), 01-05..08 (13), 01-11..15 (18), 01-18 (19), 01-19 (20).
    assert (wd.due, wd.provisional) == (D(2027, 1, 19), False)
    # b) 2-06 is off (2-05..2-11) → 2-12 (Fri).
    assert (days.due, days.provisional) == (D(2027, 2, 12), False)
    # A closed deadline is left as it was.
    assert (closed.due, closed.provisional) == (D(2027, 1, 18), True)

    rec = history(wd).filter(action="recompute").get()
    # a clock with no extension has its original due date move with it
    assert rec.before == {
        "due": "2027-01-18", "original_due": "2027-01-18", "provisional": True, "updated_at": rec.before["updated_at"]
    }
    assert rec.after["due"] == "2027-01-19" and "2027年放假安排通知已载入" in rec.note
    assert rec.actor == owner
    assert history(days).filter(action="recompute").count() == 1
    assert not history(closed).filter(action="recompute").exists()
    notice = HolidayNotice.objects.get(year=2027)
    assert [r.action for r in history(notice)] == ["create"]


def test_editing_and_deleting_the_notice_recompute_again(owner):
    wd = service.track(owner, None, D(2026, 12, 20), working_days=20)
    notice = _hypothetical_2027()
    notice.save()
    notice.days_off = [d for d in notice.days_off if d != "2027-01-04"]
    notice.save()
    wd.refresh_from_db()
    assert (wd.due, wd.provisional) == (D(2027, 1, 18), False)
    notice.delete()
    wd.refresh_from_db()
    assert (wd.due, wd.provisional) == (D(2027, 1, 18), True)
    assert history(wd).filter(action="recompute").count() == 3
    assert calendar.is_provisional(D(2027, 1, 18))


def test_notice_save_and_recompute_are_one_transaction(owner, monkeypatch):
    service.track(owner, None, D(2026, 12, 20), working_days=20)

    def fail(*args, **kwargs):
        raise RuntimeError("recompute failed")

    monkeypatch.setattr(service, "recompute_year", fail)
    with pytest.raises(RuntimeError):
        _hypothetical_2027().save()
    assert not HolidayNotice.objects.exists()
    assert not AuditRecord.objects.filter(action="create").exists()
    assert TrackedDeadline.objects.get().due == D(2027, 1, 18)


def test_admin_form_reads_ranges_and_named_festivals():
    form = HolidayNoticeForm(
        data={
            "year": 2027,
            "title": "测试用虚构通知",
            "days_off_text": "2027-02-05 至 2027-02-11\n2027-01-01",
            "make_up_text": "2027-02-20",
            "festival_text": "2027-02-05 至 2027-02-08 春节",
        }
    )
    assert form.is_valid(), form.errors
    notice = form.save(commit=False)
    assert notice.days_off[0] == "2027-01-01" and len(notice.days_off) == 8
    assert notice.festival_days["2027-02-06"] == "春节"
    bad = HolidayNoticeForm(data={"year": 2027, "title": "x", "days_off_text": "2027/02/05"})
    assert not bad.is_valid()
    both = HolidayNoticeForm(
        data={"year": 2027, "title": "x", "days_off_text": "2027-02-20", "make_up_text": "2027-02-20"}
    )
    assert not both.is_valid()


def test_admin_add_page_saves_with_the_user_as_actor(client):
    admin = get_user_model().objects.create_superuser("admin", password="pw")
    client.force_login(admin)
    assert client.get("/admin/lawcalendar/holidaynotice/add/").status_code == 200
    response = client.post(
        "/admin/lawcalendar/holidaynotice/add/",
        {"year": 2027, "title": "测试用虚构通知", "days_off_text": "2027-02-05 至 2027-02-11", "url": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = HolidayNotice.objects.get(year=2027)
    assert history(notice).get().actor == admin
    assert client.get("/admin/lawcalendar/trackeddeadline/").status_code == 200
