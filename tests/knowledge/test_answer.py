"""Optional LLM answer: used only when every sentence cites a retrieved article; otherwise the ranked articles."""

import pytest

from renshe.knowledge.core import answer, search


@pytest.fixture(scope="module")
def hits():
    return search.default_index().search("公司不签劳动合同怎么办", limit=5)


def test_cited_answer_is_used(model, hits):
    model.replies.append("超过一个月未签书面合同，单位应每月付二倍工资[1]。应在用工一个月内订立[3]。")
    got = answer.llm_answer("公司不签劳动合同怎么办", hits, model.url)
    assert got is not None and got.cited == [hits[0], hits[2]]
    assert "[1]" in model.prompts[-1]  # the articles are numbered for the model


@pytest.mark.parametrize("reply", ["单位应付二倍工资[1]。这一句没有依据。", "依据不存在的条文[9]。"])
def test_uncited_or_invented_citation_falls_back(model, hits, reply):
    model.replies.append(reply)
    assert answer.llm_answer("公司不签劳动合同怎么办", hits, model.url) is None


def test_unreachable_model_or_no_url_falls_back(hits):
    assert answer.llm_answer("q", hits, "") is None
    assert answer.llm_answer("q", hits, "http://127.0.0.1:9/v1", timeout=1) is None


@pytest.mark.django_db
def test_page_shows_the_answer_with_its_articles(client, settings, model):
    settings.RENSHE = {**settings.RENSHE, "LLM_URL": model.url}
    model.replies.append("单位应每月支付二倍工资[1]。")
    html = client.get("/knowledge/", {"q": "公司不签劳动合同怎么办"}).content.decode()
    assert "单位应每月支付二倍工资[1]" in html and "由语言模型依据下列条文生成" in html
