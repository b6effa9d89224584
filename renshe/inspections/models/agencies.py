"""Supervision of the human-resources market (《福建省人力资源市场条例》, 《人力资源市场暂行条例》).

The register of 经营性人力资源服务机构 (licence or filing, scope, branches), the 告知承诺
verification (闽人社发〔2025〕4号 第二点: within ``inspections.commitment_verification_months``
of the licence), the yearly report (《人力资源市场暂行条例》第三十六条; due each year on
``inspections.annual_report_due``) submitted online by the agency with its report code and
checked by staff, online patrol findings, and the credit record (《福建省人力资源市场条例》
第五十二条) the register shows.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models

from renshe.platform.accounts.models import Organisation

from .catalogue import Enterprise


class Agency(models.Model):
    class Permit(models.TextChoices):
        LICENCE = "licence", "人力资源服务许可证"
        FILING = "filing", "人力资源服务备案"

    enterprise = models.OneToOneField(Enterprise, verbose_name="机构", on_delete=models.PROTECT, related_name="agency")
    organisation = models.ForeignKey(Organisation, verbose_name="监管的人社部门", on_delete=models.PROTECT,
                                     related_name="hr_agencies")
    permit = models.CharField("许可或备案", max_length=16, choices=Permit.choices)
    permit_number = models.CharField("许可证编号或备案凭证号", max_length=64)
    permitted_on = models.DateField("许可（备案）日期")
    scope = models.TextField("服务范围")
    via_commitment = models.BooleanField("以告知承诺方式取得许可", default=False)
    verification_due = models.DateField("告知承诺核查期限", null=True, blank=True)
    verified_on = models.DateField("核查日期", null=True, blank=True)
    verification_result = models.CharField("核查结论", max_length=200, blank=True)
    report_code_digest = models.CharField("年度报告码摘要", max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = "人力资源服务机构"
        verbose_name_plural = "人力资源服务机构名录"
        ordering = ["enterprise__credit_code"]

    def __str__(self) -> str:
        return self.enterprise.name

    def get_absolute_url(self) -> str:
        return f"/inspections/agencies/{self.pk}/"

    @staticmethod
    def digest(code: str) -> str:
        return hashlib.sha256(code.strip().encode()).hexdigest()


class Branch(models.Model):
    """A branch, reported in writing (《人力资源市场暂行条例》第二十条)."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.CASCADE, related_name="branches")
    name = models.CharField("分支机构名称", max_length=200)
    address = models.CharField("住所", max_length=200)
    reported_on = models.DateField("书面报告日期")

    class Meta:
        verbose_name = "分支机构"
        verbose_name_plural = "分支机构"

    def __str__(self) -> str:
        return self.name


class AnnualReport(models.Model):
    class State(models.TextChoices):
        SUBMITTED = "submitted", "已提交待审核"
        ACCEPTED = "accepted", "审核通过"
        RETURNED = "returned", "退回修改"

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField("报告年度")
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.SUBMITTED)
    staff_count = models.PositiveIntegerField("从业人员数")
    people_served = models.PositiveIntegerField("服务求职者人次")
    employers_served = models.PositiveIntegerField("服务用人单位家次")
    placements = models.PositiveIntegerField("帮助实现就业人数")
    revenue = models.DecimalField("营业收入（元）", max_digits=14, decimal_places=2)
    summary = models.TextField("经营情况说明")
    submitted_at = models.DateTimeField("提交时间")
    late = models.BooleanField("逾期提交", default=False)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    checked_on = models.DateField("审核日期", null=True, blank=True)
    check_note = models.TextField("审核意见", blank=True)

    class Meta:
        verbose_name = "经营情况年度报告"
        verbose_name_plural = "经营情况年度报告"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="inspections_one_report_a_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告"


class PatrolFinding(models.Model):
    """What an online patrol (线上巡查) found on an agency's website or recruitment platform."""

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="patrols")
    found_on = models.DateField("发现日期")
    channel = models.CharField("巡查渠道", max_length=100, help_text="如：机构网站、招聘平台")
    description = models.TextField("发现的问题")
    serious = models.BooleanField("违法违规失信行为", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = "线上巡查记录"
        verbose_name_plural = "线上巡查记录"
        ordering = ["-found_on"]

    def __str__(self) -> str:
        return f"{self.agency} {self.found_on}"


class CreditRecord(models.Model):
    """One entry of an agency's credit record (《福建省人力资源市场条例》第五十二条)."""

    class Kind(models.TextChoices):
        GOOD = "good", "守信"
        BAD = "bad", "失信"

    agency = models.ForeignKey(Agency, verbose_name="机构", on_delete=models.PROTECT, related_name="credit")
    on = models.DateField("日期")
    kind = models.CharField("类别", max_length=8, choices=Kind.choices)
    reason = models.CharField("事由", max_length=300)

    class Meta:
        verbose_name = "信用记录"
        verbose_name_plural = "信用记录"
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.agency} {self.get_kind_display()} {self.reason}"
