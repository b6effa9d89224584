"""``{% load audit %}{% audit_history obj %}``: an object's change history on a staff page."""

from __future__ import annotations

from django import template
from django.db import models

from renshe.platform.audit.readable import entry
from renshe.platform.audit.service import history

register = template.Library()


@register.inclusion_tag("audit/history.html")
def audit_history(obj: models.Model, limit: int = 50) -> dict:
    """The newest ``limit`` audit records of ``obj`` as Chinese sentences, each change by its
    field's label (:mod:`renshe.platform.audit.readable`)."""
    return {"rows": [entry(rec) for rec in history(obj).select_related("actor", "content_type")[:limit]]}
