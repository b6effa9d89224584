"""Demo loader: the corpus files into the database, plus one published interpretation with a chart.

Idempotent: documents and articles are matched by slug, number and dates and updated in place.
"""

from __future__ import annotations

import datetime as dt

from renshe.knowledge.core import library
from renshe.knowledge.models import LIBRARY_FIELDS, Article, Document, Interpretation


def _load_document(doc: library.Document) -> Document:
    row, _ = Document.objects.update_or_create(
        slug=doc.slug, defaults={f: getattr(doc, f) for f in LIBRARY_FIELDS}
    )
    checked = bool(doc.source.get("checked"))
    # A document read whole from a mirror may have some articles compared with the official
    # page (source.checked_articles): those, and only those, show as checked.
    checked_articles = set(doc.source.get("checked_articles", ()))
    for a in doc.articles:
        Article.objects.update_or_create(
            document=row,
            number=a.number,
            valid_to=None,
            defaults={
                "chapter": a.chapter,
                "title": a.title,
                "text": a.text,
                "valid_from": None,
                "source": str(doc.source.get("text", ""))[:300],
                "verified": checked or a.number in checked_articles,
                "note": doc.source.get("note", ""),
            },
        )
        for v in a.versions:
            Article.objects.update_or_create(
                document=row,
                number=a.number,
                valid_from=v.valid_from,
                valid_to=v.valid_to,
                defaults={
                    "chapter": a.chapter,
                    "text": v.text,
                    "source": v.source[:300],
                    "verified": v.verified,
                    "note": v.note,
                },
            )
    return row


def _injury_interpretation() -> None:
    doc = Document.objects.get(slug="work-injury-regulation")
    # 工伤保险条例第三十五条至第三十七条：一级27、二级25、三级23、四级21、五级18、六级16、
    # 七级13、八级11、九级9、十级7个月的本人工资。
    months = [27, 25, 23, 21, 18, 16, 13, 11, 9, 7]
    item, _ = Interpretation.objects.update_or_create(
        title="一次性伤残补助金：伤残等级越高，领取的月数越多",
        defaults={
            "summary": "工伤职工按伤残等级从工伤保险基金领取一次性伤残补助金，一级27个月、十级7个月的本人工资。",
            "body": (
                "职工因工致残、经劳动能力鉴定确定伤残等级后，从工伤保险基金领取一次性伤残补助金，"
                "金额等于“本人工资”乘以下图的月数（《工伤保险条例》第三十五条、第三十六条、第三十七条）。\n"
                "“本人工资”是工伤职工因工作遭受事故伤害或者患职业病前12个月平均月缴费工资；"
                "高于统筹地区职工平均工资300%的按300%计算，低于60%的按60%计算（第六十四条）。\n"
                "例：十级伤残、本人工资6000元，一次性伤残补助金为 6000×7＝42000 元。"
            ),
            "chart": {
                "title": {"text": "一次性伤残补助金（月数×本人工资）"},
                "xAxis": {"type": "category", "data": [f"{n}级" for n in "一二三四五六七八九十"]},
                "yAxis": {"type": "value", "name": "个月"},
                "series": [{"type": "bar", "data": months}],
            },
            "document": doc,
            "status": Interpretation.PUBLISHED,
            "published_on": dt.date(2026, 1, 5),
        },
    )
    item.articles.set(Article.objects.filter(document=doc, number__in=[35, 36, 37, 64], valid_to=None))


def load(stdout) -> None:
    docs = library.library()
    for doc in docs.values():
        _load_document(doc)
    _injury_interpretation()
    stdout.write(f"法规库：{len(docs)} 部文件，{Article.objects.count()} 条条文\n")
