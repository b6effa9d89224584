"""Organisations (the department, its divisions, Fujian's cities and counties) and users.

A user belongs to one organisation; what they may see is that organisation's subtree
(a city's staff see their city and its counties; the department sees the province).
What they may do comes from their roles (see :mod:`renshe.platform.accounts.roles`).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Organisation(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", "省人力资源和社会保障厅"
        DIVISION = "division", "厅内处室"
        CITY = "city", "设区市人社局"
        COUNTY = "county", "县（市、区）人社局"
        OTHER = "other", "其他单位"

    code = models.CharField("代码", max_length=64, unique=True)
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    region = models.CharField(
        "地区代码", max_length=64, help_text="法规参数地区代码，如 fujian、fujian.xiamen", default="fujian"
    )
    path = models.CharField("层级路径", max_length=500, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = "组织机构"
        verbose_name_plural = "组织机构"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.path = f"{self.parent.path}{self.code}/" if self.parent_id else f"{self.code}/"
        super().save(*args, **kwargs)

    def subtree(self) -> models.QuerySet[Organisation]:
        """This organisation and every one below it."""
        return Organisation.objects.filter(path__startswith=self.path)


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, verbose_name="所属机构", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    phone = models.CharField("手机号", max_length=20, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = "用户"
        verbose_name_plural = "用户"
