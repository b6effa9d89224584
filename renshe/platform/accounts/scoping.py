"""What a staff member may see: their organisation's part of the province.

A city's staff see their city and its counties; a county's staff their county; the
department and its divisions see the whole province. The organisation tree is kept
as a materialised path (``Organisation.path``), so a subtree is one prefix query.
"""

from __future__ import annotations

from collections.abc import Callable
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


def region_filter(user: Any) -> Callable[[str], bool]:
    """Whether ``user``'s organisation covers a place given by its administrative code (a
    project's county, ``region_code`` in the arrears store, which is outside the database).

    The same reach as :func:`visible_organisations`: the province for the department, a city its
    city and counties, a county itself; a city's industry bureau (kind ``industry``, outside the
    tree, coded ``<city code>-<bureau>``) its city. Nobody else anything.
    """
    if not getattr(user, "is_authenticated", False):
        return lambda code: False
    org = getattr(user, "organisation", None)
    if org is not None and org.kind == Organisation.Kind.INDUSTRY and not user.is_superuser:
        city = org.code.split("-", 1)[0]
        return lambda code: code[:4] + "00" == city
    orgs = visible_organisations(user)
    if user.is_superuser or orgs.filter(parent__isnull=True).exists():
        return lambda code: True
    codes = set(orgs.filter(kind__in=[Organisation.Kind.COUNTY, Organisation.Kind.CITY]).values_list("code", flat=True))
    return lambda code: code in codes or code[:4] + "00" in codes


def organisation_path(model: Any) -> str | None:
    """The lookup from ``model`` to the Organisation its rows belong to, or None if it has none.

    A model names it in ``scope_field`` (e.g. ``"owner__organisation"``); otherwise a foreign
    key called ``organisation`` (the office that must act) is it. Used where records about many
    kinds of objects are shown together (the audit records in the admin).
    """
    explicit = getattr(model, "scope_field", None)
    if explicit:
        return explicit
    names = {f.name for f in model._meta.get_fields()}
    return "organisation" if "organisation" in names else None


def sees_province(user: Any) -> bool:
    """The department, its divisions and superusers: everything, including records of no office."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or visible_organisations(user).filter(parent__isnull=True).exists()
