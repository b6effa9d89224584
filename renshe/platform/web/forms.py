"""Calculator forms built from each calculator's pydantic input model.

The model is the single definition of a calculator's input: its JSON schema gives the
form fields (title, type, choices, default), so the page, the API and the CLI cannot
drift apart. Nested objects (e.g. ``retire_age``) become ``parent.child`` fields;
lists of objects are typed one row per line, ``value value`` in the listed order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict


@dataclass
class FormField:
    name: str
    label: str
    kind: str  # text, number, integer, date, month, bool, choice, rows
    required: bool
    help: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)
    value: Any = ""
    error: str = ""
    columns: list[str] = field(default_factory=list)
    column_titles: dict[str, str] = field(default_factory=dict)
    placeholder: str = ""


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in node:  # Optional[X]: take the non-null branch
        branches = [b for b in node["anyOf"] if b.get("type") != "null"]
        merged = {**_resolve(schema, branches[0]), **{k: v for k, v in node.items() if k != "anyOf"}}
        return merged
    return node


def _kind(node: dict) -> str:
    if "enum" in node or "const" in node:
        return "choice"
    fmt = node.get("format")
    if fmt == "date":
        return "date"
    if fmt == "year-month":
        return "month"
    return {"number": "number", "integer": "integer", "boolean": "bool", "array": "rows"}.get(
        node.get("type", "string"), "text"
    )


def fields_for(model: type, data: dict[str, Any] | None = None) -> list[FormField]:
    """Form fields for a pydantic model, filled from a submitted payload if given."""
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    out: list[FormField] = []
    for name, raw in schema["properties"].items():
        node = _resolve(schema, raw)
        if node.get("type") == "object" and "properties" in node:
            sub_required = set(node.get("required", []))
            for sub, sraw in node["properties"].items():
                snode = _resolve(schema, sraw)
                out.append(
                    FormField(
                        name=f"{name}.{sub}",
                        label=f"{raw.get('title') or node.get('title', name)}·{snode.get('title', sub)}",
                        kind=_kind(snode),
                        required=name in required and sub in sub_required,
                        help=snode.get("description", ""),
                        value=snode.get("default", ""),
                    )
                )
            continue
        f = FormField(
            name=name,
            label=node.get("title", name),
            kind=_kind(node),
            required=name in required,
            help=node.get("description", ""),
        )
        if f.kind == "choice":
            labels = node.get("x-labels", {})
            f.choices = [(str(v), labels.get(str(v), str(v))) for v in node.get("enum", [node.get("const")])]
        if f.kind == "rows":
            items = _resolve(schema, node.get("items", {}))
            f.columns = list(items.get("properties", {}))
            f.column_titles = {c: _resolve(schema, n).get("title", c) for c, n in items.get("properties", {}).items()}
        if "default" in node and node["default"] is not None:
            f.value = node["default"]
        out.append(f)
    if data:
        for f in out:
            head, _, tail = f.name.partition(".")
            v = data.get(head)
            if tail and isinstance(v, dict):
                v = v.get(tail)
            if v is not None:
                f.value = v if f.kind != "rows" else "\n".join(" ".join(str(r.get(c, "")) for c in f.columns) for r in v)
    return out


def show_examples(fields: list[FormField], example: dict[str, Any]) -> None:
    """Put a calculator's example figures in the typing fields as placeholders, never as values:
    a sample left in the form was used as if the visitor had typed it (issue 18: the Xiamen
    figures were silently applied to a Fuzhou worker). Choices keep the model's own default."""
    for f in fields:
        if f.kind in {"choice", "bool"}:
            continue
        head, _, tail = f.name.partition(".")
        v = example.get(head)
        if tail and isinstance(v, dict):
            v = v.get(tail)
        if v is None:
            continue
        if f.kind == "rows":
            f.placeholder = "例如：\n" + "\n".join(" ".join(str(r.get(c, "")) for c in f.columns) for r in v)
        else:
            f.placeholder = f"如 {v}"


def payload_from(post: QueryDict, fields: list[FormField]) -> dict[str, Any]:
    """The JSON payload a form submission stands for; empty optional fields are left out.

    Values stay strings where the model parses them (pydantic turns "12" into 12 and
    reports a bad number with the field's name), so a typing mistake is never lost.
    """
    payload: dict[str, Any] = {}
    for f in fields:
        raw = post.get(f.name, "").strip()
        if f.kind == "bool":
            value: Any = post.get(f.name) in {"on", "true", "1"}
        elif raw == "":
            continue
        elif f.kind == "rows":
            value = [dict(zip(f.columns, line.split(), strict=False)) for line in raw.splitlines() if line.strip()]
        else:
            value = raw
        head, _, tail = f.name.partition(".")
        if tail:
            payload.setdefault(head, {})[tail] = value
        else:
            payload[head] = value
    return payload
