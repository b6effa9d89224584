"""The working-day calendar against the published notices, the law and hand counts."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renshe.rules import calendar
from renshe.rules.errors import CalendarError

D = dt.date


def _span(first: str, last: str) -> set[dt.date]:
    a, b = D.fromisoformat(first), D.fromisoformat(last)
    return {a + dt.timedelta(days=i) for i in range((b - a).days + 1)}


# The notices as /work/shared/design/LEGAL-REFERENCE.md §9.2 and §9.3 transcribe them
# (2026 also read in the Xinhua full text, politics.gmw.cn/2025-11/04/content_38391083.htm).
NOTICE_2025 = {
    "off": {D(2025, 1, 1)}
    | _span("2025-01-28", "2025-02-04")
    | _span("2025-04-04", "2025-04-06")
    | _span("2025-05-01", "2025-05-05")
    | _span("2025-05-31", "2025-06-02")
    | _span("2025-10-01", "2025-10-08"),
    "work": {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)},
}
NOTICE_2026 = {
    "off": _span("2026-01-01", "2026-01-03")
    | _span("2026-02-15", "2026-02-23")
    | _span("2026-04-04", "2026-04-06")
    | _span("2026-05-01", "2026-05-05")
    | _span("2026-06-19", "2026-06-21")
    | _span("2026-09-25", "2026-09-27")
    | _span("2026-10-01", "2026-10-07"),
    "work": {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)},
}


@pytest.mark.parametrize(("year", "notice"), [(2025, NOTICE_2025), (2026, NOTICE_2026)])
def test_package_agrees_with_notice_every_day(year, notice):
    """Every day of the year: off per the notice, or a weekend not made a working day."""
    day = D(year, 1, 1)
    while day.year == year:
        off = day in notice["off"] or (day.weekday() >= 5 and day not in notice["work"])
        assert calendar.is_workday(day) is not off, day
        assert chinese_calendar.is_workday(day) is not off, day
        day += dt.timedelta(days=1)


# Festival days worked out by hand from 全国年节及纪念日放假办法 第二条 (2024 revision):
# 2025: 春节 = 除夕 1-28 (正月初一 1-29) to 初三 1-31; 清明 4-4; 端午 5-31; 中秋 10-6.
# 2026: 春节 = 除夕 2-16 (正月初一 2-17) to 初三 2-19; 清明 4-5; 端午 6-19; 中秋 9-25.
FESTIVALS = {
    2025: {D(2025, 1, 1)}
    | _span("2025-01-28", "2025-01-31")
    | {D(2025, 4, 4), D(2025, 5, 1), D(2025, 5, 2), D(2025, 5, 31)}
    | _span("2025-10-01", "2025-10-03")
    | {D(2025, 10, 6)},
    2026: {D(2026, 1, 1)}
    | _span("2026-02-16", "2026-02-19")
    | {D(2026, 4, 5), D(2026, 5, 1), D(2026, 5, 2), D(2026, 6, 19), D(2026, 9, 25)}
    | _span("2026-10-01", "2026-10-03"),
}


@pytest.mark.parametrize("year", [2025, 2026])
def test_festival_days_are_holidays_and_other_days_off_are_restdays(year):
    assert set(calendar.festivals(year)) == FESTIVALS[year]
    notice = NOTICE_2025 if year == 2025 else NOTICE_2026
    for day in notice["off"]:
        assert calendar.day_kind(day) == ("holiday" if day in FESTIVALS[year] else "restday"), day
    for day in notice["work"]:
        assert calendar.day_kind(day) == "workday", day


def test_a_festival_on_a_weekend_is_still_a_holiday():
    # 2026-10-03 is a Saturday and 国庆 day 3: work on it is paid at 300%.
    assert D(2026, 10, 3).weekday() == 5
    assert calendar.day_kind(D(2026, 10, 3)) == "holiday"
    # 2026-10-04 (Sunday) and 10-05 to 10-07 are days off but not festival days.
    assert [calendar.day_kind(D(2026, 10, d)) for d in range(4, 9)] == ["restday"] * 4 + ["workday"]


def test_loaded_notices_carry_their_citation():
    assert calendar.notice_for(2025).number == "国办发明电〔2024〕12号"
    assert calendar.notice_for(2026).number == "国办发明电〔2025〕7号"
    assert calendar.notice_for(2026).issued_on == D(2025, 11, 4)
    assert calendar.notice_for(2027) is None


def test_law_computed_festivals_fall_on_days_the_package_gives_off():
    """2008–2026: each festival day the law places (lunar dates, 清明 by solar term) is off in the notices."""
    for year in range(2008, 2027):
        for day, name in calendar.statutory_festivals(year).items():
            assert not chinese_calendar.is_workday(day), (year, day, name)


def test_spring_festival_revisions():
    # 2008–2013: 除夕, 初一, 初二 (2013: 正月初一 = 2-10, so 2-09 to 2-11).
    assert {d for d, n in calendar.statutory_festivals(2013).items() if n == "春节"} == _span(
        "2013-02-09", "2013-02-11"
    )
    # 2014–2024: 初一 to 初三 (2024: 正月初一 = 2-10, so 2-10 to 2-12; 除夕 2-09 is not one).
    assert {d for d, n in calendar.statutory_festivals(2024).items() if n == "春节"} == _span(
        "2024-02-10", "2024-02-12"
    )
    # The 2024 notice left 除夕 2-09 a working day (chinese_calendar data; the notice only encouraged leave).
    assert calendar.day_kind(D(2024, 2, 9)) == "workday"
    # 2024 劳动节 was one day; 2025 onward two.
    assert calendar.day_kind(D(2024, 5, 2)) == "restday"
    assert calendar.day_kind(D(2025, 5, 2)) == "holiday"


def test_2027_is_provisional_and_follows_the_law():
    # 2027 春节 (正月初一) is 2027-02-06, a Saturday: published lunar tables agree
    # (m.www.hbzqbyyxgs.com/zhishi/173288.html "2027年春節時間:2月06日,星期六";
    # whdslt.com/zxwd/202509/343990.html "2027 | 2月6日 | 正月初一"), so 除夕 is 2-05.
    # 清明 2027 is 4-05, a Monday (weian168.com/post/84698.html: "2027 | 4月5日 | 二月廿九 | 星期一";
    # news.jjsx.com.cn/jing/202601/2030770.html agrees).
    festivals = calendar.statutory_festivals(2027)
    assert {d for d, n in festivals.items() if n == "春节"} == _span("2027-02-05", "2027-02-08")
    assert [d for d, n in festivals.items() if n == "清明节"] == [D(2027, 4, 5)]
    assert len(festivals) == 13  # 1 + 4 + 1 + 2 + 1 + 1 + 3 days, 第二条
    assert calendar.day_kind(D(2027, 2, 6)) == "holiday"
    assert calendar.is_provisional(D(2027, 2, 6))
    # No 调休 is invented: 2027-02-09 (Tuesday after 初三) is a working day until a notice says otherwise.
    assert calendar.day_kind(D(2027, 2, 9)) == "workday"
    assert not calendar.is_provisional(D(2026, 12, 31))


def test_qingming_by_solar_term_in_known_years():
    # Published 清明 dates (weian168.com/post/84698.html table): 2020-04-04, 2022-04-05,
    # 2023-04-05, 2024-04-04, 2025-04-04, 2028-04-04, 2029-04-04, 2030-04-05.
    known = [D(2020, 4, 4), D(2022, 4, 5), D(2023, 4, 5), D(2024, 4, 4), D(2025, 4, 4)]
    known += [D(2028, 4, 4), D(2029, 4, 4), D(2030, 4, 5)]
    for day in known:
        assert calendar.statutory_festivals(day.year)[day] == "清明节"


def test_working_days_across_national_day_by_hand():
    # From 2025-09-26 (Fri), the 1st day counted is 9-27 (Sat, rest):
    # 9-28 Sun 补班 (1), 9-29 (2), 9-30 (3), 10-01..10-08 off, 10-09 (4), 10-10 (5),
    # 10-11 Sat 补班 (6), 10-13..17 (7–11), 10-20..24 (12–16), 10-27 (17), 10-28 (18),
    # 10-29 (19), 10-30 (20).
    assert calendar.add_working_days(D(2025, 9, 26), 20) == calendar.CalendarResult(D(2025, 10, 30), False)
    assert calendar.working_days_between(D(2025, 9, 26), D(2025, 10, 30)).value == 20
    # Three working days before 2025-10-09: 9-30, 9-29, 9-28 (the Sunday 补班).
    assert calendar.add_working_days(D(2025, 10, 9), -3).value == D(2025, 9, 28)
    assert calendar.add_working_days(D(2025, 10, 4), 0).value == D(2025, 10, 4)


def test_provisional_when_a_year_has_no_notice():
    # From 2026-12-20 (Sun): 12-21..25 (1–5), 12-28..31 (6–9), 2027-01-01 元旦 (law),
    # 01-04..08 (10–14), 01-11..15 (15–19), 01-18 (20).
    result = calendar.add_working_days(D(2026, 12, 20), 20)
    assert result == calendar.CalendarResult(D(2027, 1, 18), True)
    assert calendar.basis(D(2026, 12, 20), D(2027, 1, 18))[1].startswith("2027年：未载入放假通知")


@pytest.mark.parametrize("day", [D(2003, 12, 31), D(2100, 1, 1)])
def test_dates_outside_the_calendar_are_bilingual_errors(day):
    with pytest.raises(CalendarError) as err:
        calendar.day_kind(day)
    problem = err.value.problems[0]
    assert problem.field == "date" and "超出工作日历范围" in problem.zh and "outside" in problem.en


def test_result_beyond_the_calendar_is_an_error():
    with pytest.raises(CalendarError):
        calendar.add_working_days(D(2099, 12, 20), 30)


def test_overlay_notice_wins_and_ends_provisional():
    hypothetical = calendar.Notice(  # a made-up notice, only for this test
        year=2027,
        title="测试用虚构通知",
        number=None,
        issued_on=None,
        url=None,
        days_off=frozenset(_span("2027-02-05", "2027-02-11")),
        make_up_days=frozenset({D(2027, 2, 20)}),
    )
    calendar.set_overlay(lambda year: hypothetical if year == 2027 else None)
    try:
        assert calendar.day_kind(D(2027, 2, 9)) == "restday"
        assert calendar.day_kind(D(2027, 2, 20)) == "workday"
        assert calendar.day_kind(D(2027, 2, 6)) == "holiday"
        assert not calendar.is_provisional(D(2027, 2, 9))
    finally:
        calendar.set_overlay(None)
    assert calendar.day_kind(D(2027, 2, 9)) == "workday"


def test_notice_rejects_a_day_both_off_and_working():
    with pytest.raises(CalendarError):
        calendar.Notice(2027, "x", None, None, None, frozenset({D(2027, 1, 2)}), frozenset({D(2027, 1, 2)}))


def test_arrays_match_scalars():
    starts = np.array(["2025-09-26", "2026-02-13", "2026-12-20"], dtype="datetime64[D]")
    due, prov = calendar.add_working_days_array(starts, [20, 5, 20])
    assert [d.item() for d in due] == [
        D(2025, 10, 30),
        calendar.add_working_days(D(2026, 2, 13), 5).value,
        D(2027, 1, 18),
    ]
    assert prov.tolist() == [False, False, True]
    kinds = calendar.day_kind_array(
        np.array(["2025-01-26", "2025-01-28", "2025-02-04"], dtype="datetime64[D]")
    )
    assert kinds.tolist() == ["workday", "holiday", "restday"]


days_in_range = st.dates(min_value=D(2004, 1, 1), max_value=D(2098, 6, 30))


@settings(max_examples=150, deadline=None)
@given(start=days_in_range, n=st.integers(min_value=1, max_value=400))
def test_add_working_days_lands_on_a_working_day(start, n):
    due = calendar.add_working_days(start, n).value
    assert due > start and calendar.is_workday(due)
    assert calendar.working_days_between(start, due).value == n


@settings(max_examples=150, deadline=None)
@given(
    start=days_in_range,
    n=st.integers(min_value=0, max_value=300),
    extra=st.integers(min_value=1, max_value=60),
)
def test_more_working_days_is_never_earlier(start, n, extra):
    assert calendar.add_working_days(start, n + extra).value > calendar.add_working_days(start, n).value


def test_classify_pairs_kind_and_provisional():
    assert calendar.classify(D(2025, 10, 1)) == calendar.CalendarResult("holiday", False)
    assert calendar.classify(D(2027, 10, 1)) == calendar.CalendarResult("holiday", True)


@pytest.fixture
def holidays_dir(tmp_path, monkeypatch):
    """A scratch holidays/ directory; the calendar's caches are reset before and after."""

    def reset():
        calendar._file_notices.cache_clear()
        calendar._builtin_notice.cache_clear()
        calendar.invalidate()

    monkeypatch.setattr(calendar, "HOLIDAYS_DIR", tmp_path)
    reset()
    yield tmp_path
    monkeypatch.undo()
    reset()


