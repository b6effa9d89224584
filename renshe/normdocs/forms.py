"""Forms of the register pages: a new draft, and the data each workflow action needs."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone

from renshe.platform.accounts.models import Organisation
from renshe.platform.web import uploads
from renshe.rules.errors import RulesError

from .core import periods
from .models import NormativeDocument


class DateInput(forms.DateInput):
    input_type = "date"


class DraftForm(forms.ModelForm):
    class Meta:
        model = NormativeDocument
        fields = ["title", "drafting_division", "text", "attachment"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def clean_attachment(self):
        """PDF or Word only, judged by content, at most 20 MB (renshe.platform.web.uploads)."""
        upload = self.cleaned_data.get("attachment")
        if upload and hasattr(upload, "read"):
            try:
                uploads.check_upload(upload, "attachment", uploads.ATTACHMENT)
            except RulesError as exc:
                raise forms.ValidationError(exc.problems[0].zh) from None
        return upload

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["drafting_division"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.DIVISION
        )


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    opinion = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 4}))


#: 文号: the issuing organ's code, the year in 六角括号 and the serial number (《党政机关公文格式》
#: GB/T 9704-2012 第7.2.4条: “发文字号由发文机关代字、年份、发文顺序号组成。年份、发文顺序号用阿拉伯数字标注；
#: 年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位”). Brackets typed as [ ] ( ) ［ ］（ ）
#: are accepted and written as 〔〕.
DOC_NUMBER = re.compile(r"^(?P<organ>[\u4e00-\u9fffA-Za-z]{1,20})[〔\[［(（](?P<year>\d{4})[〕\]］)）](?P<serial>[1-9]\d{0,4})号$")


def _not_after_today(value, label: str):
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{label}不能晚于今天（{timezone.localdate():%Y年%-m月%-d日}）")
    return value


class PublishForm(forms.Form):
    number = forms.CharField(label="文号", max_length=64, help_text="如 闽人社规〔2025〕1号：机关代字、〔年份〕、顺序号加“号”")
    published_on = forms.DateField(label="公布日期", widget=DateInput)
    effective_from = forms.DateField(label="施行日期", widget=DateInput)
    valid_until = forms.DateField(label="有效期至", widget=DateInput)

    def clean_number(self) -> str:
        text = re.sub(r"\s+", "", self.cleaned_data["number"])
        m = DOC_NUMBER.match(text)
        if not m:
            raise forms.ValidationError("文号应写成 机关代字〔年份〕顺序号号，如 闽人社规〔2025〕1号")
        year = int(m["year"])
        if not 1949 <= year <= timezone.localdate().year:
            raise forms.ValidationError(f"文号中的年份 {year} 不对：应为四位年份，且不晚于今年")
        return f"{m['organ']}〔{year}〕{m['serial']}号"

    def clean_published_on(self):
        return _not_after_today(self.cleaned_data["published_on"], "公布日期")

    def clean(self) -> dict:
        data = super().clean()
        published, effective, until = (data.get(k) for k in ("published_on", "effective_from", "valid_until"))
        if published and effective and effective < published:
            self.add_error("effective_from", "施行日期不能早于公布日期")
        if effective and until and until <= effective:
            self.add_error("valid_until", "有效期至应晚于施行日期")
        number = data.get("number")
        if number and published and int(DOC_NUMBER.match(number)["year"]) > published.year:
            self.add_error("number", "文号中的年份晚于公布日期的年份")
        return data

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        years = periods.param(periods.VALIDITY, today).value
        provisional = periods.param(periods.VALIDITY_PROVISIONAL, today).value
        self.fields[
            "valid_until"
        ].help_text = f"自施行之日起一般不超过{years}年，名称标注“暂行”“试行”的不超过{provisional}年"


class FileForm(forms.Form):
    filed_with = forms.CharField(label="备案机关", max_length=100, initial="福建省人民政府")
    filed_on = forms.DateField(label="报送备案日期", widget=DateInput, initial=timezone.localdate)
    receipt = forms.CharField(label="备案登记号/回执", max_length=100, required=False)

    def clean_filed_on(self):
        # a filing dated in the future would count in next year's statistics as overdue (issue 18)
        return _not_after_today(self.cleaned_data["filed_on"], "报送备案日期")


class CleanupForm(forms.Form):
    year = forms.IntegerField(
        label="清理年度", min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year
    )
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))


ACTION_FORMS: dict[str, type[forms.Form]] = {
    "submit": NoteForm,
    "review_pass": ReviewForm,
    "review_revise": ReviewForm,
    "review_reject": ReviewForm,
    "approve": NoteForm,
    "publish": PublishForm,
    "file": FileForm,
    "retain": CleanupForm,
    "amend": CleanupForm,
    "repeal": CleanupForm,
    "declare_expired": CleanupForm,
}
