"""What is provably known about a local figure the user did not give (pure core, no Django).

Art. 47 ¶2 of the 劳动合同法 caps the compensation wage at 3 × the 设区的市's published
上年度职工月平均工资, and 实施条例第二十七条 floors it at the local minimum wage. A worker
rarely knows either figure, and often the law's answer does not depend on it:

- **Cap.** If the wage is at most 3 × a figure that is provably no higher than the missing
  one, the cap cannot bind. Such a figure is the latest published statistics-bureau
  average for the same city (or the lowest across Fujian's cities when only the province is
  known), provided nominal averages have only risen since: the province series
  (``wages.province_nonprivate_avg_annual``, 2017–2023, and ``wages.avg_monthly``, the
  全口径 figures of 2021–2025) show a rise in every year. The in-force 上年度 figure on a
  date describes the year before, or the year before that while the new one is not yet
  published, so the bound uses a year no later than ``on.year - 2`` and needs evidence of a
  rise up to ``on.year - 1``.
- **Floor.** Fujian's minimum wage is set per county (``labour.minimum_wage_tiers``). A city
  whose counties all share one tier has a known minimum wage; otherwise a wage at or above
  the highest tier that can apply is not raised by the floor whatever the county.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from renshe.rules import parameters, regions
from renshe.rules.errors import ParameterNotFound
from renshe.rules.parameters import ParamValue

P_TIERS = "labour.minimum_wage_tiers"
P_CITY_AVG = "wages.city_nonprivate_avg_annual"
P_PROVINCE_AVG = "wages.province_nonprivate_avg_annual"
P_FULL_CALIBER_AVG = "wages.avg_monthly"
MONTHS_A_YEAR = 12
PINGTAN = "fujian.pingtan"


@dataclass(frozen=True)
class MinimumWageTiers:
    """The monthly minimum wages that can apply somewhere in a region on a date."""

    amounts: tuple[float, ...]
    areas: dict[float, list[str]]
    param: ParamValue

    @property
    def low(self) -> float:
        return min(self.amounts)

    @property
    def high(self) -> float:
        return max(self.amounts)

    @property
    def exact(self) -> float | None:
        """The minimum wage when every county of the region is in one tier, else None."""
        return self.amounts[0] if len(self.amounts) == 1 else None

    def describe(self) -> str:
        """e.g. ``2195元（芗城区、龙文区）；2045元（龙海区、漳浦县…）``."""
        parts = []
        for amount in sorted(self.amounts, reverse=True):
            names = self.areas[amount]
            shown = "、".join(names[:4]) + ("等" if len(names) > 4 else "")
            parts.append(f"{amount:g}元（{shown}）")
        return "；".join(parts)


def minimum_wage_tiers(on: dt.date, region: str) -> MinimumWageTiers | None:
    """The tiers that apply in ``region`` on ``on``, or None when no complete tier table covers it.

    A city gets the tiers that list one of its counties; the province (``fujian``) every tier.
    """
    try:
        pv = parameters.value_at(P_TIERS, on, regions.FUJIAN)
    except ParameterNotFound:
        return None
    if region == regions.NATIONAL or not region.startswith(regions.FUJIAN):
        return None
    city = ".".join(region.split(".")[:2])
    areas: dict[float, list[str]] = {}
    for tier in pv.value:
        if not isinstance(tier.get("areas"), dict) or tier.get("monthly") is None:
            return None  # a table known only in part (2017) cannot bound anything
        names = (
            [n for ns in tier["areas"].values() for n in ns]
            if city == regions.FUJIAN
            else list(tier["areas"].get(city, []))
        )
        if names:
            areas.setdefault(float(tier["monthly"]), []).extend(names)
    if not areas:
        return None
    return MinimumWageTiers(tuple(sorted(areas)), areas, pv)


@dataclass(frozen=True)
class AverageWageBound:
    """A monthly figure provably no higher than the region's in-force 上年度职工月平均工资."""

    monthly: float
    year: int
    city: str
    annual: float
    evidence: list[ParamValue]
    rise_years: tuple[int, int]
    across_cities: bool = False

    def explain(self) -> str:
        where = regions.name_of(self.city)
        lowest = "全省各设区的市中最低的" if self.across_cities else ""
        return (
            f"以{lowest}{where}{self.year}年城镇非私营单位就业人员年平均工资{self.annual:g}元（统计部门公布）÷ 12 = "
            f"{self.monthly:.2f}元为下界：全省平均工资{self.rise_years[0]}—{self.rise_years[1]}年逐年上升"
            "（城镇非私营单位就业人员平均工资与全口径城镇单位就业人员平均工资两个序列），此后公布的数额不低于它"
        )


def _series(name: str, region: str, shift: int = 0) -> dict[int, tuple[float, ParamValue]]:
    """A yearly series by statistical year; ``shift`` maps an effective year to the year described."""
    try:
        periods = parameters.parameter(name).periods(region)
    except ParameterNotFound:
        return {}
    return {pv.effective_from.year - shift: (float(pv.value), pv) for pv in periods}


def _rise_evidence(first: int, last: int) -> list[ParamValue] | None:
    """The parameter values showing a rise in every year from ``first`` to ``last``, or None."""
    series = [
        _series(P_PROVINCE_AVG, regions.FUJIAN),
        # wages.avg_monthly: the figure of statistical year Y is used from Y+1 (its documentation)
        _series(P_FULL_CALIBER_AVG, regions.FUJIAN, shift=1),
    ]
    used: dict[tuple[str, dt.date], ParamValue] = {}
    for year in range(first, last):
        pair = next((s for s in series if year in s and year + 1 in s and s[year + 1][0] > s[year][0]), None)
        if pair is None:
            return None
        for y in (year, year + 1):
            pv = pair[y][1]
            used[(pv.name, pv.effective_from)] = pv
    return list(used.values())


def average_wage_lower_bound(on: dt.date, region: str) -> AverageWageBound | None:
    """A provable lower bound of the in-force 上年度职工月平均工资 of ``region`` on ``on``, or None.

    For a city: its own latest statistics-bureau figure of a year ≤ ``on.year - 2``. For the
    province or 平潭 (no row in the statistics table; administratively 福州市平潭县): the lowest
    such figure across the cities, and None unless every city has one.
    """
    if not region.startswith(regions.FUJIAN):
        return None
    city = ".".join(region.split(".")[:2])
    tabled = [c for c in regions.FUJIAN_CITIES if c != PINGTAN]
    cities = [city] if city in tabled else tabled
    latest_usable, latest_possible = on.year - 2, on.year - 1
    best: AverageWageBound | None = None
    for c in cities:
        years = {y: v for y, v in _series(P_CITY_AVG, c).items() if y <= latest_usable}
        evidence = _rise_evidence(max(years), latest_possible) if years else None
        if evidence is None:
            return None  # one city without a bound leaves the province's lowest unknown
        year = max(years)
        annual, pv = years[year]
        monthly = math.floor(annual / MONTHS_A_YEAR * 100) / 100  # rounded down: still a lower bound
        if best is None or monthly < best.monthly:
            best = AverageWageBound(
                monthly, year, c, annual, [pv, *evidence], (year, latest_possible), len(cities) > 1
            )
    return best
