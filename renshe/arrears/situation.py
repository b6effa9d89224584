"""The situational view (一网态势感知): alerts summed by city or county, by month, and as tiles.

Everything starts from the alerts the user may see (their organisation's subtree,
:func:`renshe.platform.accounts.scoping.scope` on the county where the project sits; for a
city's industry department, the alerts copied to it).
Closing time is counted in working days from dispatch to closure on the legal calendar.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from django.db.models import Count, Q, QuerySet, Sum

from renshe.platform.accounts.models import Organisation
from renshe.platform.accounts.scoping import scope
from renshe.rules import calendar

from .core.alerts import OPEN_STATES
from .models import Alert

TILES_FILE = Path(__file__).parent / "data" / "fujian_tiles.yaml"
OPEN = Q(state__in=OPEN_STATES)


def visible_alerts(user: Any) -> QuerySet[Alert]:
    qs = Alert.objects.select_related("county", "organisation", "deadline")
    org = getattr(user, "organisation", None)
    if org is not None and org.kind == Organisation.Kind.INDUSTRY and not user.is_superuser:
        # 《保障农民工工资支付条例》第七条第二款: the alerts copied to this department
        return qs.filter(co_department=org.name)
    return scope(qs, user, "county")


@dataclass
class AreaRow:
    """One city or county: open alerts by level, what is owed on them, closures."""

    org: Organisation
    red: int = 0
    orange: int = 0
    amount: Decimal = Decimal(0)
    workers: int = 0
    closed: int = 0
    escalated: int = 0
    close_days: list[int] = field(default_factory=list)

    @property
    def open(self) -> int:
        return self.red + self.orange

    @property
    def avg_close_days(self) -> float | None:
        return round(sum(self.close_days) / len(self.close_days), 1) if self.close_days else None

    @property
    def worst(self) -> str:
        return "red" if self.red else "orange" if self.orange else "none"


def by_area(alerts: QuerySet[Alert], level: str) -> list[AreaRow]:
    """Rows per county, or per city (``level="city"``), largest open amount first.

    Summed by county in the database, then rolled up to the city in Python (at most 84
    counties); an alert dispatched to a city directly counts for that city.
    """
    agg = alerts.values("county").annotate(
        red=Count("id", filter=OPEN & Q(level="red")),
        orange=Count("id", filter=OPEN & Q(level="orange")),
        amount=Sum("amount_owed", filter=OPEN),
        workers=Sum("workers_affected", filter=OPEN),
        closed=Count("id", filter=~OPEN),
        escalated=Count("id", filter=Q(escalation_level__gt=0)),
    )
    counties = Organisation.objects.select_related("parent").in_bulk([a["county"] for a in agg])

    def area(org_id: int) -> Organisation:
        org = counties[org_id]
        return org.parent if level == "city" and org.kind == Organisation.Kind.COUNTY else org

    rows: dict[int, AreaRow] = {}
    for a in agg:
        org = area(a["county"])
        r = rows.setdefault(org.pk, AreaRow(org))
        r.red += a["red"]
        r.orange += a["orange"]
        r.amount += a["amount"] or Decimal(0)
        r.workers += a["workers"] or 0
        r.closed += a["closed"]
        r.escalated += a["escalated"]
    closed = list(alerts.filter(closed_on__isnull=False).values_list("county", "dispatched_on", "closed_on"))
    if closed:
        days, _ = calendar.working_days_between_array(
            np.array([c[1] for c in closed], dtype="datetime64[D]"),
            np.array([c[2] for c in closed], dtype="datetime64[D]"),
        )
        for (county, _, _), d in zip(closed, days, strict=True):
            rows[area(county).pk].close_days.append(int(d))
    return sorted(rows.values(), key=lambda r: (-r.amount, -r.red, r.org.code))


def trend(alerts: QuerySet[Alert]) -> dict[str, Any]:
    """Alerts by warning month and level, with the amount owed, for the chart and its table."""
    months: dict[str, dict[str, Any]] = defaultdict(lambda: {"red": 0, "orange": 0, "amount": Decimal(0)})
    for m, lv, n, amount in alerts.values_list("month", "level").annotate(n=Count("id"), a=Sum("amount_owed")):
        months[m][lv] += n
        months[m]["amount"] += amount or 0
    order = sorted(months)
    return {
        "months": order,
        "red": [months[m]["red"] for m in order],
        "orange": [months[m]["orange"] for m in order],
        "amount": [float(months[m]["amount"]) for m in order],
    }


@cache
def _tile_positions() -> dict[str, tuple[int, int]]:
    data = yaml.safe_load(TILES_FILE.read_text(encoding="utf-8"))
    return {code: (t["row"], t["col"]) for code, t in data["tiles"].items()}


def tiles(rows: list[AreaRow]) -> list[dict[str, Any]]:
    """Every city of Fujian on the tile map, with its row if the user sees it."""
    by_code = {r.org.code: r for r in rows}
    names = dict(Organisation.objects.filter(code__in=_tile_positions()).values_list("code", "name"))
    out = []
    for code, (row, col) in _tile_positions().items():
        out.append({"code": code, "name": names.get(code, code), "row": row, "col": col, "area": by_code.get(code)})
    return out
