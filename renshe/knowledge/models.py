"""The regulation library as staff edit it: documents, article wordings with their dates, interpretations.

Loaded from the corpus files (corpus/*.yaml, *.md) by the demo loader; staff correct and
extend them in the admin. Pages, the API and search read these rows (see services.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renshe.knowledge.library import STATUSES

KINDS = {
    "law": "法律",
    "decision": "决定",
    "regulation": "行政法规",
    "local_regulation": "地方性法规",
    "rule": "部门规章/规范性文件",
    "notice": "通知",
    "judicial_interpretation": "司法解释",
}

#: the fields a corpus document and a Document row share (loaded by demo.py, read back by services.py)
LIBRARY_FIELDS = (
    "title",
    "short",
    "kind",
    "number",
    "issuer",
    "region",
    "adopted",
    "promulgated",
    "effective",
    "current_from",
    "repealed",
    "status",
    "topics",
    "amendments",
    "source",
    "style",
    "preamble",
    "missing",
)


class Document(models.Model):
    slug = models.SlugField("代号", max_length=80, unique=True)
    title = models.CharField("全称", max_length=200)
    short = models.CharField("简称", max_length=100, blank=True)
    kind = models.CharField("类别", max_length=30, choices=list(KINDS.items()))
    number = models.CharField("文号", max_length=120, blank=True)
    issuer = models.CharField("制定机关", max_length=120)
    region = models.CharField("适用地区", max_length=40, default="national")
    adopted = models.DateField("通过日期", null=True, blank=True)
    promulgated = models.DateField("公布日期", null=True, blank=True)
    effective = models.DateField("施行日期", null=True, blank=True)
    current_from = models.DateField("现行文本施行日期", null=True, blank=True)
    repealed = models.DateField("废止日期", null=True, blank=True)
    status = models.CharField("效力状态", max_length=20, choices=list(STATUSES.items()), default="in_force")
    topics = models.JSONField("主题", default=list, blank=True)
    amendments = models.JSONField("修改情况", default=list, blank=True)
    source = models.JSONField("文本来源及核对情况", default=dict, blank=True)
    style = models.CharField(
        "编号方式", max_length=10, choices=[("article", "第N条"), ("item", "一、二、")], default="article"
    )
    preamble = models.TextField("前言/通知正文", blank=True)
    missing = models.TextField("缺失说明", blank=True, help_text="未能从官方来源取得的部分")
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "法规文件"
        verbose_name_plural = "法规文件"
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


class Article(models.Model):
    """One wording of one article. The current wording has ``valid_to`` empty."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="articles", verbose_name="法规文件"
    )
    number = models.PositiveIntegerField("条号")
    chapter = models.CharField("章节", max_length=120, blank=True)
    title = models.CharField("标题", max_length=200, blank=True)
    text = models.TextField("条文")
    valid_from = models.DateField("适用起始", null=True, blank=True, help_text="空＝随现行文本施行")
    valid_to = models.DateField("适用截止", null=True, blank=True, help_text="空＝现行有效")
    source = models.CharField("来源", max_length=300, blank=True)
    verified = models.BooleanField("已核对官方文本", default=False)
    note = models.TextField("核对说明", blank=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "条文"
        verbose_name_plural = "条文"
        ordering = ["document", "number", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                condition=models.Q(valid_to__isnull=True),
                name="one_current_wording",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document.short or self.document.title} 第{self.number}条"


class Interpretation(models.Model):
    """政策解读: plain-language text, a chart (ECharts option), or both, tied to articles."""

    DRAFT, PUBLISHED = "draft", "published"
    title = models.CharField("标题", max_length=200)
    summary = models.CharField("摘要", max_length=300, blank=True)
    body = models.TextField("解读正文", blank=True)
    chart = models.JSONField("图表（ECharts 配置）", null=True, blank=True)
    document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpretations",
        verbose_name="法规文件",
    )
    articles = models.ManyToManyField(
        Article, blank=True, related_name="interpretations", verbose_name="相关条文"
    )
    status = models.CharField(
        "状态", max_length=20, choices=[(DRAFT, "草稿"), (PUBLISHED, "已发布")], default=DRAFT
    )
    published_on = models.DateField("发布日期", null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="撰写人"
    )
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"
        ordering = ["-published_on", "title"]

    def __str__(self) -> str:
        return self.title


class NormativeDocument(models.Model):
    """行政规范性文件: a draft through legality review, collective deliberation, publication and filing."""

    class State(models.TextChoices):
        DRAFTING = "drafting", "起草中"
        REVIEWING = "reviewing", "合法性审核中"
        RETURNED = "returned", "退回修改"
        REVIEWED = "reviewed", "合法性审核通过"
        APPROVED = "approved", "集体审议通过"
        PUBLISHED = "published", "已公布施行"
        FILED = "filed", "已备案"
        REPEALED = "repealed", "已废止"
        EXPIRED = "expired", "有效期届满失效"

    title = models.CharField("文件名称", max_length=200)
    number = models.CharField("文号", max_length=80, blank=True)
    drafting_unit = models.CharField("起草处室", max_length=100)
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="起草人",
    )
    trial = models.BooleanField("暂行/试行", default=False)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFTING)
    submitted_on = models.DateField("送审日期", null=True, blank=True)
    review_due = models.DateField("审核期限", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    effective_from = models.DateField("施行日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    filing_due = models.DateField("报送备案期限", null=True, blank=True)
    filed_on = models.DateField("备案日期", null=True, blank=True)
    filing_authority = models.CharField("备案机关", max_length=100, blank=True)
    needs_amendment = models.BooleanField("清理结论：需修改", default=False)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = "行政规范性文件"
        ordering = ["-updated"]
        permissions = [
            ("review_legality", "可进行合法性审核"),
            ("file_record", "可办理备案"),
            ("clean_up", "可作出清理决定"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title


class ReviewOpinion(models.Model):
    """One statutory step's opinion: legality review, collective deliberation, filing."""

    STEPS = [("legality", "合法性审核"), ("collective", "集体审议"), ("filing", "备案")]
    RESULTS = [("pass", "通过"), ("amend", "退回修改")]
    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="opinions")
    step = models.CharField("环节", max_length=20, choices=STEPS)
    result = models.CharField("结论", max_length=10, choices=RESULTS)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="审核人")
    opinion = models.TextField("意见")
    on = models.DateField("日期")

    class Meta:
        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.get_result_display()}"


class CleanupDecision(models.Model):
    """动态清理: keep, amend or repeal, decided for a year's clean-up."""

    DECISIONS = [("retain", "保留"), ("amend", "修改"), ("repeal", "废止")]
    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="cleanups")
    year = models.PositiveIntegerField("清理年度")
    decision = models.CharField("清理结论", max_length=10, choices=DECISIONS)
    reason = models.TextField("理由")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="决定人")
    decided_on = models.DateField("决定日期")

    class Meta:
        verbose_name = "清理决定"
        verbose_name_plural = "清理决定"
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.get_decision_display()}"
