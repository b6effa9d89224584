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
from renshe.rules.deadlines import clock_due, count_back
from renshe.rules.parameters import value_at

from .core.elements import DISPUTE_TYPES, ELEMENTS
from .core.machine import CASE_MACHINE, STATES

#: 审查确认: the committee's own review (仲裁审查确认) or the court's (司法确认, 人民调解法第三十三条)
CONFIRM_BY = {"arbitration": "仲裁审查确认", "court": "人民法院司法确认"}
#: the outcomes a step's ``outcome`` fact may take
OUTCOMES = {
    "court_return": {"agreed": "达成调解协议", "failed": "未达成调解协议"},
    "confirmation_result": {"confirmed": "确认有效", "refused": "不予确认"},
}
COURT_PERIODS = {"ordinary": "deadlines.court_entrusted_mediation", "summary": "deadlines.court_entrusted_mediation_summary"}


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
    court_procedure = models.CharField(
        "委托法院适用的程序", max_length=8, blank=True, choices=[("ordinary", "普通程序"), ("summary", "简易程序")]
    )
    court_outcome = models.CharField("委托调解结果", max_length=8, blank=True, choices=list(OUTCOMES["court_return"].items()))
    confirmation_by = models.CharField("审查确认方式", max_length=12, blank=True, choices=list(CONFIRM_BY.items()))
    confirmation_sought_on = models.DateField("申请审查确认日期", null=True, blank=True)
    confirmation_outcome = models.CharField(
        "审查确认结果", max_length=12, blank=True, choices=list(OUTCOMES["confirmation_result"].items())
    )
    confirmation_result = models.TextField("审查确认情况", blank=True)
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
                "closed_on", "rejection_reason", "agreement_terms", "referral_result", "referred_to_id",
                "received_from_id", "court_procedure", "court_outcome", "confirmation_by", "confirmation_sought_on",
                "confirmation_outcome", "confirmation_result")
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k in keep for v in [getattr(self, k)]}

    # ---- hooks called by renshe.platform.workflow.services.apply -------------------------------

    def workflow_facts(self, actor: Any, facts: dict) -> set[str]:
        """A fact holds when given and not blank (a reason of spaces is no reason)."""
        return {k for k, v in facts.items() if (v.strip() if isinstance(v, str) else v)}

    def clock_for(self, t: Any, on: dt.date) -> tuple[str, str] | None:
        """The transition's own clock; a court's entrusted mediation runs 15 or 7 days by its procedure
        (特邀调解规定第二十七条第二款)."""
        if t.action == "court_entrust":
            return COURT_PERIODS[self.court_procedure], ""
        return (t.clock, "") if t.clock else None

    def _choice(self, facts: dict, name: str, allowed: dict[str, str]) -> str:
        value = str(facts[name]).strip()
        if value not in allowed:
            raise WorkflowError.of(name, f"请从“{'”“'.join(allowed.values())}”中选择", f"{name} must be one of {list(allowed)}")
        return value

    def _sender(self, facts: dict, name: str, kinds: set[str]) -> MediationOrganisation:
        """The mediation organisation or court named by the fact, of the case's city and of the right kind."""
        org = facts[name]
        if not isinstance(org, MediationOrganisation) or org.kind not in kinds or org.organisation_id != self.organisation_id:
            raise WorkflowError.of(name, "请选择本市的调解组织或人民法院", f"{name}: choose one of this city's bodies")
        return org

    def on_submit(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.received_on = on
        self.number = self._next_number("劳人仲申字", on)
        return f"收到申请，编号{self.number}"

    def _next_number(self, word: str, on: dt.date) -> str:
        """The committee's next number of the year in its series (申请 劳人仲申字, 法院委托调解 劳人仲委调字)."""
        prefix = f"（{on.year}）{self.organisation.code}{word}第"
        last = Case.objects.filter(organisation=self.organisation, number__startswith=prefix).aggregate(m=Max("number"))["m"]
        return f"{prefix}{int(last[len(prefix):len(prefix) + 6]) + 1 if last else 1:06d}号"

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

    def on_receive_referral(self, facts: dict, actor: Any, on: dt.date) -> str:
        """An application a mediation organisation passes on after fifteen days without agreement
        (调解仲裁法第十四条第三款): numbered and its acceptance clock started like one filed directly."""
        kinds = set(MediationOrganisation.Kind.values) - {MediationOrganisation.Kind.COURT}
        self.received_from, self.source = self._sender(facts, "sender", kinds), Case.Source.REFERRAL
        return f"{self.on_submit(facts, actor, on)}；由{self.received_from}移送"

    def on_court_entrust(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.received_from = self._sender(facts, "court", {MediationOrganisation.Kind.COURT})
        self.court_procedure = self._choice(facts, "procedure", {"ordinary": "普通程序", "summary": "简易程序"})
        self.source, self.received_on = Case.Source.COURT, on
        self.number = self._next_number("劳人仲委调字", on)
        return f"{self.received_from}委托调解（{self.get_court_procedure_display()}），编号{self.number}"

    def on_court_return(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.court_outcome = self._choice(facts, "outcome", OUTCOMES["court_return"])
        self.referral_result, self.closed_on = str(facts["result"]).strip(), on
        if self.court_outcome == "agreed":
            self.agreement_terms, self.mediated_on = self.referral_result, on
            self.days_to_mediation = self._days(on)
        return f"{self.get_court_outcome_display()}：{self.referral_result}，退回{self.received_from}"

    def on_seek_confirmation(self, facts: dict, actor: Any, on: dt.date) -> str:
        """Only an agreement a mediation organisation reached is reviewed: the tribunal's 调解书 is
        binding once served (调解仲裁法第四十二条第三款). The court's confirmation is sought within
        thirty days of the agreement taking effect (人民调解法第三十三条), counted as every statutory
        period is (民法典第二百零一条、第二百零三条)."""
        if self.accepted_on or not self.referred_to_id:
            raise WorkflowError.of(
                "state", "仲裁庭制作的调解书经双方签收即发生法律效力，无需审查确认；只有调解组织主持达成的调解协议可以申请",
                "only an agreement reached by a mediation organisation is reviewed; the tribunal's mediation statement is binding once served",
            )
        self.confirmation_by = self._choice(facts, "confirm_by", CONFIRM_BY)
        if self.confirmation_by == "court" and self.mediated_on:
            pv = value_at("deadlines.judicial_confirmation", self.mediated_on)
            last = clock_due(self.mediated_on, int(pv.value), pv.unit).due
            if on > last:
                raise WorkflowError.of(
                    "confirm_by",
                    f"申请司法确认须在调解协议生效之日起{pv.value}日内提出：{self.mediated_on:%Y年%-m月%-d日}生效的协议"
                    f"最迟{last:%Y年%-m月%-d日}申请，已过期限（{pv.reference.cite()}）；可选择仲裁审查确认",
                    f"judicial confirmation had to be sought by {last.isoformat()}",
                )
        self.confirmation_sought_on = on
        return self.get_confirmation_by_display()

    def on_confirmation_result(self, facts: dict, actor: Any, on: dt.date) -> str:
        self.confirmation_outcome = self._choice(facts, "outcome", OUTCOMES["confirmation_result"])
        self.confirmation_result, self.closed_on = str(facts["result"]).strip(), on
        return f"{self.get_confirmation_outcome_display()}：{self.confirmation_result}"


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
