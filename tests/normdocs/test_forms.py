"""Issue 18 item 10: the register refuses a 文号 that is not one (“abc”) and dates after today
(a filing dated next year counted as an overdue filing in next year's statistics)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from renshe.normdocs.forms import FileForm, PublishForm


def _publish(**over) -> PublishForm:
    data = {"number": "闽人社规〔2025〕3号", "published_on": "2025-03-01", "effective_from": "2025-04-01",
            "valid_until": "2030-03-31", **over}
    return PublishForm(data)


def test_a_document_number_in_its_official_form_is_accepted_and_normalised():
    assert _publish().is_valid()
    f = _publish(number="闽人社规[2025]3号")
    assert f.is_valid() and f.cleaned_data["number"] == "闽人社规〔2025〕3号"
    f = _publish(number=" 闽人社规（2025）12号 ")
    assert f.is_valid() and f.cleaned_data["number"] == "闽人社规〔2025〕12号"


def test_numbers_that_are_not_document_numbers_are_refused():
    for bad in ("abc", "闽人社规2025年3号", "闽人社规〔25〕3号", "闽人社规〔2025〕第3号", "闽人社规〔2025〕03号"):
        f = _publish(number=bad)
        assert not f.is_valid(), bad
        assert "文号应写成" in f.errors["number"][0]
    next_year = timezone.localdate().year + 1
    f = _publish(number=f"闽人社规〔{next_year}〕1号")
    assert not f.is_valid() and "不晚于今年" in f.errors["number"][0]
    f = _publish(number="闽人社规〔2025〕1号", published_on="2024-12-30")
    assert not f.is_valid() and "晚于公布日期的年份" in f.errors["number"][0]


def test_dates_are_checked_against_today_and_each_other():
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    f = _publish(published_on=tomorrow, effective_from=tomorrow)
    assert not f.is_valid() and "公布日期不能晚于今天" in f.errors["published_on"][0]
    f = _publish(effective_from="2025-02-01")
    assert not f.is_valid() and "施行日期不能早于公布日期" in f.errors["effective_from"][0]
    f = _publish(valid_until="2025-04-01")
    assert not f.is_valid() and "有效期至应晚于施行日期" in f.errors["valid_until"][0]
    filing = FileForm({"filed_with": "福建省人民政府", "filed_on": tomorrow})
    assert not filing.is_valid() and "报送备案日期不能晚于今天" in filing.errors["filed_on"][0]
    assert FileForm({"filed_with": "福建省人民政府", "filed_on": timezone.localdate().isoformat()}).is_valid()
