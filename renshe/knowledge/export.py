"""适用政策清单 as official-looking documents: PDF (reportlab) and DOCX (python-docx).

PDF: the Chinese font is embedded as a subset (renshe.documents.fonts), so any reader shows it.
DOCX: the same font, embedded as a subset (renshe.documents.docx_font), named on every run as
the East Asian and Latin font (w:rFonts eastAsia/ascii/hAnsi) so Word and LibreOffice select it.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from renshe.documents.docx_font import embed_cjk_font, family_name
from renshe.documents.fonts import register_cjk_font

KIND_ZH = {"person": "个人", "enterprise": "企业"}
DISCLAIMER = (
    "本清单根据所填情形自动生成，仅供参考；具体权利义务以法律法规原文和主管部门、仲裁机构、法院的认定为准。"
)


def _lines(result: dict) -> tuple[str, list[tuple[str, list[tuple[str, str]]]]]:
    """The list as (heading, [(item heading, [(label, text)...])...]) — one layout for both formats."""
    tags = "、".join(t["label"] for t in result["tags"])
    head = f"对象：{KIND_ZH[result['kind']]}　地区：{result['region_name']}　日期：{result['as_of']}　情形：{tags}"
    items = []
    for n, it in enumerate(result["items"], 1):
        step = it["next_step"]
        cite = f"《{it['document']}》{it['label']}" + (f"（{it['number']}）" if it.get("number") else "")
        rows = [
            ("依据", cite),
            ("为什么适用", it["why"]),
            ("下一步", step.get("what", "")),
            ("办理地点", step.get("where", "")),
            ("期限", step.get("deadline", "")),
            ("携带材料", "、".join(step.get("bring") or []) or "无"),
            ("条文原文", it["text"]),
        ]
        items.append((f"{n}. {it['title']}", [(k, v) for k, v in rows if v]))
    return head, items


def to_pdf(result: dict) -> bytes:
    """The list as an A4 PDF."""
    base = ParagraphStyle("base", fontName=register_cjk_font(), fontSize=10.5, leading=16, wordWrap="CJK")
    title = ParagraphStyle("title", parent=base, fontSize=18, leading=26, alignment=1, spaceAfter=6)
    h2 = ParagraphStyle("h2", parent=base, fontSize=12.5, leading=19, spaceBefore=8, spaceAfter=2)
    small = ParagraphStyle("small", parent=base, fontSize=9, leading=13, textColor="#555555")
    head, items = _lines(result)
    story = [Paragraph("适用政策清单", title), Paragraph(escape(head), small), Spacer(1, 4 * mm)]
    for heading, rows in items:
        story.append(Paragraph(escape(heading), h2))
        for label, text in rows:
            style = small if label == "条文原文" else base
            body = escape(text).replace("\n", "<br/>")
            story.append(Paragraph(f"<b>{label}：</b>{body}", style))
    story += [Spacer(1, 6 * mm), Paragraph(escape(DISCLAIMER), small)]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        title="适用政策清单",
        author="福建省人力资源和社会保障厅",
        initialFontName=base.fontName,  # else the canvas also names the unembedded Helvetica
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    doc.build(story)
    return buf.getvalue()


def _font(run, name: str, size: float | None = None) -> None:
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)


def to_docx(result: dict) -> bytes:
    """The list as a Word document."""
    doc = DocxDocument()
    name = family_name()
    head, items = _lines(result)
    _font(doc.add_heading("适用政策清单", level=0).runs[0], name)
    _font(doc.add_paragraph().add_run(head), name, 9)
    for heading, rows in items:
        _font(doc.add_heading(heading, level=2).runs[0], name)
        for label, text in rows:
            p = doc.add_paragraph()
            r = p.add_run(f"{label}：")
            r.bold = True
            _font(r, name, 10.5)
            _font(p.add_run(text), name, 9 if label == "条文原文" else 10.5)
    _font(doc.add_paragraph().add_run(DISCLAIMER), name, 9)
    embed_cjk_font(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
