"""How result and parameter values read on the pages (renshe/platform/web/templatetags/renshe.py)."""

from __future__ import annotations

import pytest

from renshe.platform.web.templatetags.renshe import param_title, param_value, percent, pretty, result_value


@pytest.mark.parametrize(
    ("value", "node", "shown"),
    [
        (72200.0, {"x-unit": "元"}, "72,200.00元"),
        (0, {"x-unit": "元"}, "0.00元"),
        (3.5, {"x-unit": "个月"}, "3.5个月"),
        (139.0, {"x-unit": "个月"}, "139个月"),
        (20, {}, "20"),
        ("employee", {"x-labels": {"employee": "单位职工"}}, "单位职工"),
        (True, {}, "是"),
        (False, {}, "否"),
        (None, {"x-unit": "元"}, "—"),
        ("2025-11-27", {}, "2025年11月27日"),
        ("2031-04", {}, "2031年4月"),
        ({"years": 60, "months": 8}, {}, "60岁8个月"),
        ({"years": 6, "months": 6, "days": 0}, {}, "6年6个月0天"),
        ([], {}, "无"),
        (["labour.compensation_cap_years"], {}, "按封顶标准支付经济补偿时计算的最高年限"),
    ],
)
def test_result_values_read_naturally(value, node, shown) -> None:
    assert result_value(value, node) == shown


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (2030, "yuan/month", "2,030.00元/月"),
        (0.08, "ratio", "8%"),
        (3, "ratio", "3倍"),
        (60, "working_days", "60个工作日"),
        ([{"min_years": 1, "days": 5}], "table", "分档表（见参数详情）"),
    ],
)
def test_parameter_values_read_naturally(value, unit, shown) -> None:
    assert param_value(value, unit) == shown


def test_parameter_names_and_tables() -> None:
    assert param_title("labour.compensation_cap_multiple").startswith("高收入劳动者经济补偿的封顶倍数")
    assert param_title("no.such") == "no.such"
    assert pretty([{"min_years": 1, "days": 5}, {"min_years": 10, "days": 10}]) == (
        "min_years 1，days 5\nmin_years 10，days 10"
    )


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [(0.0801, 1, "8.0%"), (0.487, 1, "48.7%"), (-0.0123, 2, "-1.23%"), (1.5, 1, "150.0%"), (None, 1, "—"), ("", 1, "—")],
)
def test_rates_read_as_percentages(value, digits, shown) -> None:
    assert percent(value, digits) == shown
