"""Labour-dispute cases: the application, the parties, the elements with each side's statement,
the evidence, the claims computed from the elements, and the mediation network.

A case belongs to the arbitration committee of a city (``organisation``: the city's HRSS
bureau, where the 劳动人事争议仲裁院 sits), so staff see their committee's cases
(``accounts.scoping``). Every write goes through :mod:`renshe.disputes.services`, audited.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Max
from django.urls import reverse

from renshe.platform.accounts.models import Organisation
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.platform.workflow.machine import WorkflowError
from renshe.platform.workflow.models import WorkflowModel
from renshe.rules.deadlines import count_back
from renshe.rules.parameters import value_at

from .core.elements import DISPUTE_TYPES, ELEMENTS
from .core.machine import CASE_MACHINE, STATES


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


class Case(WorkflowModel):
    """A case on the kernel (:data:`renshe.disputes.core.machine.CASE_MACHINE`); the hooks ``on_<action>``
    copy each step's facts into the case's fields."""

    machine = CASE_MACHINE
    State = models.TextChoices("State", [(k.upper(), (k, v)) for k, v in STATES.items()])

    class Source(models.TextChoices):
        ONLINE = "online", "网上申请"
        WINDOW = "window", "窗口受理"
        REFERRAL = "referral", "调解组织移送"
        COURT = "court", "人民法院委托"

    DisputeType = models.TextChoices("DisputeType", [(k, v) for k, v in DISPUTE_TYPES.items()])

    number = models.CharField("案号", max_length=40, blank=True, db_index=True)
    token = models.CharField("当事人访问码", max_length=64, unique=True, default=new_token, editable=False)
    state = models.CharField("状态", max_length=32, choices=State.choices, default="draft", db_index=True)
    source = models.CharField("来源", max_length=16, choices=Source.choices, default=Source.ONLINE)
    dispute_type = models.CharField("争议类型", max_length=24, choices=DisputeType.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name="仲裁委员会（设区市）", on_delete=models.PROTECT, related_name="dispute_cases"
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
    rejection_reason = models.TextField("不予受理理由", blank=True)
    days_to_acceptance = models.PositiveIntegerField("收到至受理（日）", null=True, blank=True)
    days_to_mediation = models.PositiveIntegerField("收到至调解结案（日）", null=True, blank=True)
    days_to_award = models.PositiveIntegerField("收到至裁决（日）", null=True, blank=True)
    award_clock = models.OneToOneField(
        TrackedDeadline, verbose_name="裁决期限", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="dispute_case",
    )
    received_from = models.ForeignKey(
        MediationOrganisation, verbose_name="移送来的调解组织或法院", null=True, blank=True,
        on_delete=models.PROTECT, related_name="cases_sent",
    )
    partial_awards = models.JSONField("先行裁决", default=list, blank=True)
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
        indexes = [
            models.Index(fields=["organisation", "state", "received_on"]),
            # the arbitrator's list (listing.py): a committee's cases past the draft, newest first —
            # the keyset pages and the page count read this index alone
            models.Index(fields=["organisation", "-received_on", "-id"], name="disputes_case_list_open",
                         condition=~models.Q(state="draft")),
            # the dashboard reads these columns only: an index-only scan on PostgreSQL
            models.Index(
                fields=["received_on", "organisation"], name="disputes_case_measures",
                include=["accepted_on", "mediated_on", "awarded_on", "days_to_acceptance", "days_to_mediation",
                         "days_to_award", "award_clock"],
            ),
        ]
        permissions = [("override_claim", "调整请求计算结果"), ("mediate_case", "记录要素与调解")]

    def __str__(self) -> str:
        return self.number or f"草稿 #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("disputes:detail", args=[self.pk])

    def workflow_snapshot(self) -> dict[str, Any]:
        """What the audit record keeps of a step: the procedural fields, no personal data."""
        keep = ("state", "number", "received_on", "accepted_on", "hearing_on", "mediated_on", "awarded_on",
                "closed_on", "rejection_reason", "agreement_terms", "referral_result", "referred_to_id")
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k in keep for v in [getattr(self, k)]}

    # ---- hooks called by renshe.platform.workflow.services.apply -------------------------------

    def workflow_facts(self, actor: Any, facts: dict) -> set[str]:
        """A fact holds when given and not blank (a reason of spaces is no reason)."""
        return {k for k, v in facts.items() if (v.strip() if isinstance(v, str) else v)}

    def on_submit(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.received_on = on
        prefix = f"（{on.year}）{self.organisation.code}劳人仲申字第"
        last = Case.objects.filter(organisation=self.organisation, number__startswith=prefix).aggregate(m=Max("number"))["m"]
        self.number = f"{prefix}{int(last[len(prefix):len(prefix) + 6]) + 1 if last else 1:06d}号"
        return f"收到申请，编号{self.number}"

    def _days(self, on: dt.date) -> int | None:
        return (on - self.received_on).days if self.received_on else None

    def on_accept(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.accepted_on, self.days_to_acceptance = on, self._days(on)
        return ""

    def on_reject(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.rejection_reason, self.closed_on = str(facts["reason"]).strip(), on
        return f"理由：{self.rejection_reason}"

    def on_refer(self, facts: dict, actor: Any, on: dt.date) -> str:
        org = facts.get("organisation")
        if org is not None:
            self.referred_to = org
        return f"委派{self.referred_to}" if self.referred_to_id else ""

    def on_referral_failed(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.referral_result = str(facts["result"]).strip()
        return self.referral_result

    def on_agree(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.agreement_terms, self.mediated_on = str(facts["terms"]).strip(), on
        self.days_to_mediation = self._days(on)
        if self.referred_to_id and not self.accepted_on:
            self.referral_result = "达成调解协议"
        return ""

    def on_set_hearing(self, facts: dict, actor: Any, on: dt.date) -> str:
        """The notice goes out today: the hearing must be at least the statutory days away (第三十五条, counted back)."""
        hearing = facts["hearing_on"]
        if isinstance(hearing, str):
            hearing = dt.date.fromisoformat(hearing)
        pv = value_at("deadlines.arbitration_hearing_notice", hearing)
        latest = count_back(hearing, int(pv.value), pv.unit)
        if on > latest:
            raise WorkflowError.of(
                "hearing_on",
                f"开庭通知须在开庭{pv.value}日前送达：开庭日{hearing:%Y年%-m月%-d日}的通知最迟应于{latest:%Y年%-m月%-d日}送达，"
                f"今天（{on:%Y年%-m月%-d日}）已来不及，请另定开庭日期（{pv.reference.cite()}）",
                f"the hearing notice must be served by {latest.isoformat()}; choose a later hearing date",
            )
        self.hearing_on = hearing
        return f"开庭日期{hearing:%Y年%-m月%-d日}，通知最迟{latest:%Y年%-m月%-d日}送达"

    def on_partial_award(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.partial_awards = [*self.partial_awards, {"on": on.isoformat(), "text": str(facts["partial"]).strip()}]
        return str(facts["partial"]).strip()

    def on_award(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.awarded_on, self.days_to_award = on, self._days(on)
        return ""

    def on_close(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.closed_on = on
        return ""

    def on_withdraw(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.closed_on = on
        return ""


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


from .rollup import MeasureCell  # noqa: E402,F401  (the rollup's model, registered with the app here)
