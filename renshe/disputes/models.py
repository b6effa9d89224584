"""Labour-dispute cases: the application, the parties, the elements with each side's statement,
the evidence, the claims computed from the elements, and the mediation network.

A case belongs to the arbitration committee of a city (``organisation``: the city's HRSS
bureau, where the 劳动人事争议仲裁院 sits), so staff see their committee's cases
(``accounts.scoping``). Every write goes through :mod:`renshe.disputes.services`, audited.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from renshe.platform.accounts.models import Organisation

from .elements import DISPUTE_TYPES, ELEMENTS


def new_token() -> str:
    """The secret in a party's link (draft or case page): 32 random URL-safe characters."""
    return secrets.token_urlsafe(24)


class MediationOrganisation(models.Model):
    """A body in the mediation network: where a case can be referred, or come from."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", "企业劳动争议调解委员会"
        TOWNSHIP = "township", "乡镇（街道）劳动争议调解组织"
        INDUSTRY = "industry", "行业性、区域性调解组织"
        PARTNER = "partner", "“仲裁+X”合作站点"
        COURT = "court", "人民法院"

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name="所在设区市", on_delete=models.PROTECT, related_name="mediation_organisations"
    )
    area = models.CharField("服务区域", max_length=100, blank=True)

    class Meta:
        verbose_name = "调解组织"
        verbose_name_plural = "调解组织"
        ordering = ["organisation", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        APPLIED = "applied", "已申请，待审查"
        ACCEPTED = "accepted", "已受理"
        REJECTED = "rejected", "不予受理"
        SERVED = "served", "已送达，答辩期"
        MEDIATING = "mediating", "调解中"
        MEDIATED = "mediated", "调解结案"
        HEARING = "hearing", "已定开庭"
        AWARDED = "awarded", "已裁决"
        CLOSED = "closed", "结案"
        WITHDRAWN = "withdrawn", "已撤回"

    class Source(models.TextChoices):
        ONLINE = "online", "网上申请"
        WINDOW = "window", "窗口受理"
        REFERRAL = "referral", "调解组织移送"
        COURT = "court", "人民法院委托"

    DisputeType = models.TextChoices("DisputeType", [(k, v) for k, v in DISPUTE_TYPES.items()])

    number = models.CharField("案号", max_length=40, blank=True, db_index=True)
    token = models.CharField("当事人访问码", max_length=64, unique=True, default=new_token, editable=False)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.DRAFT, db_index=True)
    source = models.CharField("来源", max_length=16, choices=Source.choices, default=Source.ONLINE)
    dispute_type = models.CharField("争议类型", max_length=24, choices=DisputeType.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name="仲裁委员会（设区市）", on_delete=models.PROTECT, related_name="dispute_cases"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="承办人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="dispute_cases",
    )
    applicant_name = models.CharField("申请人姓名", max_length=50)
    applicant_id_number = models.CharField("申请人公民身份号码", max_length=18)
    applicant_phone = models.CharField("申请人手机号", max_length=20)
    applicant_address = models.CharField("申请人住所", max_length=200, blank=True)
    respondent_name = models.CharField("被申请人名称", max_length=100)
    respondent_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    respondent_address = models.CharField("被申请人住所", max_length=200, blank=True)
    respondent_representative = models.CharField("法定代表人", max_length=50, blank=True)
    facts = models.TextField("事实和理由", blank=True)
    requested = models.JSONField("仲裁请求", default=list)
    received_on = models.DateField("收到申请日期", null=True, blank=True, db_index=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    mediated_on = models.DateField("调解结案日期", null=True, blank=True)
    awarded_on = models.DateField("裁决日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    hearing_on = models.DateField("开庭日期", null=True, blank=True)
    claims = models.JSONField("请求计算结果", null=True, blank=True)
    agreement_terms = models.TextField("调解协议内容", blank=True)
    referred_to = models.ForeignKey(
        MediationOrganisation, verbose_name="委派/移送的调解组织", null=True, blank=True,
        on_delete=models.PROTECT, related_name="cases",
    )
    referral_result = models.TextField("调解组织反馈", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "劳动人事争议案件"
        verbose_name_plural = "劳动人事争议案件"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["organisation", "state", "received_on"])]
        permissions = [("override_claim", "调整请求计算结果"), ("mediate_case", "记录要素与调解")]

    def __str__(self) -> str:
        return self.number or f"草稿 #{self.pk}"


class Evidence(models.Model):
    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("文件", upload_to="disputes/evidence/%Y/%m/")
    name = models.CharField("文件名", max_length=120)
    content_type = models.CharField("类型", max_length=40)
    size = models.PositiveIntegerField("大小（字节）")
    description = models.CharField("证明内容", max_length=200, blank=True)
    by_party = models.CharField("提交方", max_length=16, default="applicant")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "证据"
        verbose_name_plural = "证据"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class Element(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "待核实"
        AGREED = "agreed", "无争议"
        DISPUTED = "disputed", "有争议"
        PROVEN = "proven", "已查明"

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="elements")
    key = models.CharField("要素", max_length=40, choices=[(k, v.label) for k, v in ELEMENTS.items()])
    applicant_says = models.TextField("申请人陈述", blank=True)
    respondent_says = models.TextField("被申请人陈述", blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    value = models.JSONField("认定的值", null=True, blank=True)
    finding = models.TextField("查明情况", blank=True)
    evidence = models.ManyToManyField(Evidence, verbose_name="证据", blank=True, related_name="elements")

    class Meta:
        verbose_name = "要素"
        verbose_name_plural = "要素"
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="disputes_element_once_per_case")]

    def __str__(self) -> str:
        return ELEMENTS[self.key].label


class ClaimOverride(models.Model):
    """An arbitrator's own figure for one claim, with the reason; the computed one is kept beside it."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="overrides")
    kind = models.CharField("请求", max_length=40)
    amount = models.DecimalField("调整后金额（元）", max_digits=14, decimal_places=2)
    reason = models.TextField("理由")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="仲裁员", on_delete=models.PROTECT)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "请求金额调整"
        verbose_name_plural = "请求金额调整"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.kind} → {self.amount}"
