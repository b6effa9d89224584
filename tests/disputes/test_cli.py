"""``renshe disputes``: list, show (masked), claims, a document read back, the Excel export read back;
bad input exits 2 with the Chinese and English message and writes nothing."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook

from renshe import cli
from renshe.disputes import services
from tests.disputes.conftest import WORKER_ID, application
from tests.disputes.test_services import record_all
from tests.documents.checks import pdf_text


@pytest.fixture
def cases(orgs, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    xm = services.save_application(application(orgs), [], submit=True)
    record_all(xm, users["mediator"])
    fz = services.save_application(application(orgs, organisation_id=orgs["fz"].pk, applicant_name="=HYPERLINK(\"x\")"),
                                   [], submit=True)
    return xm, fz


def run(capsys, *argv):
    code = cli.main(["disputes", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_and_show(cases, capsys):
    xm, fz = cases
    code, out, _ = run(capsys, "list", "--committee", "350200")
    assert code == 0 and [r["number"] for r in json.loads(out)] == [xm.number]
    code, out, _ = run(capsys, "list")
    assert code == 0 and len(json.loads(out)) == 2
    code, out, _ = run(capsys, "show", xm.number)
    shown = json.loads(out)
    assert code == 0 and shown["number"] == xm.number and WORKER_ID not in out and "13800138000" not in out
    assert shown["clocks"][0]["kind"] and shown["next_step"]["due"]


def test_claims_as_computed_from_the_elements(cases, capsys):
    code, out, _ = run(capsys, "claims", str(cases[0].pk))
    claims = {c["kind"]: c["amount"] for c in json.loads(out)["claims"]}
    # the worked case of tests/disputes/test_services.py: 2 × 6,000 unpaid; 11 × 6,000 double; 2 × 2 × 6,000 damages
    assert code == 0 and claims == {"unpaid_wages": 12000.0, "double_wages": 66000.0, "damages": 24000.0}


def test_document_read_back(cases, capsys, tmp_path):
    xm = cases[0]
    code, _, _ = run(capsys, "document", xm.number, "application", "--format", "docx", "--out", str(tmp_path / "a.docx"))
    doc = Document(io.BytesIO((tmp_path / "a.docx").read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs) + "".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert code == 0 and "仲裁申请书" in text and "陈小明" in text and xm.number in text
    code, _, _ = run(capsys, "document", xm.number, "application", "--out", str(tmp_path / "a.pdf"))
    assert code == 0 and "厦门海湾建材有限公司" in pdf_text((tmp_path / "a.pdf").read_bytes())


def test_export_reads_back_and_neutralises_formulas(cases, capsys, tmp_path):
    xm, fz = cases
    code, out, _ = run(capsys, "export", "--out", str(tmp_path / "cases.xlsx"))
    assert code == 0 and json.loads(out)["cases"] == 2
    ws = load_workbook(tmp_path / "cases.xlsx").active
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert ws.cell(1, 1).value == "案号" and rows[xm.number][11] == 36000.0
    # the total within limitation: 12,000 + 24,000; the double wage's year ran from the end of its
    # period (hire 2024-05-06 + 1 year − 1 day, 2025-05-05) and was over when the case was filed
    assert rows[fz.number][4] == "'=HYPERLINK(\"x\")"  # text, never a live formula


@pytest.mark.parametrize("argv,field", [
    (["show", "（2099）0劳人仲申字第999999号"], "case"),
    (["claims", "999999"], "case"),
    (["list", "--committee", "999999"], "committee"),
    (["list", "--state", "lost"], "state"),
    (["document", "1", "poem", "--out", "/tmp/x.pdf"], "kind"),
    (["export", "--out", "/no/such/dir/cases.xlsx"], "out"),
    (["export", "--out", "cases.csv"], "out"),
])
def test_bad_input_exits_2_bilingual(cases, capsys, argv, field):
    if argv[0] == "document":
        argv = ["document", str(cases[0].pk), *argv[2:]]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.startswith(field) and " / " in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["disputes", "document"])
    assert exc.value.code == 2 and "usage error" in capsys.readouterr().err


def test_a_database_never_migrated_is_said_so_not_a_traceback(tmp_path):
    """A newcomer who runs the CLI before ``scripts/dev serve``: one bilingual line, exit 1."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "RENSHE_VAR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-m", "renshe.cli", "disputes", "list"], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "数据库尚未建表" in done.stderr and "no such table: disputes_case" in done.stderr
