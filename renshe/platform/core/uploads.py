"""Evidence and attachments from the public: type- and size-checked before anything is stored.

A file is accepted only when its first bytes say it is one of the allowed kinds (a renamed
executable or script fails, whatever its name or the browser's claimed content type), when it
is not larger than the limit, and when its name's extension agrees with its content. Only
passive formats are allowed — PDF, JPEG, PNG — none of which can carry macros or run code when
opened, which is what "virus-free types only" means here. Files are stored by the default
storage under ``MEDIA_ROOT`` (``var/media``), which the platform never serves: staff and the
party download them through views that check who asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile

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
