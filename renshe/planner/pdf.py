"""The printable plan: a PDF built with reportlab, its Chinese font embedded (renshe.documents.fonts).

Pure: takes a PlanResult, returns bytes.
"""

from __future__ import annotations

import io
from functools import cache

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from renshe.documents.fonts import register_cjk_font
from renshe.planner.explain import basis, ym_cn
from renshe.planner.models import Option, PlanResult
from renshe.rules import parameters

#: characters the embedded font has no glyph for, and what prints in their place: the formulas'
#: minus sign (U+2212) came out blank, so “现值 − 缴费” read as “现值  缴费” (issue 18)
_NO_GLYPH = str.maketrans({"\u2212": "-"})


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text.translate(_NO_GLYPH), style)


def _title(name: str) -> str:
    """A parameter's Chinese description (the dotted name is for maintainers)."""
    p = parameters.all_parameters().get(name)
    return p.spec.description if p else name


@cache
def _styles() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    """BODY, SMALL, H1, H2 — built on first use, so importing the module needs no font file."""
    body = ParagraphStyle("body", fontName=register_cjk_font(), fontSize=10, leading=15, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=11, textColor=colors.HexColor("#555555"))
    h1 = ParagraphStyle("h1", parent=body, fontSize=16, leading=22, spaceAfter=6)
    h2 = ParagraphStyle("h2", parent=body, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4)
    return body, small, h1, h2


def _fmt(x: float | None, kind: str = "yuan") -> str:
    if x is None:
        return "—"
    if kind == "pct":
        return f"{x:.1%}"
    if kind == "age":
        return f"{x:g}岁"
    return f"{x:,.2f}"


def _option_rows(options: list[Option], rec: Option | None) -> list[list]:
    small = _styles()[1]
    head = ["方案", "月缴费", "月养老金", "回本年龄", "收益率", "终身净收益", "负担得起"]
    rows = [head]
    best = sorted(options, key=lambda o: -o.lifetime_value)[:15]
    if rec and rec not in best:
        best = [rec, *best[:14]]
    for o in best:
        rows.append(
            [
                _para(("★ " if rec and o.key == rec.key else "") + o.label, small),
                _fmt(o.monthly_cost),
                _fmt(o.monthly_pension),
                _fmt(o.break_even_age, "age"),
                _fmt(o.irr, "pct"),
                _fmt(o.lifetime_value),
                "是" if o.affordable else "否",
            ]
        )
    return rows


def report(result: PlanResult) -> bytes:
    """The plan as a PDF: recommendation, reasons, figures with formulas, options, legal basis."""
    BODY, SMALL, H1, H2 = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title="社保缴费规划报告", author="福建人社 社保规划师",
                            initialFontName=BODY.fontName)  # else the canvas also names the unembedded Helvetica
    story: list = [_para("社保缴费规划报告", H1)]
    story.append(_para("结果按测算假设估算，仅供参考，以社保经办机构核定为准。本报告不保存您的任何信息。", SMALL))
    rec = result.recommended
    story.append(_para("推荐方案", H2))
    if rec:
        story.append(_para(f"<b>{rec.label}</b>", BODY))
        # each figure names the numbered steps of 计算依据 below that it rests on (explain.basis)
        numbers = {s.key: i for i, s in enumerate(result.trace, 1) if s.key}
        rests_on = basis(rec)

        def cited(figure: str, text: str) -> str:
            marks = "".join(f"[{n}]" for n in sorted(numbers[k] for k in set(rests_on[figure]) if k in numbers))
            return f"{text}　依据 {marks}" if text else f"依据 {marks}"

        figures = [
            ["每月缴费", _fmt(rec.monthly_cost) + " 元", cited("monthly_cost", rec.formulas.get("monthly_cost", ""))],
            ["缴费合计", _fmt(rec.total_cost) + " 元", cited("total_cost", rec.formulas.get("total_cost", ""))],
            ["开始领取", f"{ym_cn(rec.retire_month)}（{rec.retire_age:g}岁）", cited("retire_month", "")],
            ["每月养老金", _fmt(rec.monthly_pension) + " 元", cited("monthly_pension", rec.formulas.get("monthly_pension", ""))],
            ["回本年龄", _fmt(rec.break_even_age, "age"), cited("break_even_age", "")],
            ["内部收益率", _fmt(rec.irr, "pct"), cited("irr", "")],
            ["替代率", _fmt(rec.replacement_rate, "pct"), cited("replacement_rate", "")],
            ["终身净收益", _fmt(rec.lifetime_value) + " 元", cited("lifetime_value", rec.formulas.get("lifetime_value", ""))],
        ]
        t = Table([[_para(a, BODY), _para(b, BODY), _para(c, SMALL)] for a, b, c in figures],
                  colWidths=[25 * mm, 40 * mm, 115 * mm])
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), BODY.fontName), ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(t)
    story.append(_para("理由", H2))
    for r in result.reasons:
        story.append(_para("· " + r, BODY))
    story.append(_para("主要方案比较（按终身净收益排序）", H2))
    t = Table(_option_rows(result.options, rec), colWidths=[60 * mm, 20 * mm, 22 * mm, 18 * mm, 16 * mm, 28 * mm, 16 * mm],
              repeatRows=1)
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), BODY.fontName), ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f1fb")),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
    ]))
    story.append(t)
    story.append(_para("测算假设", H2))
    labels = {"wage_growth": "工资年增长率", "interest": "记账利率", "indexation": "养老金调整", "discount_rate": "贴现率"}
    a = result.assumptions
    parts = [f"{v}{a[k]:.1%}" for k, v in labels.items()]
    parts += [f"预期寿命{a['life_expectancy']:g}岁", f"每人基本生活费{a['dependent_floor']:,.0f}元/月",
              f"缴费最多占余钱的{a['max_share']:.0%}"]
    story.append(_para("，".join(parts) + "。", BODY))
    story.append(_para("计算依据", H2))
    for n, s in enumerate(result.trace, 1):
        ref = s.reference
        cite = f"《{ref.document}》" + (f"（{ref.number}）" if ref.number else "") + (ref.article or "")
        unverified = [_title(p.name) for p in s.params if not p.verified]
        line = f"[{n}] {s.rule}。依据：{cite}"
        if unverified:
            line += f"。未经官方文本核实的参数：{'、'.join(unverified)}"
        story.append(_para(line, SMALL))
        story.append(Spacer(1, 2))
    doc.build(story)
    return buf.getvalue()
