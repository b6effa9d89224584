"""The Chinese font embedded in every PDF the platform produces.

Official documents must carry their Chinese font: a PDF that only names a font (reportlab's
built-in CID font STSong-Light) shows empty boxes in a reader that lacks it. reportlab embeds
(as a subset, /FontFile2) only TrueType-outline fonts; Debian's fonts-noto-cjk are CFF-outline
OpenType, which it refuses. WenQuanYi Zen Hei (Debian package fonts-wqy-zenhei, GPLv2 with a
font-embedding exception) has TrueType outlines, so it is the default. RENSHE_CJK_FONT may name
another TrueType font file (.ttf, or .ttc whose first face is used).

Pure: imports reportlab, no Django, so the pure cores (knowledge export, planner pdf) may use it.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "RensheCJK"
ENV_VAR = "RENSHE_CJK_FONT"
DEBIAN_PACKAGE = "fonts-wqy-zenhei"
KNOWN_PATHS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
)


class FontMissing(RuntimeError):
    """No TrueType CJK font file was found; the message says which package to install."""


def font_path() -> Path:
    """The font file: RENSHE_CJK_FONT if set (it must exist), else the first known Debian path."""
    if env := os.environ.get(ENV_VAR):
        path = Path(env)
        if path.is_file():
            return path
        raise FontMissing(f"{ENV_VAR} 指向的字体文件不存在：{path} / font file named by {ENV_VAR} not found: {path}")
    for path in KNOWN_PATHS:
        if path.is_file():
            return path
    raise FontMissing(
        f"未找到可嵌入 PDF 的中文 TrueType 字体，请安装 Debian 软件包 {DEBIAN_PACKAGE}"
        f"（apt-get install {DEBIAN_PACKAGE}）或设置 {ENV_VAR} / "
        f"no embeddable TrueType CJK font found: install the Debian package {DEBIAN_PACKAGE} "
        f"(apt-get install {DEBIAN_PACKAGE}) or set {ENV_VAR}"
    )


def register_cjk_font() -> str:
    """Register the font with reportlab once and return its name for ParagraphStyle/TableStyle.

    The face has no bold: <b> in a Paragraph maps to the same face rather than failing.
    """
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
        pdfmetrics.registerFontFamily(FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME, boldItalic=FONT_NAME)
    return FONT_NAME
