"""Regions whose parameters can differ: the nation, Fujian, its cities and Pingtan.

A region code is dotted from the general to the particular (``fujian.xiamen``); a
parameter looked up for a region falls back to its parent and then to ``national``,
so a city file holds only what the city sets differently.
"""

from __future__ import annotations

from renshe.rules.errors import RulesError

NATIONAL = "national"
FUJIAN = "fujian"

#: The nine 设区的市 of Fujian and the 平潭综合实验区, by region code.
FUJIAN_CITIES: dict[str, str] = {
    "fujian.fuzhou": "福州市",
    "fujian.xiamen": "厦门市",
    "fujian.putian": "莆田市",
    "fujian.sanming": "三明市",
    "fujian.quanzhou": "泉州市",
    "fujian.zhangzhou": "漳州市",
    "fujian.nanping": "南平市",
    "fujian.longyan": "龙岩市",
    "fujian.ningde": "宁德市",
    "fujian.pingtan": "平潭综合实验区",
}

REGION_NAMES: dict[str, str] = {NATIONAL: "全国", FUJIAN: "福建省", **FUJIAN_CITIES}


def chain(region: str) -> list[str]:
    """The region and its ancestors, most particular first, ending with ``national``.

    >>> chain("fujian.xiamen")
    ['fujian.xiamen', 'fujian', 'national']
    """
    region = (region or NATIONAL).strip().lower()
    if region == NATIONAL:
        return [NATIONAL]
    parts = region.split(".")
    if parts[0] != FUJIAN or (len(parts) > 1 and ".".join(parts[:2]) not in FUJIAN_CITIES):
        known = "、".join(REGION_NAMES)
        raise RulesError.of(
            "region",
            f"不认识的地区代码“{region}”，可用：{known}",
            f"unknown region code '{region}'; known: {', '.join(REGION_NAMES)}",
        )
    out = [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
    return [*out, NATIONAL]


def name_of(region: str) -> str:
    """The Chinese name of a region code, e.g. 厦门市 for ``fujian.xiamen``."""
    return REGION_NAMES.get(region, region)
