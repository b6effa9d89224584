"""Economic compensation for a Fujian worker who does not know the local figures (issue 17 §1).

Art. 47 ¶2 caps the wage at 3 × the city's published 上年度职工月平均工资; 实施条例第二十七条
floors it at the local minimum wage. When the worker gives neither, the calculator still
answers whenever the figure cannot change the result, and asks (in Chinese, by the field's
label) only when it could. Every expected number below is worked by hand from the parameter
files' sources (FUJIAN-VALUES.md §1–2).
"""

import datetime as dt

import pytest

from renshe.rules import calculators
from renshe.rules.errors import ParameterNotFound
from renshe.rules.labour import local_bounds


def run(**payload):
    return calculators.run("economic-compensation", payload)


def cap_step(result):
    return next(s for s in result["trace"] if s["reference"]["article"].startswith("第四十七条第二款"))


def test_xiamen_worker_earning_8000_gets_an_answer_without_the_city_figure():
    # Service 2024-03-01 … 2025-08-31 = 1 year 6 months → N = 1 + 1 = 2 (six months count as a year).
    # Floor: 2025 tier table, every Xiamen district in tier 1 = 2265 (闽人社文〔2025〕14号); 8000 > 2265.
    # Cap: on 2025-08-31 the in-force figure describes 2023 or 2024; Xiamen's latest statistics
    #      figure of a year ≤ 2023 is 2019: 96193 / 12 = 8016.0833 → 8016.08 (rounded down);
    #      3 × 8016.08 = 24048.24 ≥ 8000, and averages rose every year 2019–2024, so no cap.
    # Amount: 8000 × 2 = 16000.
    r = run(
        start="2024-03-01",
        end="2025-08-31",
        avg_monthly_wage=8000,
        termination="art41",
        region="fujian.xiamen",
    )
    assert (r["capped"], r["wage_base"], r["months"], r["amount"]) == (False, 8000.00, 2, 16000.00)
    step = cap_step(r)
    assert "96193" in step["rule"] and "8016.08" in step["rule"] and "24048.24" in step["rule"]
    names = [p["name"] for p in step["params"]]
    assert names[0] == "wages.city_nonprivate_avg_annual"
    assert "wages.province_nonprivate_avg_annual" in names and "wages.avg_monthly" in names


def test_province_only_uses_the_lowest_city():
    # Region "fujian": the lowest 2019 city figure is 莆田 69341: 69341 / 12 = 5778.4166 → 5778.41;
    # 3 × 5778.41 = 17335.23. Floor: the highest tier anywhere in Fujian in 2025 is 2265 ≤ 8000.
    # Service 2022-01-01 … 2025-06-30 = 3 years 6 months → N = 4; 8000 × 4 = 32000.
    r = run(
        start="2022-01-01", end="2025-06-30", avg_monthly_wage=8000, termination="negotiated", region="fujian"
    )
    assert (r["capped"], r["amount"]) == (False, 32000.00)
    assert "莆田市" in cap_step(r)["rule"] and "17335.23" in cap_step(r)["rule"]
    floor = next(s for s in r["trace"] if s["reference"]["article"] == "第二十七条、第十四条")
    assert "2265" in floor["rule"] and "不需要按最低工资保底" in floor["rule"]


@pytest.mark.parametrize(("wage", "answered"), [(17335.23, True), (17335.24, False)])
def test_the_bound_is_sharp(wage, answered):
    # At 3 × 5778.41 = 17335.23 the cap cannot bind; one fen more and it might.
    payload = dict(
        start="2024-01-01", end="2025-06-30", avg_monthly_wage=wage, termination="art41", region="fujian"
    )
    if answered:
        # 1 year 6 months → N = 2; 17335.23 × 2 = 34670.46
        assert run(**payload)["amount"] == 34670.46
    else:
        with pytest.raises(ParameterNotFound) as err:
            run(**payload)
        (p,) = err.value.problems
        assert p.field == "local_avg_monthly_wage"
        assert "本地区上年度职工月平均工资（元）" in p.zh and "5778.41" in p.zh
        assert "local_avg_monthly_wage" not in p.zh and "local_avg_monthly_wage" in p.en


