"""Search that understands a worker's question (issue 17 §4): the fixes and the two question sets.

The colloquial question set is split in two (renshe/knowledge/questions_tuning.yaml and
questions_heldout.yaml); the search is tuned on the first only. The floors below guard against
regressions and sit under the figures bench/search.py printed when this was written (tuning
0.911 / 0.888, held-out 0.842 / 0.707); the issue's target on the held-out part (0.95 / 0.8) is
not met and the bench says so.
"""

import pytest

from renshe.knowledge.core import quality, search


@pytest.fixture(scope="module")
def index():
    return search.default_index()


def test_a_number_matches_only_with_its_unit(index):
    # 十五岁 (a child's age) must not reach 十五年 (years of service), nor the bare numeral.
    assert index.analyzer.tokens("工厂招十五岁的孩子干活") == ["工厂", "十五岁", "孩子", "干活"]
    assert "十五" not in index.analyzer.tokens("累计缴费满十五年")
    assert "十五" not in search.char_tokens("十五岁", frozenset())
    top = index.search("工厂招十五岁的孩子干活", limit=3)
    assert (top[0].slug, top[0].article) == ("labour-law", 15)


def test_work_injury_no_longer_expands_to_disability(index):
    assert "伤残" not in index.expand("工伤了怎么办")


def test_part_time_is_not_forced_into_non_full_time_employment(index):
    # “兼职” is as often a second full-time job (劳动合同法第三十九条第四项) as 非全日制用工; the
    # expansion gave nothing on the tuning set and pulled in the wrong articles, so it is gone.
    assert index.expand("兼职") == {"兼职": 1.0}


def test_character_pairs_reach_what_words_miss(index):
    # “派遣工” is not a word of the statute; its characters are (“被派遣劳动者”, “同工同酬”).
    hits = index.search("派遣工和正式工工资能不一样吗", limit=5)
    assert ("labour-contract-law", 63) in [(h.slug, h.article) for h in hits]


def test_aliases_are_indexed_with_their_article(index):
    # 常见问法 of 劳动争议调解仲裁法第二十一条: “去哪里仲裁”.
    hits = index.search("在哪里申请仲裁", limit=3)
    assert ("labour-dispute-law", 21) in [(h.slug, h.article) for h in hits]


def test_the_sets_are_disjoint_and_large_enough():
    tuning = {q.q for q in quality.questions(quality.TUNING_FILE)}
    heldout = {q.q for q in quality.questions(quality.HELDOUT_FILE)}
    assert len(tuning) + len(heldout) >= 200 and not tuning & heldout


@pytest.mark.parametrize(
    ("path", "recall", "mrr"),
    [(quality.TUNING_FILE, 0.88, 0.85), (quality.HELDOUT_FILE, 0.8, 0.65)],
    ids=["tuning", "held-out"],
)
def test_quality_does_not_regress(index, path, recall, mrr):
    q = quality.evaluate(index, quality.questions(path))
    assert q.recall_at_5 >= recall and q.mrr >= mrr, q.misses
