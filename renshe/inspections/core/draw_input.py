"""The draw's JSON input (CONTRACTS.md "Inspections"), checked and put in canonical order.

Every refusal names the field (``enterprises[3].city``) in Chinese and English, so the CLI
exits 2 and the API answers 422 with the same words. The normalised input is what the
digest covers: lists sorted by id, conflicts sorted, items sorted by code.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import Any

import numpy as np

from renshe.inspections.core.draw import (
    DrawError,
    Register,
    Staff,
    Task,
    digest_of,
    draw_columns,
    min_inspectors,
)
from renshe.rules.errors import FieldProblem

MAX_PROBLEMS = 50  # a file with a million bad rows is answered with the first fifty


class _Problems:
    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def add(self, field: str, zh: str, en: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(FieldProblem(field, zh, en))

    def raise_if_any(self) -> None:
        if self.items:
            raise DrawError(self.items)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _text(v: Any) -> str | None:
    if isinstance(v, str) and v.strip():
        return v.strip()
    if _is_int(v):
        return str(v)
    return None


def _list(data: Mapping[str, Any], name: str, p: _Problems) -> list[Any]:
    value = data.get(name)
    if not isinstance(value, list):
        p.add(name, "必须是列表", "must be a list")
        return []
    return value


def _enterprises(rows: list[Any], known: set[str], p: _Problems) -> list[dict[str, Any]]:
    """The register, checked column by column (a million rows in well under a second)."""
    for i, e in enumerate(rows):
        if not isinstance(e, Mapping):
            p.add(f"enterprises[{i}]", "必须是对象", "must be an object")
            return []
    ids = [_text(e.get("id")) for e in rows]
    cities = [_text(e.get("city")) for e in rows]
    excluded = [e.get("excluded", False) for e in rows]
    inspected = [e.get("inspected") or {} for e in rows]
    for i in (i for i, v in enumerate(ids) if v is None):
        p.add(f"enterprises[{i}].id", "缺少企业编号", "the enterprise id is missing")
    for i in (i for i, v in enumerate(cities) if v is None):
        p.add(f"enterprises[{i}].city", "缺少所在城市", "the city is missing")
    for i in (i for i, v in enumerate(excluded) if not isinstance(v, bool)):
        p.add(f"enterprises[{i}].excluded", "必须是 true 或 false", "must be true or false")
    for i in (i for i, v in enumerate(inspected) if v):
        v = inspected[i]
        if not isinstance(v, Mapping) or not all(k in known and _is_int(n) and n >= 0 for k, n in v.items()):
            p.add(f"enterprises[{i}].inspected", "必须是 {检查事项编码: 本年已检查次数}，编码须在 items 中",
                  "must map item codes listed in items to non-negative counts")
        else:
            inspected[i] = {k: v[k] for k in sorted(v) if v[k]}
    return [
        {"id": i, "city": c, "excluded": x, "inspected": n}
        for i, c, x, n in zip(ids, cities, excluded, inspected, strict=True)
    ]


def normalise(data: Any) -> dict[str, Any]:
    """Check the input and return it in canonical form (raises :class:`DrawError`)."""
    p = _Problems()
    if not isinstance(data, Mapping):
        raise DrawError([FieldProblem("input", "输入必须是 JSON 对象", "the input must be a JSON object")])
    seed = data.get("seed")
    if not _is_int(seed) or not 0 <= seed < 2**63:
        p.add("seed", "随机种子必须是 0 到 2^63-1 之间的整数", "seed must be an integer from 0 to 2^63-1")
    least = min_inspectors()
    per_task = data.get("per_task", least)
    if not _is_int(per_task) or per_task < least:
        p.add("per_task", f"每项检查的执法人员数必须是不小于{least}的整数（《劳动保障监察条例》第十六条）",
              f"per_task must be an integer of at least {least} (art. 16)")
    items = []
    for i, it in enumerate(_list(data, "items", p)):
        code = _text(it.get("code")) if isinstance(it, Mapping) else None
        cap = it.get("cap") if isinstance(it, Mapping) else None
        if code is None:
            p.add(f"items[{i}].code", "缺少检查事项编码", "the item code is missing")
        if not _is_int(cap) or cap < 0:
            p.add(f"items[{i}].cap", "年度检查频次上限必须是非负整数", "cap must be a non-negative integer")
        if code is not None and _is_int(cap):
            items.append({"code": code, "cap": cap})
    items.sort(key=lambda x: x["code"])
    codes = [x["code"] for x in items]
    if len(set(codes)) != len(codes):
        p.add("items", "检查事项编码重复", "item codes repeat")
    if not items:
        p.add("items", "至少需要一个检查事项", "at least one item is needed")
    enterprises = _enterprises(_list(data, "enterprises", p), set(codes), p)
    inspectors = []
    for i, s in enumerate(_list(data, "inspectors", p)):
        if not isinstance(s, Mapping):
            p.add(f"inspectors[{i}]", "必须是对象", "must be an object")
            continue
        sid, city = _text(s.get("id")), _text(s.get("city"))
        conflicts = s.get("conflicts", []) or []
        if sid is None:
            p.add(f"inspectors[{i}].id", "缺少执法人员编号", "the inspector id is missing")
        if city is None:
            p.add(f"inspectors[{i}].city", "缺少所在城市", "the city is missing")
        if not isinstance(conflicts, list) or any(_text(c) is None for c in conflicts):
            p.add(f"inspectors[{i}].conflicts", "必须是企业编号的列表", "must be a list of enterprise ids")
            conflicts = []
        inspectors.append({"id": sid, "city": city, "conflicts": sorted({_text(c) for c in conflicts})})
    sample = data.get("sample")
    if not isinstance(sample, Mapping) or not sample:
        p.add("sample", "必须是 {城市: 抽取户数}", "must map cities to numbers of enterprises")
        sample = {}
    for city, n in sample.items():
        if not _is_int(n) or n < 0:
            p.add(f"sample.{city}", "抽取户数必须是非负整数", "must be a non-negative integer")
    p.raise_if_any()
    enterprises.sort(key=itemgetter("id"))
    inspectors.sort(key=itemgetter("id"))
    for name, rows in (("enterprises", enterprises), ("inspectors", inspectors)):
        ids = [r["id"] for r in rows]
        if len(set(ids)) != len(ids):
            dup = next(a for a, b in zip(ids, ids[1:], strict=False) if a == b)
            raise DrawError([FieldProblem(name, f"编号 {dup} 重复", f"id {dup} repeats")])
    return {"seed": seed, "per_task": per_task, "items": items, "enterprises": enterprises,
            "inspectors": inspectors, "sample": dict(sorted(sample.items()))}


def columns(norm: Mapping[str, Any]) -> tuple[Register, Staff]:
    """The normalised lists as the columns :func:`draw_columns` works on."""
    codes = [it["code"] for it in norm["items"]]
    col = {c: k for k, c in enumerate(codes)}
    ents = norm["enterprises"]
    counts = np.zeros((len(ents), len(codes)), dtype=np.int64)
    for i, e in enumerate(ents):
        if e["inspected"]:
            for code, n in e["inspected"].items():
                counts[i, col[code]] = n
    register = Register(
        ids=np.array([e["id"] for e in ents], dtype=object),
        city=np.array([e["city"] for e in ents], dtype=object),
        excluded=np.array([e["excluded"] for e in ents], dtype=bool),
        counts=counts,
    )
    staff = Staff(
        ids=np.array([s["id"] for s in norm["inspectors"]], dtype=object),
        city=np.array([s["city"] for s in norm["inspectors"]], dtype=object),
        conflicts=tuple(frozenset(s["conflicts"]) for s in norm["inspectors"]),
    )
    return register, staff


def run(data: Any) -> dict[str, Any]:
    """CONTRACTS.md's draw: input dict in, ``{"tasks", "seed", "digest"}`` out."""
    norm = normalise(data)
    register, staff = columns(norm)
    tasks: list[Task] = draw_columns(
        norm["seed"], register, staff, [it["code"] for it in norm["items"]],
        [it["cap"] for it in norm["items"]], norm["sample"], norm["per_task"],
    )
    return {"tasks": [t.as_dict() for t in tasks], "seed": norm["seed"], "digest": digest_of(norm, tasks)}
