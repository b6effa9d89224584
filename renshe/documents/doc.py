"""One document service: a :class:`Doc` (title, meta, sections) rendered as PDF and as DOCX.

Every official paper the platform hands out — a policy list, a plan, a 仲裁申请书, a notice, a
调解书, an award draft, a reply letter — is the same few things: a title, a line or two under
it (the case number, the date), and sections of paragraphs, label–value rows and tables.
Modules build a :class:`Doc` and call :func:`to_pdf` or :func:`to_docx`; neither format is
laid out twice, and both carry the Chinese font:

- PDF (reportlab): the font is embedded as a subset (:mod:`renshe.documents.fonts`);
- DOCX (python-docx): the same font, embedded as a subset (:mod:`renshe.documents.docx_font`),
  named on every run as the East Asian and Latin font so Word and LibreOffice select it.

Pure: no Django, so the pure cores (knowledge export, planner PDF, dispute documents) use it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from typing import Literal
from xml.sax.saxutils import escape

from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from renshe.documents.docx_font import embed_cjk_font, family_name
from renshe.documents.fonts import register_cjk_font

Style = Literal["body", "small", "strong", "right", "center"]
AUTHOR = "福建省人力资源和社会保障厅"
#: characters the embedded font (WenQuanYi Zen Hei) has no glyph for, and what is printed instead:
#: the traces write "2 − 1" with U+2212 MINUS SIGN, which would show as an empty box
_NO_GLYPH = str.maketrans({"\u2212": "-"})


def printable(text: str) -> str:
    """``text`` with the characters the font lacks replaced, so no reader shows an empty box."""
    return text.translate(_NO_GLYPH)


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text (newlines kept); ``style`` small for notes, right for signatures."""

    text: str
    style: Style = "body"


@dataclass(frozen=True)
class Fields:
    """Label–value rows (“申请人：张三”), the label in bold; ``small`` prints them in the note size."""

    rows: list[tuple[str, str]]
    small: bool = False


@dataclass(frozen=True)
class Grid:
    """A ruled table: an optional header row, rows of text, column widths in mm (None: even)."""

    rows: list[list[str]]
    header: list[str] | None = None
    widths: list[float] | None = None
    small: bool = False


Block = Para | Fields | Grid


@dataclass(frozen=True)
class Section:
    heading: str | None
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Doc:
    """A document: ``title`` centred, ``meta`` lines under it (case number, date), then ``sections``."""

    title: str
    meta: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    author: str = AUTHOR
    margins_mm: float = 20


# ---- PDF ---------------------------------------------------------------------------------------


@cache
def _styles() -> dict[str, ParagraphStyle]:
    """Built on first use, so importing the module needs no font file."""
    body = ParagraphStyle("body", fontName=register_cjk_font(), fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "body": body,
        "strong": ParagraphStyle("strong", parent=body, fontSize=11.5, leading=17),
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=13, textColor="#555555"),
        "right": ParagraphStyle("right", parent=body, alignment=2),
        "center": ParagraphStyle("center", parent=body, alignment=1),
        "title": ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=1, spaceAfter=4),
        "meta": ParagraphStyle("meta", parent=body, fontSize=9.5, leading=14, alignment=1, textColor="#333333"),
        "h2": ParagraphStyle("h2", parent=body, fontSize=12.5, leading=19, spaceBefore=8, spaceAfter=2),
    }


def _markup(text: str) -> str:
    return escape(printable(text)).replace("\n", "<br/>")


def _pdf_block(block: Block, width_mm: float) -> list:
    st = _styles()
    if isinstance(block, Para):
        text = _markup(block.text)
        return [Paragraph(f"<b>{text}</b>" if block.style == "strong" else text, st[block.style])]
    if isinstance(block, Fields):
        style = st["small" if block.small else "body"]
        return [Paragraph(f"<b>{_markup(k)}：</b>{_markup(v)}", style) for k, v in block.rows]
    style = st["small" if block.small else "body"]
    rows = ([block.header] if block.header else []) + block.rows
    cols = max(len(r) for r in rows)
    widths = [w * mm for w in block.widths] if block.widths else [width_mm * mm / cols] * cols
    table = Table([[Paragraph(_markup(c), style) for c in r] for r in rows], colWidths=widths, repeatRows=1 if block.header else 0)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), style.fontName),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if block.header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f1fb")))
    table.setStyle(TableStyle(commands))
    return [table, Spacer(1, 2 * mm)]


def to_pdf(doc: Doc) -> bytes:
    """The document as an A4 PDF with the Chinese font embedded."""
    st = _styles()
    story: list = [Paragraph(_markup(doc.title), st["title"])]
    story += [Paragraph(_markup(line), st["meta"]) for line in doc.meta]
    story.append(Spacer(1, 4 * mm))
    width = 210 - 2 * doc.margins_mm
    for section in doc.sections:
        if section.heading:
            story.append(Paragraph(_markup(section.heading), st["h2"]))
        for block in section.blocks:
            story += _pdf_block(block, width)
    buf = io.BytesIO()
    SimpleDocTemplate(
        buf,
        pagesize=A4,
        title=doc.title,
        author=doc.author,
        initialFontName=st["body"].fontName,  # else the canvas also names the unembedded Helvetica
        leftMargin=doc.margins_mm * mm,
        rightMargin=doc.margins_mm * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    ).build(story)
    return buf.getvalue()


# ---- DOCX --------------------------------------------------------------------------------------

_ALIGN = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}
_SIZE = {"body": 10.5, "strong": 11.5, "small": 9, "right": 10.5, "center": 10.5}


def _run(paragraph, text: str, name: str, size: float, bold: bool = False):
    run = paragraph.add_run(printable(text))
    run.bold = bold or None
    run.font.name = name
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    return run


def _docx_block(d, block: Block, name: str) -> None:
    if isinstance(block, Para):
        p = d.add_paragraph()
        if block.style in _ALIGN:
            p.alignment = _ALIGN[block.style]
        _run(p, block.text, name, _SIZE[block.style], bold=block.style == "strong")
        return
    size = 9 if block.small else 10.5
    if isinstance(block, Fields):
        for k, v in block.rows:
            p = d.add_paragraph()
            _run(p, f"{k}：", name, size, bold=True)
            _run(p, v, name, size)
        return
    rows = ([block.header] if block.header else []) + block.rows
    cols = max(len(r) for r in rows)
    table = d.add_table(rows=len(rows), cols=cols)
    table.style = "Table Grid"
    for i, r in enumerate(rows):
        for j, text in enumerate(r):
            cell = table.cell(i, j)
            if block.widths:
                cell.width = Mm(block.widths[j])
            _run(cell.paragraphs[0], text, name, size, bold=bool(block.header) and i == 0)


def to_docx(doc: Doc) -> bytes:
    """The document as a Word file with the Chinese font embedded."""
    d = DocxDocument()
    name = family_name()
    d.core_properties.title = doc.title
    d.core_properties.author = doc.author
    heading = d.add_heading(level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(heading, doc.title, name, 18)
    for line in doc.meta:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, line, name, 9.5)
    for section in doc.sections:
        if section.heading:
            _run(d.add_heading(level=2), section.heading, name, 12.5)
        for block in section.blocks:
            _docx_block(d, block, name)
    embed_cjk_font(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
