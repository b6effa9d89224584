"""Forms of the case pages; one small form a step, its labels named in the error messages."""

from __future__ import annotations

from django import forms

from renshe.inspections.models import Case

DATE = forms.DateInput(attrs={"type": "date"})


class CaseForm(forms.Form):
    source = forms.ChoiceField(label="线索来源", choices=Case.Source.choices)
    source_ref = forms.CharField(label="工单号", required=False, max_length=64)
    alert_id = forms.IntegerField(label="欠薪预警编号", required=False, min_value=1)
    employer = forms.CharField(label="用人单位", max_length=200)
    credit_code = forms.CharField(label="统一社会信用代码", required=False, max_length=18)
    complainant = forms.CharField(label="投诉人", required=False, max_length=50)
    phone = forms.CharField(label="联系电话", required=False, max_length=20)
    allegation = forms.CharField(label="反映的问题", widget=forms.Textarea(attrs={"rows": 4}))
    received_on = forms.DateField(label="收到日期", widget=DATE)
    violation_end = forms.DateField(label="违法行为发生（终了）日期", required=False, widget=DATE,
                                    help_text="行为仍在继续的留空")


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由或意见", widget=forms.Textarea(attrs={"rows": 3}))


class RectifyForm(forms.Form):
    rectify_due = forms.DateField(label="整改期限", widget=DATE)
    legal_basis = forms.CharField(label="违反的规定（法律依据）", max_length=300)


class ConcludeForm(forms.Form):
    findings = forms.CharField(label="调查认定的事实", widget=forms.Textarea(attrs={"rows": 4}))
    decision_text = forms.CharField(label="拟作出的处理决定", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    legal_basis = forms.CharField(label="法律依据", required=False, max_length=300)
    significant = forms.BooleanField(label="属于重大执法决定（须法制审核）", required=False)
    heard = forms.BooleanField(label="已听取用人单位的陈述、申辩", required=False)


STEP_FORMS = {
    "refuse": ReasonForm, "extend": ReasonForm, "withdraw": ReasonForm, "approve_review": ReasonForm,
    "return_review": ReasonForm, "order_rectify": RectifyForm, "conclude": ConcludeForm,
}
