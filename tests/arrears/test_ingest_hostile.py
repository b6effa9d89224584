"""What a bank's feed and a careless export did to ``renshe arrears ingest`` (issue 13, items 6 and 9):
every file is loaded or refused with a reason, never skipped or crashed on."""

from __future__ import annotations

import csv
import threading
import zipfile

import openpyxl
import pytest

from renshe.arrears.core import ingest, lake, staging
from renshe.cli import main
from renshe.rules.errors import RulesError
from tests.arrears.conftest import HAND_BUILT, lake_count, write_tables


def _rejects(summary) -> list[dict]:
    with open(summary["rejects_report"], encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize(("name", "table"), [
    ("Account_txn.csv", "account_txn"), ("account_txn_2026.csv", "account_txn"), ("ACCOUNT_TXN.CSV", "account_txn"),
    ("account_txn.2026-01.csv", "account_txn"), ("project_worker_2026.csv", "project_worker"),
    ("project-2026.xlsx", "project"), ("notes.csv", None), ("accounts.csv", None),
])
def test_file_names_are_normalised(tmp_path, name, table):
    got = staging.table_of(tmp_path / name)
    assert (got.name if got else None) == table


def test_odd_names_load_and_unknown_files_are_reported_not_skipped(hand_built, tmp_path, capsys):
    (hand_built / "account_txn.csv").rename(hand_built / "Account_txn_2026.CSV")
    (hand_built / "readme.txt").write_text("x", encoding="utf-8")
    (hand_built / "acount_txn.csv").write_text("x\n", encoding="utf-8")  # a typo
    store = tmp_path / "s"
    assert main(["arrears", "ingest", str(hand_built), "--store", str(store)]) == 0
    assert lake_count(store, "account_txn") == len(HAND_BUILT["account_txn"])
    err = capsys.readouterr().err
    assert "readme.txt" in err and "unsupported file type" in err and "acount_txn.csv" in err


def test_a_folder_with_nothing_loadable_is_an_error(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "Readme.md").write_text("x", encoding="utf-8")
    assert main(["arrears", "ingest", str(tmp_path / "in"), "--store", str(tmp_path / "s")]) == 2
    assert "no loadable file" in capsys.readouterr().err


def _broken_files(d):
    write_tables(d, {"region": HAND_BUILT["region"]})
    (d / "org.csv").write_bytes(b"")  # empty
    (d / "project.csv").write_text("project_id,name,name\n1,a,b\n", encoding="utf-8")  # duplicated header
    good = d / "good.parquet"
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"worker_id": list(range(1000))}), good)
    (d / "worker.parquet").write_bytes(good.read_bytes()[:300])  # truncated
    good.unlink()
    wb = openpyxl.Workbook()
    wb.active.append(["complaint_id"])
    wb.save(d / "full.xlsx")
    (d / "complaint.xlsx").write_bytes((d / "full.xlsx").read_bytes()[:200])  # truncated
    (d / "full.xlsx").unlink()


def test_damaged_files_are_bilingual_rejects_not_tracebacks(tmp_path):
    src = tmp_path / "in"
    _broken_files(src)
    summary = ingest.ingest(src, tmp_path / "s")
    by_file = {r["file"].rsplit("/", 1)[1]: r for r in _rejects(summary)}
    assert by_file["org.csv"]["reason_en"] == "empty file"
    assert by_file["project.csv"]["reason_en"] == "duplicated column(s): name"
    assert by_file["worker.parquet"]["reason_zh"].startswith("文件无法读取")
    assert by_file["complaint.xlsx"]["reason_en"].startswith("unreadable file")
    assert all(r["row"] == "1" for r in by_file.values())
    assert summary["loaded"]["region"] == 1  # the good file still loads


def test_months_and_dates_before_the_regulation_are_refused(hand_built, tmp_path):
    tables = dict(HAND_BUILT)
    tables["labour_cost_due"] = [(1, "1800-01", 100, "2025-09-10")]
    tables["attendance"] = [*HAND_BUILT["attendance"], (1, 1, "1999-09-01", 8)]
    write_tables(hand_built, tables)
    summary = ingest.ingest(hand_built, tmp_path / "s")
    reasons = {r["file"].rsplit("/", 1)[1]: r["reason_en"] for r in _rejects(summary)}
    # 《保障农民工工资支付条例》第六十四条: in force 2020-05-01 (arrears.data_dates)
    assert reasons["labour_cost_due.csv"] == "month: month outside 2020-05 to 2099-12"
    assert reasons["attendance.csv"] == "work_date: date outside 2020-05-01 to 2099-12-31"


def test_cr_only_line_endings_are_lines(hand_built, tmp_path):
    names = ["region_code", "city", "county"]
    (hand_built / "region.csv").write_bytes(("\r".join([",".join(names), "350102,福州市,鼓楼区"]) + "\r").encode())
    summary = ingest.ingest(hand_built, tmp_path / "s")
    assert summary["loaded"]["region"] == 1 and summary["rejected"] == 0


def test_row_cap_counts_rows_not_newlines(hand_built, tmp_path, monkeypatch):
    monkeypatch.setenv("RENSHE_ARREARS_MAX_ROWS_PER_FILE", "10")
    body = "\r".join(["project_id,worker_id,work_date,hours"] + ["1,1,2025-09-01,8"] * 15) + "\r"
    (hand_built / "attendance.csv").write_bytes(body.encode())
    summary = ingest.ingest(hand_built, tmp_path / "s")
    (r,) = [r for r in _rejects(summary) if r["file"].endswith("attendance.csv")]
    assert r["reason_en"] == "more than 10 rows; split the file"


def test_an_excel_bomb_is_refused_before_it_is_unpacked(hand_built, tmp_path, monkeypatch):
    """A small .xlsx whose sheet unpacks to far more than the cap (issue 13.6: 0.5 MB → out of memory)."""
    (hand_built / "complaint.csv").unlink()
    path = hand_built / "complaint.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["complaint_id"])
    wb.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/padding.xml", " " * 30_000_000)  # 30 MB of spaces, about 30 KB packed
    assert path.stat().st_size < 200_000
    monkeypatch.setenv("RENSHE_ARREARS_XLSX_MAX_UNPACKED", "10000000")
    summary = ingest.ingest(hand_built, tmp_path / "s")
    (r,) = [r for r in _rejects(summary) if r["file"].endswith("complaint.xlsx")]
    assert "unpacks to more than 10000000 bytes" in r["reason_en"]


def test_a_second_ingest_waits_then_is_refused_cleanly(hand_built, tmp_path, capsys):
    store = tmp_path / "s"
    held, release = threading.Event(), threading.Event()

    def hold():
        with lake.Lake(store).writer("first"):
            held.set()
            release.wait(30)

    t = threading.Thread(target=hold)
    t.start()
    try:
        assert held.wait(10)
        with pytest.raises(RulesError) as exc:
            ingest.ingest(hand_built, store, wait=0.5)
        assert exc.value.problems[0].en == "another ingest is writing the store; try again later"
    finally:
        release.set()
        t.join()
    assert ingest.ingest(hand_built, store, wait=0.5)["loaded"]["region"] == 1  # then it goes through
