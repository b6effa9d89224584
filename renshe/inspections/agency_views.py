"""Pages of human-resources market supervision: the agency register (staff), one agency with its
verification, reports, patrols and credit (staff), and the agency's own yearly report (public)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renshe.inspections import agency_services as svc
from renshe.inspections.models import Agency, AnnualReport, Enterprise
from renshe.platform.accounts.access import role_required
from renshe.platform.accounts.scoping import scope
from renshe.platform.audit.service import history
from renshe.rules.errors import RulesError

market_staff = role_required(*svc.MARKET_STAFF)
DATE = forms.DateInput(attrs={"type": "date"})


class AgencyForm(forms.Form):
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18)
    permit = forms.ChoiceField(label="许可或备案", choices=Agency.Permit.choices)
    permit_number = forms.CharField(label="许可证编号或备案凭证号", max_length=64)
    permitted_on = forms.DateField(label="许可（备案）日期", widget=DATE)
    scope = forms.CharField(label="服务范围", widget=forms.Textarea(attrs={"rows": 2}))
    via_commitment = forms.BooleanField(label="以告知承诺方式取得许可", required=False)


class VerifyForm(forms.Form):
    verified_on = forms.DateField(label="核查日期", widget=DATE)
    kept = forms.BooleanField(label="承诺内容属实", required=False)
    result = forms.CharField(label="核查结论", max_length=200)


class PatrolForm(forms.Form):
    found_on = forms.DateField(label="发现日期", widget=DATE)
    channel = forms.CharField(label="巡查渠道", max_length=100)
    description = forms.CharField(label="发现的问题", widget=forms.Textarea(attrs={"rows": 2}))
    serious = forms.BooleanField(label="违法违规失信行为（记入信用记录）", required=False)


class ReportForm(forms.Form):
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18)
    code = forms.CharField(label="年度报告码", max_length=40, widget=forms.PasswordInput(render_value=True))
    year = forms.IntegerField(label="报告年度", min_value=2000, max_value=2100)
    staff_count = forms.IntegerField(label="从业人员数", min_value=0)
    people_served = forms.IntegerField(label="服务求职者人次", min_value=0)
    employers_served = forms.IntegerField(label="服务用人单位家次", min_value=0)
    placements = forms.IntegerField(label="帮助实现就业人数", min_value=0)
    revenue = forms.DecimalField(label="营业收入（元）", min_value=0, decimal_places=2, max_digits=14)
    summary = forms.CharField(label="经营情况说明", widget=forms.Textarea(attrs={"rows": 4}))


def _errors(form, exc: RulesError) -> None:
    for p in exc.problems:
        form.add_error(p.field if p.field in form.fields else None, p.zh)


@market_staff
@require_http_methods(["GET", "POST"])
def agency_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        ent = scope(Enterprise.objects.all(), request.user).filter(credit_code=d["credit_code"].upper()).first()
        if ent is None:
            form.add_error("credit_code", "名录库中没有该单位，请先导入检查对象名录")
        else:
            try:
                agency, code = svc.register(request.user, enterprise=ent, permit=d["permit"],
                                            permit_number=d["permit_number"], permitted_on=d["permitted_on"],
                                            scope=d["scope"], via_commitment=d["via_commitment"])
            except RulesError as exc:
                _errors(form, exc)
            else:
                messages.success(request, f"已登记。年度报告码（只显示这一次，请告知机构）：{code}")
                return redirect("inspections:agency", pk=agency.pk)
    agencies = scope(Agency.objects.select_related("enterprise", "organisation"), request.user)
    year = today.year - 1
    return render(request, "inspections/agency_list.html", {
        "form": form, "agencies": agencies, "year": year, "due": svc.report_due(year), "today": today,
        "missing": svc.missing_reports(year).filter(pk__in=agencies.values("pk")),
        "verification_open": agencies.filter(via_commitment=True, verified_on__isnull=True).order_by("verification_due"),
        "to_check": AnnualReport.objects.filter(agency__in=agencies, state=AnnualReport.State.SUBMITTED),
    })


@market_staff
def agency_detail(request: HttpRequest, pk: int, forms_: dict | None = None) -> HttpResponse:
    agency = get_object_or_404(scope(Agency.objects.select_related("enterprise", "organisation"), request.user), pk=pk)
    forms_ = forms_ or {}
    return render(request, "inspections/agency_detail.html", {
        "agency": agency, "today": timezone.localdate(),
        "verify_form": forms_.get("verify") or VerifyForm(initial={"verified_on": timezone.localdate(), "kept": True}),
        "patrol_form": forms_.get("patrol") or PatrolForm(initial={"found_on": timezone.localdate()}),
        "reports": agency.reports.order_by("-year"), "history": history(agency).select_related("actor"),
        "tasks": agency.enterprise.tasks.select_related("plan").order_by("-plan__drawn_at"),
    })


@market_staff
@require_POST
def agency_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    agency = get_object_or_404(scope(Agency.objects.all(), request.user), pk=pk)
    try:
        if action == "verify":
            form = VerifyForm(request.POST)
            if not form.is_valid():
                return agency_detail(request, pk, {"verify": form})
            svc.verify(agency, request.user, on=form.cleaned_data["verified_on"], kept=form.cleaned_data["kept"],
                       result=form.cleaned_data["result"])
        elif action == "patrol":
            form = PatrolForm(request.POST)
            if not form.is_valid():
                return agency_detail(request, pk, {"patrol": form})
            svc.record_patrol(agency, request.user, **form.cleaned_data)
        elif action == "code":
            messages.success(request, f"新的年度报告码（只显示这一次）：{svc.new_report_code(agency, request.user)}")
        elif action in ("accept", "return"):
            report = get_object_or_404(agency.reports, pk=request.POST.get("report"))
            svc.check_report(report, request.user, accept=action == "accept", note=request.POST.get("note", ""))
        else:
            messages.error(request, "没有这一操作")
    except RulesError as exc:
        messages.error(request, "；".join(p.zh for p in exc.problems))
    return redirect("inspections:agency", pk=pk)


@require_http_methods(["GET", "POST"])
def report_submit(request: HttpRequest) -> HttpResponse:
    """Public: the agency submits its yearly report with its credit code and report code."""
    year = timezone.localdate().year - 1
    form = ReportForm(request.POST or None, initial={"year": year})
    done = None
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        try:
            done = svc.submit_report(credit_code=d.pop("credit_code"), code=d.pop("code"), year=d.pop("year"), data=d)
        except RulesError as exc:
            _errors(form, exc)
    return render(request, "inspections/agency_report.html", {"form": form, "done": done, "year": year,
                                                              "due": svc.report_due(year)})
