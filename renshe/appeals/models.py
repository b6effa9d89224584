"""Requests (12345, 96333, 闽治欠, letters, visits, online), their hand-overs, routing rules,
disclosure applications and the proactive disclosure catalogue.

One record type, :class:`Appeal`, for every channel, with each channel's own fields. The
statutory clocks' days are kept on the record (computed by :mod:`renshe.appeals.core.clocks`
from cited parameters), so the KPI page aggregates in one query.

First-contact responsibility (首问负责制, 《保障农民工工资支付条例》第十条第三款): ``owner`` is never
empty — whoever receives a request owns it until another office signs for it; every change of
owner is a :class:`Handover` row.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models

from renshe.platform.accounts.masking import mask_id_number
from renshe.platform.accounts.models import Organisation
from renshe.platform.audit.service import snapshot
from renshe.platform.lawcalendar.models import TrackedDeadline
from renshe.platform.workflow.models import WorkflowModel

from .core import annual_report
from .core.routing import CATEGORIES
from .core.workflow import APPEAL_STATES, DISCLOSURE, DISCLOSURE_STATES, PETITION, machine_for
from .hooks import AppealSteps, DisclosureSteps


class _ByChannel:
    """``Appeal.machine``: the petition machine on the class (the 待办 reads its states, a superset of
    the hotline's), each request's own channel's machine on an instance (``services.apply``)."""

    def __get__(self, obj, owner=None):
        return PETITION if obj is None else machine_for(obj.channel)


ID_IN_TEXT = re.compile(r"[0-9A-Za-z]{15,18}")


class Channel(models.TextChoices):
    HOTLINE = "12345", "12345政务服务便民热线"
    WAGE_LINE = "96333", "96333欠薪维权专线"
    MZQ = "mzq", "“闽治欠”（手机填报）"
    LETTER = "letter", "来信"
    VISIT = "visit", "来访"
    ONLINE = "online", "网上信访"


class Satisfaction(models.TextChoices):
    NONE = "", "未评价"
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class RoutingRule(models.Model):
    """Category × place → office; staff edit these (admin). See :mod:`renshe.appeals.core.routing`."""

    category = models.CharField("诉求类别", max_length=32, choices=list(CATEGORIES.items()), blank=True,
                                help_text="留空表示任何类别")
    place = models.CharField("地区代码", max_length=6, blank=True,
                             help_text="六位行政区划代码（县、市或 350000 全省）；留空表示任何地区")
    target = models.CharField("承办单位", max_length=64,
                              help_text="组织机构代码，或 @county（属地县级人社部门）、@city（属地设区市人社部门）")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "分办规则"
        verbose_name_plural = "分办规则"
        ordering = ["category", "place"]
        constraints = [models.UniqueConstraint(fields=["category", "place"], name="appeals_rule_category_place")]

    def __str__(self) -> str:
        return f"{self.get_category_display() or '任何类别'} × {self.place or '任何地区'} → {self.target}"


class Desk(models.Model):
    """Who receives for an office (首问责任人): the person a request routed there belongs to first."""

    organisation = models.OneToOneField(Organisation, verbose_name="单位", on_delete=models.CASCADE,
                                        related_name="appeals_desk")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="首问责任人", on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        verbose_name = "受理岗"
        verbose_name_plural = "受理岗"

    def __str__(self) -> str:
        return f"{self.organisation}：{self.user.get_full_name() or self.user.username}"


class ImportBatch(models.Model):
    """One import of a 12345 export: the act that recorded its requests and started their clocks.

    The import is audited once, on its batch (who, when, which file, how many imported, already on
    record, rejected), rather than once per row; each request names its batch
    (``Appeal.import_batch``), so its history leads to the record of the import.
    """

    at = models.DateTimeField("导入时间", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="导入人", null=True, blank=True,
                              on_delete=models.PROTECT)
    source = models.CharField("来源文件", max_length=200, blank=True)
    imported = models.PositiveIntegerField("导入条数", default=0)
    already = models.PositiveIntegerField("已在册条数", default=0)
    rejected = models.PositiveIntegerField("未导入条数", default=0)

    class Meta:
        verbose_name = "12345工单导入批次"
        verbose_name_plural = "12345工单导入批次"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"12345工单导入批次 {self.pk}（{self.at:%Y-%m-%d %H:%M}）" if self.at else f"12345工单导入批次 {self.pk}"


class Appeal(AppealSteps, WorkflowModel):
    machine = _ByChannel()
    clock_field = "clock"
    clock_region = "fujian"

    number = models.CharField("编号", max_length=24, unique=True)
    channel = models.CharField("渠道", max_length=8, choices=Channel.choices)
    external_id = models.CharField("外部工单号", max_length=64, blank=True,
                                   help_text="12345 工单编号等；同一渠道内唯一，导入时据此去重")
    category = models.CharField("诉求类别", max_length=32, choices=list(CATEGORIES.items()))
    place = models.CharField("发生地（区县代码）", max_length=6)
    name = models.CharField("诉求人", max_length=50)
    phone = models.CharField("联系电话", max_length=20)
    content = models.TextField("诉求内容")
    # 闽治欠 / 96333 wage complaints
    project = models.CharField("工程项目", max_length=200, blank=True)
    employer = models.CharField("欠薪单位", max_length=200, blank=True)
    amount = models.DecimalField("欠薪金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    workers = models.PositiveIntegerField("涉及人数", null=True, blank=True)
    # visits come in batches
    head_count = models.PositiveIntegerField("来访人数", default=1)
    repeat_of = models.ForeignKey("self", verbose_name="重复件（首件）", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="repeats")
    state = models.CharField("状态", max_length=16, choices=list(APPEAL_STATES.items()), default="registered")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="责任人", on_delete=models.PROTECT,
                              related_name="appeals_owned")
    pending_org = models.ForeignKey(Organisation, verbose_name="待签收单位", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="appeals_incoming")
    escalation_level = models.PositiveSmallIntegerField("升级次数", default=0)
    routed_by = models.CharField("分办依据", max_length=200, blank=True)
    # the running statutory clock (the kernel's), and the days of each clock copied here for the KPIs
    clock = models.ForeignKey(TrackedDeadline, verbose_name="当前环节期限", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    received_on = models.DateField("登记日期", db_index=True)
    acceptance_due = models.DateField("受理期限", null=True, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    closing_started = models.DateField("办理期限起算", null=True, blank=True)
    closing_due = models.DateField("办结期限", null=True, blank=True)
    extended = models.BooleanField("已延期", default=False)
    clock_basis = models.CharField("期限依据", max_length=300, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply = models.TextField("答复内容", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    satisfaction = models.CharField("评价", max_length=16, choices=Satisfaction.choices, blank=True)
    review_due = models.DateField("复查/复核期限", null=True, blank=True)
    arrears_alert = models.ForeignKey("arrears.Alert", verbose_name="转为欠薪预警", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="appeals")
    inspection_case = models.ForeignKey("inspections.Case", verbose_name="转为劳动保障监察案件", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="appeals")
    import_batch = models.ForeignKey("appeals.ImportBatch", verbose_name="导入批次", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="appeals")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "诉求"
        verbose_name_plural = "诉求"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "external_id"], condition=~models.Q(external_id=""),
                                    name="appeals_channel_external_id"),
        ]
        indexes = [
            models.Index(fields=["organisation", "received_on"]),
            models.Index(fields=["state"]),
            models.Index(fields=["phone"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return f"/appeals/{self.pk}/"

    @property
    def is_repeat(self) -> bool:
        return self.repeat_of_id is not None

    @property
    def current_due(self):
        """The day the running clock ends, or None."""
        if self.state == "registered":
            return self.acceptance_due
        if self.state == "accepted":
            return self.closing_due
        if self.state in ("reviewing", "rereviewing"):
            return self.review_due
        return None


class Handover(models.Model):
    """One change of the responsible person (受理、转办、签收、改派); rows are never edited."""

    class Kind(models.TextChoices):
        RECEIVE = "receive", "首问受理"
        TRANSFER = "transfer", "转办（待签收）"
        SIGN = "sign", "签收"
        RETURN = "return", "退回（不属本单位）"
        REASSIGN = "reassign", "本单位内改派"

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="handovers")
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    at = models.DateTimeField("时间", auto_now_add=True)
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="交出人", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="责任人", on_delete=models.PROTECT,
                                related_name="+")
    to_org = models.ForeignKey(Organisation, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+")
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "责任交接"
        verbose_name_plural = "责任交接"
        ordering = ["appeal", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to_user}（{self.to_org}）"


class ApplicantKind(models.TextChoices):
    NATURAL = "natural", annual_report.APPLICANTS["natural"]
    COMMERCIAL = "commercial", annual_report.APPLICANTS["commercial"]
    RESEARCH = "research", annual_report.APPLICANTS["research"]
    PUBLIC_INTEREST = "public_interest", annual_report.APPLICANTS["public_interest"]
    LEGAL_SERVICE = "legal_service", annual_report.APPLICANTS["legal_service"]
    OTHER_ORG = "other_org", "其他法人或其他组织"


class DisclosureRequest(DisclosureSteps, WorkflowModel):
    """An application for government information (《政府信息公开条例》第二十九条: who, what, in what form)."""

    machine = DISCLOSURE
    clock_field = "clock"

    number = models.CharField("编号", max_length=24, unique=True)
    applicant_kind = models.CharField("申请人类型", max_length=16, choices=ApplicantKind.choices)
    applicant = models.CharField("申请人姓名或名称", max_length=100)
    id_document = models.CharField("身份证明", max_length=64)
    contact = models.CharField("联系方式", max_length=100)
    description = models.TextField("所需政府信息的名称、文号或特征性描述")
    form = models.CharField("获取信息的方式、途径", max_length=100)
    state = models.CharField("状态", max_length=24, choices=list(DISCLOSURE_STATES.items()), default="received")
    clock = models.ForeignKey(TrackedDeadline, verbose_name="答复期限", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    received_on = models.DateField("收到申请日期", db_index=True)
    completion_due = models.DateField("告知补正期限", null=True, blank=True)
    completion_requested_on = models.DateField("告知补正日期", null=True, blank=True)
    completion_items = models.TextField("需补正事项", blank=True)
    completed_on = models.DateField("收到补正日期", null=True, blank=True)
    extended = models.BooleanField("已延长", default=False)
    reply_due = models.DateField("答复期限", null=True, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    outcome = models.CharField("答复类型", max_length=24, blank=True,
                               choices=[(k, f"{g}{(' ' + i) if i else ''}") for k, (g, i) in
                                        annual_report.OUTCOMES.items()])
    reply = models.TextField("答复内容", blank=True)
    challenge = models.CharField("行政复议、诉讼", max_length=24, blank=True,
                                 choices=list(annual_report.CHALLENGES.items()))
    challenge_result = models.CharField("复议、诉讼结果", max_length=16, blank=True,
                                        choices=list(annual_report.CHALLENGE_RESULTS.items()))

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant}"

    def get_absolute_url(self) -> str:
        return f"/appeals/disclosure/{self.pk}/"

    @property
    def id_document_masked(self) -> str:
        """The proof of identity with any ID or credit-code number in it masked (个人信息保护法第六条)."""
        return ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), self.id_document)

    def workflow_snapshot(self) -> dict:
        """What the audit record keeps: the ID number masked, as on the page."""
        return {**snapshot(self), "id_document": self.id_document_masked}


class CatalogueItem(models.Model):
    """One entry of the 主动公开目录 (《政府信息公开条例》第二十条、第二十六条)."""

    class Category(models.TextChoices):
        RULE = "rule", "规章"
        NORMATIVE = "normative", "行政规范性文件"
        POLICY = "policy", "政策解读"
        PLAN = "plan", "规划计划"
        FINANCE = "finance", "财政预决算"
        SERVICE = "service", "办事指南"
        NEWS = "news", "工作动态"
        OTHER = "other", "其他"

    title = models.CharField("名称", max_length=200)
    category = models.CharField("类别", max_length=16, choices=Category.choices)
    doc_number = models.CharField("文号", max_length=64, blank=True)
    organisation = models.ForeignKey(Organisation, verbose_name="发布机关", on_delete=models.PROTECT,
                                     related_name="catalogue_items")
    formed_on = models.DateField("形成或变更日期")
    published_on = models.DateField("公开日期", db_index=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    publish_due = models.DateField("公开期限", help_text="形成或变更之日起20个工作日（第二十六条）")

    class Meta:
        verbose_name = "主动公开目录"
        verbose_name_plural = "主动公开目录"
        ordering = ["-published_on", "id"]

    def __str__(self) -> str:
        return self.title
