"""The arrears API: the current warnings for staff, and the push of data by banks and the
housing department.

``GET /warnings``: labour inspectors, leaders and administrators (session or bearer token);
anonymous callers get 401, other roles 403. Each sees the warnings of the counties their
organisation covers (a county its county, a city its city, the department the province).

``POST /push/{table}``: a machine client (``Authorization: Bearer <token>``, a token issued to
a ``bank_feed`` or ``housing_feed`` account) sends ``{"rows": [...]}`` or a CSV with the
table's header. Which account may push which table is :data:`renshe.arrears.roles.PUSH_TABLES`.
The push answers at once (202): the checks that need no store run now and every row they
refuse comes back by index with its reason in Chinese and English; the other rows land and
the queue worker, the store's only writer, appends them with the checks against the store
(:mod:`renshe.arrears.landing`). ``GET /pushes/{push_id}`` then shows what became of every row.
Every push that passes authentication is recorded (:class:`~renshe.arrears.models.PushRecord`).
Limits per request: ``RENSHE_ARREARS_PUSH_MAX_BYTES`` (default 2,000,000, never above Django's
``DATA_UPLOAD_MAX_MEMORY_SIZE``) and ``RENSHE_ARREARS_PUSH_MAX_ROWS`` (default 10,000).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Literal

from django.conf import settings
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BaseModel, Field, ValidationError

from renshe.arrears import landing
from renshe.arrears.core import warnings
from renshe.arrears.core.schema import BY_NAME
from renshe.arrears.roles import PUSH_TABLES
from renshe.platform.accounts.api_auth import FORBIDDEN, staff_auth
from renshe.platform.accounts.scoping import region_filter
from renshe.platform.web.api import ErrorOut
from renshe.rules import jsoninput
from renshe.rules.errors import RulesError, from_pydantic

#: mounted at /api/v1/arrears (renshe.platform.registry)
API_PREFIX = "/arrears"
router = Router(tags=["arrears"])


def store_path() -> str:
    """The store's location: ``RENSHE_ARREARS_STORE`` (a path or URI), else ``var/arrears-lake``."""
    return landing.store_location()


class FiredOut(Schema):
    code: str
    title: str
    value: float
    level: str
    threshold: dict
    formula: str
    article: str
    scope: str


class WarningOut(Schema):
    warning_id: str
    project_id: int
    project_name: str | None
    contractor_id: int
    contractor_name: str | None
    region_code: str
    city: str | None
    county: str | None
    month: str
    level: str
    score: float
    indicators: list[FiredOut]
    run_id: str
    as_of: str
    engine: str


class WarningFilter(Schema):
    level: Literal["red", "orange", "yellow"] | None = None
    month: str | None = None
    limit: int = 1000


WARNING_READERS = ("labour_inspector", "leader", "administrator")


def _visible(user, rows: list[dict]) -> list[dict]:
    """Keep the warnings in counties the user's organisation covers (scoping.region_filter)."""
    covers = region_filter(user)
    return [r for r in rows if covers(r["region_code"])]


@router.get("/warnings", response=list[WarningOut], auth=staff_auth(*WARNING_READERS),
            summary="欠薪预警列表 / wage-arrears warnings",
            description="每个项目每月一条预警（warning_id = 项目编号-月份），含级别、风险分和触发的指标。需登录。")
def warning_list(request, filters: Query[WarningFilter]):
    rows = warnings.read(store_path(), level=filters.level, month=filters.month)
    return _visible(request.auth, rows)[: max(1, min(filters.limit, 100_000))]


PushTable = Literal[tuple(PUSH_TABLES)]  # type: ignore[valid-type]
Scalar = str | int | float | bool | None


class PushIn(BaseModel):
    """The JSON body: the rows, each an object keyed by column name (see the table's columns)."""

    rows: list[dict[str, Scalar]] = Field(min_length=1, title="数据行", description="每行一个对象，键为列名")


class RejectOut(Schema):
    index: int = Field(description="被拒收行的序号（从 0 起；CSV 为第 2 行起的数据行）")
    reason_zh: str
    reason_en: str


class PushOut(Schema):
    push_id: int = Field(description="推送编号，用 GET /pushes/{push_id} 查看入库结果")
    table: str
    state: str = Field(description="landed 已接收待入库；ingested 已入库；refused 全部拒收")
    received: int = Field(description="收到的行数")
    accepted: int = Field(description="通过校验的行数（入库后为新增 + 未变 + 更正）")
    inserted: int = Field(description="新增入库的行数（入库后）")
    unchanged: int = Field(description="自然键已在库中且内容相同的行数（入库后）")
    corrected: int = Field(description="自然键已在库中、内容不同而作为更正入库的行数（入库后）")
    rejected: int = Field(description="拒收的行数")
    rejects: list[RejectOut]
    lake_version: int | None = Field(description="入库后分析库的版本")


def push_limits() -> tuple[int, int]:
    """(bytes, rows) one push may carry; the byte limit never exceeds what Django will read."""
    max_bytes = int(os.environ.get("RENSHE_ARREARS_PUSH_MAX_BYTES") or 2_000_000)
    django_max = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return (min(max_bytes, django_max) if django_max else max_bytes,
            int(os.environ.get("RENSHE_ARREARS_PUSH_MAX_ROWS") or 10_000))


