"""Search core: segmentation, expansion, filters, highlights, and the quality set's thresholds."""

import datetime as dt

import pytest

from renshe.knowledge.core import quality, search
from renshe.rules.errors import RulesError


@pytest.fixture(scope="module")
def index():
    return search.default_index()


def test_quality_set_meets_the_targets(index):
    items = quality.questions()
    assert len(items) >= 40
    q = quality.evaluate(index, items)
    assert q.recall_at_5 >= quality.TARGET_RECALL_AT_5, q.misses
    assert q.mrr >= quality.TARGET_MRR, q.misses


def test_colloquial_words_reach_legal_terms(index):
    terms = index.expand("单位不交社保")
    assert "社会保险费" in terms and "用人单位" in terms
    assert "书面劳动合同" in index.expand("不签合同")
    assert "解除" in index.expand("被辞退了")


def test_filters_document_topic_and_date(index):
    hits = index.search("工资", document="保障农民工工资支付条例", limit=5)
    assert hits and all(h.slug == "migrant-wage-regulation" for h in hits)
    hits = index.search("补偿", topic="work_injury", limit=10)
    assert hits and all(h.slug in {"work-injury-regulation", "social-insurance-law"} for h in hits)
    # 福建省高质量充分就业促进条例 takes effect 2026-01-01: not in force in 2025
    assert not index.search("高质量充分就业", on=dt.date(2025, 6, 1), document="fujian-employment-regulation")
    assert index.search("高质量充分就业", on=dt.date(2026, 1, 1), document="fujian-employment-regulation")


def test_old_and_new_wordings_follow_the_date(index):
    old = index.search("劳务派遣 注册资本", on=dt.date(2012, 1, 1), limit=3)
    new = index.search("劳务派遣 注册资本", on=dt.date(2014, 1, 1), limit=3)
    assert "五十万元" in old[0].text and old[0].valid_to == dt.date(2013, 6, 30)
    assert "二百万元" in new[0].text and new[0].valid_to is None


def test_article_number_in_the_question_is_honoured(index):
    hit = index.search("劳动合同法第八十二条", limit=1)[0]
    assert (hit.slug, hit.article) == ("labour-contract-law", 82)


def test_highlight_escapes_and_marks():
    assert search.highlight("a<b>工伤</b>", ["工伤"]) == "a&lt;b&gt;<mark>工伤</mark>&lt;/b&gt;"
    assert search.highlight("无", []) == "无"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"query": ""}, "q"),
        ({"query": "x" * 201}, "q"),
        ({"query": "工伤", "limit": 0}, "limit"),
        ({"query": "工伤", "document": "无此法"}, "document"),
        ({"query": "工伤", "topic": "无"}, "topic"),
    ],
)
def test_bad_requests_name_the_field(kwargs, field):
    with pytest.raises(RulesError) as err:
        search.run_query(**kwargs)
    assert err.value.problems[0].field == field


def test_no_match_is_an_empty_list(index):
    assert index.search("zzqqxx") == []
