"""Input fields that several calculators share, so each is declared and checked once."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field

from renshe.rules import regions
from renshe.rules.errors import RulesError


def _known_region(code: str) -> str:
    """Normalise a region code, refusing unknown ones with the bilingual message of :mod:`regions`."""
    try:
        return regions.chain(code)[0]
    except RulesError as exc:
        p = exc.problems[0]
        raise ValueError(f"{p.zh} / {p.en}") from None


#: Upper bound on any amount in yuan a calculator accepts (100 million a month). No wage or
#: average comes near it; without a bound a typo such as 1e308 overflows to ``inf`` and the
#: result is no longer valid JSON.
MAX_YUAN = 100_000_000

#: Upper bound on hours given as a total for a period (ten years of every hour of every day).
MAX_HOURS = 24 * 366 * 10

#: The regions a form offers, in Chinese: the province and its cities (national values are
#: reached through the fallback chain of :mod:`regions`, so "national" is not a choice).
REGION_CHOICES: dict[str, Any] = {
    "enum": [r for r in regions.REGION_NAMES if r != regions.NATIONAL],
    "x-labels": regions.REGION_NAMES,
}

RegionCode = Annotated[
    str,
    AfterValidator(_known_region),
    Field(title="地区", description="福建省或所在设区市", json_schema_extra=REGION_CHOICES),
]


def optional_yuan(title: str, description: str = "不填则按适用日期查参数") -> Any:
    """An optional positive amount in yuan that overrides a dated parameter when given."""
    return Field(default=None, gt=0, le=MAX_YUAN, allow_inf_nan=False, title=title, description=description)


def output(
    title: str, description: str = "", *, unit: str = "", labels: dict[str, str] | None = None, **kw: Any
) -> Any:
    """A result field as the pages show it: a Chinese ``title``, an optional ``x-unit``
    (``元`` makes the page write 1,234.50元) and Chinese ``x-labels`` for coded values."""
    extra: dict[str, Any] = {}
    if unit:
        extra["x-unit"] = unit
    if labels:
        extra["x-labels"] = labels
    return Field(title=title, description=description, json_schema_extra=extra or None, **kw)
