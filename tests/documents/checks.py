"""What every PDF and DOCX the platform produces must satisfy: its Chinese font is embedded,
the text is Chinese, and the embedded font has a glyph for every character (no boxes)."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

from fontTools.ttLib import TTFont
from reportlab.pdfbase import pdfmetrics

from renshe.documents.docx_font import family_name, obfuscate
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


def assert_docx_embeds_chinese(docx: bytes, *phrases: str) -> None:
    """Every run names the font as w:eastAsia, and the font part (de-obfuscated) covers the text."""
    z = zipfile.ZipFile(io.BytesIO(docx))
    body, table = z.read("word/document.xml").decode(), z.read("word/fontTable.xml").decode()
    name = family_name()
    runs = re.findall(r"<w:r>.*?</w:r>", body)
    assert runs and all(f'w:eastAsia="{name}"' in r for r in runs)
    for phrase in phrases:
        assert phrase in body, phrase
    assert "<w:embedTrueTypeFonts/>" in z.read("word/settings.xml").decode()
    rid, key = re.search(rf'w:name="{name}".*?r:id="(\w+)" w:fontKey="(\{{[0-9A-F-]+\}})"', table).groups()
    target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', z.read("word/_rels/fontTable.xml.rels").decode())[1]
    font = TTFont(io.BytesIO(obfuscate(z.read(f"word/{target}"), key)))
    assert font["name"].getDebugName(1) == name
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body))
    missing = {ch for ch in text if not ch.isspace() and ord(ch) not in font.getBestCmap()}
    assert not missing, f"characters without a glyph in the embedded font: {missing}"
