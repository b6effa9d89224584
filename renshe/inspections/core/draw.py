"""The 双随机 draw: random enterprises, random inspectors, reproducible by anyone.

《优化营商环境条例》第五十四条 requires inspections "随机抽取检查对象、随机选派执法检查人员、
抽查事项及查处结果及时向社会公开". This module is the two random halves, as CONTRACTS.md
("Inspections: renshe inspections draw") defines them; it imports no Django.

The algorithm is written down so that anyone holding the seed and the lists can redo the
draw with numpy and compare the digest:

1. Enterprises are put in order of ``id`` (as text); inspectors likewise. Cities are taken
   in order of their name (Unicode code points).
2. An enterprise is *eligible* when it is not ``excluded`` and at least one item of the
   plan is below its yearly cap for it (``inspected[code] < cap``). The task carries exactly
   those items (a joint plan's items from other departments ride along in the same visit,
   《优化营商环境条例》第五十四条: 多个检查事项应当尽可能合并).
3. ``rng = numpy.random.Generator(numpy.random.PCG64(seed))``. For each city in order:
   ``keys = rng.random(number of the city's eligible enterprises)``; the ``n`` enterprises
   with the smallest keys are drawn, in increasing key order (ties by id order). Every
   eligible enterprise of the city is therefore equally likely to be drawn.
4. Then ``perm = rng.permutation(number of the city's inspectors)`` orders the city's
   inspectors; task ``t`` (in draw order) gets the inspectors at cyclic positions
   ``t * per_task + j`` (``j < per_task``), which spreads the work evenly. An inspector in
   conflict with the task's enterprise (回避, 《劳动保障监察条例》第十六条第二款) is replaced by
   the next one in cyclic order who is neither in conflict nor already on the task.
5. ``digest = sha256`` of the canonical JSON (keys sorted, no spaces, UTF-8) of
   ``{"input": <the normalised input>, "tasks": <the tasks>}``.

At least two inspectors a task: 《劳动保障监察条例》第十六条 (不得少于2人).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from renshe.rules import parameters
from renshe.rules.errors import FieldProblem, RulesError


def min_inspectors() -> int:
    """At least this many inspectors a task (《劳动保障监察条例》第十六条, parameter ``inspections.min_inspectors``)."""
    return int(parameters.value("inspections.min_inspectors", dt.date.today()))


class DrawError(RulesError):
    """The draw cannot be made from these lists; names the field and the reason."""


@dataclass(frozen=True)
class Register:
    """The enterprises, column by column (the form a register of a million takes).

    ``counts[i, k]`` is how often enterprise ``i`` was inspected on item ``k`` this year.
    """

    ids: np.ndarray  # str, unique
    city: np.ndarray  # str
    excluded: np.ndarray  # bool
    counts: np.ndarray  # int, shape (len(ids), len(item_codes))


@dataclass(frozen=True)
class Staff:
    """The inspectors: id, city, and the enterprise ids each must not inspect."""

    ids: np.ndarray  # str, unique
    city: np.ndarray  # str
    conflicts: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Task:
    enterprise: str
    inspectors: tuple[str, ...]
    items: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"enterprise": self.enterprise, "inspectors": list(self.inspectors), "items": list(self.items)}


def _fail(field: str, zh: str, en: str) -> DrawError:
    return DrawError([FieldProblem(field, zh, en)])


def draw_columns(
    seed: int,
    register: Register,
    staff: Staff,
    item_codes: Sequence[str],
    caps: Sequence[int],
    sample: Mapping[str, int],
    per_task: int,
) -> list[Task]:
    """The draw on columns already in canonical order (ids ascending); see the module doc."""
    least = min_inspectors()
    if per_task < least:
        raise _fail(
            "per_task",
            f"每项检查至少{least}名执法人员（《劳动保障监察条例》第十六条），收到 {per_task}",
            f"at least {least} inspectors a task (art. 16), got {per_task}",
        )
    codes = np.asarray(item_codes, dtype=object)
    under_cap = register.counts < np.asarray(caps, dtype=np.int64)[None, :]
    eligible = ~register.excluded & under_cap.any(axis=1)
    rng = np.random.Generator(np.random.PCG64(seed))
    cities = sorted(sample)
    index = {c: i for i, c in enumerate(cities)}
    city_no = np.fromiter((index.get(c, -1) for c in register.city), dtype=np.int32, count=len(register.city))
    tasks: list[Task] = []
    for k, city in enumerate(cities):
        n = sample[city]
        pool = np.flatnonzero(eligible & (city_no == k))
        if n > len(pool):
            raise _fail(
                f"sample.{city}",
                f"{city}要求抽取 {n} 户，符合条件（未被排除、尚有未达年度上限的检查事项）的只有 {len(pool)} 户",
                f"{city}: {n} asked, only {len(pool)} eligible enterprises (not excluded, an item below its cap)",
            )
        keys = rng.random(len(pool))
        chosen = pool[np.argsort(keys, kind="stable")[:n]]
        squad = np.flatnonzero(staff.city == city)
        if n and len(squad) < per_task:
            raise _fail(
                f"sample.{city}",
                f"{city}只有 {len(squad)} 名执法人员，每项检查需要 {per_task} 名",
                f"{city} has {len(squad)} inspectors, {per_task} are needed a task",
            )
        order = squad[rng.permutation(len(squad))] if len(squad) else squad
        if n == 0:
            continue
        slots = (np.arange(n)[:, None] * per_task + np.arange(per_task)[None, :]) % len(order)
        team = order[slots]  # shape (n, per_task), distinct within a row because per_task <= len(order)
        for row, ent in enumerate(chosen):
            eid = str(register.ids[ent])
            members = _without_conflicts(team[row], order, row * per_task, eid, staff)
            items = tuple(codes[under_cap[ent]].tolist())
            tasks.append(Task(eid, tuple(str(staff.ids[m]) for m in members), items))
    return tasks


def _without_conflicts(members: np.ndarray, order: np.ndarray, start: int, eid: str, staff: Staff) -> list[int]:
    """Replace an inspector in conflict by the next free one in cyclic order (step 4)."""
    chosen = [int(m) for m in members]
    if not any(eid in staff.conflicts[m] for m in chosen):
        return chosen
    kept = [m for m in chosen if eid not in staff.conflicts[m]]
    size = len(order)
    for step in range(size):
        if len(kept) == len(chosen):
            break
        candidate = int(order[(start + len(chosen) + step) % size])
        if candidate not in kept and eid not in staff.conflicts[candidate]:
            kept.append(candidate)
    if len(kept) < len(chosen):
        raise _fail(
            "inspectors",
            f"企业 {eid} 所在地没有足够的无利害关系执法人员（需回避，《劳动保障监察条例》第十六条第二款）",
            f"not enough inspectors without a conflict for enterprise {eid} (art. 16 para. 2)",
        )
    return kept


def canonical(payload: Any) -> bytes:
    """The canonical JSON the digest is taken over: sorted keys, no spaces, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def digest_of(normalised_input: Mapping[str, Any], tasks: Sequence[Task]) -> str:
    body = {"input": normalised_input, "tasks": [t.as_dict() for t in tasks]}
    return "sha256:" + hashlib.sha256(canonical(body)).hexdigest()
