"""What a staff member may see: their organisation's part of the province.

A city's staff see their city and its counties; a county's staff their county; the
department and its divisions see the whole province. The organisation tree is kept
as a materialised path (``Organisation.path``), so a subtree is one prefix query.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Organisation

#: Kinds whose staff see the whole province (the department and its divisions).
PROVINCE_WIDE = {Organisation.Kind.DEPARTMENT, Organisation.Kind.DIVISION}


def visible_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations whose records ``user`` may see (none for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    org = user.organisation
    if org is None:
        return Organisation.objects.none()
    if org.kind in PROVINCE_WIDE:
        root = org if org.parent_id is None else Organisation.objects.get(path=org.path.split("/", 1)[0] + "/")
        return root.subtree()
    return org.subtree()


def scope(queryset: QuerySet, user: Any, org_field: str = "organisation") -> QuerySet:
    """``queryset`` narrowed to the rows ``user`` may see, by the organisation in ``org_field``.

    ``org_field`` is a lookup path to an Organisation foreign key, e.g. ``"project__organisation"``.
    """
    if getattr(user, "is_superuser", False) and user.is_authenticated:
        return queryset
    return queryset.filter(**{f"{org_field}__in": visible_organisations(user)})
