"""Organisations (the department, its divisions, Fujian's cities and counties, and the cities'
industry departments that wage-arrears alerts are copied to) and users.

A user belongs to one organisation; what they may see is that organisation's subtree
(a city's staff see their city and its counties; the department sees the province).
What they may do comes from their roles (see :mod:`renshe.platform.accounts.roles`).
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class Organisation(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", "省人力资源和社会保障厅"
        DIVISION = "division", "厅内处室"
        CITY = "city", "设区市人社局"
        COUNTY = "county", "县（市、区）人社局"
        INDUSTRY = "industry", "行业工程建设主管部门"
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

    def get_full_name(self) -> str:
        """A Chinese name reads surname first, with no space: 王调解."""
        return f"{self.last_name}{self.first_name}".strip()


class ApiToken(models.Model):
    """A bearer token for a machine client acting as one staff user.

    Only the SHA-256 of the token is stored; the token itself is shown once, when
    it is issued (:meth:`issue`). A token carries its user's roles and scope.
    """

    user = models.ForeignKey(User, verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=100, help_text="如：12345 热线对接")
    digest = models.CharField("令牌摘要", max_length=64, unique=True, editable=False)
    prefix = models.CharField("令牌前缀", max_length=8, editable=False)
    created = models.DateTimeField("签发时间", auto_now_add=True)
    expires = models.DateTimeField("失效时间", null=True, blank=True)
    last_used = models.DateTimeField("最近使用", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @staticmethod
    def _digest(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def set_token(self) -> str:
        """Give this row a new random token; returns it (it is not stored, only its digest)."""
        token = secrets.token_urlsafe(32)
        self.digest, self.prefix = self._digest(token), token[:8]
        return token

    @classmethod
    def issue(cls, user: User, name: str, expires=None) -> tuple[ApiToken, str]:
        """Create a token for ``user``; returns the row and the token (shown only now)."""
        row = cls(user=user, name=name, expires=expires)
        token = row.set_token()
        row.save()
        return row, token

    @classmethod
    def user_for(cls, token: str) -> User | None:
        """The active user a current token stands for, or None."""
        row = cls.objects.select_related("user").filter(digest=cls._digest(token or "")).first()
        if row is None or not row.user.is_active or (row.expires and row.expires <= timezone.now()):
            return None
        cls.objects.filter(pk=row.pk).update(last_used=timezone.now())
        return row.user
