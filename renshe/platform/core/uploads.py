"""Uploaded files: one check of size, type and unpacked size that every upload uses
(arrears evidence, normdocs attachments, planner batches; disputes and appeals next).

Type is judged by content, not only by the name: the extension must be one the upload takes
and the file must begin with that type's signature, so a renamed executable or HTML page is
refused. A zip-based file (.xlsx, .docx) must not unpack to more than ``max_unpacked`` bytes:
a 265 KB .xlsx that unpacked to 104 MB drove the batch worker to 1.4 GB (issue 13, item 6).
The request as a whole was already refused from its Content-Length above
``RENSHE["UPLOAD_MAX_BYTES"]`` before it was read (core.middleware.BodySizeMiddleware).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from renshe.documents.excel import unpacked_size

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
