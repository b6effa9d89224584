"""dispute-claims, issue 14: the work-injury element set gives the benefit claims through the
``work-injury`` calculator (工伤保险条例第三十五至三十七条、第六十二条第二款), with limitation
(调解仲裁法第二十七条) and finality (第四十七条, read as for 赔偿金: by amount); and issue 17 §1 on
the array path: a city average wage nobody gave is asked for only where the answer depends on it,
as on the one-case path."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from renshe.disputes.core import synthetic
from renshe.rules import calculators, parameters
from renshe.rules.errors import ParameterNotFound, RulesError
from renshe.rules.labour.claims_array import claims_population

INJURED = {
    "region": "fujian.xiamen",
    "filed_on": "2026-03-02",
    "hire": "2022-05-06",
    "monthly_wage": 6000,
    "injury_recognised_on": "2025-03-01",
    "disability_level": 7,
    "disability_appraised_on": "2025-06-30",
    "injury_wage": 6000,
    "local_minimum_wage": 2265,
}


def run(payload: dict) -> dict:
    return calculators.run("dispute-claims", payload)


def by_kind(result: dict) -> dict[str, dict]:
    return {c["kind"]: c for c in result["claims"]}


def _avg(on: str, region: str = "fujian.xiamen") -> float:
    """The 统筹地区职工月平均工资 the 条例's art. 64 limits are taken from (a parameter file)."""
    return float(parameters.value_at("wages.avg_monthly", dt.date.fromisoformat(on), region).value)


def test_level_7_uninsured_gets_13_months_of_wage_not_final():
    avg = _avg("2025-06-30")
    assert 0.6 * avg <= 6000 <= 3 * avg  # the wage is neither raised nor cut (art. 64 ¶2)
    r = run(INJURED)
    claim = by_kind(r)["injury_disability_subsidy"]
    # art. 37(1): 七级伤残为13个月的本人工资 → 13 × 6,000 = 78,000
    assert claim["amount"] == 78_000.00
    # art. 47(1) line: 12 × 2,265 = 27,180; 78,000 > 27,180 → not final
    assert r["final_award_limit"] == 27_180.00 and claim["final_award"] is False
    # art. 27 ¶1: one year from the day after the appraisal (2025-06-30) → 2026-06-30, a Tuesday
    assert claim["within_limitation"] is True and claim["limitation_expires_on"] == "2026-06-30"
    assert any("第三十七条" in s["reference"]["article"] for s in claim["trace"] if s.get("reference"))
    assert "injury_employment_subsidy" not in by_kind(r)  # still employed: no lump sums (art. 37(2))
    assert r["total"] == 78_000.00


def test_level_10_on_the_floor_and_final_when_under_the_line():
    avg = _avg("2025-06-30")
    base = round(0.6 * avg, 2)  # 3,000 is below 60 % of the average: raised to it (art. 64 ¶2)
    r = run({**INJURED, "disability_level": 10, "injury_wage": 3000, "local_minimum_wage": 5000})
    claim = by_kind(r)["injury_disability_subsidy"]
    assert claim["amount"] == pytest.approx(round(7 * base, 2), abs=0.005)  # art. 37(1): 十级 7个月
    assert 7 * base <= 12 * 5000 and claim["final_award"] is True  # 12 × 5,000 = 60,000


def test_an_insured_employer_owes_no_subsidy_the_fund_pays():
    r = run({**INJURED, "injury_insured": True})
    assert "injury_disability_subsidy" not in by_kind(r)
    with pytest.raises(RulesError) as err:
        run({**INJURED, "injury_insured": True, "requested": ["injury_disability_subsidy"]})
    p = err.value.problems[0]
    assert p.field == "requested.0" and "一次性伤残补助金" in p.zh and p.en


def test_lump_sums_on_leaving_come_from_the_work_injury_calculator():
    """After the employment ends: the employer owes the employment subsidy (art. 37(2)) and, not
    insured, the medical subsidy too; the figures are the work-injury calculator's (Fujian's
    life-expectancy rule), each with that calculator's trace."""
    payload = {**INJURED, "end": "2026-01-31", "age": 45, "sex": "male"}
    r = by_kind(run(payload))
    wi = calculators.run("work-injury", {"level": 7, "monthly_wage": 6000, "region": "fujian.xiamen",
                                         "terminated": True, "terminated_on": "2026-01-31", "as_of": "2026-01-31",
                                         "age": 45, "sex": "male"})
    assert wi["one_time_employment_subsidy"] and wi["one_time_medical_subsidy"]
    assert r["injury_employment_subsidy"]["amount"] == wi["one_time_employment_subsidy"]
    assert r["injury_medical_subsidy"]["amount"] == wi["one_time_medical_subsidy"]
    assert r["injury_employment_subsidy"]["limitation_expires_on"] == "2027-02-01"  # 2027-01-31 is a Sunday
    insured = by_kind(run({**payload, "injury_insured": True}))
    assert "injury_medical_subsidy" not in insured and "injury_employment_subsidy" in insured


