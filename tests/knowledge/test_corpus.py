"""Every corpus file validates: metadata complete, articles numbered 1..n in order, no empty article."""

import datetime as dt

import pytest
import yaml

from renshe.knowledge.core import library

PATHS = sorted(library.CORPUS_DIR.glob("*.yaml"))
REQUIRED = ["title", "kind", "issuer", "status", "topics", "source"]


def test_the_issue_s_documents_are_all_listed():
    titles = {d.title for d in library.library().values()}
    for title in [
        "中华人民共和国劳动法",
        "中华人民共和国劳动合同法",
        "中华人民共和国劳动合同法实施条例",
        "中华人民共和国劳动争议调解仲裁法",
        "中华人民共和国社会保险法",
        "工伤保险条例",
        "保障农民工工资支付条例",
        "职工带薪年休假条例",
        "国务院关于职工工作时间的规定",
        "中华人民共和国政府信息公开条例",
        "信访工作条例",
        "国务院关于完善企业职工基本养老保险制度的决定",
        "全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定",
        "国务院关于渐进式延迟法定退休年龄的办法",
        "重大行政决策程序暂行条例",
        "福建省人力资源市场条例",
        "福建省高质量充分就业促进条例",
    ]:
        assert title in titles


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_corpus_file_validates(path):
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in REQUIRED:
        assert meta.get(key) not in (None, ""), f"{path.name}: {key} missing"
    assert set(meta["source"]) >= {"text", "url", "checked", "note"}, path.name
    assert meta["status"] in library.STATUSES
    doc = library.load_document(path)
    numbers = [a.number for a in doc.articles]
    if doc.missing and numbers and numbers[0] != 1:
        # a document read only in part (e.g. 人社厅函〔2025〕79号 arts. 38–39) says so in `missing`
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), (
            f"{path.name}: articles out of order"
        )
    else:
        assert numbers == list(range(1, len(numbers) + 1)), f"{path.name}: articles out of order"
    assert all(a.text.strip() for a in doc.articles), f"{path.name}: empty article"
    if not doc.articles or doc.effective is None:
        assert doc.missing, f"{path.name}: say what is missing and why"
    else:
        assert doc.effective and (doc.adopted or doc.promulgated), f"{path.name}: dates missing"
    for a in doc.articles:
        for v in a.versions:
            assert v.valid_from <= v.valid_to and v.text and v.source
            assert v.verified or v.note, "an unverified wording says what was checked"


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("一", 1),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("九十八", 98),
        ("一百", 100),
        ("一百零二", 102),
        ("一百一十", 110),
        ("二百零四", 204),
        ("一千零一", 1001),
    ],
)
def test_chinese_article_numbers(text, n):
    assert library.cn_number(text) == n
    assert library.cn_numeral(n) == text


def test_known_article_counts_and_text():
    lib = library.library()
    assert len(lib["labour-contract-law"].articles) == 98
    assert len(lib["labour-law"].articles) == 107
    assert len(lib["social-insurance-law"].articles) == 98
    assert len(lib["civil-code-general"].articles) == 204
    # 劳动合同法第八十二条第一款, verbatim
    assert (
        lib["labour-contract-law"]
        .article(82)
        .text.startswith(
            "用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。"
        )
    )


def test_amended_article_keeps_its_earlier_wording():
    art = library.library()["labour-contract-law"].article(57)
    assert "五十万元" in art.text_on(dt.date(2012, 6, 1))  # 2007 text, in force 2008-01-01 to 2013-06-30
    assert "二百万元" in art.text_on(dt.date(2013, 7, 1))  # 2012 amendment, in force from 2013-07-01


def test_pension_documents_are_numbered_points_and_the_planner_cites_the_right_one():
    from renshe.planner.core import explain
    from renshe.rules import pension

    lib = library.library()
    decision, opinion = lib["pension-decision-2005"], lib["resident-pension-opinion-2014"]
    assert decision.style == opinion.style == "item"
    assert (len(decision.articles), len(opinion.articles)) == (11, 12)
    # 国发〔2005〕38号 has no 条: the formula the calculators use is in point 六.
    six = decision.article(library.article_number(pension.GUOFA_2005_38.article))
    assert six.title == "改革基本养老金计发办法。"
    assert "缴费每满1年发给1%" in six.text and "个人账户储存额除以计发月数" in six.text
    # 国发〔2014〕8号: ÷139 in point 六 (the first the planner's citation names).
    six = opinion.article(library.article_number(explain.GUOFA_2014_8.article))
    assert "个人账户全部储存额除以139" in six.text
    assert "年满60周岁、累计缴费满15年" in opinion.article(7).text
