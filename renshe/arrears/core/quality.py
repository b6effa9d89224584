"""Recall and precision of the warnings against the planted cases in ``truth.csv``.

A planted (project_id, month) counts as found when a warning for it is orange or red;
precision counts every orange or red warning, planted or not.
"""

from __future__ import annotations

import csv
from pathlib import Path

from renshe.arrears.core import warnings

FOUND_LEVELS = ("orange", "red")


def evaluate(store: Path, truth: Path) -> dict:
    with truth.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    planted = {(int(r["project_id"]), r["month"]) for r in rows}
    pattern = {(int(r["project_id"]), r["month"]): r["pattern"] for r in rows}
    flagged = {(w["project_id"], w["month"]) for w in warnings.read(store) if w["level"] in FOUND_LEVELS}
    hit = planted & flagged
    missed = sorted(planted - flagged)
    return {
        "planted": len(planted), "flagged": len(flagged), "found": len(hit),
        "recall": round(len(hit) / len(planted), 4) if planted else 1.0,
        "precision": round(len(hit) / len(flagged), 4) if flagged else 1.0,
        "missed": [{"project_id": p, "month": m, "pattern": pattern[(p, m)]} for p, m in missed],
        "false_alarms": [{"project_id": p, "month": m} for p, m in sorted(flagged - planted)],
    }