def _with_injuries(cols: dict[str, np.ndarray], seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = len(cols["filed_on"])
    hurt = rng.random(n) < 0.4
    cols = dict(cols)
    cols["injury_level"] = np.where(hurt, rng.integers(1, 11, n), 0)
    cols["injury_wage"] = np.where(hurt, rng.uniform(2000, 40000, n).round(2), np.nan)
    cols["injury_recognised_on"] = np.where(hurt, cols["filed_on"] - np.timedelta64(300, "D"),
                                            np.datetime64("NaT")).astype("datetime64[D]")
    cols["disability_appraised_on"] = np.where(hurt, cols["filed_on"] - rng.integers(10, 500, n).astype("timedelta64[D]"),
                                               np.datetime64("NaT")).astype("datetime64[D]")
    cols["injury_insured"] = rng.random(n) < 0.3
    cols["age"] = rng.integers(20, 60, n)
    cols["sex"] = np.array(["male", "female"], dtype=object)[rng.integers(0, 2, n)]
    return cols


def _payload(cols: dict[str, np.ndarray], i: int) -> dict:
    p = synthetic.payload(cols, i)
    if np.isnan(cols["local_avg_monthly_wage"][i]):
        del p["local_avg_monthly_wage"]
    if cols.get("injury_level") is not None and cols["injury_level"][i] > 0:
        p |= {"disability_level": int(cols["injury_level"][i]), "injury_wage": float(cols["injury_wage"][i]),
              "injury_recognised_on": str(cols["injury_recognised_on"][i]),
              "disability_appraised_on": str(cols["disability_appraised_on"][i]),
              "injury_insured": bool(cols["injury_insured"][i]), "age": int(cols["age"][i]), "sex": cols["sex"][i]}
    return p


def _agree(cols: dict[str, np.ndarray]) -> int:
    out = claims_population(cols)
    compared = 0
    for i in range(len(cols["filed_on"])):
        got = by_kind(run(_payload(cols, i)))
        for kind, amounts in out["amount"].items():
            if kind in got:
                assert got[kind]["amount"] == pytest.approx(amounts[i], abs=0.001), (i, kind)
                assert got[kind]["within_limitation"] == bool(out["within"][kind][i]), (i, kind)
                assert got[kind]["final_award"] == bool(out["final"][kind][i]), (i, kind)
                compared += 1
            else:
                assert amounts[i] == 0, (i, kind)
    return compared


def test_array_path_agrees_on_injuries_with_the_local_figure_given():
    cols = _with_injuries(synthetic.elements(150, seed=21), seed=3)
    assert _agree(cols) > 150
    out = claims_population(cols)
    assert (out["amount"]["injury_disability_subsidy"] > 0).sum() > 20
    assert (out["amount"]["injury_employment_subsidy"] > 0).sum() > 5


def test_array_path_answers_without_the_city_average_where_the_cap_cannot_bind():
    """No city figure given: a wage at most 3 × a provable lower bound is never capped (issue 17 §1);
    both paths answer, and agree."""
    cols = synthetic.elements(150, seed=22)
    cols["monthly_wage"] = np.minimum(cols["monthly_wage"], 12_000.0)  # far below 3 × any Fujian city average
    cols["unpaid_total"] = (cols["monthly_wage"] * cols["unpaid_months"]).round(2)
    cols["local_avg_monthly_wage"] = np.full(len(cols["filed_on"]), np.nan)
    assert _agree(cols) > 100
    compensated = claims_population(cols)["amount"]["economic_compensation"]
    assert (compensated > 0).sum() > 10


def test_array_path_asks_for_the_city_average_only_where_the_cap_could_bind():
    cols = synthetic.elements(60, seed=23)
    cols["local_avg_monthly_wage"] = np.full(60, np.nan)
    rich = int(np.flatnonzero((cols["termination"] >= 0) & ~np.isnat(cols["end"]))[0])
    cols["termination"][rich] = 0  # art40: compensated
    cols["monthly_wage"][rich] = 90_000.0  # above 3 × any city's average: the cap may bind
    cols["unpaid_total"][rich] = 90_000.0 * cols["unpaid_months"][rich]
    with pytest.raises(ParameterNotFound) as err:
        claims_population(cols)
    assert err.value.problems[0].field == "local_avg_monthly_wage"
    with pytest.raises(ParameterNotFound) as one:
        run(_payload(cols, rich))
    assert one.value.problems[0].field == "local_avg_monthly_wage"
