"""``POST /api/v1/plan``: one household's plan (CONTRACTS.md, Planner). Nothing is stored."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from ninja import Router
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from renshe.planner.cli import parse_profile
from renshe.planner.core import chat
from renshe.planner.core.explain import plan
from renshe.planner.core.models import PlanResult, Profile
from renshe.planner.core.serving import PlannerUnavailable, planner
from renshe.platform.web.api import ErrorOut, _body, json_body
from renshe.rules.errors import from_pydantic

router = Router()


@router.post(
    "/plan",
    response={200: PlanResult, 422: ErrorOut, 503: ErrorOut},
    tags=["planner"],
    summary="社保规划师：最优缴费方案 / contribution plan",
    description=(
        "按家庭收入、债务、就业和被抚养人，列出每个合法的缴费方案（职工、灵活就业各档基数、城乡居民各档、"
        "缴费月数、弹性退休、制度衔接、个人养老金），给出推荐及理由、敏感性和计算依据。金额单位为元。"
    ),
    openapi_extra=json_body(Profile),
)
def plan_endpoint(request):
    # This worker's planning process plans the request together with any others waiting and
    # serialises it with orjson (renshe.planner.core.serving); the JSON has PlanResult's fields
    # (tests check the two agree).
    profile = parse_profile(_body(request))
    try:
        body = planner.plan_json(profile)
    except PlannerUnavailable as exc:  # nothing wrong with the request: try again shortly
        return 503, {"error": "unavailable", "message": str(exc), "problems": []}
    return HttpResponse(body, content_type="application/json; charset=utf-8")


class PlanChatIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    profile: Profile
    question: str = Field(min_length=1, max_length=chat.MAX_QUESTION, title="问题", description="关于这份方案的问题")


class ChatSourceOut(BaseModel):
    label: str = Field(description="测算结果、计算依据或法律条文")
    text: str


class PlanChatOut(BaseModel):
    available: bool = Field(description="whether a model is configured (RENSHE_LLM_URL)")
    answer: str | None = Field(description="the model's answer, every sentence citing its sources; null if none")
    sources: list[ChatSourceOut] = Field(description="the sources the answer cites")
    note: str = Field(description="why there is no answer, in Chinese and English")


@router.post(
    "/plan/chat",
    response={200: PlanChatOut, 422: ErrorOut},
    tags=["planner"],
    summary="社保规划师：就方案提问 / ask about a plan",
    description=(
        "可选功能：配置了 RENSHE_LLM_URL（OpenAI 兼容接口）时，由大模型只依据这份方案的测算结果、计算依据和所引条文"
        "作答，每句注明依据；没有配置或回答没有逐句注明依据时 answer 为 null，方案本身仍是答案。不保存任何内容。"
    ),
    openapi_extra=json_body(PlanChatIn),
)
def plan_chat(request):
    data = _body(request)
    try:
        asked = PlanChatIn.model_validate(data)
    except ValidationError as exc:
        raise from_pydantic(exc) from None
    url = settings.RENSHE.get("LLM_URL", "")
    if not url:
        return PlanChatOut(available=False, answer=None, sources=[],
                           note="未配置大模型（RENSHE_LLM_URL），请看方案中的计算依据 / no model is configured")
    on = asked.profile.as_of or dt.date.today()
    got = chat.ask(asked.question, plan(asked.profile), on, url, settings.RENSHE.get("LLM_MODEL", "qwen"))
    if got is None:
        return PlanChatOut(available=True, answer=None, sources=[],
                           note="大模型没有给出逐句注明依据的回答，请看方案中的计算依据 / "
                                "the model gave no fully cited answer")
    return PlanChatOut(available=True, answer=got.text,
                       sources=[ChatSourceOut(label=s.label, text=s.text) for s in got.cited], note="")
