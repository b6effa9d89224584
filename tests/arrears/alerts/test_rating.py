"""Contract-performance rating: scores worked out by hand from the deduction parameters,
ranking, grades, reasons; the page and its Excel export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from renshe.arrears.core import rating
from renshe.rules.parameters import value

from .factories import store_with_warnings, warning

ON = dt.date(2025, 12, 31)


def test_parameters_used_are_the_ones_the_hand_arithmetic_assumes():
    # the hand-worked scores below rely on these values (arrears.rating.*, unverified policy values)
    assert value("arrears.rating.deductions", ON, "fujian") == {"red": 10, "orange": 5, "yellow": 2, "overdue": 3}
    assert value("arrears.rating.grades", ON, "fujian") == {"A": 90, "B": 75, "C": 60}


def test_scores_ranks_grades_and_reasons():
    ws = [
        # contractor 1: red + orange + yellow, one escalated alert
        warning(1, "2025-09", "red", contractor_id=1, contractor_name="甲建设"),
        warning(1, "2025-10", "orange", contractor_id=1, contractor_name="甲建设"),
        warning(2, "2025-10", "yellow", contractor_id=1, contractor_name="甲建设"),
        # contractor 2: one yellow
        warning(3, "2025-11", "yellow", contractor_id=2, contractor_name="乙建设"),
        # contractor 3: four reds
        *[warning(4, m, "red", contractor_id=3, contractor_name="丙建设") for m in ("2025-08", "2025-09", "2025-10", "2025-11")],
    ]
    out, params = rating.rate(ws, {1: 1, 2: 0}, ON)
    by = {r.contractor_id: r for r in out}
    # 甲: 100 − 10 − 5 − 2 − 3×1 = 80 → B (≥75)
    assert (by[1].score, by[1].grade, len(by[1].projects), by[1].overdue) == (80.0, "B", 2, 1)
    # 乙: 100 − 2 = 98 → A
    assert (by[2].score, by[2].grade) == (98.0, "A")
    # 丙: 100 − 4×10 = 60 → C (≥60, the band's bottom)
    assert (by[3].score, by[3].grade) == (60.0, "C")
    assert [r.contractor_id for r in out] == [2, 1, 3] and [r.rank for r in out] == [1, 2, 3]
    assert by[1].reasons[0] == "测试项目1 2025-09 红色预警，扣10分：代发逾期天数 45（>30）"
    assert by[1].reasons[-1] == "1件预警未按期处置而升级，每件扣3分，共扣3分"
    assert {p.name for p in params} == {"arrears.rating.deductions", "arrears.rating.grades"}


def test_score_never_below_zero_and_grade_d():
    ws = [warning(1, f"2025-{m:02d}", "red", contractor_id=5) for m in range(1, 13)]
    [r] = rating.rate(ws, {}, ON)[0]
    # 100 − 12 × 10 = −20 → 0, grade D (below 60)
    assert (r.score, r.grade, r.counts["red"]) == (0.0, "D", 12)


@pytest.mark.django_db
def test_rating_page_and_export(client, people, monkeypatch, tmp_path):
    ws = [warning(1, "2025-09", "red", contractor_id=1, contractor_name="甲建设"),
          warning(3, "2025-11", "yellow", contractor_id=2, contractor_name="乙建设")]
    monkeypatch.setenv("RENSHE_ARREARS_STORE", str(store_with_warnings(tmp_path / "store", ws)))
    client.force_login(people["province"])
    page = client.get("/arrears/rating/").content.decode()
    assert page.index("乙建设") < page.index("甲建设") and "扣分理由" in page
    wb = load_workbook(io.BytesIO(client.get("/arrears/rating/?export=rating").content))
    rows = list(wb.active.iter_rows(values_only=True))
    # 乙: 100 − 2 = 98, A; 甲: 100 − 10 = 90, A (≥90)
    assert rows[1][:4] == (1, "乙建设", 98, "A级（良好）")
    assert rows[2][:4] == (2, "甲建设", 90, "A级（良好）")
    assert "代发逾期天数 45" in rows[2][9]
    # 2025-09 is 2025Q3 and 2025-11 is 2025Q4: the Q4 rating has only 乙
    q4 = list(load_workbook(io.BytesIO(client.get("/arrears/rating/?quarter=2025Q4&export=rating").content))
              .active.iter_rows(values_only=True))
    assert [r[1] for r in q4[1:]] == ["乙建设"]


def test_quarter_of():
    assert [rating.quarter_of(m) for m in ("2025-01", "2025-03", "2025-04", "2025-12")] == [
        "2025Q1", "2025Q1", "2025Q2", "2025Q4"]
