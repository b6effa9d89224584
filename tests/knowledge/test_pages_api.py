"""The page, the API and the demo loader over a real database."""

import io

import pytest
from django.core.management import call_command

from renshe.knowledge import demo_load as demo
from renshe.knowledge.models import Article, Document, Interpretation

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    demo.load(io.StringIO())


def test_loader_is_idempotent(loaded):
    n_docs, n_arts = Document.objects.count(), Article.objects.count()
    demo.load(io.StringIO())
    assert (Document.objects.count(), Article.objects.count()) == (n_docs, n_arts)
    assert Article.objects.filter(document__slug="labour-contract-law", number=57).count() == 2
    assert Interpretation.objects.filter(status="published").exists()


def test_load_demo_command_runs():
    call_command("load_demo", stdout=io.StringIO())
    assert Document.objects.filter(slug="work-injury-regulation").exists()


def test_api_search_has_the_contract_fields(client, loaded):
    r = client.get("/api/v1/knowledge/search", {"q": "工伤十级能赔多少", "limit": 3})
    assert r.status_code == 200
    hits = r.json()
    assert len(hits) == 3
    assert {"document", "number", "article", "text", "score"} <= set(hits[0])
    assert (hits[0]["document"], hits[0]["article"]) == ("工伤保险条例", 37)


def test_api_search_on_a_past_date_returns_the_old_wording(client, loaded):
    r = client.get("/api/v1/knowledge/search", {"q": "劳务派遣单位注册资本", "on": "2010-01-01", "limit": 1})
    assert "五十万元" in r.json()[0]["text"]


def test_api_bad_input_is_422_bilingual(client):
    r = client.get("/api/v1/knowledge/search", {"q": " "})
    assert r.status_code == 422
    assert r.json()["problems"][0]["field"] == "q"
    r = client.get("/api/v1/knowledge/search", {"q": "工伤", "document": "没有这部法"})
    assert r.status_code == 422 and " / " in r.json()["message"]


def test_staff_edit_reaches_search(client, loaded):
    art = Article.objects.get(document__slug="labour-law", number=36, valid_to__isnull=True)
    art.text = art.text + "（测试用独特词语斑马线）"
    art.save()
    hits = client.get("/api/v1/knowledge/search", {"q": "斑马线"}).json()
    assert hits[0]["article"] == 36


def test_search_page_and_article_page(client, loaded):
    r = client.get("/knowledge/", {"q": "公司不签劳动合同怎么办"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "<mark>" in html and "/knowledge/doc/labour-contract-law/82/" in html
    r = client.get("/knowledge/doc/labour-contract-law/57/")
    assert r.status_code == 200
    page = r.content.decode()
    assert "二百万元" in page and "五十万元" in page and "2013年6月30日" in page


def test_pages_without_the_loader_serve_the_corpus_files(client):
    assert client.get("/knowledge/doc/work-injury-regulation/37/").status_code == 200
    assert client.get("/knowledge/doc/nope/1/").status_code == 404
    assert client.get("/knowledge/", {"q": "x" * 201}).status_code == 422


def test_interpretation_page_draws_its_chart(client, loaded):
    item = Interpretation.objects.get(status="published")
    html = client.get(f"/knowledge/interpretations/{item.pk}/").content.decode()
    assert "十级" in html and 'class="fill"' in html and "/knowledge/doc/work-injury-regulation/37/" in html


def test_trace_citation_opens_its_article(client):
    r = client.get(
        "/knowledge/cite/", {"document": "中华人民共和国劳动合同法", "article": "第四十七条第二款"}
    )
    assert r.status_code == 302 and r["Location"] == "/knowledge/doc/labour-contract-law/47/"
    r = client.get("/knowledge/cite/", {"document": "工伤保险条例"})
    assert r["Location"] == "/knowledge/doc/work-injury-regulation/"
    r = client.get("/knowledge/cite/", {"document": "无此法"})
    assert r.status_code == 302 and r["Location"].startswith("/knowledge/?q=")
    r = client.get("/knowledge/cite/", {"document": "中华人民共和国民法典", "article": "第二百零一条第一款"})
    assert r["Location"] == "/knowledge/doc/civil-code-general/201/"
    r = client.get(
        "/knowledge/cite/", {"document": "关于职工全年月平均工作时间和工资折算问题的通知", "article": "二"}
    )
    assert r["Location"] == "/knowledge/doc/monthly-hours-notice/2/"


def test_every_calculator_citation_resolves_to_the_library(client):
    """Each calculator's references open a page of the library (or a search when not in it yet)."""
    from renshe.rules import calculators

    missing = []
    for calc in calculators.registry().values():
        for ref in calc.references:
            r = client.get("/knowledge/cite/", {"document": ref.document, "article": ref.article or ""})
            if not r["Location"].startswith("/knowledge/doc/"):
                missing.append(ref.document)
    assert not missing, set(missing)


def test_calculator_page_links_its_citations(client):
    html = client.get("/calc/double-wages/").content.decode()
    assert "/knowledge/cite/?document=" in html


def test_published_interpretations_are_searched_too(client, loaded):
    hits = client.get("/api/v1/knowledge/search", {"q": "一次性伤残补助金 解读 月数", "limit": 20}).json()
    interp = [h for h in hits if h["label"].startswith("政策解读")]
    assert (
        interp and interp[0]["article"] is None and interp[0]["url"].startswith("/knowledge/interpretations/")
    )
    # issue 13 §12: the hit's document is the interpreted document's title, not the interpretation's
    # sentence-like title (“…伤残等级越高，领取的月数越多”), which goes into the label
    assert interp[0]["document"] == "工伤保险条例"
    assert interp[0]["label"] == "政策解读：一次性伤残补助金：伤残等级越高，领取的月数越多"
    Interpretation.objects.update(status="draft")
    hits = client.get("/api/v1/knowledge/search", {"q": "一次性伤残补助金 解读 月数", "limit": 20}).json()
    assert not [h for h in hits if h["label"].startswith("政策解读")]


def test_the_search_page_does_not_reload_the_library_per_render(
    client, loaded, django_assert_max_num_queries
):
    """Issue 13 §12: documents and index are shared and rebuilt only after an edit."""
    from renshe.knowledge import services

    client.get("/knowledge/", {"q": "加班费"})  # builds once
    built = services.index()
    with django_assert_max_num_queries(8):  # the stamp (3 aggregates), interpretations list, session…
        r = client.get("/knowledge/", {"q": "加班费怎么算"})
    assert r.status_code == 200 and services.index() is built
    doc = Document.objects.get(slug="labour-law")
    doc.short = "劳动法（测试）"
    doc.save()  # an edit changes the stamp: the next search sees it
    client.get("/knowledge/", {"q": "加班费"})
    assert services.index() is not built
    assert services.documents()["labour-law"].short == "劳动法（测试）"


def test_only_the_articles_compared_with_the_official_page_show_as_checked(loaded):
    # 福建省人力资源市场条例: arts 1-3 compared with the official page, the rest read from a mirror
    # (corpus/fujian-hr-market-regulation.yaml, source.checked_articles).
    doc = Document.objects.get(slug="fujian-hr-market-regulation")
    verified = dict(Article.objects.filter(document=doc, valid_to=None).values_list("number", "verified"))
    assert len(verified) == 59
    assert {n for n, v in verified.items() if v} == {1, 2, 3}