def test_a_notice_file_for_a_year_the_package_lacks(holidays_dir):
    # A MADE-UP 2027 file (layout test only): ranges, a make-up day, a corrected festival list.
    (holidays_dir / "2027.yaml").write_text(
        "year: 2027\ntitle: 测试用虚构通知\nnumber: 测试〔2026〕1号\nsource: test\nverified: false\nnote: 虚构\n"
        "days_off: [2027-01-01, [2027-02-05, 2027-02-11]]\nmake_up_days: [2027-02-20]\n"
        "festival_days: {元旦: [2027-01-01], 春节: [[2027-02-05, 2027-02-08]]}\n",
        encoding="utf-8",
    )
    assert calendar.notice_for(2027).number == "测试〔2026〕1号"
    assert calendar.classify(D(2027, 2, 10)) == calendar.CalendarResult("restday", False)
    assert calendar.day_kind(D(2027, 2, 20)) == "workday"
    assert calendar.festivals(2027) == {
        D(2027, 1, 1): "元旦",
        **{d: "春节" for d in _span("2027-02-05", "2027-02-08")},
    }


def test_a_notice_file_without_days_for_an_uncovered_year_is_refused(holidays_dir):
    (holidays_dir / "2027.yaml").write_text(
        "year: 2027\ntitle: x\nsource: test\nverified: false\n", encoding="utf-8"
    )
    with pytest.raises(CalendarError) as err:
        calendar.day_kind(D(2027, 3, 1))
    assert "days_off" in err.value.problems[0].en
