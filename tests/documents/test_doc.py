"""The one document service: a Doc renders as PDF and DOCX with everything it holds, read back."""

import io

from docx import Document

from renshe.documents import doc as docs
from tests.documents.checks import assert_docx_embeds_chinese, assert_embeds_chinese, pdf_text

SAMPLE = docs.Doc(
    title="仲裁申请书",
    meta=["（2026）厦劳人仲案字第000123号", "2026年3月2日"],
    sections=[
        docs.Section("申请人", [docs.Fields([("姓名", "陈小明"), ("住所", "厦门市思明区湖滨南路1号")])]),
        docs.Section(
            "仲裁请求",
            [
                docs.Grid([["1", "拖欠工资", "12,000.00"]], header=["序号", "请求事项", "金额（元）"], widths=[15, 100, 55]),
                docs.Para("此致\n厦门市劳动人事争议仲裁委员会"),
                docs.Para("申请人：陈小明", "right"),
                docs.Para("本文书由系统生成。", "small"),
            ],
        ),
    ],
)


def test_pdf_holds_every_block_with_the_font_embedded():
    pdf = docs.to_pdf(SAMPLE)
    assert_embeds_chinese(pdf, "仲裁申请书", "厦劳人仲案字第000123号", "姓名：陈小明", "拖欠工资", "12,000.00", "申请人：陈小明")
    assert "金额（元）" in "".join(pdf_text(pdf).split())


def test_docx_holds_every_block_with_the_font_embedded():
    data = docs.to_docx(SAMPLE)
    assert_docx_embeds_chinese(data, "仲裁申请书", "陈小明", "拖欠工资")
    d = Document(io.BytesIO(data))
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "请求事项", "金额（元）"]
    assert [c.text for c in table.rows[1].cells] == ["1", "拖欠工资", "12,000.00"]
    texts = [p.text for p in d.paragraphs]
    assert "姓名：陈小明" in texts and "申请人：陈小明" in texts
    assert d.core_properties.title == "仲裁申请书"


def test_a_character_the_font_lacks_is_printed_as_one_it_has():
    # the traces write "(2 − 1)" with U+2212, which WenQuanYi Zen Hei has no glyph for
    d = docs.Doc(title="计算", sections=[docs.Section(None, [docs.Para("6000.00 × (2 \u2212 1) = 6000.00")])])
    assert_embeds_chinese(docs.to_pdf(d), "6000.00×(2-1)=6000.00")
    assert_docx_embeds_chinese(docs.to_docx(d), "6000.00 × (2 - 1) = 6000.00")
