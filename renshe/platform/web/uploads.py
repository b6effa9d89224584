"""Uploaded files, checked before anything is stored: one check every upload uses.

:func:`check_upload` takes the upload and an :class:`UploadRule` (which extensions, how large,
for a zip-based file how far it may unpack) and returns what the file is, or raises a bilingual
:class:`RulesError` naming the field. Pages show its Chinese (``problems[0].zh``); a Django
validator raises it as a ``ValidationError``. A .xlsx or .docx that unpacks past
``max_unpacked`` is refused (issue 13, item 6: a 265 KB .xlsx that unpacked to 104 MB drove the
batch worker to 1.4 GB).

A file is accepted only when it is not empty, its name's extension is one the rule takes, its
first bytes say it is what the extension says (a renamed executable or script fails, whatever
its name or the browser's claimed content type), and it is not larger than the limit. Files are
stored by the default storage under ``MEDIA_ROOT`` (``var/media``), which the platform never
serves: staff and the party download them through views that check who asks. The request as a
whole was already refused from its Content-Length above ``RENSHE["UPLOAD_MAX_BYTES"]`` before
it was read (core.middleware.BodySizeMiddleware).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from renshe.documents.excel import unpacked_size
from renshe.rules.errors import RulesError

#: Leading bytes of each type we take.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".csv": (),  # text: no signature (read as text, row by row, by whoever takes it)
    ".parquet": (b"PAR1",),
    ".pq": (b"PAR1",),
}
#: The content type each type is stored and served with.
CONTENT_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".doc": "application/msword",
    ".csv": "text/csv",
    ".parquet": "application/vnd.apache.parquet",
    ".pq": "application/vnd.apache.parquet",
}
ZIPPED = {".docx", ".xlsx"}


@dataclass(frozen=True)
class Checked:
    """What an accepted upload is: its type (the extension without the dot), content type,
    size and its name without any folder."""

    kind: str
    content_type: str
    size: int
    name: str


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


def check_upload(upload: Any, field: str, rule: UploadRule | None = None) -> Checked:
    """What ``upload`` is, or a bilingual :class:`RulesError` naming ``field`` and the file if it
    breaks ``rule`` (default :data:`PUBLIC_EVIDENCE`)."""
    rule = rule or PUBLIC_EVIDENCE
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:120]
    ext = Path(name).suffix.lower()
    allowed = "、".join(rule.extensions)

    def refuse(zh: str, en: str) -> RulesError:
        return RulesError.of(field, f"{rule.label}“{name}”{zh}", f"file '{name}' {en}")

    if ext not in rule.extensions:
        raise refuse(f"不是允许的类型，只接受 {allowed} 文件", f"is not an allowed type; only {', '.join(rule.extensions)}")
    if not upload.size:
        raise refuse("是空的", "is empty")
    if upload.size > rule.max_bytes:
        raise refuse(f"不能超过 {_mb(rule.max_bytes)}（本文件 {upload.size / 1_048_576:.1f} MB），请压缩或分开上传",
                     f"is larger than {_mb(rule.max_bytes)}")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    signatures = rule.signatures.get(ext, ())
    if signatures and not head.startswith(signatures):
        raise refuse(f"的内容与扩展名 {ext} 不符（不是允许的类型：只接受 {allowed}）",
                     f"does not hold what its extension {ext} says")
    if ext in ZIPPED:
        size = unpacked_size(upload)
        upload.seek(0)
        if size is None:
            raise refuse(f"不是有效的 {ext} 文件", f"is not a valid {ext} file")
        if size > rule.max_unpacked:
            raise refuse(f"解压后达 {size / 1_048_576:.0f} MB，超过 {_mb(rule.max_unpacked)}：请拆分后再上传",
                         f"unpacks to {size / 1_048_576:.0f} MB, over {_mb(rule.max_unpacked)}")
    return Checked(ext.lstrip("."), CONTENT_TYPES.get(ext, "application/octet-stream"), upload.size, name)


#: Evidence from the public (disputes' applications): PDF or a photograph, up to 10 MB.
PUBLIC_EVIDENCE = UploadRule((".pdf", ".jpg", ".jpeg", ".png"), 10 * 1024 * 1024)
#: Evidence for a case or an alert: documents and photographs up to 10 MB.
EVIDENCE = UploadRule((".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx"), 10 * 1024 * 1024, label="证据")
#: An attachment to a normative document: the text as PDF or Word, up to 20 MB.
ATTACHMENT = UploadRule((".pdf", ".docx", ".doc"), 20 * 1024 * 1024, label="附件")
