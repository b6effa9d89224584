"""Holiday notices staff enter, overlaying the files, and deadlines other workflows track.

A :class:`HolidayNotice` is one year's 国务院办公厅关于部分节假日安排的通知 as data. Saving or
deleting one recomputes, in the same transaction, every open :class:`TrackedDeadline`
that the year could move, each change with an audit record (see :mod:`.service`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from renshe.rules import calendar
from renshe.rules.errors import RulesError

UNIT_CHOICES = [("days", "日"), ("working_days", "工作日"), ("months", "月"), ("years", "年")]


class HolidayNotice(models.Model):
    year = models.PositiveSmallIntegerField("年份", unique=True)
    title = models.CharField("标题", max_length=200)
    number = models.CharField("文号", max_length=64, blank=True, help_text="如 国办发明电〔2025〕7号")
    issued_on = models.DateField("发布日期", null=True, blank=True)
    url = models.URLField("官方网址", blank=True)
    days_off = models.JSONField("放假日期", default=list, help_text="含周末在内的全部放假日（ISO 日期）")
    make_up_days = models.JSONField("调休上班日期", default=list, help_text="通知安排上班的周末（ISO 日期）")
    festival_days = models.JSONField(
        "法定节日",
        null=True,
        blank=True,
        help_text="{日期: 节日名}；留空则按《全国年节及纪念日放假办法》第二条推算",
    )
    verified = models.BooleanField("已核对官方原文", default=False)
    note = models.TextField("核对说明", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "放假安排通知"
        verbose_name_plural = "放假安排通知"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.number or self.title}"

    def save(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        from . import service

        with transaction.atomic():
            before = service.snapshot_or_none(self)
            super().save(*args, **kwargs)
            service.notice_changed(self, before, actor)

    def delete(self, *args: Any, actor: Any = None, **kwargs: Any) -> Any:
        from . import service

        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            service.notice_removed(self, actor)
        return result

    def to_notice(self) -> calendar.Notice:
        """The notice as the pure calendar reads it."""
        festivals = None
        if self.festival_days is not None:
            festivals = {dt.date.fromisoformat(d): name for d, name in self.festival_days.items()}
        return calendar.Notice(
            year=self.year,
            title=self.title,
            number=self.number or None,
            issued_on=self.issued_on,
            url=self.url or None,
            days_off=frozenset(dt.date.fromisoformat(d) for d in self.days_off),
            make_up_days=frozenset(dt.date.fromisoformat(d) for d in self.make_up_days),
            festival_days=festivals,
            source="database",
            verified=self.verified,
        )

    def clean(self) -> None:
        try:
            calendar.check_date(dt.date(self.year, 1, 1), "year")
            self.to_notice()
        except RulesError as exc:
            raise ValidationError("；".join(p.zh for p in exc.problems)) from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise ValidationError(f"日期格式应为 YYYY-MM-DD：{exc}") from None


class TrackedDeadline(models.Model):
    content_type = models.ForeignKey(ContentType, verbose_name="所属对象类型", on_delete=models.PROTECT)
    object_id = models.CharField("所属对象编号", max_length=64)
    owner = GenericForeignKey("content_type", "object_id")
    kind = models.CharField("期限类型", max_length=64, blank=True)
    start = models.DateField("起算事件日期")
    length = models.PositiveIntegerField("期间长度")
    unit = models.CharField("计算单位", max_length=16, choices=UNIT_CHOICES)
    due = models.DateField("届满日期", db_index=True)
    provisional = models.BooleanField("临时结果", default=False, help_text="依赖尚未载入放假通知的年份")
    param = models.CharField(
        "法定期限参数", max_length=100, blank=True, help_text="renshe/rules/params 中规定期间长度的参数（即其法律依据）"
    )
    param_key = models.CharField("参数取值项", max_length=32, blank=True, help_text="参数按级别、方式取值时的项，如 red")
    region = models.CharField("参数地区", max_length=16, default="national")
    basis = models.CharField("法律依据", max_length=300, blank=True)
    counts_back = models.BooleanField("倒数期限", default=False, help_text="须在起算事件日期之前若干日完成")
    pauses = models.JSONField(
        "不计入期间的时段", default=list, blank=True, help_text="[{from, to, reason}]，to 为空表示仍在暂停"
    )
    days_paused = models.PositiveIntegerField("已不计入的天数", default=0)
    extension_param = models.CharField("延长期限参数", max_length=100, blank=True)
    extension_length = models.PositiveIntegerField("延长期间长度", null=True, blank=True)
    extension_unit = models.CharField("延长计算单位", max_length=16, choices=UNIT_CHOICES, blank=True)
    original_due = models.DateField("原届满日期", null=True, blank=True, help_text="延长前的届满日")
    is_open = models.BooleanField("未结", default=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "跟踪期限"
        verbose_name_plural = "跟踪期限"
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["is_open", "due"]),
        ]

    def __str__(self) -> str:
        label = self.get_unit_display()
        if self.counts_back:
            return f"{self.kind or '期限'}：{self.start:%Y年%-m月%-d日}前{self.length}{label}，{self.due:%Y年%-m月%-d日}前办理"
        return f"{self.kind or '期限'}：{self.start:%Y年%-m月%-d日}起{self.length}{label}，{self.due:%Y年%-m月%-d日}届满"

    @property
    def paused(self) -> bool:
        """A pause has begun and not ended: the clock is stopped."""
        return any(p.get("to") is None for p in self.pauses)

    @property
    def on_time(self) -> bool | None:
        """Closed on or before its due date (pauses and extension already in ``due``); None while open."""
        if self.is_open or self.closed_on is None:
            return None
        return self.closed_on <= self.due
