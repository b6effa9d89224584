"""Contract-performance rating (合同履约评价) of general contractors from the warnings.

Fujian's housing department rates contractors' contract performance each quarter
(闽建筑〔2023〕7号、闽建筑〔2024〕31号, ARREARS-REFERENCE.md §2) and the wage-payment record
is part of it; 《保障农民工工资支付条例》第四十七条 asks the 人社 department to grade
employers' compliance. The scoring items of the Fujian rules were not found, so the
deductions are policy parameters (``arrears.rating.deductions``, ``arrears.rating.grades``,
unverified): 100 points, minus a deduction for every project-month warning by its level,
minus one for every alert escalated because its deadline was missed. Every deduction
is kept as a plain Chinese reason with the indicators that fired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from renshe.arrears.core.alerts import LEVELS, REGION
from renshe.rules.parameters import ParamValue, value_at

#: 合同履约评价 grades, best first
GRADE_LABELS = {"A": "A级（良好）", "B": "B级（合格）", "C": "C级（基本合格）", "D": "D级（差）"}


@dataclass
class Rating:
    """One contractor's score, grade and the reasons for every point taken off."""

    contractor_id: int
    contractor_name: str
    score: float = 100.0
    grade: str = "A"
    rank: int = 0
    projects: set[int] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=lambda: {"red": 0, "orange": 0, "yellow": 0})
    overdue: int = 0
    reasons: list[str] = field(default_factory=list)


def _fired(indicators: list[dict[str, Any]], limit: int = 3) -> str:
    parts = []
    for i in indicators[:limit]:
        th = i.get("threshold") or {}
        crossed = f"（{th['op']}{th['value']:g}）" if th.get("value") is not None else ""
        parts.append(f"{i.get('title', i['code'])} {i['value']:g}{crossed}")
    more = f"等{len(indicators)}项" if len(indicators) > limit else ""
    return "、".join(parts) + more


def quarter_of(month: str) -> str:
    """"2025-11" → "2025Q4": Fujian publishes the rating by quarter (闽建筑〔2024〕31号)."""
    year, m = month.split("-")
    return f"{year}Q{(int(m) - 1) // 3 + 1}"


def grade_of(score: float, bands: Mapping[str, float]) -> str:
    """A/B/C by the minimum scores in ``bands``, D below C."""
    for g in ("A", "B", "C"):
        if score >= bands[g]:
            return g
    return "D"


def rate(
    warnings: Iterable[dict[str, Any]], overdue: Mapping[int, int], on: dt.date
) -> tuple[list[Rating], list[ParamValue]]:
    """Rank contractors best first; returns the ratings and the parameters used.

    ``warnings`` are rows as :func:`renshe.arrears.core.warnings.read` gives them (``contractor_id``,
    ``contractor_name``, ``project_id``, ``project_name``, ``month``, ``level``, ``indicators``);
    ``overdue`` counts each contractor's alerts escalated for a missed deadline.
    """
    ded_pv = value_at("arrears.rating.deductions", on, REGION)
    grade_pv = value_at("arrears.rating.grades", on, REGION)
    ded = ded_pv.value
    by_id: dict[int, Rating] = {}
    for w in sorted(warnings, key=lambda w: (w["month"], w["project_id"])):
        cid = int(w["contractor_id"])
        r = by_id.setdefault(cid, Rating(cid, w.get("contractor_name") or f"单位{cid}"))
        r.projects.add(int(w["project_id"]))
        r.counts[w["level"]] += 1
        r.score -= ded[w["level"]]
        name = w.get("project_name") or f"项目{w['project_id']}"
        r.reasons.append(
            f"{name} {w['month']} {LEVELS[w['level']]}预警，扣{ded[w['level']]:g}分：{_fired(w['indicators'])}"
        )
    for cid, n in overdue.items():
        if n and cid in by_id:
            r = by_id[cid]
            r.overdue = n
            r.score -= ded["overdue"] * n
            r.reasons.append(f"{n}件预警未按期处置而升级，每件扣{ded['overdue']:g}分，共扣{ded['overdue'] * n:g}分")
    out = list(by_id.values())
    for r in out:
        r.score = max(0.0, round(r.score, 1))
        r.grade = grade_of(r.score, grade_pv.value)
    out.sort(key=lambda r: (-r.score, r.counts["red"], r.contractor_id))
    for i, r in enumerate(out, 1):
        r.rank = i
    return out, [ded_pv, grade_pv]

