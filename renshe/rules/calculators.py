"""The calculator registry shared by the CLI, the REST API and the pages.

Every module under :mod:`renshe.rules` that defines ``CALCULATORS`` (a list of
:class:`Calculator`) is found here, so adding a calculator needs no edit elsewhere:
``renshe calc NAME``, ``POST /api/v1/calc/NAME`` and ``/calc/NAME/`` all appear.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel

import renshe.rules
from renshe.rules import dates
from renshe.rules.errors import RulesError
from renshe.rules.parameters import Reference


@dataclass(frozen=True)
class Calculator:
    """A named legal calculation: its input model, its function and its law."""

    name: str
    title: str
    summary: str
    input_model: type[BaseModel]
    result_model: type[BaseModel]
    compute: Callable[[Any], BaseModel]
    references: list[Reference] = field(default_factory=list)
    example: dict[str, Any] = field(default_factory=dict)

    def run(self, payload: Any) -> dict[str, Any]:
        """Validate ``payload`` and compute; raises :class:`RulesError` on bad input."""
        inp = dates.validated(self.input_model, payload)  # dates within what the law covers
        return self.compute(inp).model_dump(mode="json")


@cache
def registry() -> dict[str, Calculator]:
    """All calculators, by name, discovered once per process."""
    found: dict[str, Calculator] = {}
    for mod in pkgutil.iter_modules(renshe.rules.__path__):
        if mod.name.startswith("_") or mod.name in {"calculators", "params", "dates", "jsoninput"}:
            continue
        module = importlib.import_module(f"renshe.rules.{mod.name}")
        for calc in getattr(module, "CALCULATORS", []):
            if calc.name in found:
                raise RuntimeError(f"calculator {calc.name} defined twice")
            found[calc.name] = calc
    return dict(sorted(found.items()))


def get(name: str) -> Calculator:
    try:
        return registry()[name]
    except KeyError:
        known = ", ".join(registry())
        raise RulesError.of(
            "name",
            f"没有名为“{name}”的计算器，可用：{known}",
            f"no calculator named '{name}'; known: {known}",
        ) from None


def run(name: str, payload: Any) -> dict[str, Any]:
    """Compute calculator ``name`` on a JSON-like payload; the one entry point for all callers."""
    return get(name).run(payload)