def test_high_earner_is_asked_and_then_answered():
    # 25000 a month in Xiamen exceeds 3 × 8016.08 = 24048.24: the cap may bind, so ask.
    payload = dict(
        start="2020-01-01",
        end="2025-06-30",
        avg_monthly_wage=25000,
        termination="art41",
        region="fujian.xiamen",
    )
    with pytest.raises(ParameterNotFound) as err:
        run(**payload)
    assert [p.field for p in err.value.problems] == ["local_avg_monthly_wage"]
    assert "当地人社局或统计局" in err.value.problems[0].zh
    # Given 7500: cap 3 × 7500 = 22500 < 25000 → base 22500; 5 years 6 months → N = 6; 22500 × 6 = 135000
    r = run(**payload, local_avg_monthly_wage=7500)
    assert (r["capped"], r["wage_base"], r["amount"]) == (True, 22500.00, 135000.00)


def test_mixed_tier_city_asks_for_the_minimum_wage_only_when_it_matters():
    # 漳州 2025: 芗城、龙文 2195, the other counties 2045. A wage of 2100 lies between them.
    payload = dict(
        start="2024-07-01",
        end="2025-06-30",
        avg_monthly_wage=2100,
        termination="art41",
        region="fujian.zhangzhou",
    )
    with pytest.raises(ParameterNotFound) as err:
        run(**payload)
    (p,) = err.value.problems
    assert p.field == "local_minimum_wage"
    assert "当地月最低工资标准（元）" in p.zh and "2195" in p.zh and "2045" in p.zh and "local_" not in p.zh
    # In 龙海区 (2045): 2100 ≥ 2045 → base 2100; 1 year → N = 1 → 2100.
    assert run(**payload, local_minimum_wage=2045)["amount"] == 2100.00
    # In 芗城区 (2195): base raised to 2195 → 2195.
    assert run(**payload, local_minimum_wage=2195)["amount"] == 2195.00


def test_single_tier_city_uses_its_minimum_wage():
    # 福州 2022-04-01 tiers: all of Fuzhou in tier 2 = 1960; wage 1500 is raised to 1960.
    # Service 2022-07-01 … 2023-06-30 = 1 year → N = 1 → 1960.
    r = run(
        start="2022-07-01",
        end="2023-06-30",
        avg_monthly_wage=1500,
        termination="art41",
        region="fujian.fuzhou",
    )
    assert (r["wage_base"], r["amount"]) == (1960.00, 1960.00)


def test_no_evidence_of_rising_averages_means_asking():
    # On 2027-03-01 the in-force figure may describe 2026; the province series end with 2025,
    # so nothing shows the 2019 figure is still a lower bound: ask.
    with pytest.raises(ParameterNotFound) as err:
        run(
            start="2026-01-01",
            end="2027-03-01",
            avg_monthly_wage=8000,
            termination="art41",
            region="fujian.xiamen",
            local_minimum_wage=2265,
        )
    assert [p.field for p in err.value.problems] == ["local_avg_monthly_wage"]


def test_early_date_uses_the_earlier_city_figure():
    # On 2020-06-30 the usable year is ≤ 2018: Xiamen 83839 / 12 = 6986.5833 → 6986.58 and the
    # province rose 2018 → 2019 (74316 → 81814). 3 × 6986.58 = 20959.74.
    b = local_bounds.average_wage_lower_bound(dt.date(2020, 6, 30), "fujian.xiamen")
    assert (b.year, b.monthly) == (2018, 6986.58)
    assert b.rise_years == (2018, 2019)
    # The floor: 2020 tiers, Xiamen 1800; wage 8000; 2019-07-01 … 2020-06-30 = 1 year → 8000.
    r = run(
        start="2019-07-01",
        end="2020-06-30",
        avg_monthly_wage=8000,
        termination="art41",
        region="fujian.xiamen",
    )
    assert (r["capped"], r["amount"]) == (False, 8000.00)
    assert "20959.74" in cap_step(r)["rule"]


def test_the_trace_carries_each_value_status():
    # wages.city_nonprivate_avg_annual is SECONDARY (a transcription of the statistics table);
    # the 2022 province figure is DERIVED (108520 − 4717).
    r = run(
        start="2024-03-01",
        end="2025-08-31",
        avg_monthly_wage=8000,
        termination="art41",
        region="fujian.xiamen",
    )
    statuses = {(p["name"], p["effective_from"]): p["status"] for p in cap_step(r)["params"]}
    assert statuses[("wages.city_nonprivate_avg_annual", "2019-01-01")] == "SECONDARY"
    assert statuses[("wages.province_nonprivate_avg_annual", "2022-01-01")] == "DERIVED"
