"""Issue 18 items 4–6: calculator pages that speak to their reader — no field codes, samples as
placeholders, problems on the field they belong to, reasons beside blank figures, each date's
classification, whole days of leave, no future births, limits in words."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_sample_figures_are_placeholders_not_values(client):
    html = client.get("/calc/economic-compensation/").content.decode()
    tag = re.search(r'<input id="f-local_avg_monthly_wage"[^>]*>', html).group()
    assert 'value=""' in tag and 'placeholder="如 9000"' in tag
    assert 'action="#result"' in html  # the browser scrolls to the result after 计算


def test_overtime_impossible_date_is_named_on_its_field(client):
    r = client.post("/calc/overtime-pay/", {"monthly_wage": "6525", "dates_worked": "2026-13-01 8"})
    html = r.content.decode()
    assert r.status_code == 422
    assert re.search(r'<div class="field invalid">\s*<label for="f-dates_worked">', html)
    text = _text(html)
    assert "第1行·日期：没有 2026-13-01 这一天" in text
    assert "dates_worked" not in text and "YYYY-MM-DD" not in text
    wrong_format = _text(client.post("/calc/overtime-pay/", {"monthly_wage": "6525", "dates_worked": "2026/1/1 8"}).content.decode())
    assert "第1行·日期：日期应写成 年-月-日" in wrong_format


def test_overtime_result_says_how_each_date_was_classified(client):
    html = client.post("/calc/overtime-pay/", {"monthly_wage": "6525", "dates_worked": "2025-10-01 8\n2025-10-04 8"}).content.decode()
    # 国办发明电〔2024〕12号: 1 October is 国庆节 (法定节假日); 4 October 2025 a Saturday in the holiday week.
    assert "2025年10月1日（星期三）" in html and "法定节假日" in html
    assert "2025年10月4日（星期六）" in html and "休息日" in html


def test_annual_leave_counts_whole_days(client):
    form = {"year": "2025", "cumulative_service_years": "12", "monthly_wage": "8700", "left": "2025-07-31", "days_taken": "2"}
    text = _text(client.post("/calc/annual-leave/", form).content.decode())
    # 实施办法第十二条: 212 days to 31 July ÷ 365 × 10 = 5.8082 days; a part of a day is not counted.
    assert "5.8082天" not in text and "5天（折算为 5.81 天，不足1整天的部分不计）" in text


def test_a_future_birth_month_is_refused(client):
    r = client.post("/calc/retirement-age/", {"birth": "2085-01", "category": "male_60"})
    assert r.status_code == 422 and "还没有到" in r.content.decode()


def test_limits_read_as_words(client):
    r = client.post("/calc/work-injury/", {"level": "11", "monthly_wage": "6000", "event": "disability"})
    text = _text(r.content.decode())
    assert r.status_code == 422 and "不能大于 10" in text and "界限" not in text


def test_a_blank_figure_says_why_beside_it(client):
    form = {"level": "7", "monthly_wage": "6000", "region": "fujian.xiamen", "event": "disability",
            "terminated": "on", "as_of": "2025-06-30"}
    html = client.post("/calc/work-injury/", form).content.decode()
    # no birth or sex given: the Fujian 一次性工伤医疗补助金 cannot be computed, and the cell says why
    cell = re.search(r'<td data-field="one_time_medical_subsidy">(.*?)</td>', html, re.S).group(1)
    assert cell.startswith("—") and "未计算：" in cell


def test_a_figure_asked_for_is_named_by_its_label_with_where_to_find_it(client):
    form = {"start": "2019-03-01", "end": "2025-08-31", "avg_monthly_wage": "8000", "termination": "art40",
            "region": "fujian.fuzhou"}
    r = client.post("/calc/economic-compensation/", form)
    text = _text(r.content.decode())
    if r.status_code == 200:  # the rule could answer without the figure (it cannot change the amount)
        assert "计算结果" in text
        return
    box = text[text.index("请检查标红的项目"):text.index("入职日期")]
    assert "local_avg_monthly_wage" not in box and "本地区上年度职工月平均工资" in box
    assert "统计局" in box and "2025-08-31" not in box
