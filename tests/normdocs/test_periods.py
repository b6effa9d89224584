"""Time limits of the register, with the counts done by hand on the 2025 calendar.

2025 notice (国办发明电〔2024〕12号, holidays/2025.yaml): 国庆、中秋 10月1日至8日放假，
9月28日（星期日）、10月11日（星期六）上班; 春节 1月28日至2月4日放假，1月26日、2月8日上班.
"""

from __future__ import annotations

import datetime as dt

from renshe.normdocs.core import periods
from renshe.rules import calendar

D = dt.date


def test_review_length_is_15_working_days_and_cited():
    p = periods.review_length(D(2025, 9, 26))
    assert (p.value, p.unit, p.reference.number) == (15, "working_days", "国办发〔2018〕115号")


def test_review_due_across_national_day():
    # Submitted Fri 2025-09-26; counted from 09-27 (Sat, rest):
    # 09-28 Sun 补班 (1), 09-29 (2), 09-30 (3), 10-01..10-08 off, 10-09 (4), 10-10 (5),
    # 10-11 Sat 补班 (6), 10-13..10-17 (7..11), 10-20..10-23 (12..15) → 2025-10-23.
    assert calendar.add_working_days(D(2025, 9, 26), 15).value == D(2025, 10, 23)


def test_review_too_short_below_5_working_days():
    # Submitted Mon 2025-02-10: 02-11, 12, 13, 14 = 4 working days by Fri 02-14 → too short;
    # Mon 02-17 is the 5th → not too short.
    assert periods.review_too_short(D(2025, 2, 10), D(2025, 2, 14))[0] is True
    assert periods.review_too_short(D(2025, 2, 10), D(2025, 2, 17))[0] is False


def test_filing_due_30_days_moved_past_a_holiday():
    # Published 2025-09-05: day 1 is 09-06, day 30 is 10-05 (Sunday, inside 10-01..10-08 off)
    # → 民法典第二百零三条: the next working day, Thu 2025-10-09.
    due, p = periods.filing_due(D(2025, 9, 5))
    assert (due, p.value, p.unit) == (D(2025, 10, 9), 30, "days")


def test_filing_due_on_a_working_day_stays():
    # Published 2025-10-20: 10-20 + 30 days = 2025-11-19, a Wednesday.
    assert periods.filing_due(D(2025, 10, 20))[0] == D(2025, 11, 19)


def test_validity_five_years_or_two_for_provisional_documents():
    # Effective 2025-07-01, 5 years → anniversary 2030-07-01 → last valid day 2030-06-30.
    last, p = periods.longest_validity("关于贯彻实施《福建省人力资源市场条例》的意见", D(2025, 7, 1))
    assert (last, p.value) == (D(2030, 6, 30), 5)
    # 暂行办法, effective 2025-05-01, 2 years → 2027-04-30; 试行 the same.
    assert periods.longest_validity("病残津贴暂行办法", D(2025, 5, 1))[0] == D(2027, 4, 30)
    assert periods.longest_validity("要素式办案规程（试行）", D(2025, 5, 1))[0] == D(2027, 4, 30)


def test_expiry_window_bounds_are_inclusive():
    today = D(2026, 11, 26)
    assert periods.expires_within(D(2026, 11, 26), today, 30)
    assert periods.expires_within(D(2026, 12, 26), today, 30)  # 11-26 + 30 days
    assert not periods.expires_within(D(2026, 12, 27), today, 30)
    assert not periods.expires_within(D(2026, 11, 25), today, 30)  # already past
    assert not periods.expires_within(None, today, 30)


def test_unverified_parameters_say_what_was_searched():
    for name in (periods.REVIEW_MIN, periods.REVIEW_MAX, periods.FILING, periods.VALIDITY, periods.WARNING):
        p = periods.param(name, D(2025, 6, 1))
        assert p.verified or "检索" in (p.note or "")
