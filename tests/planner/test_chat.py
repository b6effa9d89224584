"""Optional questions about one's plan (RENSHE_LLM_URL): answered only from the plan's figures, its
trace and the articles it cites, every sentence cited; otherwise no answer and the plan stands."""

from __future__ import annotations

import datetime as dt

import pytest

from renshe.planner.core import chat
from renshe.planner.core.explain import plan
from renshe.planner.core.models import Profile
from tests.planner.test_interfaces import PROFILE


@pytest.fixture(scope="module")
def result():
    return plan(Profile(**PROFILE))


ON = dt.date(2026, 6, 15)


def test_sources_are_the_plan_its_trace_and_the_cited_articles(result):
    got = chat.sources(result, ON)
    assert got[0].label == "测算结果" and result.recommended.label in got[0].text
    assert f"{result.recommended.monthly_cost:.2f}" in got[0].text
    labels = [s.label for s in got]
    assert any("社会保险法》第十条" in x and "第十二条" in x for x in labels)  # the trace step
    article = next(s for s in got if s.label == "《中华人民共和国社会保险法》第十条")  # and the article itself
    assert article.text.startswith("职工应当参加基本养老保险")


def test_a_cited_answer_comes_back_with_its_sources(result, model):
    model.prompts.clear()
    model.replies.append("推荐方案每月要缴的钱按灵活就业缴费基数的20%计算[1][4]。灵活就业人员可以参加基本养老保险[12]。")
    got = chat.ask("为什么每月要交这么多？", result, ON, model.url)
    assert got is not None and "20%" in got.text
    assert [s.label for s in got.cited][0] == "测算结果"
    assert "[1]测算结果：" in model.prompts[0] and "问题：为什么每月要交这么多？" in model.prompts[0]


def test_an_uncited_or_invented_answer_is_discarded(result, model):
    model.replies.append("您应该选择最高档。")  # no citation
    assert chat.ask("选哪个好？", result, ON, model.url) is None
    model.replies.append("见第99号材料[99]。")  # cites a source it was not given
    assert chat.ask("选哪个好？", result, ON, model.url) is None
    assert chat.ask("选哪个好？", result, ON, "") is None  # no model configured
    assert chat.ask("选哪个好？", result, ON, "http://127.0.0.1:9/v1", timeout=1) is None  # unreachable


@pytest.mark.django_db
def test_api_without_a_model_says_so(client, settings):
    settings.RENSHE = {**settings.RENSHE, "LLM_URL": ""}
    r = client.post("/api/v1/plan/chat", {"profile": PROFILE, "question": "为什么？"}, content_type="application/json")
    assert r.status_code == 200
    body = r.json()
    assert body["available"] is False and body["answer"] is None and "RENSHE_LLM_URL" in body["note"]


@pytest.mark.django_db
def test_api_answers_and_refuses_bad_input_bilingually(client, settings, model):
    settings.RENSHE = {**settings.RENSHE, "LLM_URL": model.url}
    model.replies.append("您的方案按推荐的缴费方式计算[1]。")
    r = client.post("/api/v1/plan/chat", {"profile": PROFILE, "question": "怎么算的？"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["answer"] == "您的方案按推荐的缴费方式计算[1]。"
    assert r.json()["sources"][0]["label"] == "测算结果"
    bad = client.post("/api/v1/plan/chat", {"profile": PROFILE, "question": ""}, content_type="application/json")
    assert bad.status_code == 422
    problem = bad.json()["problems"][0]
    assert problem["field"] == "question" and "至少 1 个字" in problem["zh"] and "at least 1" in problem["en"]


FORM = {"birth": "1985-06", "category": "male_60", "employment": "flexible", "region": "fujian",
        "monthly_income": "9000", "monthly_debt_payments": "2000", "children": "1", "paid_months": "120"}


@pytest.mark.django_db
def test_page_offers_the_chat_only_with_a_model(client, settings, model):
    settings.RENSHE = {**settings.RENSHE, "LLM_URL": ""}
    assert "就这份方案提问" not in client.post("/planner/", FORM).content.decode()
    settings.RENSHE = {**settings.RENSHE, "LLM_URL": model.url}
    page = client.post("/planner/", FORM).content.decode()
    assert "就这份方案提问" in page and 'name="question"' in page
    model.replies.append("回本年龄是按领到的养老金累计超过缴费合计来算的[1]。")
    page = client.post("/planner/", {**FORM, "question": "回本年龄怎么算？"}).content.decode()
    assert "问：回本年龄怎么算？" in page and "回本年龄是按领到的养老金累计超过缴费合计来算的[1]。" in page
