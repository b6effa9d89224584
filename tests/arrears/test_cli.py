"""The commands of CONTRACTS.md end to end: demo-data → ingest → run → warnings."""

from __future__ import annotations

import csv
import io
import json

from renshe.cli import main


def test_commands_end_to_end(tmp_path, capsys):
    src, store = tmp_path / "p", tmp_path / "a.duckdb"
    assert main(["demo-data", "--out", str(src), "--workers", "600", "--days", "35", "--seed", "4"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"]["worker"] == 600

    assert main(["arrears", "ingest", str(src), "--store", str(store)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["loaded"]["worker"] == 600 and summary["rejected"] == 0
    assert summary["rejects_report"].endswith(".csv")

    assert main(["arrears", "run", "--engine", "duckdb", "--store", str(store)]) == 0
    run = json.loads(capsys.readouterr().out)
    assert run["warnings"] == sum(run["by_level"].values()) > 0

    assert main(["arrears", "warnings", "--level", "red", "--store", str(store)]) == 0
    reds = json.loads(capsys.readouterr().out)
    assert reds and {w["level"] for w in reds} == {"red"}
    for w in reds:
        assert {"project_id", "contractor_id", "month", "level", "score", "indicators"} <= set(w)
        assert w["warning_id"] == f"{w['project_id']}-{w['month']}"
    with (src / "truth.csv").open(encoding="utf-8") as f:
        assert set(next(csv.reader(f))) == {"project_id", "month", "pattern"}

    assert main(["arrears", "warnings", "--format", "csv", "--store", str(store)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == run["warnings"]


def test_bad_input_is_a_bilingual_error_not_a_traceback(tmp_path, capsys):
    assert main(["arrears", "run", "--store", str(tmp_path / "none.duckdb")]) == 2
    assert "请先入库 / no store" in capsys.readouterr().err
    assert main(["demo-data", "--out", str(tmp_path), "--workers", "0"]) == 2
    assert "workers must be at least 1" in capsys.readouterr().err


def test_a_file_without_its_columns_is_refused_whole(hand_built, tmp_path, capsys):
    (hand_built / "complaint.csv").write_text("complaint_id,channel\n1,12345\n", encoding="utf-8")
    assert main(["arrears", "ingest", str(hand_built), "--store", str(tmp_path / "a.duckdb")]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["rejected"] == 1 and summary["loaded"]["attendance"] > 0
    with open(summary["rejects_report"], encoding="utf-8") as f:
        (r,) = list(csv.DictReader(f))
    assert r["row"] == "1" and "received_date" in r["reason_zh"]
