"""Forms of the register pages: a new draft, and the data each workflow action needs."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from renshe.platform.accounts.models import Organisation
from renshe.platform.core import uploads

from . import periods
from .models import NormativeDocument


class DateInput(forms.DateInput):
    input_type = "date"


class DraftForm(forms.ModelForm):
    class Meta:
        model = NormativeDocument
        fields = ["title", "drafting_division", "text", "attachment"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def clean_attachment(self):
        """PDF or Word only, judged by content, at most 20 MB (renshe.platform.core.uploads)."""
        upload = self.cleaned_data.get("attachment")
        if upload and hasattr(upload, "read"):
            uploads.check(upload, uploads.ATTACHMENT)
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


class PublishForm(forms.Form):
    number = forms.CharField(label="文号", max_length=64, help_text="如 闽人社规〔2025〕1号")
    published_on = forms.DateField(label="公布日期", widget=DateInput)
    effective_from = forms.DateField(label="施行日期", widget=DateInput)
    valid_until = forms.DateField(label="有效期至", widget=DateInput)

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
