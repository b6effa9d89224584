"""Browser test: a worker types a question in their own words and opens the article that answers it."""

import os
import shutil

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("RENSHE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def page(live_server):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=CHROMIUM) if CHROMIUM else pw.chromium.launch()
        except Exception as exc:  # no browser on this machine: say so instead of failing
            pytest.skip(f"no headless Chromium: {exc}")
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")  # a phone
        yield context.new_page()
        browser.close()


def test_search_a_question_and_open_the_article(page, live_server):
    page.goto(f"{live_server.url}/knowledge/")
    page.get_by_label("问题或关键词").fill("公司不签劳动合同怎么办")
    page.get_by_role("button", name="查询").click()
    page.wait_for_selector("ol.hits")
    assert page.locator("ol.hits mark").count() > 0
    page.get_by_role("link", name="《中华人民共和国劳动合同法》第八十二条").first.click()
    page.wait_for_url("**/knowledge/doc/labour-contract-law/82/")
    assert "每月支付二倍的工资" in page.locator(".article-text").inner_text()
