"""The places a request can arise in: Fujian's counties, grouped by city, from the organisation tree."""

from __future__ import annotations

from functools import lru_cache

from renshe.platform.accounts.models import Organisation


@lru_cache(maxsize=1)
def grouped() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """((city name, ((county code, county name), …)), …) in the tree's order."""
    out = []
    for city in Organisation.objects.filter(kind=Organisation.Kind.CITY).order_by("code"):
        counties = tuple(city.children.filter(kind=Organisation.Kind.COUNTY).order_by("code").values_list("code", "name"))
        out.append((city.name, counties or ((city.code, city.name),)))
    return tuple(out)


def name_of(code: str) -> str:
    for city, counties in grouped():
        for c, n in counties:
            if c == code:
                return n if n == city else f"{city}{n}"
    return code
