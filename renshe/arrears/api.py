"""``GET /api/v1/arrears/warnings``: the current warnings, for staff only.

Access: an authenticated user (Django session) is required; anonymous callers get 401.
Finer roles (a county sees its own) come with the platform's role model on branch
``platform``; until then every signed-in user sees all warnings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from django.conf import settings
from ninja import Query, Router, Schema
from ninja.security import django_auth

from renshe.arrears import warnings

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


@router.get("/warnings", response=list[WarningOut], auth=django_auth,
            summary="欠薪预警列表 / wage-arrears warnings",
            description="每个项目每月一条预警（warning_id = 项目编号-月份），含级别、风险分和触发的指标。需登录。")
def warning_list(request, filters: Query[WarningFilter]):
    return warnings.read(store_path(), level=filters.level, month=filters.month, limit=max(1, min(filters.limit, 100_000)))
