"""API: ``GET /api/v1/knowledge/search`` and ``POST /api/v1/knowledge/policy-list`` (CONTRACTS.md)."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from renshe.knowledge import services
from renshe.knowledge.core import policylist
from renshe.knowledge.core import search as search_core
from renshe.platform.web.api import ErrorOut, _body, json_body

#: mounted at /api/v1/knowledge (renshe.platform.registry)
API_PREFIX = "/knowledge"
router = Router(tags=["knowledge"])


class HitOut(Schema):
    document: str
    number: str | None
    article: int | None
    text: str
    score: float
    slug: str
    label: str
    highlight: str
    valid_from: dt.date
    valid_to: dt.date | None
    url: str


@router.get(
    "/search",
    response={200: list[HitOut], 422: ErrorOut},
    summary="云普法检索 / search the regulation library",
    description="按问题或关键词检索条文（jieba 分词 + BM25，口语词映射为法律用语）。"
    "on：在该日期有效的条文（默认今天）；document：文件全称、简称或代号；topic：主题。",
)
def knowledge_search(
    request,
    q: str,
    limit: int = 10,
    on: dt.date | None = None,
    document: str | None = None,
    topic: str | None = None,
):
    hits = search_core.run_query(
        q, limit=limit, on=on, document=document, topic=topic, index=services.index()
    )
    return [h.as_dict() for h in hits]


class NextStepOut(Schema):
    what: str
    where: str
    deadline: str
    bring: list[str]


class PolicyItemOut(Schema):
    document: str
    number: str | None
    article: int
    label: str
    slug: str
    title: str
    why: str
    next_step: NextStepOut
    matched: list[str]
    text: str


class TagOut(Schema):
    tag: str
    label: str


class PolicyListOut(Schema):
    kind: str
    region: str
    region_name: str
    as_of: dt.date
    tags: list[TagOut]
    items: list[PolicyItemOut]


@router.post(
    "/policy-list",
    response={200: PolicyListOut, 422: ErrorOut},
    summary="适用政策清单 / applicable-policy list",
    description="按个人或企业的情形（tags）列出适用的权利、义务和待遇，每项附条文、适用理由和下一步（地点、期限、材料）。",
    openapi_extra=json_body(policylist.Profile),
)
def knowledge_policy_list(request):
    return policylist.policy_list(_body(request))
