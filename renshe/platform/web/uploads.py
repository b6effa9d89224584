"""Uploaded files, checked before anything is stored: one module every upload uses.

Two entry points over the same idea — type by content (a file's first bytes), size, and for a
zip-based file its unpacked size:

- :func:`check_upload` (disputes, appeals: evidence from the public, PDF/JPEG/PNG only) raises
  a bilingual :class:`RulesError` naming the field and returns what the file is;
- :func:`check` / :func:`problem` with an :class:`UploadRule` (arrears evidence, normdocs
  attachments, planner batches) raise a Chinese ``ValidationError`` / give the reason, and
  refuse a .xlsx or .docx that unpacks past ``max_unpacked`` (issue 13, item 6: a 265 KB .xlsx
  that unpacked to 104 MB drove the batch worker to 1.4 GB).

A file is accepted only when its first bytes say it is one of the allowed kinds (a renamed
executable or script fails, whatever its name or the browser's claimed content type), when it
is not larger than the limit, and when its name's extension agrees with its content. Files are
stored by the default storage under ``MEDIA_ROOT`` (``var/media``), which the platform never
serves: staff and the party download them through views that check who asks. The request as a
whole was already refused from its Content-Length above ``RENSHE["UPLOAD_MAX_BYTES"]`` before
it was read (core.middleware.BodySizeMiddleware).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from renshe.documents.excel import unpacked_size
from renshe.rules.errors import RulesError

#: kind → (magic bytes at offset 0, extensions, content type)
KINDS: dict[str, tuple[tuple[bytes, ...], tuple[str, ...], str]] = {
    "pdf": ((b"%PDF-",), (".pdf",), "application/pdf"),
    "jpeg": ((b"\xff\xd8\xff",), (".jpg", ".jpeg"), "image/jpeg"),
    "png": ((b"\x89PNG\r\n\x1a\n",), (".png",), "image/png"),
}
MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Checked:
    kind: str
    content_type: str
    size: int
    name: str


def check_upload(f: UploadedFile, field: str, *, kinds: tuple[str, ...] = tuple(KINDS), max_bytes: int = MAX_BYTES) -> Checked:
    """The file's kind, or a bilingual error naming ``field`` and the file (type, size, name)."""
    name = (f.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:120]
    if f.size is None or f.size == 0:
        raise RulesError.of(field, f"文件“{name}”是空的", f"file '{name}' is empty")
    if f.size > max_bytes:
        raise RulesError.of(
            field,
            f"文件“{name}”超过 {max_bytes // (1024 * 1024)} MB，请压缩或分开上传",
            f"file '{name}' is larger than {max_bytes // (1024 * 1024)} MB",
        )
    head = f.read(16)
    f.seek(0)
    allowed = "、".join(sorted({e for k in kinds for e in KINDS[k][1]}))
    for kind in kinds:
        magics, exts, ctype = KINDS[kind]
        if any(head.startswith(m) for m in magics):
            if not name.lower().endswith(exts):
                raise RulesError.of(
                    field,
                    f"文件“{name}”的扩展名与内容（{kind.upper()}）不符",
                    f"file '{name}': the extension does not match its content ({kind})",
                )
            return Checked(kind, ctype, f.size, name)
    raise RulesError.of(
        field,
        f"文件“{name}”不是允许的类型，只接受 {allowed}（PDF 或图片）",
        f"file '{name}' is not an allowed type; only {allowed}",
    )


#: Leading bytes of each type we take.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".csv": (),  # text: no signature (read as text, row by row, by whoever takes it)
    ".parquet": (b"PAR1",),
}
ZIPPED = {".docx", ".xlsx"}


@dataclass(frozen=True)
class UploadRule:
    """What one kind of upload takes: its extensions, its size and, for zip-based files, how far
    they may unpack."""

    extensions: tuple[str, ...]
    max_bytes: int
    max_unpacked: int = 100 * 1024 * 1024
    label: str = "文件"
    signatures: dict[str, tuple[bytes, ...]] = field(default_factory=lambda: SIGNATURES)


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.0f} MB"


def problem(upload: Any, rule: UploadRule) -> str:
    """The Chinese reason ``upload`` is refused, or "" if it is acceptable."""
    ext = Path(upload.name or "").suffix.lower()
    if ext not in rule.extensions:
        return f"{rule.label}只接受 {'、'.join(rule.extensions)} 文件"
    if upload.size > rule.max_bytes:
        return f"{rule.label}不能超过 {_mb(rule.max_bytes)}（本文件 {upload.size / 1_048_576:.1f} MB）"
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    signatures = rule.signatures.get(ext, ())
    if signatures and not head.startswith(signatures):
        return f"文件内容与扩展名 {ext} 不符"
    if ext in ZIPPED:
        size = unpacked_size(upload)
        upload.seek(0)
        if size is None:
            return f"文件不是有效的 {ext} 文件"
        if size > rule.max_unpacked:
            return f"文件解压后达 {size / 1_048_576:.0f} MB，超过 {_mb(rule.max_unpacked)}：请拆分后再上传"
    return ""


def check(upload: Any, rule: UploadRule) -> None:
    """Raise a Chinese :class:`ValidationError` if ``upload`` breaks ``rule``."""
    reason = problem(upload, rule)
    if reason:
        raise ValidationError(reason)


#: Evidence for a case or an alert: documents and photographs up to 10 MB.
EVIDENCE = UploadRule((".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx"), 10 * 1024 * 1024, label="证据")
#: An attachment to a normative document: the text as PDF or Word, up to 20 MB.
ATTACHMENT = UploadRule((".pdf", ".docx", ".doc"), 20 * 1024 * 1024, label="附件")
