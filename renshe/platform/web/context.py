"""Template context every page gets: the site's name and its modules for the menu."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import Resolver404, resolve

from renshe.platform.accounts.access import has_role, view_allows
from renshe.platform.accounts.roles import ROLES

MODULES = [
    {"url": "/calc/", "name": "法定计算器", "desc": "退休年龄、养老金、经济补偿、加班费、工伤待遇、期限"},
    {"url": "/planner/", "name": "社保规划师", "desc": "按收入、负债、就业和家庭情况给出最优参保方案"},
    {"url": "/knowledge/", "name": "云普法", "desc": "法规检索、政策解读、适用政策清单"},
    {"url": "/disputes/apply/", "name": "智慧调解仲裁", "desc": "劳动人事争议、工伤争议要素式申请"},
    {"url": "/appeals/new/", "name": "诉求与公开", "desc": "12345、96333、信访、依申请公开"},
    {"url": "/inspections/results/", "name": "双随机、一公开", "desc": "抽查结果公示"},
    {"url": "/parameters/", "name": "法定参数", "desc": "每个法定数值的取值、生效日期与依据"},
]

#: accounts that only push data through the API: no pages to work in
MACHINE_ROLES = ("bank_feed", "housing_feed")

#: Each staff module; a member of staff's 工作台 lists the ones that open for them, so no one is
#: shown a door that answers 403. Whether a page opens is read from the page's own
#: ``role_required`` / ``RoleRequiredMixin`` (``access.view_allows``); ``roles`` is given only for
#: pages that declare none.
STAFF_MODULES = [
    {"url": "/todo/", "name": "待办事项", "desc": "到期、超期、分派给我和升级督办的事项"},
    {"url": "/arrears/", "name": "劳动监测预警", "desc": "欠薪预警的签收、核查、处置和督办"},
    {"url": "/normdocs/", "name": "行政规范性文件", "desc": "起草、合法性审核、备案、清理和到期提醒"},
    {"url": "/planner/batch/", "name": "批量社保规划", "desc": "上传名单，批量测算参保方案，下载 Excel 结果"},
    {"url": "/disputes/", "name": "调解仲裁办案", "desc": "劳动人事争议的受理、调解、仲裁"},
    {"url": "/appeals/", "name": "诉求办理", "desc": "12345、96333、信访和依申请公开的办理"},
    {"url": "/inspections/", "name": "执法监督", "desc": "双随机抽查、执法检查和执法监督"},
    {"url": "/admin/", "name": "管理后台", "desc": "机构、用户、角色和接口令牌",
     "roles": tuple(code for code, r in ROLES.items() if r.admin_site)},
]


def _live(entries: list[dict]) -> list[dict]:
    """Only the modules whose pages are installed, so no menu entry leads to a 404."""
    out = []
    for e in entries:
        try:
            resolve(e["url"])
        except Resolver404:
            continue
        out.append(e)
    return out


def staff_modules(user: Any) -> list[dict]:
    """The staff modules ``user``'s roles open (every one for a superuser), installed ones only."""
    if not getattr(user, "is_authenticated", False):
        return []
    out = []
    for m in _live(STAFF_MODULES):
        opens = view_allows(user, resolve(m["url"]).func)
        if opens is None:
            opens = "roles" in m and has_role(user, *m["roles"])
        if opens:
            out.append(m)
    return out


def site(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {"SITE_NAME": "人社数字法治平台", "MODULES": _live(MODULES), "STAFF_MODULES": staff_modules(user)}
