"""The arrears API: the current warnings for staff, and the push of data by banks and the
housing department.

``GET /warnings``: labour inspectors, leaders and administrators (session or bearer token);
anonymous callers get 401, other roles 403. Each sees the warnings of the counties their
organisation covers (a county its county, a city its city, the department the province).

``POST /push/{table}``: a machine client (``Authorization: Bearer <token>``, a token issued to
a ``bank_feed`` or ``housing_feed`` account) sends ``{"rows": [...]}`` or a CSV with the
table's header. Which account may push which table is :data:`renshe.arrears.roles.PUSH_TABLES`.
The rows go through the very checks and insert of file ingestion (:func:`ingest.push`); the
answer lists every refused row by index with its reason in Chinese and English. Every push
that passes authentication is recorded (:class:`~renshe.arrears.models.PushRecord`).
Limits per request: ``RENSHE_ARREARS_PUSH_MAX_BYTES`` (default 2,000,000, never above Django's
``DATA_UPLOAD_MAX_MEMORY_SIZE``) and ``RENSHE_ARREARS_PUSH_MAX_ROWS`` (default 10,000).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Literal

import duckdb
from django.conf import settings
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BaseModel, Field, ValidationError

from renshe.arrears import ingest, warnings
from renshe.arrears.roles import PUSH_TABLES
from renshe.arrears.schema import BY_NAME
from renshe.platform.accounts.api_auth import FORBIDDEN, staff_auth
from renshe.platform.accounts.scoping import region_filter
from renshe.platform.core.api import ErrorOut
from renshe.rules import jsoninput
from renshe.rules.errors import RulesError, from_pydantic

#: mounted at /api/v1/arrears (renshe.platform.registry)
API_PREFIX = "/arrears"
router = Router(tags=["arrears"])


def store_path() -> Path:
    """``RENSHE_ARREARS_STORE`` if set, else ``arrears.duckdb`` in the platform's var directory."""
    return Path(os.environ.get("RENSHE_ARREARS_STORE") or Path(settings.VAR_DIR) / "arrears.duckdb")


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


#: the store held by another process (file lock) or open read-only in this one
BUSY = (duckdb.IOException, duckdb.ConnectionException)
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
    table: str
    received: int = Field(description="收到的行数")
    accepted: int = Field(description="校验通过的行数（新增 + 已存在）")
    inserted: int = Field(description="新增入库的行数")
    unchanged: int = Field(description="自然键已在库中、未作改动的行数")
    rejected: int = Field(description="拒收的行数")
    rejects: list[RejectOut]


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


def _record(request, table: str, fmt: str, status: int, result: dict | None = None) -> None:
    from renshe.arrears.models import PushRecord

    counts = {k: (result or {}).get(k, 0) for k in ("received", "inserted", "unchanged", "rejected")}
    PushRecord.objects.create(actor=request.user, table=table, body_format=fmt, status=status, **counts)


class _TooLarge(Exception):
    """More rows than one push may carry."""


def _load(table: str, body: bytes, fmt: str) -> dict:
    """Parse the body and load it; a malformed body raises :class:`RulesError` (HTTP 422)."""
    max_rows = push_limits()[1]
    with tempfile.TemporaryDirectory() as tmp:
        if fmt == "csv":
            path = Path(tmp) / f"{table}.csv"
            path.write_bytes(body)
            if body.count(b"\n") > max_rows + 1:  # header + rows (a quoted line break counts too)
                raise _TooLarge
            try:
                return ingest.push(store_path(), BY_NAME[table], csv_path=path)
            except RulesError as exc:  # the header lacks columns: name the body, not the temporary file
                raise RulesError.of("body", exc.problems[0].zh, exc.problems[0].en) from exc
            except BUSY:
                raise
            except duckdb.Error as exc:
                raise RulesError.of("body", "CSV 无法读取", f"unreadable CSV ({type(exc).__name__})") from exc
        try:
            rows = PushIn.model_validate(jsoninput.loads(body, "body")).rows
        except ValidationError as exc:
            raise from_pydantic(exc) from exc
        except ValueError as exc:  # not JSON, or not UTF-8
            raise RulesError.of("body", "不是合法的 JSON", "not valid JSON") from exc
        if len(rows) > max_rows:
            raise _TooLarge
        return ingest.push(store_path(), BY_NAME[table], rows=rows)


@router.post(
    "/push/{table}",
    auth=staff_auth("bank_feed", "housing_feed"),
    response={200: PushOut, 413: ErrorOut, 415: ErrorOut, 422: PushOut | ErrorOut, 503: ErrorOut},
    summary="银行、住建部门推送数据 / push rows from a bank or the housing department",
    description=(
        "以接口令牌（`Authorization: Bearer <token>`）调用。请求体为 JSON `{\"rows\": [{列名: 值}, ...]}`，"
        "或 `Content-Type: text/csv` 的 CSV（首行为列名）。与文件入库同一套校验：每一被拒收的行按序号"
        "（从 0 起）给出中英文原因，其余合格行在一个事务中入库；按自然键去重，重复推送不改变库中数据。"
        "部分行合格时返回 200；全部行被拒收或请求体不合法时返回 422；超过大小限制返回 413。\n\n"
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
        result = _load(table, request.body, fmt)
    except _TooLarge:
        _record(request, table, fmt, 413)
        return _refusal(413, "too_large", f"一次最多推送 {max_rows} 行，请分批推送",
                        f"more than {max_rows} rows; split the push")
    except RulesError:
        _record(request, table, fmt, 422)
        raise
    except BUSY:
        _record(request, table, fmt, 503)
        return _refusal(503, "busy", "分析库正被另一进程占用，请稍后重试", "store busy, retry later")
    status = 422 if result["accepted"] == 0 else 200
    _record(request, table, fmt, status, result)
    return Status(status, result)
