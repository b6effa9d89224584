"""The Django side of a workflow object, and the notifications of the 待办.

A model joins the kernel by subclassing :class:`WorkflowModel` and setting ``machine``.
A model that predates the kernel and names its fields differently (the normative-document
register's ``status`` and ``drafting_division``) sets ``state_field`` and
``organisation_field`` instead; one with no organisation (``organisation_field = None``)
may be moved only by the platform itself (transitions with the ``system`` role).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from renshe.platform.accounts.models import Organisation

from .machine import Machine


class WorkflowModel(models.Model):
    """An object that moves through a :class:`~.machine.Machine`'s states.

    ``organisation`` is the office that must act; ``supervisors`` the offices that also see
    and may act after escalation (escalation adds, never removes, 《保障农民工工资支付条例》
    第七条: the county office keeps its duty); ``assignee`` the one member of staff it is
    assigned to, if any.
    """

    machine: ClassVar[Machine]
    state_field: ClassVar[str] = "state"
    organisation_field: ClassVar[str | None] = "organisation"
    #: FK to the running TrackedDeadline that :func:`~.services.apply` keeps current, if any
    clock_field: ClassVar[str | None] = None
    #: "own": the 待办 of staff of the organisation itself, its supervisors and the assignee;
    #: "visible": of every member of staff who may act on it (a department-wide register)
    inbox_scope: ClassVar[str] = "own"
    #: the states in which a case waits on someone (None: every state not final)
    inbox_states: ClassVar[tuple[str, ...] | None] = None

    state = models.CharField("状态", max_length=32)
    organisation = models.ForeignKey(
        Organisation, verbose_name="承办单位", on_delete=models.PROTECT, related_name="%(app_label)s_%(class)s_set"
    )
    supervisors = models.ManyToManyField(
        Organisation, verbose_name="督办单位", blank=True, related_name="%(app_label)s_%(class)s_supervised"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="%(app_label)s_%(class)s_assigned",
    )

    class Meta:
        abstract = True


def state_of(obj: Any) -> str:
    return getattr(obj, getattr(obj, "state_field", "state"))


def organisation_ids(obj: Any) -> list[int]:
    """The office that must act and every supervisor (escalation adds these)."""
    field = getattr(obj, "organisation_field", "organisation")
    ids = [getattr(obj, f"{field}_id")] if field else []
    if hasattr(obj, "supervisors") and obj.pk is not None:
        ids += list(obj.supervisors.values_list("pk", flat=True))
    return ids


class Notification(models.Model):
    """One entry of a 待办 that is not a case's own step: an expiry warning, an escalation.

    Addressed to a user, or to an organisation (every member of staff of that office sees
    it). ``key`` makes a daily job idempotent: the same warning is not added twice.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", null=True, blank=True, on_delete=models.CASCADE,
        related_name="notifications",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="接收单位", null=True, blank=True, on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField("事项", max_length=200)
    body = models.TextField("说明", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    module = models.CharField("业务", max_length=50, blank=True)
    due = models.DateField("期限", null=True, blank=True)
    key = models.CharField("去重键", max_length=200, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    done_at = models.DateTimeField("已办结", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办结人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "待办通知"
        verbose_name_plural = "待办通知"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(organisation__isnull=False),
                name="workflow_notification_has_recipient",
            ),
        ]
        indexes = [models.Index(fields=["key"]), models.Index(fields=["done_at"])]

    def __str__(self) -> str:
        return self.title
