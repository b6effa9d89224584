"""Ingestion: bad rows reported one by one with file, row and reason; no good row lost;
loading twice changes nothing; an interrupted load leaves the store as before."""

from __future__ import annotations

import csv
import random

import openpyxl
import pytest

from renshe.arrears.core import demo, ingest
from renshe.arrears.core.schema import TABLES
from tests.arrears.conftest import HAND_BUILT, store_con, write_tables


def _counts(store) -> dict[str, int]:
    con = store_con(store)
    out = {t.name: con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in TABLES}
    con.close()
    return out


def _rejects(summary) -> list[dict]:
    with open(summary["rejects_report"], encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    demo.generate(out, workers=300, days=30, seed=5, fmt="csv")
    return out


def _malform(lines: list[str], rng: random.Random, n_bad: int) -> tuple[list[str], set[int], set[str]]:
    """Insert ``n_bad`` bad rows of several kinds among the good ``lines`` (header first).
    Returns the new lines, the line numbers of the bad rows, and the good rows."""
    header, good = lines[0], lines[1:]
    slots = sorted(rng.sample(range(len(good) + n_bad), n_bad))
    out, bad_lines, emitted = [header], set(), []
    gi = 0
    for i in range(len(good) + n_bad):
        if slots and slots[0] == i:
            slots.pop(0)
            p, w, d, h = (good[gi] if gi < len(good) else good[-1]).split(",")
            kind = i % 8
            row = {
                0: f"{p},{w},2025-13-45,{h}",           # no such date
                1: f"{p},{w},{d},-3",                     # negative hours
                2: f"{p},abc,{d},{h}",                    # not an integer
                3: f"{p},{w},{d}",                        # a column short
                4: f"{p},{w},{d},{h},9",                  # a column too many
                5: f"{p},999999,{d},{h}",                 # no such worker on the project
                6: f"{p},,{d},{h}",                       # required field empty
                7: emitted[rng.randrange(len(emitted))] if emitted else f"{p},{w},2025-02-30,{h}",  # duplicate key
            }[kind]
            out.append(row)
            bad_lines.add(len(out))
        else:
            out.append(good[gi])
            emitted.append(good[gi])
            gi += 1
    return out, bad_lines, set(good)


def test_thousand_malformed_rows_lose_no_good_row(province, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for f in province.iterdir():
        (src / f.name).write_bytes(f.read_bytes())
    lines = (src / "attendance.csv").read_text(encoding="utf-8").splitlines()
    new, bad_lines, good = _malform(lines, random.Random(42), 1000)
    (src / "attendance.csv").write_text("\n".join(new) + "\n", encoding="utf-8")

    store = tmp_path / "s.duckdb"
    summary = ingest.ingest(src, store)
    reported = [r for r in _rejects(summary) if r["file"].endswith("attendance.csv")]
    assert len(reported) == 1000 == summary["rejected"]
    assert {int(r["row"]) for r in reported} == bad_lines
    assert all(r["reason_zh"] and r["reason_en"] for r in reported)
    assert summary["loaded"]["attendance"] == len(good) == len(lines) - 1
    con = store_con(store)
    loaded = {f"{p},{w},{d},{h:g}" for p, w, d, h in con.execute(
        "SELECT project_id, worker_id, strftime(work_date, '%Y-%m-%d'), hours FROM attendance").fetchall()}
    con.close()
    assert loaded == {g.replace('"', "") for g in good}


def test_reasons_are_bilingual_and_name_the_field(hand_built, tmp_path):
    tables = dict(HAND_BUILT)
    tables["worker"] = [*HAND_BUILT["worker"][:4], (5, "350102199003070021", "陈明", "女", "1990-03-07", "350102")]
    tables["org"] = [*HAND_BUILT["org"][:3], (4, "91350203000000019A", "某劳务公司", "sub", "350102")]
    write_tables(hand_built, tables)
    summary = ingest.ingest(hand_built, tmp_path / "s.duckdb")
    by_file = {}
    for r in _rejects(summary):
        by_file.setdefault(r["file"].rsplit("/", 1)[1], []).append(r)
    (w,) = by_file["worker.csv"]
    assert w["row"] == "6"  # header is line 1, worker 5 is the fifth data line
    assert "id_number：公民身份号码格式或校验码不正确（GB 11643）" in w["reason_zh"]
    assert "id_number: ID number malformed" in w["reason_en"]
    assert "统一社会信用代码" in by_file["org.csv"][0]["reason_zh"]
    # rows that refer to a refused worker or unit are refused too, saying why
    reasons = {r["reason_en"] for r in by_file["project_worker.csv"]}
    assert reasons == {"worker_id: no such worker in the store", "project_id, org_id: no such project_org in the store"}


def test_reingest_changes_nothing(hand_built, tmp_path):
    store = tmp_path / "s.duckdb"
    first = ingest.ingest(hand_built, store)
    before = _counts(store)
    second = ingest.ingest(hand_built, store)
    assert set(second["loaded"].values()) == {0}
    assert second["skipped_existing"] == first["loaded"]
    assert _counts(store) == before


def test_interrupted_load_leaves_store_as_before(hand_built, province, tmp_path, monkeypatch):
    store = tmp_path / "s.duckdb"
    ingest.ingest(hand_built, store)
    before = _counts(store)
    real = ingest.load_file

    def failing(con, w, path, table):
        if table.name == "payroll":
            raise KeyboardInterrupt  # the operator pressed Ctrl-C half-way
        return real(con, w, path, table)

    monkeypatch.setattr(ingest, "load_file", failing)
    with pytest.raises(KeyboardInterrupt):
        ingest.ingest(province, store)
    assert _counts(store) == before


def test_parquet_and_excel(hand_built, tmp_path):
    out = tmp_path / "pq"
    demo.generate(out, workers=200, days=20, seed=3, fmt="parquet")
    summary = ingest.ingest(out, tmp_path / "p.duckdb")
    assert summary["rejected"] == 0
    import pyarrow.parquet as pq

    assert summary["loaded"]["attendance"] == pq.read_metadata(out / "attendance.parquet").num_rows

    (hand_built / "complaint.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["complaint_id", "channel", "received_date", "project_id", "org_id", "n_workers", "claimed_amount",
               "is_collective", "status"])
    for row in HAND_BUILT["complaint"]:
        ws.append(list(row))
    ws.append([4, "微博", "2025-09-30", 1, 2, 1, 100, "false", "受理"])  # not a channel we take
    wb.save(hand_built / "complaint.xlsx")
    summary = ingest.ingest(hand_built, tmp_path / "x.duckdb")
    assert summary["loaded"]["complaint"] == 3
    (r,) = _rejects(summary)
    assert r["row"] == "5" and r["file"].endswith("complaint.xlsx") and "channel" in r["reason_en"]
