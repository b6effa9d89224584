"""API: the register, the expiry warning list and the yearly statistics (staff, session login).

Anonymous callers get 401, signed-in users without a register role 403. Dates are ISO 8601.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from . import register
from .core import periods, workflow
from .permissions import can_view

router = Router(auth=django_auth, tags=["normdocs"])


class DocumentOut(Schema):
    id: int
    number: str
    title: str
    division: str
    status: str
    status_label: str
    published_on: dt.date | None
    effective_from: dt.date | None
    valid_until: dt.date | None
    filing_due: dt.date | None
    demo: bool


class ListQuery(Schema):
    status: workflow.State | None = Field(None, description="状态")
    division: int | None = Field(None, ge=1, description="起草处室（机构编号）")
    year: int | None = Field(None, ge=2000, le=2100, description="公布年度（草案按登记年度）")
    expiring: int | None = Field(None, ge=0, le=3650, description="有效期在多少天内届满")


class YearOut(Schema):
    year: int
    published: int
    reviewed: int
    review_results: dict[str, int]
    filed: int
    filed_late: int
    cleanup: dict[str, int]


def _allowed(request) -> None:
    if not can_view(request.user):
        raise HttpError(403, "没有访问行政规范性文件登记簿的权限 / not allowed")


def _out(d) -> dict:
    return {
        "id": d.pk,
        "number": d.number,
        "title": d.title,
        "division": d.drafting_division.name,
        "status": d.status,
        "status_label": d.get_status_display(),
        "published_on": d.published_on,
        "effective_from": d.effective_from,
        "valid_until": d.valid_until,
        "filing_due": d.filing_deadline.due if d.filing_deadline else None,
        "demo": d.demo,
    }


@router.get("/normdocs/documents", response=list[DocumentOut], summary="规范性文件登记簿 / register")
def documents(request, query: Query[ListQuery]):
    _allowed(request)
    filters = register.Filters(
        status=query.status or "", division=query.division, year=query.year, expiring_days=query.expiring
    )
    return [_out(d) for d in register.documents(filters, timezone.localdate())]


@router.get("/normdocs/expiring", response=list[DocumentOut], summary="即将到期的规范性文件 / expiring soon")
def expiring(request, days: int | None = Query(None, ge=0, le=3650, description="提示窗口天数")):
    _allowed(request)
    today = timezone.localdate()
    window = int(periods.warning_days(today).value) if days is None else days
    return [_out(d) for d in register.expiring(today, window).select_related("filing_deadline")]


@router.get("/normdocs/statistics", response=list[YearOut], summary="规范性文件年度统计 / yearly statistics")
def statistics(request):
    _allowed(request)
    return [row.__dict__ for row in register.statistics()]
