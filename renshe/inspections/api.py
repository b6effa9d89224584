"""API: the 双随机 draw (CONTRACTS.md ``POST /api/v1/inspections/draw``), staff only.

The same input and answer as ``renshe inspections draw``; bad input answers 422 in both
languages. Nothing is saved: a plan that creates tasks is drawn on the staff page.
"""

from __future__ import annotations

from ninja import Router, Schema
from pydantic import BaseModel, Field

from renshe.inspections.core.draw_input import run
from renshe.platform.accounts.api_auth import staff_auth
from renshe.platform.web.api import ErrorOut, _body, json_body

API_PREFIX = "/inspections"
router = Router(tags=["inspections"])
DRAWERS = ("labour_inspector", "division_staff", "leader")


class EnterpriseIn(BaseModel):
    id: str = Field(description="企业编号，如统一社会信用代码")
    city: str = Field(description="所在设区市")
    excluded: bool = Field(False, description="依法不纳入抽查")
    inspected: dict[str, int] = Field(default_factory=dict, description="{检查事项编码: 本年已检查次数}")


class InspectorIn(BaseModel):
    id: str
    city: str
    conflicts: list[str] = Field(default_factory=list, description="需回避的企业编号")


class ItemIn(BaseModel):
    code: str
    cap: int = Field(ge=0, description="同一企业每年最多检查次数")


class DrawIn(BaseModel):
    seed: int = Field(ge=0, description="随机种子")
    enterprises: list[EnterpriseIn]
    inspectors: list[InspectorIn]
    items: list[ItemIn]
    sample: dict[str, int] = Field(description="{设区市: 抽取户数}")
    per_task: int = Field(2, ge=2, description="每户执法人员数（《劳动保障监察条例》第十六条：不少于2人）")


class TaskOut(Schema):
    enterprise: str
    inspectors: list[str]
    items: list[str]


class DrawOut(Schema):
    tasks: list[TaskOut]
    seed: int
    digest: str


@router.post(
    "/draw", response={200: DrawOut, 422: ErrorOut}, auth=staff_auth(*DRAWERS),
    summary="双随机抽取 / random draw of enterprises and inspectors",
    description="同一种子和名录总是得到同一结果；digest 为规范化输入与结果的 SHA-256，任何人可据此复核。",
    openapi_extra=json_body(DrawIn),
)
def draw(request):
    return run(_body(request))
