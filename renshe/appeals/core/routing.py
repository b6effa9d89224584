"""Routing: which office handles a request, from rules staff edit (category × place → office).

《保障农民工工资支付条例》第十条第三款 puts complaints under 首问负责制: the office that receives
a complaint handles it if it is its own, and otherwise passes it to the office that is; 《信访工作条例》
第二十三条 says the same for petitions (属地管理、分级负责，谁主管、谁负责, 第二十二条第二项).
The rules say which office that is. They are data (the ``RoutingRule`` table), evaluated here.

A rule matches a request when its category is the request's or empty (any), and its place is
the request's county code, that county's city, the province, or empty (anywhere). The most
specific match wins: an exact category beats “any category”; a county beats its city, a city
the province, the province “anywhere”. A rule's target is either a fixed office (a division
of the department, a city or county bureau) or a level — ``@county`` / ``@city`` — meaning the
HRSS bureau of that level where the request arose (属地管理).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from renshe.rules.errors import RulesError

ANY = ""
LEVEL_COUNTY = "@county"
LEVEL_CITY = "@city"
PROVINCE_CODE = "350000"

#: Request categories (诉求类别) with their Chinese names.
CATEGORIES: dict[str, str] = {
    "wage_arrears": "拖欠工资",
    "labour_contract": "劳动合同与劳动关系",
    "social_insurance": "社会保险",
    "work_injury": "工伤认定与待遇",
    "employment": "就业创业",
    "talent": "人才人事与职称",
    "dispute": "劳动人事争议调解仲裁",
    "other": "其他",
}


@dataclass(frozen=True)
class Rule:
    """One routing rule: requests of ``category`` arising in ``place`` go to ``target``."""

    id: int
    category: str  # a CATEGORIES key, or ANY
    place: str  # a 6-digit 行政区划代码 (county, city or 350000), or ANY
    target: str  # an organisation code, or LEVEL_COUNTY / LEVEL_CITY

    @property
    def specificity(self) -> tuple[int, int]:
        return (self.category != ANY, _place_rank(self.place))


@dataclass(frozen=True)
class Routed:
    """Where a request goes and which rule said so."""

    office: str  # organisation code
    rule_id: int
    reason: str


def _place_rank(place: str) -> int:
    if place == ANY:
        return 0
    if place == PROVINCE_CODE:
        return 1
    return 2 if place.endswith("00") else 3


def city_of(place: str) -> str:
    """The city (设区市) code of a county code: 350206 → 350200."""
    return place[:4] + "00"


def places_up(place: str) -> list[str]:
    """The place and every area that contains it, most specific first, ending with ANY."""
    chain = [place]
    if _place_rank(place) == 3:
        chain.append(city_of(place))
    if place != PROVINCE_CODE:
        chain.append(PROVINCE_CODE)
    return [*chain, ANY]


class RulesIndex:
    """The rules as a lookup table, built once and used for many requests (a bulk import)."""

    def __init__(self, rules: Iterable[Rule], offices: Iterable[str]):
        self.by_key: dict[tuple[str, str], Rule] = {}
        for r in rules:
            key = (r.category, r.place)
            if key in self.by_key:
                raise RulesError.of(
                    "rules",
                    f"路由规则 {self.by_key[key].id} 与 {r.id} 的类别和地区相同，无法判断用哪一条",
                    f"routing rules {self.by_key[key].id} and {r.id} have the same category and place",
                )
            self.by_key[key] = r
        self.offices = frozenset(offices)

    def route(self, category: str, place: str) -> Routed:
        """The office for one request (raises a bilingual RulesError when nothing matches)."""
        if category not in CATEGORIES:
            raise RulesError.of("category", f"诉求类别“{category}”不存在", f"unknown category '{category}'")
        if not (len(place) == 6 and place.isdigit() and place.startswith("35")):
            raise RulesError.of(
                "place", f"地区代码“{place}”不是福建省的六位行政区划代码", f"'{place}' is not a Fujian area code"
            )
        for cat in (category, ANY):
            for p in places_up(place):
                rule = self.by_key.get((cat, p))
                if rule is not None:
                    return self._resolve(rule, category, place)
        raise RulesError.of(
            "place",
            f"没有适用于“{CATEGORIES[category]}”、地区 {place} 的路由规则，请先补充规则",
            f"no routing rule covers category '{category}' in {place}",
        )

    def _resolve(self, rule: Rule, category: str, place: str) -> Routed:
        if rule.target == LEVEL_COUNTY:
            office = place if place in self.offices else city_of(place)
            how = "属地县（市、区）人社部门"
        elif rule.target == LEVEL_CITY:
            office = city_of(place)
            how = "属地设区市人社部门"
        else:
            office, how = rule.target, "指定承办单位"
        if office not in self.offices:
            raise RulesError.of(
                "target",
                f"路由规则{rule.id}指向的承办单位 {office} 不在平台的组织机构中",
                f"routing rule {rule.id} points to office {office}, which is not on the platform",
            )
        where = "任何地区" if rule.place == ANY else rule.place
        cat = "任何类别" if rule.category == ANY else CATEGORIES[rule.category]
        return Routed(office, rule.id, f"规则{rule.id}（{cat} × {where} → {how}）")

    def route_many(self, pairs: Sequence[tuple[str, str]]) -> list[Routed | RulesError]:
        """Route many requests; a request that cannot be routed gets its error, the others still go."""
        cache: dict[tuple[str, str], Routed | RulesError] = {}
        out: list[Routed | RulesError] = []
        for pair in pairs:
            if pair not in cache:
                try:
                    cache[pair] = self.route(*pair)
                except RulesError as exc:
                    cache[pair] = exc
            out.append(cache[pair])
        return out
