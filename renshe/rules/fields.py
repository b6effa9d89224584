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


RegionCode = Annotated[
    str,
    AfterValidator(_known_region),
    Field(title="地区", description="地区代码，如 fujian（福建省）、fujian.xiamen（厦门市）"),
]


def optional_yuan(title: str, description: str = "不填则按适用日期查参数") -> Any:
    """An optional positive amount in yuan that overrides a dated parameter when given."""
    return Field(default=None, gt=0, allow_inf_nan=False, title=title, description=description)
