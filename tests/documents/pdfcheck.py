"""What every PDF the platform produces must satisfy: its Chinese font is embedded, the text
extracts as Chinese, and the font has a glyph for every character (no boxes)."""

from __future__ import annotations

import subprocess

from reportlab.pdfbase import pdfmetrics

from renshe.documents.fonts import register_cjk_font


def pdf_text(pdf: bytes) -> str:
    """The text of the PDF as poppler's pdftotext extracts it (Debian poppler-utils)."""
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def assert_embeds_chinese(pdf: bytes, *phrases: str) -> None:
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf and b"+WenQuanYiZenHei" in pdf, "CJK TrueType subset not embedded"
    assert b"STSong-Light" not in pdf and b"/Helvetica" not in pdf, "a font that is not embedded"
    text = pdf_text(pdf)
    for phrase in phrases:
        assert phrase in "".join(text.split()), phrase
    glyphs = pdfmetrics.getFont(register_cjk_font()).face.charToGlyph
    missing = {ch for ch in text if not ch.isspace() and ord(ch) not in glyphs}
    assert not missing, f"characters without a glyph in the font: {missing}"
