"""``{% load audit %}{% audit_history obj %}``: an object's change history on a staff page."""

from __future__ import annotations

from django import template
from django.db import models

from renshe.platform.audit.service import history

register = template.Library()


@register.inclusion_tag("audit/history.html")
def audit_history(obj: models.Model, limit: int = 50) -> dict:
    """The newest ``limit`` audit records of ``obj``, each change as field, before, after."""
    rows = []
    for rec in history(obj).select_related("actor")[:limit]:
        before, after = rec.before or {}, rec.after or {}
        changes = [(k, before.get(k), after.get(k)) for k in sorted(before.keys() | after.keys())]
        rows.append({"record": rec, "changes": changes})
    return {"rows": rows}
