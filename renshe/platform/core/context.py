"""Template context every page gets: the site's name and its modules for the menu."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import Resolver404, resolve

MODULES = [
    {"url": "/calc/", "name": "法定计算器", "desc": "退休年龄、养老金、经济补偿、加班费、工伤待遇、期限"},
    {"url": "/planner/", "name": "社保规划师", "desc": "按收入、负债、就业和家庭情况给出最优参保方案"},
    {"url": "/knowledge/", "name": "云普法", "desc": "法规检索、政策解读、适用政策清单"},
    {"url": "/disputes/apply/", "name": "智慧调解仲裁", "desc": "劳动人事争议、工伤争议要素式申请"},
    {"url": "/appeals/new/", "name": "诉求与公开", "desc": "12345、96333、信访、依申请公开"},
    {"url": "/inspections/results/", "name": "双随机、一公开", "desc": "抽查结果公示"},
    {"url": "/parameters/", "name": "法定参数", "desc": "每个法定数值的取值、生效日期与依据"},
]

STAFF_MODULES = [
    {"url": "/arrears/", "name": "劳动监测预警"},
    {"url": "/planner/batch/", "name": "批量社保规划"},
    {"url": "/disputes/", "name": "调解仲裁办案"},
    {"url": "/appeals/", "name": "诉求办理"},
    {"url": "/inspections/", "name": "执法监督"},
    {"url": "/admin/", "name": "管理后台"},
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


def site(request: HttpRequest) -> dict:
    return {"SITE_NAME": "人社数字法治平台", "MODULES": _live(MODULES), "STAFF_MODULES": _live(STAFF_MODULES)}
