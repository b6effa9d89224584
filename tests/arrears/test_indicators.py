"""Each indicator on the hand-built project of ``conftest.py``, the expected value worked out here."""

from __future__ import annotations

from pathlib import Path

import pytest

from renshe.arrears.core import engines, ingest, warnings
from renshe.arrears.core.indicators import INDICATORS
from tests.arrears.conftest import store_con


@pytest.fixture
def store(hand_built, tmp_path):
    path = tmp_path / "a.duckdb"
    summary = ingest.ingest(hand_built, path)
    assert summary["rejected"] == 0, Path(summary["rejects_report"]).read_text(encoding="utf-8")
    engines.run(path, "duckdb")
    return path


def _values(store, project: int) -> dict[str, tuple[float, int]]:
    con = store_con(store)
    rows = con.execute("SELECT code, value, level FROM arrears_indicator_value WHERE project_id = ? AND month = '2025-09'",
                       [project]).fetchall()
    con.close()
    return {c: (v, lvl) for c, v, lvl in rows}


# 应发 = Σ 天数 × 日工资 = 20×300 + 10×400 + 5×250 + 5×350 = 6000 + 4000 + 1250 + 1750 = 13000
EXPECTED_P1 = {
    # 应付日 = 10 Oct (pay day 10 of the next month); paid 15 Oct: 15 − 10 = 5 days
    "payroll_days_late": 5,
    # 实发应发 6000 + 3200 + 1750 = 10950; 10950 ÷ 13000 = 0.842307… → 0.842308
    "pay_coverage": 0.842308,
    # 计薪天数 20 + 8 + 5 = 33; 考勤天数 20 + 10 + 5 + 5 = 40; 33 ÷ 40 = 0.825
    "paid_days_ratio": 0.825,
    # worker 3 attended and got nothing: 1 ÷ 4 = 0.25
    "unpaid_worker_share": 0.25,
    # September itself has a payroll
    "months_since_payroll": 0,
    # owner paid 10920 in September against 13650 due: 10920 ÷ 13650 = 0.8
    "labour_cost_alloc_ratio": 0.8,
    # balance at 30 Sep = 2000 + 10920 − 1000 = 11920 (the 15 Oct payroll is later); 11920 ÷ 13000 = 0.916923…
    "account_cover": 0.916923,
    # required = 10,000,000 × 1.5% = 150,000 (≥ the 4,000,000 exemption line, under the 5,000,000 cap);
    # 保函 120,000 ÷ 150,000 = 0.8
    "deposit_cover": 0.8,
    # complaints of 12 and 25 Sep (the 3 Oct one is October's): 2
    "complaints": 2,
    # 3 + 2 = 5 workers among 4 attending: 5 ÷ 4 × 100 = 125
    "complaint_workers_per_100": 125,
    # the 25 Sep complaint is a 集体讨薪
    "collective_complaint": 1,
    # worker 3 works for unit 4, a subcontractor of subcontractor 3: depth 2
    "unpaid_chain_depth": 2,
    # worker 2 has no contract: 1 ÷ 4 = 0.25
    "no_contract_share": 0.25,
    # data end = 25 Sep (project 2); last attendance of project 1 = 20 Sep: 25 − 20 = 5
    "attendance_gap_days": 5,
    # only project 1 of 总包 2 was late or short in September: 1
    "contractor_flagged_projects": 1,
    # September is the contractor's first such month: 1
    "contractor_repeat_months": 1,
}

# thresholds (arrears.thresholds.*): > 0 / 15 / 30 days; < 0.95 / 0.8 / 0.6 …; see the parameter files
EXPECTED_LEVEL_P1 = {
    "payroll_days_late": 1, "pay_coverage": 1, "paid_days_ratio": 1, "unpaid_worker_share": 3,
    "months_since_payroll": 0, "labour_cost_alloc_ratio": 1, "account_cover": 1, "deposit_cover": 1,
    "complaints": 1, "complaint_workers_per_100": 3, "collective_complaint": 3, "unpaid_chain_depth": 2,
    "no_contract_share": 3, "attendance_gap_days": 1, "contractor_flagged_projects": 1, "contractor_repeat_months": 1,
}


def test_every_indicator_has_a_hand_worked_value():
    assert set(EXPECTED_P1) == {i.code for i in INDICATORS}


@pytest.mark.parametrize("code", list(EXPECTED_P1))
def test_indicator_value_and_level(store, code):
    value, level = _values(store, 1)[code]
    assert value == pytest.approx(EXPECTED_P1[code], abs=1e-6)
    assert level == EXPECTED_LEVEL_P1[code]


def test_project_paid_on_time_has_no_warning(store):
    v = _values(store, 2)
    # project 2: 25 days × 200 = 5000 attended and paid on 8 Oct, before the 10 Oct pay day
    assert v["payroll_days_late"][0] == 0
    assert v["pay_coverage"][0] == 1
    # ¥3,000,000 < the ¥4,000,000 exemption line: nothing required, cover 1
    assert v["deposit_cover"][0] == 1
    # account: 6000 in on 3 Sep ÷ 5000 attended = 1.2
    assert v["account_cover"][0] == 1.2
    assert [w["project_id"] for w in warnings.read(store)] == [1]


def test_warning_has_stable_id_level_score_and_citations(store):
    (w,) = warnings.read(store)
    assert w["warning_id"] == "1-2025-09"
    assert (w["project_id"], w["contractor_id"], w["month"], w["level"]) == (1, 2, "2025-09", "red")
    assert w["score"] == 100  # Σ weight × level is far above the cap of 100
    fired = {i["code"]: i for i in w["indicators"]}
    assert "months_since_payroll" not in fired
    assert fired["unpaid_worker_share"]["threshold"] == {"op": ">", "value": 0.1}
    assert fired["unpaid_worker_share"]["article"] == "《保障农民工工资支付条例》（国务院令第724号）第三十一条"
    again = engines.run(store, "duckdb")
    assert again["warnings"] == 1
    assert warnings.read(store)[0]["warning_id"] == "1-2025-09"
