"""Every calculator speaks Chinese on its page: the form and the result table take their
labels from the models' JSON-schema ``title`` (and choices from ``x-labels``), so a model
without them shows English field names to citizens (renshe/platform/web/forms.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from renshe.rules.calculators import Calculator, registry

CJK = re.compile(r"[\u4e00-\u9fff]")
CALCS = list(registry().values())


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _problems(schema: dict, node: dict, path: str) -> Iterator[str]:
    """Fields under ``node`` without a Chinese title, and choices without a Chinese label."""
    node = _resolve(schema, node)
    for name, raw in node.get("properties", {}).items():
        if name == "trace":  # steps are shown by the page's own trace list, at any depth
            continue
        where = f"{path}{name}"
        branches = [_resolve(schema, b) for b in raw.get("anyOf", [raw])]
        titled = raw.get("title") or next((b.get("title") for b in branches if "title" in b), "")
        if not CJK.search(titled or ""):
            yield f"{where}: title {titled!r} is not Chinese"
        for b in branches:
            yield from _choice_problems(raw, b, where)
            if b.get("type") == "object" and "properties" in b:
                yield from _problems(schema, b, f"{where}.")
            if b.get("type") == "array":
                items = _resolve(schema, b.get("items", {}))
                if "properties" in items:
                    yield from _problems(schema, items, f"{where}[].")


def _choice_problems(raw: dict, node: dict, where: str) -> Iterator[str]:
    values = node.get("enum", [node["const"]] if "const" in node else [])
    labels = {**node.get("x-labels", {}), **raw.get("x-labels", {})}
    for v in values:
        if v is not None and not CJK.search(labels.get(str(v), "")):
            yield f"{where}: choice {v!r} has no Chinese x-labels entry"


@pytest.mark.parametrize("calc", CALCS, ids=[c.name for c in CALCS])
def test_input_fields_are_labelled_in_chinese(calc: Calculator) -> None:
    schema = calc.input_model.model_json_schema()
    assert list(_problems(schema, schema, "")) == []


@pytest.mark.parametrize("calc", CALCS, ids=[c.name for c in CALCS])
def test_result_fields_are_labelled_in_chinese(calc: Calculator) -> None:
    schema = calc.result_model.model_json_schema()
    assert list(_problems(schema, schema, "")) == []


@pytest.mark.parametrize("calc", CALCS, ids=[c.name for c in CALCS])
def test_example_validates_and_runs(calc: Calculator) -> None:
    assert calc.example, "the page's form is filled from the example"
    result = calc.run(dict(calc.example))
    assert "trace" in result and result["trace"]
    assert CJK.search(calc.title) and CJK.search(calc.summary)
