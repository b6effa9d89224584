"""Forms of the staff pages; labels are what the error messages name (名称：原因)."""

from __future__ import annotations

import datetime as dt

from django import forms

from renshe.inspections.core.draw import min_inspectors
from renshe.inspections.models import ChecklistResult, InspectionItem


class PlanForm(forms.Form):
    title = forms.CharField(label="计划名称", max_length=200)
    year = forms.IntegerField(label="年度", min_value=2020, max_value=2100)
    items = forms.ModelMultipleChoiceField(
        label="抽查事项", queryset=InspectionItem.objects.filter(active=True), widget=forms.CheckboxSelectMultiple)
    per_task = forms.IntegerField(label="每户执法人员数", min_value=2, max_value=10, initial=2)
    seed = forms.IntegerField(label="随机种子（留空则随机生成）", required=False, min_value=0, max_value=2**63 - 1)
    joint_departments = forms.CharField(label="联合抽查部门", required=False, max_length=300,
                                        help_text="如：市场监督管理局；其检查事项在同一次检查中一并实施")

    def __init__(self, *args, cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cities = list(cities)
        self.fields["year"].initial = dt.date.today().year
        self.fields["per_task"].min_value = min_inspectors()
        for city in self.cities:
            self.fields[f"sample_{city.code}"] = forms.IntegerField(
                label=f"{city.name}抽取户数", required=False, min_value=0, max_value=100_000)

    def sample(self) -> dict[str, int]:
        return {c.code: self.cleaned_data.get(f"sample_{c.code}") or 0 for c in self.cities}

    def sample_fields(self):
        return [self[f"sample_{c.code}"] for c in self.cities]


class ChecklistForm(forms.Form):
    inspected_on = forms.DateField(label="检查日期", widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label="检查情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"outcome_{item.code}"] = forms.ChoiceField(
                label=f"{item.code} {item.name}", choices=ChecklistResult.Outcome.choices, widget=forms.RadioSelect)
            self.fields[f"note_{item.code}"] = forms.CharField(label=f"{item.code} 说明", required=False, max_length=500)

    def results(self) -> dict[str, tuple[str, str]]:
        return {i.code: (self.cleaned_data[f"outcome_{i.code}"], self.cleaned_data.get(f"note_{i.code}", ""))
                for i in self.items}

    def rows(self):
        return [(i, self[f"outcome_{i.code}"], self[f"note_{i.code}"]) for i in self.items]


class EvidenceForm(forms.Form):
    file = forms.FileField(label="证据文件")
    description = forms.CharField(label="证据说明", max_length=200)


class RectifyForm(forms.Form):
    rectify_due = forms.DateField(label="整改期限", widget=forms.DateInput(attrs={"type": "date"}))


class RecheckForm(forms.Form):
    note = forms.CharField(label="复查情况", widget=forms.Textarea(attrs={"rows": 3}))


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="导入内容", choices=[("enterprises", "检查对象名录"), ("inspectors", "执法检查人员名录"),
                                                    ("items", "检查事项清单")])
    file = forms.FileField(label="文件（.xlsx 或 .csv）")
