"""Issue 13, item 6: uploads are checked by one platform rule (renshe.platform.web.uploads):
type by content, size, and a workbook's unpacked size before any reader opens it; normdocs
attachments take only PDF or Word and their download link works, for the register's staff."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from renshe.planner.core import batch
from renshe.platform.accounts.models import Organisation
from renshe.platform.web import uploads
from renshe.rules.errors import RulesError

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _bomb(unpacked: int) -> bytes:
    """A .xlsx-shaped zip whose one sheet unpacks to ``unpacked`` bytes (compresses ~1000:1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * unpacked)
    return buf.getvalue()


def _refusal(upload, rule) -> str:
    """The Chinese reason ``upload`` is refused under ``rule`` (the field named), "" if taken."""
    try:
        uploads.check_upload(upload, "file", rule)
    except RulesError as exc:
        assert exc.problems[0].field == "file" and exc.problems[0].en
        return exc.problems[0].zh
    return ""


def test_a_zip_bomb_is_refused_before_it_is_opened():
    rule = uploads.UploadRule((".xlsx",), 10 * 1024 * 1024, max_unpacked=1024 * 1024)
    bomb = SimpleUploadedFile("h.xlsx", _bomb(3 * 1024 * 1024))
    assert len(bomb.read()) < 50_000
    bomb.seek(0)
    assert "解压后" in _refusal(bomb, rule)
    assert _refusal(SimpleUploadedFile("h.xlsx", _bomb(1000)), rule) == ""


def test_type_is_judged_by_content():
    fake = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>")
    assert "不符" in _refusal(fake, uploads.ATTACHMENT)
    assert "只接受" in _refusal(SimpleUploadedFile("run.exe", b"MZ"), uploads.ATTACHMENT)
    assert _refusal(SimpleUploadedFile("a.pdf", PDF), uploads.ATTACHMENT) == ""


def test_one_check_for_every_upload():
    """Issue 12: one entry point (check_upload with a rule) for the public's evidence, staff
    evidence, attachments and planner batches; what it returns names the file's type."""
    assert not hasattr(uploads, "problem") and not hasattr(uploads, "check")
    got = uploads.check_upload(SimpleUploadedFile("dir/证据.pdf", PDF), "evidence")  # the public's rule by default
    assert (got.kind, got.content_type, got.size, got.name) == ("pdf", "application/pdf", len(PDF), "证据.pdf")
    assert "是空的" in _refusal(SimpleUploadedFile("a.pdf", b""), uploads.PUBLIC_EVIDENCE)
    assert "不是允许的类型" in _refusal(SimpleUploadedFile("a.docx", b"PK\x03\x04"), uploads.PUBLIC_EVIDENCE)
    assert "不符" in _refusal(SimpleUploadedFile("a.pq", b"not parquet"), uploads.UploadRule((".pq",), 1024))


def test_plan_batch_refuses_a_workbook_that_unpacks_too_far(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "EXCEL_MAX_UNPACKED", 1024 * 1024)  # 100 MB in service, scaled down
    path = tmp_path / "in.xlsx"
    path.write_bytes(_bomb(3 * 1024 * 1024))
    with pytest.raises(RulesError) as exc:
        next(batch.read_parts(path))
    assert "解压后" in exc.value.problems[0].zh


@pytest.mark.django_db
def test_the_batch_page_refuses_it_before_queueing(demo, monkeypatch):
    monkeypatch.setattr(batch, "EXCEL_MAX_UNPACKED", 1024 * 1024)
    from renshe.planner.batchjobs.models import PlanBatch

    client = Client()
    client.force_login(demo["staff"])
    r = client.post("/planner/batch/", {"file": SimpleUploadedFile("h.xlsx", _bomb(3 * 1024 * 1024))}, follow=True)
    assert "解压后" in r.content.decode() and not PlanBatch.objects.exists()


@pytest.mark.django_db
def test_normdocs_attachment_type_and_download(demo):
    staff = demo["staff"]
    division = staff.organisation or Organisation.objects.filter(kind="division").first()
    client = Client()
    client.force_login(staff)
    bad = client.post("/normdocs/new/", {"title": "关于测试的通知", "drafting_division": division.pk,
                                         "attachment": SimpleUploadedFile("a.pdf", b"<html></html>")})
    assert bad.status_code == 200 and "不符" in bad.content.decode()
    good = client.post("/normdocs/new/", {"title": "关于测试的通知", "drafting_division": division.pk,
                                          "attachment": SimpleUploadedFile("通知.pdf", PDF)})
    assert good.status_code == 302
    detail = client.get(good["Location"]).content.decode()
    link = detail.split('<th>附件</th><td><a href="')[1].split('"')[0]
    r = client.get(link)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert "attachment" in r["Content-Disposition"] and "no-store" in r["Cache-Control"]
    assert Client().get(link).status_code == 302  # anonymous: to the login
