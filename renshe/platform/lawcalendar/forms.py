"""The notice form: dates typed one a line, ranges as ``2027-02-05 至 2027-02-11``."""

from __future__ import annotations

import datetime as dt
import re

from django import forms

from renshe.rules.calendar import expand

from .models import HolidayNotice

_RANGE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*(?:(?:至|~|--|/)\s*(\d{4}-\d{2}-\d{2}))?\s*(\S*)\s*$")


def _parse(text: str, *, named: bool) -> list[tuple[list[dt.date], str]]:
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _RANGE.match(line)
        if not m or (m.group(3) and not named):
            raise forms.ValidationError(f"第{n}行“{line.strip()}”应为 YYYY-MM-DD 或 YYYY-MM-DD 至 YYYY-MM-DD")
        try:
            first = dt.date.fromisoformat(m.group(1))
            last = dt.date.fromisoformat(m.group(2)) if m.group(2) else first
        except ValueError:
            raise forms.ValidationError(f"第{n}行“{line.strip()}”不是有效日期") from None
        if last < first:
            raise forms.ValidationError(f"第{n}行的结束日早于开始日")
        if named and not m.group(3):
            raise forms.ValidationError(f"第{n}行缺少节日名，例如 2027-02-05 至 2027-02-08 春节")
        out.append((sorted(expand([(first, last)])), m.group(3)))
    return out


def _format(days: list[str]) -> str:
    dates = sorted(dt.date.fromisoformat(d) for d in days)
    lines, i = [], 0
    while i < len(dates):
        j = i
        while j + 1 < len(dates) and (dates[j + 1] - dates[j]).days == 1:
            j += 1
        lines.append(dates[i].isoformat() + (f" 至 {dates[j].isoformat()}" if j > i else ""))
        i = j + 1
    return "\n".join(lines)


class HolidayNoticeForm(forms.ModelForm):
    url = forms.URLField(label="官方网址", required=False, assume_scheme="https")
    days_off_text = forms.CharField(
        label="放假日期",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="每行一个日期或区间，含区间内的周末",
    )
    make_up_text = forms.CharField(
        label="调休上班日期",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一个日期",
    )
    festival_text = forms.CharField(
        label="法定节日",
        required=False,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="每行“日期或区间 节日名”；留空则按《全国年节及纪念日放假办法》第二条推算",
    )

    class Meta:
        model = HolidayNotice
        fields = ["year", "title", "number", "issued_on", "url", "verified", "note"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        inst = self.instance
        if inst.pk:
            self.fields["days_off_text"].initial = _format(inst.days_off)
            self.fields["make_up_text"].initial = _format(inst.make_up_days)
            if inst.festival_days:
                self.fields["festival_text"].initial = "\n".join(
                    f"{d} {name}" for d, name in sorted(inst.festival_days.items())
                )

    def clean(self):
        data = super().clean()
        try:
            off = _parse(data.get("days_off_text", ""), named=False)
            work = _parse(data.get("make_up_text", ""), named=False)
            fest = _parse(data.get("festival_text", ""), named=True)
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
        self.instance.days_off = sorted({d.isoformat() for days, _ in off for d in days})
        self.instance.make_up_days = sorted({d.isoformat() for days, _ in work for d in days})
        self.instance.festival_days = {d.isoformat(): name for days, name in fest for d in days} or None
        return data
