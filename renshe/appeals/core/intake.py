"""What a request must contain, checked the same way on the public form, the API and the import.

A request names the requester and a way to reach them, the matter, and where it arose
(《信访工作条例》第二十三条第二款 excuses the written notice only when the name or address is
unclear, so both are asked for). A wage complaint (闽治欠, 96333) also names the project, the
employer and the amount owed, so it can be routed to the inspectors and, if need be, become an
arrears alert (《保障农民工工资支付条例》第十条). Every refusal names the field in Chinese.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from renshe.rules.errors import FieldProblem, RulesError, from_pydantic

from .routing import CATEGORIES

WAGE_FIELDS = ("project", "employer", "amount")
PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


class AppealIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=50, title="姓名")
    phone: str = Field(min_length=1, max_length=20, title="联系电话")
    category: str = Field(title="诉求类别")
    place: str = Field(title="发生地（县、市、区）")
    content: str = Field(min_length=10, max_length=2000, title="诉求内容")
    project: str = Field(default="", max_length=200, title="工程项目名称")
    employer: str = Field(default="", max_length=200, title="欠薪单位")
    amount: Decimal | None = Field(default=None, gt=0, le=Decimal("99999999.99"), decimal_places=2,
                                   title="欠薪金额（元）")
    workers: int | None = Field(default=None, ge=1, le=10000, title="涉及人数")
    head_count: int = Field(default=1, ge=1, le=10000, title="来访人数")

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: str) -> str:
        v = re.sub(r"\s", "", v)
        if not PHONE.match(v):
            raise ValueError("应为11位手机号或带区号的固定电话 / a mobile number or a landline with its area code")
        return v

    @field_validator("category")
    @classmethod
    def _category(cls, v: str) -> str:
        if v not in CATEGORIES:
            raise ValueError(f"请从列表中选择 / unknown category '{v}'")
        return v

    @field_validator("place")
    @classmethod
    def _place(cls, v: str) -> str:
        if not (len(v) == 6 and v.isdigit() and v.startswith("35")):
            raise ValueError("请选择福建省内的县（市、区） / choose a county in Fujian")
        return v

    @model_validator(mode="after")
    def _wage(self) -> AppealIn:
        if self.category == "wage_arrears":
            missing = [n for n in WAGE_FIELDS if getattr(self, n) in (None, "")]
            if missing:
                raise _Missing(missing)
        return self


class _Missing(ValueError):
    def __init__(self, fields: list[str]):
        super().__init__("wage complaint fields missing")
        self.fields = fields


def title(field: str) -> str:
    info = AppealIn.model_fields.get(field)
    return info.title if info and info.title else field


def _wage_missing(data: dict[str, Any]) -> list[FieldProblem]:
    if data.get("category") != "wage_arrears":
        return []
    return [FieldProblem(f, f"{title(f)}：欠薪投诉请填写", f"{f}: required for a wage complaint")
            for f in WAGE_FIELDS if data.get(f) in (None, "")]


def validate(data: dict[str, Any]) -> AppealIn:
    """The request, or a RulesError listing every field at fault, each starting with its Chinese name."""
    wage = _wage_missing(data)
    try:
        out = AppealIn.model_validate(data)
    except ValidationError as exc:
        errs = [e for e in exc.errors() if not isinstance((e.get("ctx") or {}).get("error"), _Missing)]
        problems = [FieldProblem(p.field, f"{title(p.field)}：{p.zh}", p.en)
                    for p in from_pydantic(ValidationError.from_exception_data(exc.title, errs)).problems] if errs else []
        seen = {p.field for p in problems}
        raise RulesError(problems + [p for p in wage if p.field not in seen]) from None
    return out
