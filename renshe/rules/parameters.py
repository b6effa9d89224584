"""Parameters as data: every legal number, dated and cited, read from ``params/*.yaml``.

Modelled on OpenFisca's parameters: one YAML file a parameter, its name the file's
path (``params/labour/overtime_rate_weekday.yaml`` is ``labour.overtime_rate_weekday``).
Each value has the date it takes effect, the legal reference (document, number,
article), where it was read, and whether that reading was verified against an
official text; a value that was not says what was searched in ``note``.

Values are kept per region; ``value_at`` walks from the region asked for up to
``national`` (see :mod:`renshe.rules.regions`) and takes the first region with a
value in force on the date. A date no value covers is an error, never a default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from renshe.rules import regions
from renshe.rules.errors import ParameterNotFound

PARAMS_DIR = Path(__file__).with_name("params")

UNITS = {
    "yuan",
    "yuan/month",
    "yuan/year",
    "ratio",
    "months",
    "days",
    "working_days",
    "years",
    "hours",
    "count",
    "table",
}


class Reference(BaseModel):
    """Where the law says it: document, its number, the article."""

    model_config = ConfigDict(extra="forbid")

    document: str = Field(description="full title, e.g. 中华人民共和国劳动合同法")
    number: str | None = Field(default=None, description="document number, e.g. 国发〔2005〕38号")
    article: str | None = Field(default=None, description="article, e.g. 第四十七条第二款")
    url: str | None = Field(default=None, description="official address of the text")

    def cite(self) -> str:
        parts = [f"《{self.document}》"]
        if self.number:
            parts.append(f"（{self.number}）")
        if self.article:
            parts.append(self.article)
        return "".join(parts)


#: How a value was established (FUJIAN-VALUES.md): the official wording read (on an official site,
#: or in two independent transcriptions that agree word for word), a secondary statement of the
#: value, arithmetic on other values, or nothing found (then the entry says what was searched).
Status = Literal["VERIFIED-TEXT", "SECONDARY", "DERIVED", "NOT FOUND"]


class ValueEntry(BaseModel):
    """One value of a parameter, in force from ``from`` (until ``to`` or the next one)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: dt.date = Field(alias="from")
    to: dt.date | None = None
    value: Any
    reference: Reference | None = None
    source: str | None = Field(default=None, description="where the value was read")
    verified: bool
    status: Status | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> ValueEntry:
        if self.verified and self.status not in (None, "VERIFIED-TEXT"):
            raise ValueError(f"a value with status {self.status} cannot be marked verified")
        if self.to is not None and self.to < self.from_:
            raise ValueError(f"'to' {self.to} is before 'from' {self.from_}")
        if not self.verified and not self.note:
            raise ValueError("an unverified value must say in 'note' what was searched")
        if self.value is None:
            raise ValueError("'value' is empty")
        return self


class ParameterFile(BaseModel):
    """The schema of one ``params/**/*.yaml`` file."""

    model_config = ConfigDict(extra="forbid")

    description: str
    unit: str
    reference: Reference
    documentation: str | None = None
    values: dict[str, list[ValueEntry]]

    @model_validator(mode="after")
    def _check(self) -> ParameterFile:
        if self.unit not in UNITS:
            raise ValueError(f"unit '{self.unit}' not one of {sorted(UNITS)}")
        if not self.values:
            raise ValueError("no values")
        for region, entries in self.values.items():
            regions.chain(region)  # raises on an unknown region code
            if not entries:
                raise ValueError(f"region '{region}' has no values")
            starts = [e.from_ for e in entries]
            if starts != sorted(starts) or len(set(starts)) != len(starts):
                raise ValueError(f"region '{region}': values must be in strictly increasing date order")
            for a, b in zip(entries, entries[1:], strict=False):
                if a.to is not None and a.to >= b.from_:
                    raise ValueError(f"region '{region}': value from {a.from_} overlaps the next")
        return self


@dataclass(frozen=True)
class ParamValue:
    """A parameter's value as it applies on one date in one region, with its pedigree."""

    name: str
    description: str
    value: Any
    unit: str
    region: str
    effective_from: dt.date
    effective_to: dt.date | None
    reference: Reference
    source: str | None
    verified: bool
    note: str | None
    status: str | None = None


@dataclass(frozen=True)
class Parameter:
    """A whole parameter: its description and every value it has had, by region."""

    name: str
    spec: ParameterFile
    path: Path

    def periods(self, region: str) -> list[ParamValue]:
        """Every value this region has had itself (no fall-back), oldest first."""
        entries = self.spec.values.get(region, [])
        out = []
        for i, e in enumerate(entries):
            end = e.to
            if end is None and i + 1 < len(entries):
                end = entries[i + 1].from_ - dt.timedelta(days=1)
            out.append(
                ParamValue(
                    name=self.name,
                    description=self.spec.description,
                    value=e.value,
                    unit=self.spec.unit,
                    region=region,
                    effective_from=e.from_,
                    effective_to=end,
                    reference=e.reference or self.spec.reference,
                    source=e.source,
                    verified=e.verified,
                    note=e.note,
                    status=e.status,
                )
            )
        return out

    def at(self, on: dt.date, region: str = regions.NATIONAL) -> ParamValue:
        for reg in regions.chain(region):
            for pv in self.periods(reg):
                if pv.effective_from <= on and (pv.effective_to is None or on <= pv.effective_to):
                    return pv
        covered = "; ".join(
            f"{reg}: {p.effective_from}–{p.effective_to or '…'}"
            for reg in self.spec.values
            for p in self.periods(reg)
        )
        raise ParameterNotFound.of(
            self.name,
            f"参数“{self.spec.description}”（{self.name}）在 {on.isoformat()} 对地区 {regions.name_of(region)} "
            f"没有已公布的取值；已有取值：{covered}",
            f"parameter '{self.name}' has no published value on {on.isoformat()} for region "
            f"'{region}'; values exist for: {covered}",
        )


def _name_of(path: Path) -> str:
    return ".".join(path.relative_to(PARAMS_DIR).with_suffix("").parts)


def load_file(path: Path) -> Parameter:
    """Read and validate one parameter file (raises pydantic's ValidationError)."""
    # libyaml's safe loader when PyYAML has it: the same data, parsed several times faster (every
    # process that reads a parameter loads all of them once)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    return Parameter(name=_name_of(path), spec=ParameterFile.model_validate(data), path=path)


@cache
def all_parameters() -> dict[str, Parameter]:
    """Every parameter under ``params/``, by name, loaded once per process."""
    return {p.name: p for p in (load_file(f) for f in sorted(PARAMS_DIR.rglob("*.yaml")))}


def parameter(name: str) -> Parameter:
    try:
        return all_parameters()[name]
    except KeyError:
        raise ParameterNotFound.of(
            name, f"没有名为“{name}”的参数", f"there is no parameter named '{name}'"
        ) from None


def value_at(name: str, on: dt.date, region: str = regions.NATIONAL) -> ParamValue:
    """The value of parameter ``name`` in force on ``on`` in ``region``.

    Raises :class:`ParameterNotFound` (bilingual, naming the parameter) when no value
    covers that date in the region or any region it falls back to.
    """
    return parameter(name).at(on, region)


def value(name: str, on: dt.date, region: str = regions.NATIONAL) -> Any:
    """Shorthand for ``value_at(...).value``."""
    return value_at(name, on, region).value
