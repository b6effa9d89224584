"""Which requests a staff member sees: those of the offices in their part of the province — handling
them, supervising them after escalation, or asked to sign for them. A city's staff never see
another city's requests (``renshe.platform.accounts.scoping``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from renshe.platform.accounts.scoping import PROVINCE_WIDE, visible_organisations

from .models import Appeal, DisclosureRequest


def province_wide(user: Any) -> bool:
    """The department's staff and superusers see every request (no filter, so no costly OR of joins)."""
    if getattr(user, "is_superuser", False) and user.is_authenticated:
        return True
    org = getattr(user, "organisation", None)
    return bool(getattr(user, "is_authenticated", False) and org is not None and org.kind in PROVINCE_WIDE)


def appeals_for(user: Any) -> QuerySet[Appeal]:
    if province_wide(user):
        return Appeal.objects.all()
    orgs = visible_organisations(user)
    supervised = Appeal.supervisors.through.objects.filter(organisation__in=orgs).values("appeal_id")
    return Appeal.objects.filter(Q(organisation__in=orgs) | Q(pending_org__in=orgs) | Q(pk__in=supervised))


def disclosures_for(user: Any) -> QuerySet[DisclosureRequest]:
    if getattr(user, "is_superuser", False):
        return DisclosureRequest.objects.all()
    return DisclosureRequest.objects.filter(organisation__in=visible_organisations(user))
