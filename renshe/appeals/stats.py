"""The KPI figures in SQL: one pass of conditional counts per breakdown, for the KPI page and its
Excel file. The definitions are :mod:`renshe.appeals.core.kpi`'s; ``tests/appeals`` checks that
these queries and :func:`renshe.appeals.core.kpi.compute` give the same figures on the same rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr, TruncMonth

from renshe.platform.accounts.models import Organisation

from .core import kpi
from .core.routing import CATEGORIES
from .models import Appeal, Channel, DisclosureRequest

BREAKDOWNS = {"channel": "渠道", "city": "设区市", "organisation": "承办单位", "category": "类别", "month": "月份"}


def aggregates(today: dt.date) -> dict[str, Any]:
    first = Q(repeat_of__isnull=True)
    lv = first & Q(channel__in=kpi.LETTER_VISIT)
    return {
        "received": Count("pk", filter=first),
        "repeats": Count("pk", filter=Q(repeat_of__isnull=False)),
        "visits_people": Sum("head_count", filter=first & Q(channel="visit"), default=0),
        "acc_num": Count("pk", filter=first & Q(accepted_on__lte=F("acceptance_due"))),
        "acc_den": Count("pk", filter=first & Q(acceptance_due__isnull=False)
                         & (Q(accepted_on__isnull=False) | Q(acceptance_due__lt=today))),
        "done_num": Count("pk", filter=first & Q(replied_on__lte=F("closing_due"))),
        "done_den": Count("pk", filter=first & Q(closing_due__isnull=False)
                          & (Q(replied_on__isnull=False) | Q(closing_due__lt=today))),
        "sat_num": Count("pk", filter=first & Q(satisfaction__in=kpi.SATISFIED)),
        "sat_den": Count("pk", filter=first & ~Q(satisfaction="")),
        "lv_num": Count("pk", filter=lv & Q(replied_on__isnull=False)),
        "lv_den": Count("pk", filter=lv),
    }


@dataclass(frozen=True)
class Line:
    key: Any
    label: str
    figures: kpi.Figures


def _figures(row: dict[str, Any]) -> kpi.Figures:
    return kpi.Figures(
        received=row["received"], repeats=row["repeats"], visits_people=row["visits_people"] or 0,
        timely_acceptance=kpi.Ratio(row["acc_num"], row["acc_den"]),
        on_time_completion=kpi.Ratio(row["done_num"], row["done_den"]),
        satisfaction=kpi.Ratio(row["sat_num"], row["sat_den"]),
        answered=kpi.Ratio(row["lv_num"], row["lv_den"]),
    )


def period(qs: QuerySet[Appeal], start: dt.date, end: dt.date) -> QuerySet[Appeal]:
    return qs.filter(received_on__gte=start, received_on__lte=end)


def totals(qs: QuerySet[Appeal], today: dt.date) -> kpi.Figures:
    return _figures(qs.aggregate(**aggregates(today)))


def total_of(lines: list[Line]) -> kpi.Figures:
    """The whole period from its groups (each request is in exactly one group of a breakdown)."""
    def ratio(code: str) -> kpi.Ratio:
        return kpi.Ratio(sum(getattr(ln.figures, code).numerator for ln in lines),
                         sum(getattr(ln.figures, code).denominator for ln in lines))

    return kpi.Figures(
        received=sum(ln.figures.received for ln in lines), repeats=sum(ln.figures.repeats for ln in lines),
        visits_people=sum(ln.figures.visits_people for ln in lines),
        timely_acceptance=ratio("timely_acceptance"), on_time_completion=ratio("on_time_completion"),
        satisfaction=ratio("satisfaction"), answered=ratio("answered"),
    )


def breakdown(qs: QuerySet[Appeal], by: str, today: dt.date) -> list[Line]:
    """The figures per channel, city, handling office, category or month."""
    key = {"channel": F("channel"), "city": Substr("place", 1, 4), "organisation": F("organisation_id"),
           "category": F("category"), "month": TruncMonth("received_on")}[by]
    rows = list(qs.order_by().annotate(k=key).values("k").annotate(**aggregates(today)).order_by("k"))
    names: dict[Any, str]
    if by == "channel":
        names = dict(Channel.choices)
    elif by == "category":
        names = CATEGORIES
    elif by == "city":
        names = {o.code[:4]: o.name for o in Organisation.objects.filter(kind=Organisation.Kind.CITY)}
    elif by == "organisation":
        names = dict(Organisation.objects.filter(pk__in=[r["k"] for r in rows]).values_list("pk", "name"))
    else:
        names = {r["k"]: f"{r['k']:%Y年%-m月}" for r in rows if r["k"]}
    return [Line(r["k"], names.get(r["k"], str(r["k"])), _figures(r)) for r in rows]


def disclosure_on_time(qs: QuerySet[DisclosureRequest], today: dt.date) -> kpi.Ratio:
    """依申请公开按时答复率 (the definition in :data:`renshe.appeals.core.kpi.DEFINITIONS`)."""
    r = qs.aggregate(
        num=Count("pk", filter=Q(replied_on__lte=F("reply_due"))),
        den=Count("pk", filter=Q(reply_due__isnull=False) & (Q(replied_on__isnull=False) | Q(reply_due__lt=today))),
    )
    return kpi.Ratio(r["num"], r["den"])
