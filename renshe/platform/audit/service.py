"""Write audit records. Call :func:`record` inside the same transaction as the change,
so a change and its record commit or roll back together.

Usage in a workflow::

    with transaction.atomic():
        before = snapshot(alert)
        alert.state = "signed"
        alert.save()
        record(user, alert, "sign", before=before, after=snapshot(alert))
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from .models import AuditRecord


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, bytes | memoryview):
        return None
    if isinstance(value, FieldFile):  # an uploaded file: its stored name tells what changed
        return value.name or None
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's concrete field values as JSON-ready data (foreign keys as ids)."""
    return {f.attname: _plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def record(
    actor: Any,
    obj: models.Model,
    action: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditRecord:
    """Append one audit record. Only the fields that changed are kept when both sides are given."""
    if before is not None and after is not None:
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        before = {k: before.get(k) for k in sorted(changed)}
        after = {k: after.get(k) for k in sorted(changed)}
    return AuditRecord.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        before=before,
        after=after,
        note=note,
    )


def history(obj: models.Model) -> models.QuerySet[AuditRecord]:
    """Every record about one object, newest first."""
    return AuditRecord.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
