"""Fujian's HRSS organisations, loaded from ``data/fujian_organisations.yaml`` (see its source)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .models import Organisation

DATA_FILE = Path(__file__).parent / "data" / "fujian_organisations.yaml"


@cache
def data() -> dict[str, Any]:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def _put(code: str, name: str, kind: str, region: str, parent: Organisation | None) -> Organisation:
    org, _ = Organisation.objects.update_or_create(
        code=code, defaults={"name": name, "kind": kind, "region": region, "parent": parent}
    )
    return org


def sync_organisations() -> int:
    """Create or update every organisation in the data file (idempotent); returns how many."""
    d = data()
    dept = d["department"]
    root = _put(dept["code"], dept["name"], Organisation.Kind.DEPARTMENT, dept["region"], None)
    count = 1
    for div in d["divisions"]:
        _put(div["code"], div["name"], Organisation.Kind.DIVISION, dept["region"], root)
        count += 1
    for city in d["cities"]:
        c = _put(city["code"], city["name"], Organisation.Kind.CITY, city["region"], root)
        count += 1
        for code, name in city["counties"].items():
            _put(code, name, Organisation.Kind.COUNTY, city["region"], c)
            count += 1
        for suffix, bureau in d["industry_departments"].items():
            _put(f"{city['code']}-{suffix}", f"{city['name']}{bureau}", Organisation.Kind.INDUSTRY, city["region"], None)
            count += 1
    return count
