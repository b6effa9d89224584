"""dispute-claims: worked examples with the arithmetic written out by hand, limitation (art. 27
incl. ¶4), finality claim by claim (art. 47, 法释〔2020〕26号 第十九条), bad input, and the array
path held to the one-case path."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from renshe import cli
from renshe.disputes.core import synthetic
from renshe.rules import calculators
from renshe.rules.errors import RulesError
from renshe.rules.labour.claims_array import claims_population


def run(payload: dict) -> dict:
    return calculators.run("dispute-claims", payload)


def by_kind(result: dict) -> dict[str, dict]:
    return {c["kind"]: c for c in result["claims"]}


XIAMEN_DISMISSAL = {
    "region": "fujian.xiamen",
    "filed_on": "2026-03-02",
    "hire": "2024-05-06",
    "end": "2026-01-31",
    "monthly_wage": 6000,
    "termination": "unlawful",
    "signed": None,
    "unpaid_wages": [{"month": "2025-12", "amount": 6000}, {"month": "2026-01", "amount": 6000}],
    "overtime": {"weekday_hours": 36, "restday_hours": 16, "holiday_hours": 0},
    "unused_leave_days": 5,
    "local_minimum_wage": 2265,
    "local_avg_monthly_wage": 9000,
}


def test_unlawful_dismissal_without_a_contract():
    r = run(XIAMEN_DISMISSAL)
    c = by_kind(r)
    assert set(c) == {"unpaid_wages", "double_wages", "damages", "overtime_pay", "annual_leave_pay"}
    # unpaid wages: 6000 + 6000 = 12000
    assert c["unpaid_wages"]["amount"] == 12000.00
    # no contract: double wage from hire + 1 month (2024-06-06) to the day before the first
    # anniversary (2025-05-05) = 11 whole months; extra wage 6000 × (2 − 1) × 11 = 66000
    assert c["double_wages"]["amount"] == 66000.00
    # art. 87: service 2024-05-06 … 2026-01-31 = 1 year 8 months 26 days → N = 1 + 1 (≥ 6 months) = 2;
    # 6000 ≥ minimum 2265 and ≤ 3 × 9000, so base 6000; damages 2 × 6000 × 2 = 24000
    assert c["damages"]["amount"] == 24000.00
    # hourly 6000 ÷ 21.75 ÷ 8 = 34.4827586…; 36 × 1.5 × 34.4827586 = 1862.07; 16 × 2 × 34.4827586 = 1103.45;
    # together 52 + 32 = 86 hourly wages = 2965.517… → 2965.52
    assert c["overtime_pay"]["amount"] == 2965.52
    # leave: 5 × 6000 ÷ 21.75 × (3 − 1) = 2758.6206… → 2758.62
    assert c["annual_leave_pay"]["amount"] == 2758.62
    # final-award limit 2265 × 12 = 27180: 12000, 24000, 2965.52 are final; 66000 is not;
    # untaken leave is a rest-and-leave dispute, final whatever the amount (art. 47(2))
    assert r["final_award_limit"] == 27180.00
    assert [c[k]["final_award"] for k in ("unpaid_wages", "double_wages", "damages", "overtime_pay", "annual_leave_pay")] == [
        True, False, True, True, True,
    ]
    assert r["all_final"] is False
    # limitation: the employment ended 2026-01-31; one year → 2027-01-31, a Sunday → 2027-02-01;
    # the double wage period ended 2025-05-05; one year → 2026-05-05, inside the May Day holiday
    # (1–5 May 2026) → 2026-05-06; filed 2026-03-02, everything in time
    assert c["unpaid_wages"]["limitation_expires_on"] == "2027-02-01"
    assert c["double_wages"]["limitation_expires_on"] == "2026-05-06"
    assert all(x["within_limitation"] for x in r["claims"])
    # total 12000 + 66000 + 24000 + 2965.52 + 2758.62 = 107724.14
    assert r["total"] == 107724.14
    # each claim carries its calculator's trace and its articles
    assert any("第八十二条" in (s["reference"]["article"] or "") for s in c["double_wages"]["trace"])
    assert "《中华人民共和国劳动争议调解仲裁法》第二十七条第四款、第四十七条第（一）项" in c["unpaid_wages"]["basis"]


def test_still_employed_wages_are_not_time_barred_but_the_double_wage_is():
    r = run({
        "region": "fujian.xiamen", "filed_on": "2025-06-10", "hire": "2023-03-01", "end": None,
        "monthly_wage": 5000, "signed": None, "unpaid_wages": [{"month": "2024-01", "amount": 5000}],
    })
    c = by_kind(r)
    # ¶4: owed while the employment lasts → no limitation running
    assert c["unpaid_wages"]["within_limitation"] is True and c["unpaid_wages"]["limitation_expires_on"] is None
    # double wage 2023-04-01 … 2024-02-29 (11 months) = 5000 × 11 = 55000; limitation from 2024-02-29:
    # + 1 year = 2025-02-28 (a Friday), filed 2025-06-10 → out of time
    assert c["double_wages"]["amount"] == 55000.00
    assert c["double_wages"]["limitation_expires_on"] == "2025-02-28"
    assert c["double_wages"]["within_limitation"] is False
    # the total counts only what is within limitation: 5000
    assert r["total"] == 5000.00
    # minimum wage of Xiamen from the parameter (2265 from 2025-04-01): limit 27180
    assert r["final_award_limit"] == 27180.00


def test_art40_dismissal_capped_at_twelve_years_and_notice_pay():
    r = run({
        "region": "fujian.xiamen", "filed_on": "2025-07-15", "hire": "2010-01-01", "end": "2025-06-30",
        "monthly_wage": 30000, "termination": "art40", "notice_given": False, "signed": "2010-01-01",
        "local_avg_monthly_wage": 9000, "local_minimum_wage": 2265,
    })
    c = by_kind(r)
    assert set(c) == {"economic_compensation", "payment_in_lieu_of_notice"}
    # 186 whole months = 15 years 6 months → 16 months; 30000 > 3 × 9000 = 27000, so base 27000
    # and N capped at 12: 27000 × 12 = 324000
    assert c["economic_compensation"]["amount"] == 324000.00
    # one month's wage instead of notice: 30000 × 1
    assert c["payment_in_lieu_of_notice"]["amount"] == 30000.00
    # both above 27180 → not final
    assert not c["economic_compensation"]["final_award"] and not c["payment_in_lieu_of_notice"]["final_award"]


def test_injury_costs_known_too_long_ago():
    r = run({
        "region": "fujian.fuzhou", "filed_on": "2025-05-06", "hire": "2022-01-01", "monthly_wage": 5000,
        "signed": "2022-01-01", "medical_expenses": 20000, "medical_expenses_known_on": "2024-01-05",
    })
    c = by_kind(r)["injury_medical_expenses"]
    # from 2024-01-05: + 1 year = 2025-01-05, a Sunday → 2025-01-06; filed 2025-05-06 → out of time
    assert c["limitation_expires_on"] == "2025-01-06" and c["within_limitation"] is False
    # Fuzhou minimum 2195 × 12 = 26340 ≥ 20000 → final
    assert r["final_award_limit"] == 26340.00 and c["final_award"] is True
    assert r["total"] == 0


@pytest.mark.parametrize(
    ("change", "field", "zh"),
    [
        ({"end": "2024-01-31"}, "end", "早于入职日期"),
        ({"end": "2026-04-01"}, "end", "晚于申请仲裁日期"),
        ({"unpaid_wages": [{"month": "2023-12", "amount": 10}]}, "unpaid_wages.0.month", "不在入职"),
        ({"requested": ["payment_in_lieu_of_notice"]}, "requested.0", "代通知金"),
        ({"requested": ["economic_compensation", "damages"]}, "requested", "不能同时主张"),
        ({"end": None}, "end", "须同时填写劳动关系终止日期"),
    ],
)
def test_bad_input_names_the_field(change, field, zh):
    with pytest.raises(RulesError) as err:
        run({**XIAMEN_DISMISSAL, **change})
    fields = {p.field: p for p in err.value.problems}
    assert field in fields and zh in fields[field].zh and fields[field].en


def test_cli_exit_2_bilingual(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({**XIAMEN_DISMISSAL, "requested": ["injury_medical_expenses"]})))
    assert cli.main(["calc", "dispute-claims", "--input", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("requested.0") and "工伤医疗费" in err and "medical expenses" in err


def test_requested_claims_narrow_the_answer():
    r = run({**XIAMEN_DISMISSAL, "requested": ["unpaid_wages", "damages"]})
    assert [c["kind"] for c in r["claims"]] == ["unpaid_wages", "damages"] and r["total"] == 36000.00


def test_array_path_gives_the_one_case_figures():
    cols = synthetic.elements(400, seed=11)
    out = claims_population(cols)
    compared = 0
    for i in range(400):
        r = run(synthetic.payload(cols, i))
        got = by_kind(r)
        for kind, amounts in out["amount"].items():
            if kind in got:
                assert got[kind]["amount"] == pytest.approx(amounts[i], abs=0.001), (i, kind)
                assert got[kind]["within_limitation"] == bool(out["within"][kind][i]), (i, kind)
                assert got[kind]["final_award"] == bool(out["final"][kind][i]), (i, kind)
                compared += 1
            else:
                assert amounts[i] == 0, (i, kind)
        assert r["total"] == pytest.approx(out["total"][i], abs=0.001)
    kinds_seen = {k for k, a in out["amount"].items() if np.any(a > 0)}
    assert compared > 800 and len(kinds_seen) == 8
    assert not all(np.all(w) for w in out["within"].values())  # some claims out of time
