"""The 双随机 draw (CONTRACTS.md "Inspections"): reproducible, lawful, uniform within a city."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renshe.inspections.core.draw import DrawError, Register, Staff, draw_columns
from renshe.inspections.core.draw_input import normalise, run

CITIES = ["福州", "厦门", "泉州"]


@st.composite
def catalogues(draw):
    """A random catalogue that can always be drawn from (enough eligible and inspectors)."""
    n_items = draw(st.integers(1, 4))
    items = [{"code": f"I{k}", "cap": draw(st.integers(0, 3))} for k in range(n_items)]
    if all(it["cap"] == 0 for it in items):
        items[0]["cap"] = 1
    enterprises = []
    for i in range(draw(st.integers(4, 40))):
        inspected = {it["code"]: draw(st.integers(0, 4)) for it in items if draw(st.booleans())}
        enterprises.append({
            "id": f"E{i:03d}", "city": draw(st.sampled_from(CITIES)),
            "excluded": draw(st.booleans()), "inspected": inspected,
        })
    ent_ids = [e["id"] for e in enterprises]
    inspectors = []
    for j in range(draw(st.integers(3, 15))):
        conflicts = draw(st.lists(st.sampled_from(ent_ids), max_size=4))
        inspectors.append({"id": f"S{j:02d}", "city": draw(st.sampled_from(CITIES)), "conflicts": conflicts})
    per_task = draw(st.integers(2, 3))
    sample = {}
    for city in CITIES:
        eligible = sum(
            1 for e in enterprises if e["city"] == city and not e["excluded"]
            and any(e["inspected"].get(it["code"], 0) < it["cap"] for it in items)
        )
        sample[city] = draw(st.integers(0, eligible))
    return {"seed": draw(st.integers(0, 2**32)), "items": items, "enterprises": enterprises,
            "inspectors": inspectors, "sample": sample, "per_task": per_task}


def _draw_or_refusal(data):
    try:
        return run(data)
    except DrawError as exc:
        return exc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_caps_exclusions_conflicts_and_cities_never_violated(data):
    result = _draw_or_refusal(data)
    if isinstance(result, DrawError):
        # The only lawful refusal: too few (conflict-free) inspectors in a city asked for.
        problem = result.problems[0]
        if problem.field.startswith("sample."):
            city = problem.field.split(".", 1)[1]
            assert sum(s["city"] == city for s in data["inspectors"]) < data["per_task"]
        else:
            assert problem.field == "inspectors" and "回避" in problem.zh
        return
    ents = {e["id"]: e for e in data["enterprises"]}
    caps = {it["code"]: it["cap"] for it in data["items"]}
    staff = {s["id"]: s for s in data["inspectors"]}
    per_city = {c: 0 for c in CITIES}
    seen = set()
    for task in result["tasks"]:
        e = ents[task["enterprise"]]
        assert task["enterprise"] not in seen
        seen.add(task["enterprise"])
        per_city[e["city"]] += 1
        assert not e["excluded"]
        assert task["items"], "a task carries at least one item below its cap"
        for code in task["items"]:
            assert e["inspected"].get(code, 0) < caps[code]
        # every item still under cap rides along in the same visit
        assert set(task["items"]) == {c for c in caps if e["inspected"].get(c, 0) < caps[c]}
        assert len(task["inspectors"]) == data["per_task"] == len(set(task["inspectors"]))
        for sid in task["inspectors"]:
            assert staff[sid]["city"] == e["city"]
            assert task["enterprise"] not in staff[sid]["conflicts"]
    assert per_city == data["sample"]


@settings(max_examples=100, deadline=None)
@given(catalogues())
def test_same_seed_and_lists_same_draw_whatever_the_order(data):
    first = _draw_or_refusal(data)
    shuffled = dict(data, enterprises=list(reversed(data["enterprises"])),
                    inspectors=list(reversed(data["inspectors"])), items=list(reversed(data["items"])))
    again = _draw_or_refusal(shuffled)
    if isinstance(first, DrawError):
        assert isinstance(again, DrawError) and str(first) == str(again)
    else:
        assert first == again


def test_the_digest_is_recomputable_from_its_definition():
    data = {"seed": 11, "items": [{"code": "WAGE", "cap": 1}],
            "enterprises": [{"id": f"E{i}", "city": "厦门"} for i in range(6)],
            "inspectors": [{"id": "a", "city": "厦门"}, {"id": "b", "city": "厦门", "conflicts": ["E1"]}],
            "sample": {"厦门": 3}}
    result = run(data)
    # Redo the digest by hand from the documented definition: sha256 over the canonical JSON of
    # {"input": normalised input, "tasks": tasks}.
    body = {"input": normalise(data), "tasks": result["tasks"]}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert result["digest"] == "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    other = run(dict(data, seed=12))
    assert other["digest"] != result["digest"]


def test_draw_redone_by_hand_with_numpy():
    """Steps 3–4 of the module doc, by hand: smallest keys first, cyclic inspector slots."""
    data = {"seed": 5, "items": [{"code": "A", "cap": 1}],
            "enterprises": [{"id": f"E{i}", "city": "福州"} for i in range(5)],
            "inspectors": [{"id": f"S{j}", "city": "福州"} for j in range(3)],
            "sample": {"福州": 2}}
    rng = np.random.Generator(np.random.PCG64(5))
    keys = rng.random(5)
    expected_ents = [f"E{i}" for i in np.argsort(keys, kind="stable")[:2]]
    perm = rng.permutation(3)
    expected_teams = [[f"S{perm[0]}", f"S{perm[1]}"], [f"S{perm[2]}", f"S{perm[0]}"]]
    tasks = run(data)["tasks"]
    assert [t["enterprise"] for t in tasks] == expected_ents
    assert [t["inspectors"] for t in tasks] == expected_teams


def test_uniform_within_a_city_chi_square():
    """4,000 draws of 5 from 50 eligible enterprises (fixed seeds 0..3999).

    Each enterprise is expected 4000 × 5 / 50 = 400 times. With 49 degrees of freedom the
    chi-square critical value at p = 0.001 is 85.35 (standard table: df 50 → 86.66,
    df 45 → 80.08; interpolated). Two excluded enterprises and one at its cap must never come up.
    """
    n, k, runs = 53, 5, 4000
    excluded = np.zeros(n, dtype=bool)
    excluded[[3, 17]] = True
    counts = np.zeros((n, 1), dtype=np.int64)
    counts[40, 0] = 1  # at its cap of 1
    register = Register(ids=np.array([f"E{i:02d}" for i in range(n)], dtype=object),
                        city=np.array(["厦门"] * n, dtype=object), excluded=excluded, counts=counts)
    staff = Staff(ids=np.array(["a", "b"], dtype=object), city=np.array(["厦门", "厦门"], dtype=object),
                  conflicts=(frozenset(), frozenset()))
    hits = {f"E{i:02d}": 0 for i in range(n)}
    for seed in range(runs):
        for task in draw_columns(seed, register, staff, ["A"], [1], {"厦门": k}, 2):
            hits[task.enterprise] += 1
    for never in ("E03", "E17", "E40"):
        assert hits.pop(never) == 0
    assert len(hits) == 50
    expected = runs * k / 50
    chi2 = sum((h - expected) ** 2 / expected for h in hits.values())
    assert chi2 < 85.35, chi2
    # and the test can fail: a draw that always takes the first five ids is far outside
    biased = {e: (runs if i < k else 0) for i, e in enumerate(sorted(hits))}
    assert sum((h - expected) ** 2 / expected for h in biased.values()) > 85.35


@pytest.mark.parametrize(
    ("change", "field", "zh"),
    [
        ({"per_task": 1}, "per_task", "不小于2"),
        ({"seed": "x"}, "seed", "随机种子"),
        ({"sample": {"厦门": 99}}, "sample.厦门", "符合条件"),
        ({"items": [{"code": "A", "cap": -1}]}, "items[0].cap", "非负整数"),
        ({"enterprises": [{"id": "E1"}]}, "enterprises[0].city", "城市"),
    ],
)
def test_bad_input_is_named_in_both_languages(change, field, zh):
    data = {"seed": 1, "items": [{"code": "A", "cap": 1}],
            "enterprises": [{"id": f"E{i}", "city": "厦门"} for i in range(3)],
            "inspectors": [{"id": "a", "city": "厦门"}, {"id": "b", "city": "厦门"}],
            "sample": {"厦门": 1}}
    data.update(change)
    with pytest.raises(DrawError) as exc:
        run(data)
    problem = exc.value.problems[0]
    assert problem.field == field and zh in problem.zh and problem.en


def test_cli_prints_the_draw_and_exits_2_on_bad_input(tmp_path):
    data = {"seed": 3, "items": [{"code": "A", "cap": 1}],
            "enterprises": [{"id": f"E{i}", "city": "厦门"} for i in range(4)],
            "inspectors": [{"id": "a", "city": "厦门"}, {"id": "b", "city": "厦门"}],
            "sample": {"厦门": 2}}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cmd = [sys.executable, "-m", "renshe.cli", "inspections", "draw", "--input", str(path)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == run(data)
    bad = subprocess.run(cmd[:-1] + ["-"], input='{"seed": 1}', capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert "items" in bad.stderr and "必须是列表" in bad.stderr and "must be a list" in bad.stderr
