"""Search that understands a worker's question (issue 17 §4): the fixes and the two question sets.

The colloquial question set is split in two (renshe/knowledge/questions_tuning.yaml and
questions_heldout.yaml); the search is tuned on the first only. The floors below guard against
regressions and sit under the figures bench/search.py printed when the e5 model joined BM25
(tuning 0.964 / 0.966, held-out 0.919 / 0.833); the issue's recall target on the held-out part
(0.95) is not met and the bench says so.
"""

import numpy as np
import pytest

from renshe.knowledge.core import quality, search, semantic


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


def test_meaning_reaches_what_neither_words_nor_characters_do(index):
    # “付工资…还是不给” after 劳动监察 is 劳动合同法第八十五条 (责令支付，逾期不支付的加付赔偿金)
    # and 劳动保障监察条例第二十六条: the statute says neither “付” nor “不给”
    q = "劳动监察让公司付工资公司还是不给"
    answers = {("labour-contract-law", 85), ("labour-inspection-regulation", 26)}
    lexical = index.variant(char_weight=index.char_weight, semantic_weight=0.0)
    assert not answers & {(h.slug, h.article) for h in lexical.search(q, limit=5)}
    assert answers & {(h.slug, h.article) for h in index.search(q, limit=5)}


def test_a_question_sharing_nothing_with_the_library_finds_nothing(index):
    assert index.search("zzqqxx") == []


def test_the_sets_are_disjoint_and_large_enough():
    tuning = {q.q for q in quality.questions(quality.TUNING_FILE)}
    heldout = {q.q for q in quality.questions(quality.HELDOUT_FILE)}
    assert len(tuning) + len(heldout) >= 200 and not tuning & heldout


@pytest.mark.parametrize(
    ("path", "recall", "mrr"),
    [(quality.TUNING_FILE, 0.95, 0.95), (quality.HELDOUT_FILE, 0.9, 0.8)],
    ids=["tuning", "held-out"],
)
def test_quality_does_not_regress(index, path, recall, mrr):
    q = quality.evaluate(index, quality.questions(path))
    assert q.recall_at_5 >= recall and q.mrr >= mrr, q.misses


def test_an_article_is_also_embedded_clause_by_clause():
    one = "有下列情形之一的，用人单位可以解除劳动合同：（一）劳动者患病，医疗期满后不能从事原工作的；"
    two = "（二）劳动者不能胜任工作，经过培训或者调整工作岗位，仍不能胜任工作的；"
    short = "（三）其他。"  # 6 characters: joined to the clause before it
    assert search.clauses(one + two + short) == [one, two + short]
    assert search.clauses("用人单位应当按时足额支付劳动报酬。") == []


def test_the_shipped_vectors_cover_every_text_the_index_embeds():
    # run `renshe knowledge embed` after changing the corpus or the 常见问法, or the index embeds
    # the new texts at every start
    assert semantic.shipped().missing(search.corpus_meaning_texts()) == []


def test_a_text_not_shipped_is_embedded_and_kept(tmp_path):
    # the store round trip, with the real model: a fresh store embeds both texts, then reuses them
    texts = ["劳动合同法 第四十二条：女职工在孕期、产期、哺乳期的", "怀孕了公司能辞退我吗"]
    assert semantic.write_store(texts, tmp_path) == 2
    store = semantic.VectorStore.load(tmp_path)
    assert store.missing(texts) == [] and semantic.write_store(texts, tmp_path) == 0
    m = store.matrix(texts)
    assert m.shape == (2, semantic.DIM)
    assert np.allclose(np.linalg.norm(m, axis=1), 1.0, atol=1e-2)  # unit vectors (float16 shipped)
    # a question and the article that answers it are closer than two unrelated texts
    other = semantic.encoder().passages(["建设工程项目应当设立农民工工资专用账户"])[0]
    q = semantic.encoder().query("怀孕了公司能把我辞了吗")
    assert float(m[0] @ q) > float(other @ q)
