"""The appeals' statutory clocks across holidays, with a pause, a completion request and an extension.

Every due date below is counted by hand on the State Council's holiday notices (2025: 国办发明电
〔2024〕12号 — National Day 10月1日至8日放假, 9月28日（周日）和10月11日（周六）上班; 2026: the notice for
2026's Spring Festival, 2月15日至23日放假, 2月14日（周六）、2月28日（周六）上班), not copied from the program.
"""

import datetime as dt

import pytest

from renshe.appeals.core import clocks
from renshe.rules.errors import RulesError

D = dt.date


def test_disclosure_reply_across_national_day():
    # Received Fri 2025-09-26. Working days from the 27th: 9/28 (make-up Sunday) 1, 9/29 2, 9/30 3,
    # (10/1–10/8 off) 10/9 4, 10/10 5, 10/11 (make-up Saturday) 6, 10/13–17 7–11, 10/20–24 12–16,
    # 10/27 17, 10/28 18, 10/29 19, 10/30 20.
    due = clocks.due("deadlines.disclosure", D(2025, 9, 26))
    assert due.due == D(2025, 10, 30)
    assert due.unit == "working_days" and due.length == 20
    assert "第三十三条第二款" in due.basis


def test_completion_request_restarts_the_clock_from_the_completed_application():
    # Art. 30: the 20 working days run from the day the completed application arrives, Mon 2025-11-03:
    # 11/4–7 1–4, 11/10–14 5–9, 11/17–21 10–14, 11/24–28 15–19, 12/1 20.
    completion = clocks.due("appeals.disclosure.completion_notice", D(2025, 10, 27))
    # 7 working days to ask for it: 10/28 1, 10/29 2, 10/30 3, 10/31 4, 11/3 5, 11/4 6, 11/5 7.
    assert completion.due == D(2025, 11, 5)
    assert clocks.due("deadlines.disclosure", D(2025, 11, 3)).due == D(2025, 12, 1)


def test_third_party_pause_and_extension_from_the_original_due_date():
    # Pause 10/9–10/15 (third-party opinion, art. 33 ¶3): working days 10/9, 10/10, 10/11, 10/13,
    # 10/14, 10/15 = 6, so 26 working days from 9/27: 10/30 was the 20th, 10/31 21, 11/3–7 22–26.
    # Extension of 20 working days from 11/7 (art. 33 ¶2): 11/10–14 5, 11/17–21 10, 11/24–28 15, 12/1–5 20.
    due = clocks.due(
        "deadlines.disclosure",
        D(2025, 9, 26),
        pauses=[clocks.Pause(D(2025, 10, 9), D(2025, 10, 15), "征求第三方意见")],
        extension="deadlines.disclosure_extension",
    )
    assert due.units_paused == 6
    assert due.original_due == D(2025, 11, 7)
    assert due.extension == 20
    assert due.due == D(2025, 12, 5)


def test_petition_closing_in_days_rolls_past_spring_festival_and_extends_from_original_due():
    # Accepted 2025-12-20. 60 days: Dec has 11 days left (21–31), Jan 31 → 42, Feb 18 → 60: 2026-02-18,
    # inside the Spring Festival holiday (2/15–2/23): the period ends the next working day, 2/24 (art. 203).
    # Extension 30 days from 2/24 (art. 34): Feb 24 + 30 = Mar 26 (Thursday, a working day).
    base = clocks.due("deadlines.petition_closing", D(2025, 12, 20))
    assert base.due == D(2026, 2, 24)
    ext = clocks.due("deadlines.petition_closing", D(2025, 12, 20), extension="appeals.petition.closing_extension")
    assert ext.original_due == D(2026, 2, 24)
    assert ext.due == D(2026, 3, 26)


def test_rereview_with_a_hearing_pause_in_days():
    # Re-review received 2025-03-03: 30 days → 4/2. A hearing 3/10–3/12 (art. 36 ¶2, not counted)
    # adds 3 calendar days: 4/5 is a Saturday (and 4/4–4/6 is the Qingming holiday): next working day 4/7.
    due = clocks.due("appeals.petition.rereview", D(2025, 3, 3), pauses=[clocks.Pause(D(2025, 3, 10), D(2025, 3, 12))])
    assert due.units_paused == 3
    assert due.due == D(2025, 4, 7)


def test_hotline_limits_are_marked_unverified():
    due = clocks.due("appeals.hotline.closing", D(2025, 6, 3), region="fujian")
    assert due.verified is False
    assert clocks.due("deadlines.petition_reply", D(2025, 6, 3)).verified is True


def test_on_time():
    assert clocks.on_time(D(2025, 1, 10), D(2025, 1, 10), D(2025, 2, 1)) is True
    assert clocks.on_time(D(2025, 1, 11), D(2025, 1, 10), D(2025, 2, 1)) is False
    assert clocks.on_time(None, D(2025, 1, 10), D(2025, 1, 10)) is None  # still running on its last day
    assert clocks.on_time(None, D(2025, 1, 10), D(2025, 1, 11)) is False


def test_a_pause_ending_before_it_starts_is_refused():
    with pytest.raises(RulesError) as exc:
        clocks.Pause(D(2025, 3, 5), D(2025, 3, 1))
    assert "早于" in exc.value.problems[0].zh
