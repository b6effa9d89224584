"""``POST /api/v1/plan``: one household's plan (CONTRACTS.md, Planner). Nothing is stored."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router

from renshe.planner.cli import parse_profile
from renshe.planner.models import PlanResult, Profile
from renshe.planner.serving import batcher
from renshe.platform.core.api import ErrorOut, _body, _inline

router = Router()


@router.post(
    "/plan",
    response={200: PlanResult, 422: ErrorOut},
    tags=["planner"],
    summary="社保规划师：最优缴费方案 / contribution plan",
    description=(
        "按家庭收入、债务、就业和被抚养人，列出每个合法的缴费方案（职工、灵活就业各档基数、城乡居民各档、"
        "缴费月数、弹性退休、制度衔接、个人养老金），给出推荐及理由、敏感性和计算依据。金额单位为元。"
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _inline(Profile.model_json_schema())}},
        }
    },
)
def plan_endpoint(request):
    # The batcher plans this request together with any others waiting in this process and
    # serialises it with orjson (renshe.planner.serving); the JSON has PlanResult's fields
    # (tests check the two agree).
    body = batcher.plan_json(parse_profile(_body(request)))
    return HttpResponse(body, content_type="application/json; charset=utf-8")
