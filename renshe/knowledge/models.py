"""The regulation library as staff edit it: documents, article wordings with their dates, interpretations.

Loaded from the corpus files (corpus/*.yaml, *.md) by the demo loader; staff correct and
extend them in the admin. Pages, the API and search read these rows (see services.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renshe.knowledge.core.library import STATUSES

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
    "aliases",
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
    aliases = models.JSONField("其他名称", default=list, blank=True, help_text="计算器等引用时使用的其他名称")
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
