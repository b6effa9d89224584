"""The ``deadline`` calculator's pauses, lawful extension and count-back (CONTRACTS.md), on the
calendar of 2025's National Day and 2026's Spring Festival. Every date below is counted by hand.

2025 (国办发明电〔2024〕12号): 10月1日至8日 off; 9月28日（周日）、10月11日（周六）上班.
2026 (国办发明电〔2025〕7号): 春节2月15日至23日 off; 2月14日（周六）、2月28日（周六）上班; 清明4月4日至6日 off.
"""

from __future__ import annotations

import datetime as dt

import pytest

from renshe.rules import deadlines
from renshe.rules.deadlines import DeadlineIn, Pause, clock_due, compute_deadline, count_back
from renshe.rules.errors import RulesError

D = dt.date


def test_days_clock_paused_then_extended_across_national_day():
    # 仲裁裁决 45 days (第四十三条) from acceptance on Wed 2025-08-20, paused 9-01..9-03 (3 days).
    # 8-20 + 45 = 10-04; + 3 paused = 10-07 (in the break) → rolled once to Thu 10-09.
    # (Rolling first would give 10-04 → 10-09, + 3 = 10-12 Sunday → 10-13: the contract forbids that.)
    # Extension +15 days from 10-09 = Fri 10-24, a working day.
    out = compute_deadline(DeadlineIn(
        start=D(2025, 8, 20), kind="arbitration_award",
        pauses=[{"from": "2025-09-01", "to": "2025-09-03"}], extended=True,
    ))
    assert (out.original_due, out.days_paused, out.due) == (D(2025, 10, 9), 3, D(2025, 10, 24))
    assert any("第四十三条" in s.reference.article for s in out.trace if s.reference.article)


def test_working_day_clock_paused_and_extended_across_spring_festival():
    # 政府信息公开 20 working days from Mon 2026-02-02: Feb 3–6 (4), 9–13 (9), Sat 14 (10),
    # 24–27 (14), Sat 28 (15), Mar 2–6 (20) → 3-06.
    assert compute_deadline(DeadlineIn(start=D(2026, 2, 2), kind="disclosure")).due == D(2026, 3, 6)
    # Paused 2-09..2-13 (5 working days): 25 working days → Mar 9–13 → 3-13.
    # Extension +20 working days from 3-13 (第三十三条第二款): Mar 16–20 (5), 23–27 (10),
    # Mar 30, 31, Apr 1, 2, 3 (15); 清明 Apr 4–6 off; Apr 7, 8, 9, 10 (19), Mon Apr 13 (20).
    out = compute_deadline(DeadlineIn(
        start=D(2026, 2, 2), kind="disclosure", pauses=[{"from": "2026-02-09", "to": "2026-02-13"}], extended=True,
    ))
    assert (out.original_due, out.days_paused, out.due) == (D(2026, 3, 13), 5, D(2026, 4, 13))


def test_a_pause_over_the_festival_counts_only_its_working_days():
    # Pause 2-13..2-24: Fri 13, make-up Sat 14, Tue 24 are working days (3); 15–23 are not.
    # 23 working days: 3-06 is the 20th, then 3-09, 3-10, 3-11.
    c = clock_due(D(2026, 2, 2), 20, "working_days", (Pause(D(2026, 2, 13), D(2026, 2, 24)),))
    assert (c.due, c.days_paused) == (D(2026, 3, 11), 3)


def test_a_pause_after_the_due_date_does_not_count():
    c = clock_due(D(2025, 8, 20), 45, "days", (Pause(D(2025, 10, 20), D(2025, 10, 22)),))
    assert (c.due, c.days_paused) == (D(2025, 10, 9), 0)  # 8-20 + 45 = 10-04 → 10-09


def test_count_back_moves_to_the_working_day_before():
    # 第三十五条: notice five days before a hearing on Fri 2025-10-10 → 10-05, in the break;
    # the last working day before it is Tue 9-30.
    assert count_back(D(2025, 10, 10), 5, "days") == D(2025, 9, 30)
    # A hearing on Mon 2026-03-09: 3-04 (Wed) is a working day.
    assert count_back(D(2026, 3, 9), 5, "days") == D(2026, 3, 4)


@pytest.mark.parametrize(
    ("inp", "field"),
    [
        ({"start": "2025-08-20", "kind": "petition_reply", "extended": True}, "extended"),
        ({"start": "2025-08-20", "days": 5, "extended": True}, "extended"),
        ({"start": "2025-08-20", "days": 5, "pauses": [{"from": "2025-08-25", "to": "2025-08-24"}]}, "pauses"),
        ({"start": "2025-08-20", "days": 5, "pauses": [{"from": "2025-08-20", "to": "2025-08-21"}]}, "pauses"),
        ({"start": "2025-08-20", "days": 30, "pauses": [{"from": "2025-08-25", "to": "2025-08-28"},
                                                          {"from": "2025-08-27", "to": "2025-08-29"}]}, "pauses"),
    ],
)
def test_bad_pauses_and_extensions_are_refused_bilingually(inp, field):
    with pytest.raises(RulesError) as err:
        compute_deadline(DeadlineIn(**inp))
    p = err.value.problems[0]
    assert p.field == field and p.zh and p.en


def test_without_pauses_or_extension_the_result_is_unchanged():
    out = compute_deadline(DeadlineIn(start=D(2025, 9, 26), kind="disclosure"))
    assert (out.due, out.original_due, out.days_paused) == (D(2025, 10, 30), D(2025, 10, 30), 0)
    assert deadlines.CALCULATORS[0].name == "deadline"
