"""The 双随机 catalogue: inspection items with yearly caps, the register, the inspectors.

《优化营商环境条例》第五十四条: random objects (the register), random inspectors (the
inspectors' list), items made public (the items). Imported from Excel/CSV by
:mod:`renshe.inspections.imports`; every change goes through :mod:`renshe.inspections.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renshe.platform.accounts.models import Organisation


class InspectionItem(models.Model):
    """One 涉企检查事项 with the most times a year one enterprise may be drawn for it.

    A joint plan with other departments carries their items too (``department``), so one
    visit covers them all (《优化营商环境条例》第五十四条: 合并或者纳入跨部门联合抽查).
    """

    class Subject(models.TextChoices):
        ENTERPRISE = "enterprise", "用人单位"
        AGENCY = "agency", "人力资源服务机构"

    code = models.CharField("事项编码", max_length=32, unique=True)
    name = models.CharField("检查事项", max_length=200)
    basis = models.CharField("检查依据", max_length=300)
    cap = models.PositiveSmallIntegerField("年度检查频次上限", help_text="同一企业每年最多被抽查的次数")
    department = models.CharField("实施部门", max_length=100, default="人力资源社会保障部门")
    subject = models.CharField("检查对象", max_length=16, choices=Subject.choices, default=Subject.ENTERPRISE)
    safety = models.BooleanField("涉及安全生产", default=False)
    active = models.BooleanField("在用", default=True)
    verified = models.BooleanField("已与官方清单核对", default=False)
    note = models.TextField("来源说明", blank=True)

    class Meta:
        verbose_name = "检查事项"
        verbose_name_plural = "检查事项"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Enterprise(models.Model):
    """An enterprise of the register (检查对象名录库), in the city whose bureau inspects it."""

    class Exclusion(models.TextChoices):
        NONE = "", "—"
        NEW = "new", "新设立市场主体包容期"
        EXEMPT = "exempt", "“无事不扰”免检清单"
        UNDER_CASE = "under_case", "正在立案查处"
        OTHER = "other", "其他依法不纳入抽查"

    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    name = models.CharField("单位名称", max_length=200)
    organisation = models.ForeignKey(
        Organisation, verbose_name="属地人社部门", on_delete=models.PROTECT, related_name="inspected_enterprises"
    )
    excluded = models.CharField("不纳入抽查", max_length=16, choices=Exclusion.choices, blank=True, default="")
    is_agency = models.BooleanField("人力资源服务机构", default=False)

    class Meta:
        verbose_name = "检查对象"
        verbose_name_plural = "检查对象名录库"
        ordering = ["credit_code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.credit_code}）"


class Inspector(models.Model):
    """An inspector of the 执法检查人员名录库, with the enterprises they must not inspect.

    Only holders of a 行政执法证件 are drawn: 国办发〔2024〕54号 forbids inspections by
    执法辅助人员 without one (one of its four kinds of 严禁实施行政检查 subjects).
    Conflicts: 《劳动保障监察条例》第十六条第二款 (回避).
    """

    badge = models.CharField("执法证号", max_length=32, unique=True)
    name = models.CharField("姓名", max_length=50)
    organisation = models.ForeignKey(
        Organisation, verbose_name="所属人社部门", on_delete=models.PROTECT, related_name="inspectors"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="平台账号", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="inspector",
    )
    certified = models.BooleanField("持有行政执法证件", default=True)
    active = models.BooleanField("在岗", default=True)
    conflicts = models.ManyToManyField(Enterprise, verbose_name="需回避的企业", blank=True, related_name="+")

    class Meta:
        verbose_name = "执法检查人员"
        verbose_name_plural = "执法检查人员名录库"
        ordering = ["badge"]

    def __str__(self) -> str:
        return f"{self.name}（{self.badge}）"
