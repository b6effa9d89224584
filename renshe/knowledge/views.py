"""Public pages of the regulation library: search, documents, articles with their history, interpretations."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from renshe.knowledge import services
from renshe.knowledge.core import answer as answer_core
from renshe.knowledge.core import export, library, policylist
from renshe.knowledge.core import search as search_core
from renshe.knowledge.models import KINDS, Interpretation
from renshe.rules.errors import FieldProblem, RulesError
from renshe.rules.regions import REGION_NAMES

TOPICS = {
    "labour_contract": "劳动合同",
    "wages": "工资支付",
    "working_time": "工作时间",
    "leave": "休息休假",
    "social_insurance": "社会保险",
    "pension": "养老保险",
    "work_injury": "工伤保险",
    "unemployment": "失业保险",
    "retirement": "退休",
    "employment": "就业促进",
    "hr_market": "人力资源市场",
    "dispatch": "劳务派遣",
    "construction": "工程建设领域",
    "dispute": "劳动争议",
    "inspection": "劳动保障监察",
    "women": "女职工保护",
    "government": "依法行政",
    "privacy": "个人信息",
    "business": "营商环境",
    "civil": "民事基本法",
}


def _day(raw: str) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise RulesError.of(
            "on", "日期格式应为 年-月-日，如 2025-11-27", f"date must be YYYY-MM-DD: {raw}"
        ) from None


def index(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    form = {k: request.GET.get(k, "") for k in ("q", "on", "document", "topic")}
    hits, problems = [], []
    if q:
        try:
            hits = search_core.run_query(
                q,
                limit=20,
                on=_day(form["on"]),
                document=form["document"] or None,
                topic=form["topic"] or None,
                index=services.index(),
            )
        except RulesError as exc:
            problems = exc.problems
    llm_url = settings.RENSHE.get("LLM_URL", "")
    answer = (
        answer_core.llm_answer(q, hits[:5], llm_url, settings.RENSHE.get("LLM_MODEL", "qwen"))
        if llm_url
        else None
    )
    docs = sorted(services.documents().values(), key=lambda d: (list(KINDS).index(d.kind), d.title))
    return render(
        request,
        "knowledge/index.html",
        {
            "form": form,
            "hits": hits,
            "answer": answer,
            "problems": problems,
            "searched": bool(q),
            "documents": docs,
            "kinds": KINDS,
            "topics": TOPICS,
            "interpretations": Interpretation.objects.filter(status=Interpretation.PUBLISHED)[:10],
            "examples": [
                "公司不签劳动合同怎么办",
                "工伤十级能赔多少",
                "灵活就业社保怎么交",
                "被辞退有经济补偿吗",
            ],
        },
        status=422 if problems else 200,
    )


def _doc(slug: str):
    doc = services.documents().get(slug)
    if doc is None:
        raise Http404(slug)
    return doc


def document(request: HttpRequest, slug: str) -> HttpResponse:
    doc = _doc(slug)
    return render(request, "knowledge/document.html", {"doc": doc, "kind": KINDS.get(doc.kind, doc.kind)})


def article(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    doc = _doc(slug)
    art = doc.article(number)
    if art is None:
        raise Http404(f"{slug} {number}")
    interpretations = Interpretation.objects.filter(
        status=Interpretation.PUBLISHED, articles__document__slug=slug, articles__number=number
    ).distinct()
    return render(
        request,
        "knowledge/article.html",
        {
            "doc": doc,
            "art": art,
            "label": art.label(doc.style),
            "interpretations": interpretations,
            "prev": doc.article(number - 1),
            "next": doc.article(number + 1),
        },
    )


def interpretation(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Interpretation, pk=pk, status=Interpretation.PUBLISHED)
    return render(request, "knowledge/interpretation.html", {"item": item, "articles": item.articles.all()})


_EXPORTS = {
    "pdf": (export.to_pdf, "application/pdf"),
    "docx": (export.to_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def _profile_from(query) -> dict:
    """The page's form (GET, so a result can be bookmarked and exported) as a policy-list profile."""
    tags = query.getlist("tags")
    kind = query.get("kind", "person")
    for k, known in policylist.rulebook()["tags"].items():  # the tags chosen say whose list it is
        if tags and all(t in known for t in tags):
            kind = k
    profile: dict = {"kind": kind, "region": query.get("region", "fujian"), "tags": tags}
    for name, spec in policylist.rulebook()["fields"].items():
        if spec["kind"] == kind and query.get(name):
            profile[name] = query.get(name) == "on" if spec["type"] == "bool" else query.get(name)
    return profile


def policy_list(request: HttpRequest) -> HttpResponse:
    book = policylist.rulebook()
    kind = request.GET.get("kind", "person")
    result, problems = None, []
    if request.GET.getlist("tags"):
        try:
            result = policylist.policy_list(_profile_from(request.GET))
        except RulesError as exc:
            problems = exc.problems
    elif "region" in request.GET:  # the form was sent with no situation ticked: say what to do
        problems = [FieldProblem("tags", "请至少勾选一项“个人情形”或“企业情形”，再点“生成清单”", "tick at least one situation")]
    fmt = request.GET.get("format")
    if result and fmt in _EXPORTS:
        render_file, mime = _EXPORTS[fmt]
        response = HttpResponse(render_file(result), content_type=mime)
        response["Content-Disposition"] = f'attachment; filename="policy-list.{fmt}"'
        return response
    fields = [(k, v) for k, v in book["fields"].items() if v["type"] == "bool"]
    return render(
        request,
        "knowledge/policy_list.html",
        {
            "kind": kind,
            "tag_sets": book["tags"],
            "selected": request.GET.getlist("tags"),
            "fields": fields,
            "regions": REGION_NAMES,
            "region": request.GET.get("region", "fujian"),
            "result": result,
            "problems": problems,
            "query": request.GET.urlencode(),
            "checked": {k for k, _ in fields if request.GET.get(k)},
        },
        status=422 if problems else 200,
    )


def cite(request: HttpRequest) -> HttpResponse:
    """``/knowledge/cite/?document=中华人民共和国劳动合同法&article=第四十七条第二款``: a trace citation → its article.

    Calculators cite by full title (or short name / slug) and a Chinese article reference, as
    ``renshe.rules.parameters.Reference`` holds them; this opens the article the citation names.
    """
    title = request.GET.get("document", "")
    doc = services.index().find_document(title)
    if doc is None:  # not (yet) in the library: search for it instead of a dead end
        return redirect(f"/knowledge/?q={quote(title[:200])}")
    number = library.article_number(request.GET.get("article", ""))
    if number is not None and doc.article(number) is not None:
        return redirect("knowledge-article", slug=doc.slug, number=number)
    return redirect("knowledge-document", slug=doc.slug)
