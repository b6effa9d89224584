"""Statutory clocks on the database: start, pause, resume, extend, count back, close, the on-time
figure, and a holiday notice loaded after the clock started. Dates counted by hand (see
tests/rules/test_deadline_pauses.py for the calendars)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from renshe.platform.audit.service import history
from renshe.platform.lawcalendar import overlay
from renshe.platform.lawcalendar.models import HolidayNotice, TrackedDeadline
from renshe.platform.workflow import clocks, kpi
from renshe.platform.workflow.machine import WorkflowError

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _forget_notices():
    overlay.forget()
    yield
    overlay.forget()


@pytest.fixture
def owner():
    return get_user_model().objects.create_user("caseworker", password="pw")


def test_a_clock_names_its_law_and_counts_from_the_next_day(owner):
    c = clocks.start(owner, "deadlines.arbitration_award", D(2025, 8, 20), actor=owner)
    # 8-20 + 45 days = Sat 10-04, in the National Day break (10-01..10-08) → Thu 10-09
    assert (c.due, c.length, c.unit, c.param) == (D(2025, 10, 9), 45, "days", "deadlines.arbitration_award")
    assert "劳动争议调解仲裁法" in c.basis and "第四十三条" in c.basis
    assert history(c).get(action="track").note.endswith("）")


def test_pause_resume_extend_close_on_time(owner):
    c = clocks.start(owner, "deadlines.arbitration_award", D(2025, 8, 20), actor=owner)
    c = clocks.pause(c, reason="等待工伤职工劳动能力鉴定结论", from_date=D(2025, 9, 1), actor=owner)
    assert c.paused
    with pytest.raises(WorkflowError):
        clocks.pause(c, reason="again", from_date=D(2025, 9, 2), actor=owner)
    # resumed on 9-03: 9-01, 9-02, 9-03 not counted → 10-04 + 3 = 10-07 (break) → 10-09
    c = clocks.resume(c, on=D(2025, 9, 3), actor=owner)
    assert (c.paused, c.days_paused, c.original_due, c.due) == (False, 3, D(2025, 10, 9), D(2025, 10, 9))
    # +15 days from the original due date 10-09 → Fri 10-24 (第四十三条第一款)
    c = clocks.extend(c, param="deadlines.arbitration_award_extension", actor=owner, note="案情复杂，经主任批准")
    assert (c.original_due, c.due, c.extension_length) == (D(2025, 10, 9), D(2025, 10, 24), 15)
    with pytest.raises(WorkflowError):
        clocks.extend(c, param="deadlines.arbitration_award_extension", actor=owner)
    c = clocks.close(c, on=D(2025, 10, 24), actor=owner)
    assert (c.is_open, c.on_time) == (False, True)
    assert [r.action for r in history(c).order_by("id")] == ["track", "pause", "resume", "extend", "close"]
    assert "第四十三条" in history(c).get(action="extend").note


def test_count_back_hearing_notice(owner):
    # 第三十五条: a hearing on Fri 2025-10-10 → notice by 10-05, in the break → Tue 9-30
    c = clocks.count_back(owner, "deadlines.arbitration_hearing_notice", D(2025, 10, 10), actor=owner)
    assert (c.due, c.counts_back) == (D(2025, 9, 30), True)
    assert clocks.close(c, on=D(2025, 10, 1), actor=owner).on_time is False


def test_on_time_kpi_honours_pauses(owner):
    met = clocks.start(owner, "deadlines.arbitration_acceptance", D(2026, 2, 2), actor=owner)  # 2-07 Sat → Mon 2-09
    assert met.due == D(2026, 2, 9)
    paused = clocks.start(owner, "deadlines.arbitration_acceptance", D(2026, 2, 2), actor=owner)
    clocks.pause(paused, reason="申请材料不齐，通知补正", from_date=D(2026, 2, 3), actor=owner)
    paused = clocks.resume(paused, on=D(2026, 2, 5), actor=owner)
    # 3 days not counted: 2-02 + 5 + 3 = 2-10 (Tue, working)
    assert paused.due == D(2026, 2, 10)
    late = clocks.start(owner, "deadlines.arbitration_acceptance", D(2026, 2, 2), actor=owner)
    clocks.close(met, on=D(2026, 2, 9), actor=owner)
    clocks.close(paused, on=D(2026, 2, 10), actor=owner)  # late without its pause, on time with it
    clocks.close(late, on=D(2026, 2, 10), actor=owner)
    clocks.start(owner, "deadlines.arbitration_acceptance", D(2026, 2, 2), actor=owner)  # open: not counted
    # 2 of 3 closed on or before their due date: 66.7 %
    assert kpi.on_time(TrackedDeadline.objects.all()) == kpi.OnTime(closed=3, on_time=2, rate=Decimal("66.7"))
    assert kpi.on_time(TrackedDeadline.objects.none()).rate is None


def test_a_notice_loaded_after_the_clock_started_recomputes_it_pauses_honoured(owner):
    # 20 working days from Sun 2026-12-20, paused Mon 12-28..Thu 12-31 (4 working days) → 24.
    # Law only for 2027 (元旦 1-01): 12-21..25 (5), 2027-01-04..08 (10), 11..15 (15), 18..22 (20)…
    # counting the pause: 12-21..25 (5 counted), 12-28..31 paused, 01-04..08 (10), 11..15 (15),
    # 18..22 (20) → 2027-01-22, provisional.
    c = clocks.start(owner, "deadlines.disclosure", D(2026, 12, 20), actor=owner)
    clocks.pause(c, reason="征求第三方意见（政府信息公开条例第三十二条）", from_date=D(2026, 12, 28), actor=owner)
    c = clocks.resume(c, on=D(2026, 12, 31), actor=owner)
    assert (c.due, c.days_paused, c.provisional) == (D(2027, 1, 22), 4, True)
    # A made-up 2027 notice (test only) adds 1-02..1-04 off: 01-05..08 (9), 11..15 (14),
    # 18..22 (19), Mon 25 (20) → 2027-01-25.
    HolidayNotice(
        year=2027, title="测试用虚构的2027年放假安排",
        days_off=[f"2027-01-0{d}" for d in range(1, 5)] + [f"2027-02-{d:02d}" for d in range(5, 12)],
        make_up_days=["2027-02-20"],
    ).save(actor=owner)
    c.refresh_from_db()
    assert (c.due, c.days_paused, c.provisional) == (D(2027, 1, 25), 4, False)
    rec = history(c).get(action="recompute")
    assert rec.before["due"] == "2027-01-22" and rec.after["due"] == "2027-01-25"
    assert "2027年放假安排通知已载入" in rec.note and rec.actor == owner


def test_start_many_gives_exactly_the_clocks_start_gives_and_audits_once_on_the_batch(owner):
    """A bulk import starts its clocks with ``start_many``: each row equal, field for field, to the
    clock ``start`` gives the same object on the same day; one audit record, on the batch."""
    users = get_user_model().objects
    others = [users.create_user(f"worker{i}", password="pw") for i in range(4)]
    batch = users.create_user("the-batch", password="pw")
    days = [D(2025, 8, 20), D(2025, 9, 26), D(2025, 9, 26), D(2025, 12, 31)]
    many = clocks.start_many(list(zip(others, days, strict=True)), "deadlines.arbitration_award", actor=owner,
                             batch=batch)
    ones = [clocks.start(o, "deadlines.arbitration_award", d, actor=owner) for o, d in zip(others, days, strict=True)]
    fields = [f.attname for f in TrackedDeadline._meta.concrete_fields if f.attname not in ("id", "created_at",
                                                                                             "updated_at")]
    assert [[getattr(c, f) for f in fields] for c in many] == [[getattr(c, f) for f in fields] for c in ones]
    # 8-20 + 45 days → 10-09 (see the first test); 9-26 + 45 = Mon 11-10
    assert [c.due for c in many[:2]] == [D(2025, 10, 9), D(2025, 11, 10)]
    assert TrackedDeadline.objects.filter(pk__in=[c.pk for c in many]).count() == 4
    assert [r.action for r in history(batch)] == ["track_many"]
    assert "4项期限" in history(batch).get().note and not history(many[0]).exists()
    assert clocks.start_many([], "deadlines.arbitration_award", actor=owner, batch=batch) == []
