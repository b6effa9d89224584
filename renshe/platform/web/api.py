"""API: health, calculators (one operation each, schema from its input model), parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Router, Schema

from renshe.rules import calculators, jsoninput, parameters, regions

router = Router()


class ProblemOut(Schema):
    field: str
    zh: str
    en: str


class ErrorOut(Schema):
    error: str
    message: str
    problems: list[ProblemOut]


class HealthOut(Schema):
    status: str


@router.get("/health", response=HealthOut, tags=["platform"], summary="健康检查 / health")
def health(request):
    return {"status": "ok"}


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """Inline ``$defs`` so the schema can stand inside an OpenAPI request body."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return walk(dict(defs[node["$ref"].rsplit("/", 1)[1]]))
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)


def json_body(model: type) -> dict[str, Any]:
    """``openapi_extra`` for an endpoint that reads ``model`` as its JSON body itself (through
    :func:`_body`, so bad input gets our bilingual 422 rather than ninja's)."""
    return {"requestBody": {"required": True,
                            "content": {"application/json": {"schema": _inline(model.model_json_schema())}}}}


def _body(request) -> Any:
    """The request's JSON body; hostile JSON (too deep, huge integers) is a bilingual 422."""
    return jsoninput.loads(request.body or b"null", "(body)")


def _register(calc: calculators.Calculator) -> None:
    def endpoint(request):
        return calc.run(_body(request))

    endpoint.__name__ = f"calc_{calc.name.replace('-', '_')}"
    router.post(
        f"/calc/{calc.name}",
        response={200: calc.result_model, 422: ErrorOut},
        tags=["calculators"],
        summary=f"{calc.title} / {calc.name}",
        description=calc.summary,
        openapi_extra=json_body(calc.input_model),
    )(endpoint)


for _calc in calculators.registry().values():
    _register(_calc)


class ParamPeriodOut(Schema):
    region: str
    effective_from: dt.date
    effective_to: dt.date | None
    value: Any
    reference: dict
    source: str | None
    verified: bool
    note: str | None


class ParameterOut(Schema):
    name: str
    description: str
    unit: str
    reference: dict
    history: list[ParamPeriodOut]


def _parameter_out(p: parameters.Parameter) -> dict:
    history = [
        {
            "region": v.region,
            "effective_from": v.effective_from,
            "effective_to": v.effective_to,
            "value": v.value,
            "reference": v.reference.model_dump(),
            "source": v.source,
            "verified": v.verified,
            "note": v.note,
        }
        for reg in p.spec.values
        for v in p.periods(reg)
    ]
    return {
        "name": p.name,
        "description": p.spec.description,
        "unit": p.spec.unit,
        "reference": p.spec.reference.model_dump(),
        "history": history,
    }


@router.get("/parameters", response=list[ParameterOut], tags=["parameters"], summary="全部法定参数及其历史")
def parameter_list(request):
    return [_parameter_out(p) for p in parameters.all_parameters().values()]


class ValueOut(Schema):
    name: str
    value: Any
    unit: str
    region: str
    effective_from: dt.date
    effective_to: dt.date | None
    reference: dict
    verified: bool


@router.get(
    "/parameters/{name}/value",
    response={200: ValueOut, 422: ErrorOut},
    tags=["parameters"],
    summary="某日某地的参数取值 / value on a date in a region",
)
def parameter_value(request, name: str, on: dt.date, region: str = regions.FUJIAN):
    pv = parameters.value_at(name, on, region)
    return {
        "name": pv.name,
        "value": pv.value,
        "unit": pv.unit,
        "region": pv.region,
        "effective_from": pv.effective_from,
        "effective_to": pv.effective_to,
        "reference": pv.reference.model_dump(),
        "verified": pv.verified,
    }
