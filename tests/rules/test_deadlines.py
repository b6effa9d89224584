"""Statutory periods (民法典 arts. 201–203) and the deadline and limitation calculators, by hand."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renshe.rules import calculators, calendar, deadlines
from renshe.rules.errors import RulesError

D = dt.date


def run(name: str, payload: dict) -> dict:
    return calculators.run(name, payload)


def test_disclosure_20_working_days_across_national_day():
    # 政府信息公开条例 第三十三条: 20 working days from receipt on 2025-09-26 (Fri).
    # Counted from 9-27: 9-28 补班 (1), 9-29 (2), 9-30 (3), 10-01..08 off, 10-09 (4), 10-10 (5),
    # 10-11 补班 (6), 10-13..17 (7–11), 10-20..24 (12–16), 10-27..30 (17–20) → 2025-10-30.
    out = run("deadline", {"start": "2025-09-26", "kind": "disclosure"})
    assert out["due"] == "2025-10-30"
    assert out["counted_from"] == "2025-09-27"
    assert (out["length"], out["unit"], out["provisional"]) == (20, "working_days", False)
    assert any(p["name"] == "deadlines.disclosure" for step in out["trace"] for p in step["params"])
    assert out["trace"][0]["reference"]["article"] == "第二百零一条第一款"


def test_days_period_ending_on_a_holiday_moves_to_next_working_day():
    # 5 days from 2025-09-26: 9-26 + 5 = 10-01 (国庆, off through 10-08) → 10-09 (Thu), 民法典 第二百零三条.
    out = run("deadline", {"start": "2025-09-26", "days": 5})
    assert out["due"] == "2025-10-09"
    assert "顺延" in out["trace"][-1]["rule"]


def test_arbitration_acceptance_over_spring_festival():
    # 劳动争议调解仲裁法 第二十九条 5 days from 2026-02-11: 2-11 + 5 = 2-16 (除夕, off 2-15..2-23) → 2-24 (Tue).
    assert run("deadline", {"start": "2026-02-11", "kind": "arbitration_acceptance"})["due"] == "2026-02-24"


def test_a_make_up_saturday_is_a_working_day_for_the_last_day():
    # 14 days from 2026-02-14: 2-14 + 14 = 2-28, a Saturday the 2026 notice makes a working day: no move.
    assert run("deadline", {"start": "2026-02-14", "days": 14})["due"] == "2026-02-28"


def test_arbitration_award_45_days():
    # 第四十三条: 45 days from acceptance on 2025-12-20: Dec has 11 days left (to 12-31), 45 − 11 = 34,
    # January's 31 leave 3 → 2026-02-03 (Tue), a working day.
    assert run("deadline", {"start": "2025-12-20", "kind": "arbitration_award"})["due"] == "2026-02-03"


def test_year_period_corresponding_day_and_month_end():
    # 工伤保险条例 第十七条第二款 one year: from 2025-01-31 the last day is 2026-01-31 (Sat) → 2026-02-02 (Mon).
    assert (
        run("deadline", {"start": "2025-01-31", "kind": "injury_recognition_worker"})["due"] == "2026-02-02"
    )
    # 第二百零二条: no corresponding day → the month's last day.
    got = deadlines.add_months_array(np.array(["2025-01-31", "2024-02-29"], dtype="datetime64[D]"), [1, 12])
    assert [d.item() for d in got] == [D(2025, 2, 28), D(2025, 2, 28)]


def test_explicit_length_with_kind_must_use_the_kind_unit():
    with pytest.raises(RulesError) as err:
        run("deadline", {"start": "2025-01-06", "kind": "disclosure", "days": 20})
    assert err.value.problems[0].field == "days"
    # Same unit: the explicit length wins (e.g. a shorter period the office set itself).
    assert (
        run("deadline", {"start": "2025-01-06", "kind": "disclosure", "working_days": 1})["due"]
        == "2025-01-07"
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"start": "2025-01-06"}, "working_days"),
        ({"start": "2025-01-06", "days": 3, "working_days": 3}, "days"),
        ({"start": "2025-01-06", "days": 0}, "days"),
        ({"start": "2025-01-06", "days": 3, "kind": "nonsense"}, "kind"),
        ({"start": "2003-01-06", "days": 3}, "start"),
        ({"start": "06/01/2025", "days": 3}, "start"),
    ],
)
def test_bad_input_is_a_bilingual_error_naming_the_field(payload, field):
    with pytest.raises(RulesError) as err:
        run("deadline", payload)
    problem = err.value.problems[0]
    assert problem.field == field and problem.zh and problem.en


def test_provisional_deadline_in_a_year_without_notice():
    # 20 working days from 2026-12-20: ... 2027-01-01 元旦 by law, → 2027-01-18 (see test_calendar).
    out = run("deadline", {"start": "2026-12-20", "working_days": 20})
    assert (out["due"], out["provisional"]) == ("2027-01-18", True)


def test_limitation_one_year_from_known_and_weekend_move():
    # 第二十七条第一款: known 2025-03-15; one year → 2026-03-15, a Sunday → 2026-03-16 (Mon).
    out = run("limitation", {"known_on": "2025-03-15", "filed_on": "2026-03-16"})
    assert (out["expires_on"], out["within_limit"], out["running"]) == ("2026-03-16", True, True)
    assert run("limitation", {"known_on": "2025-03-15", "filed_on": "2026-03-17"})["within_limit"] is False


def test_limitation_unpaid_wages_runs_from_end_of_employment():
    # 第二十七条第四款: wages owed since 2024-03-15, employment ended 2025-04-04; one year → 2026-04-04
    # (Sat, 清明 days off 4-04..4-06) → 2026-04-07 (Tue).
    out = run(
        "limitation",
        {
            "known_on": "2024-03-15",
            "claim": "unpaid_wages",
            "employment_ended_on": "2025-04-04",
            "filed_on": "2026-04-07",
        },
    )
    assert (out["expires_on"], out["within_limit"]) == ("2026-04-07", True)
    assert out["trace"][0]["reference"]["article"] == "第二十七条第四款"


def test_limitation_unpaid_wages_while_employed_is_not_running():
    out = run("limitation", {"known_on": "2020-03-15", "claim": "unpaid_wages", "filed_on": "2025-01-02"})
    assert (out["running"], out["expires_on"], out["within_limit"]) == (False, None, True)


def test_limitation_wages_owed_after_employment_ended_use_the_general_rule():
    # Final wages withheld on 2025-06-10, after employment ended 2025-05-31: runs from known_on →
    # 2026-06-10 (Wed).
    out = run(
        "limitation", {"known_on": "2025-06-10", "claim": "unpaid_wages", "employment_ended_on": "2025-05-31"}
    )
    assert out["expires_on"] == "2026-06-10"


def test_vectorised_limitation_matches_single_cases():
    out = deadlines.limitation_array(
        np.array(["2025-03-15", "2024-03-15", "2020-03-15"], dtype="datetime64[D]"),
        np.array(["NaT", "2025-04-04", "NaT"], dtype="datetime64[D]"),
        [False, True, True],
    )
    assert out["running"].tolist() == [True, True, False]
    assert [str(d) for d in out["expires_on"]] == ["2026-03-16", "2026-04-07", "NaT"]


def test_calculator_examples_run():
    for name in ("deadline", "limitation"):
        calc = calculators.get(name)
        assert calc.run(calc.example)["trace"]


def _due(start: dt.date, n: int, unit: str) -> dt.date:
    out = deadlines.period_end_array(np.array([start], dtype="datetime64[D]"), n, unit)
    return out["due"][0].item()


starts = st.dates(min_value=D(2004, 1, 1), max_value=D(2095, 12, 31))
units = st.sampled_from(["days", "working_days", "months", "years"])


@settings(max_examples=200, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=200), unit=units)
def test_deadline_never_lands_on_a_non_working_day(start, n, unit):
    n = {"months": min(n, 24), "years": min(n, 3)}.get(unit, n)
    assert calendar.is_workday(_due(start, n, unit))


@settings(max_examples=200, deadline=None)
@given(
    start=starts,
    n=st.integers(min_value=1, max_value=200),
    extra=st.integers(min_value=1, max_value=30),
    unit=units,
)
def test_more_days_never_gives_an_earlier_due_date(start, n, extra, unit):
    if unit in ("months", "years"):
        n, extra = (min(n, 24), min(extra, 5)) if unit == "months" else (min(n, 2), 1)
    assert _due(start, n + extra, unit) >= _due(start, n, unit)


@settings(max_examples=50, deadline=None)
@given(items=st.lists(st.tuples(starts, st.integers(min_value=1, max_value=120)), min_size=1, max_size=20))
def test_arrays_equal_one_by_one(items):
    arr = np.array([s for s, _ in items], dtype="datetime64[D]")
    out = deadlines.period_end_array(arr, [n for _, n in items], "days")
    assert [d.item() for d in out["due"]] == [_due(s, n, "days") for s, n in items]
