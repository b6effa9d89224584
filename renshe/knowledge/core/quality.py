"""Search quality on the question set: recall@5 and MRR (pure core; used by the test and the bench).

recall@k: for each question, the share of its answer articles found in the first k hits,
averaged over questions. MRR: the mean of 1/rank of the first answer article (0 if none
is in the first ``depth`` hits).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from renshe.knowledge.core.search import SearchIndex

QUESTIONS_FILE = Path(__file__).parents[1] / "questions.yaml"
#: issue 17 §4: questions in people's own words, split before any measurement; tune on the first only.
TUNING_FILE = Path(__file__).parents[1] / "questions_tuning.yaml"
HELDOUT_FILE = Path(__file__).parents[1] / "questions_heldout.yaml"
TARGET_RECALL_AT_5 = 0.9
TARGET_MRR = 0.7
#: the targets on the held-out part (issue 17 §4)
HELDOUT_TARGET_RECALL_AT_5 = 0.95
HELDOUT_TARGET_MRR = 0.8


@dataclass(frozen=True)
class Question:
    q: str
    answers: frozenset[tuple[str, int]]


@dataclass(frozen=True)
class Quality:
    recall_at_5: float
    mrr: float
    misses: list[tuple[str, list[tuple[str, int | None]]]]


def questions(path: Path = QUESTIONS_FILE) -> list[Question]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Question(item["q"], frozenset((s, int(n)) for s, n in item["answers"])) for item in raw]


def evaluate(index: SearchIndex, items: list[Question], depth: int = 10) -> Quality:
    recall, rr, misses = 0.0, 0.0, []
    for item in items:
        ranked = [(h.slug, h.article) for h in index.search(item.q, limit=depth)]
        found = item.answers & set(ranked[:5])
        recall += len(found) / len(item.answers)
        first = next((i for i, key in enumerate(ranked, 1) if key in item.answers), None)
        rr += 1 / first if first else 0.0
        if len(found) < len(item.answers):
            misses.append((item.q, ranked[:5]))
    n = len(items)
    return Quality(recall / n, rr / n, misses)