def _columns_doc() -> str:
    return "\n".join(
        f"- `{name}`（{BY_NAME[name].title}，需 `{perm}`）：" + ", ".join(c.name for c in BY_NAME[name].columns)
        for name, perm in PUSH_TABLES.items()
    )


def _refusal(status: int, error: str, zh: str, en: str) -> Status:
    """A push refused whole, in the bilingual error shape of the API."""
    return Status(status, {"error": error, "message": f"body: {zh} / {en}", "problems": [{"field": "body", "zh": zh, "en": en}]})


def _record(request, table: str, fmt: str, status: int) -> None:
    from renshe.arrears.models import PushRecord

    PushRecord.objects.create(actor=request.user, table=table, body_format=fmt, status=status,
                              received=0, inserted=0, unchanged=0, rejected=0)


def _land(request, table: str, body: bytes, fmt: str):
    """Parse the body and land it; a malformed body raises :class:`RulesError` (HTTP 422)."""
    max_rows = push_limits()[1]
    if fmt == "csv":
        if max(body.count(b"\n"), body.count(b"\r")) > 2 * (max_rows + 1):  # far too many lines: refuse unread
            raise landing.TooManyRows
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{table}.csv"
            path.write_bytes(body)
            return landing.land(request.user, table, fmt, max_rows, csv_path=path)
    try:
        rows = PushIn.model_validate(jsoninput.loads(body, "body")).rows
    except ValidationError as exc:
        raise from_pydantic(exc) from exc
    except ValueError as exc:  # not JSON, or not UTF-8
        raise RulesError.of("body", "不是合法的 JSON", "not valid JSON") from exc
    if len(rows) > max_rows:
        raise landing.TooManyRows
    return landing.land(request.user, table, fmt, max_rows, rows=rows)


@router.post(
    "/push/{table}",
    auth=staff_auth("bank_feed", "housing_feed"),
    response={202: PushOut, 413: ErrorOut, 415: ErrorOut, 422: PushOut | ErrorOut},
    summary="银行、住建部门推送数据 / push rows from a bank or the housing department",
    description=(
        "以接口令牌（`Authorization: Bearer <token>`）调用。请求体为 JSON `{\"rows\": [{列名: 值}, ...]}`，"
        "或 `Content-Type: text/csv` 的 CSV（首行为列名）。与文件入库同一套校验：不需查库的校验（类型、必填、取值、"
        "校验码、日期范围、本次推送内键重复）当即完成，被拒收的行按序号（从 0 起）给出中英文原因；其余行立即接收"
        "（202，state=landed），由后台任务写入分析库，并做引用和已有数据的校验；用 `GET /pushes/{push_id}` 查看结果。"
        "按自然键去重，重复推送不改变库中数据；键已存在而内容不同的行作为更正入库（更正即以正确内容重新推送该行）。"
        "全部行被拒收或请求体不合法时返回 422；超过大小或行数限制返回 413。\n\n"
        "可推送的表及列：\n" + _columns_doc()
    ),
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": PushIn.model_json_schema()},
        "text/csv": {"schema": {"type": "string", "description": "首行为该表的列名"}},
    }}},
)
def push(request, table: PushTable):
    if not request.user.has_perm(PUSH_TABLES[table]):
        raise HttpError(403, FORBIDDEN)
    fmt = "csv" if request.content_type == "text/csv" else "json"
    if request.content_type not in {"text/csv", "application/json"}:
        _record(request, table, fmt, 415)
        return _refusal(415, "unsupported_media_type", "只接受 application/json 或 text/csv",
                        "only application/json or text/csv")
    max_bytes, max_rows = push_limits()
    if int(request.META.get("CONTENT_LENGTH") or 0) > max_bytes:
        _record(request, table, fmt, 413)
        return _refusal(413, "too_large", f"请求体超过 {max_bytes} 字节，请分批推送",
                        f"body larger than {max_bytes} bytes; split the push")
    try:
        rec = _land(request, table, request.body, fmt)
    except landing.TooManyRows:
        _record(request, table, fmt, 413)
        return _refusal(413, "too_large", f"一次最多推送 {max_rows} 行，请分批推送",
                        f"more than {max_rows} rows; split the push")
    except RulesError:
        _record(request, table, fmt, 422)
        raise
    return Status(rec.status, landing.result(rec))


@router.get("/pushes/{push_id}", response=PushOut, auth=staff_auth("bank_feed", "housing_feed", "administrator"),
            summary="推送的入库结果 / what became of a push",
            description="推送账号查看自己的推送（管理员可查看全部）：state 为 ingested 时给出新增、未变、更正和拒收的行。")
def push_result(request, push_id: int):
    from renshe.arrears.models import PushRecord
    from renshe.arrears.workflow import acting_roles

    rec = PushRecord.objects.filter(pk=push_id).first()
    if rec is None or not (rec.actor_id == request.user.pk or "administrator" in acting_roles(request.user)):
        raise HttpError(404, "没有这条推送记录 / no such push")
    return landing.result(rec)
