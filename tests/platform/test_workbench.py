"""Issue 18 items 7 and 15: each role its own 工作台; refused and missing pages in Chinese, in the
site's layout, with a way back; the admin greets by the whole name."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _as(demo, username: str) -> Client:
    c = Client(enforce_csrf_checks=True)
    c.force_login(demo[username])
    return c


def _links(html: str) -> set[str]:
    block = html[html.index('data-testid="workbench-modules"'):]
    return set(re.findall(r'<a class="card" href="([^"]+)"', block.split("</section>")[0]))


def test_each_role_sees_its_own_modules(demo):
    # the legal office's own module, the normdocs register, is on its workbench; the alerts are not
    legal = _links(_as(demo, "legal").get("/workbench/").content.decode())
    assert "/normdocs/" in legal and "/arrears/" not in legal and "/planner/batch/" not in legal
    assert "/admin/" in legal  # 法规处 may open the admin (roles.Role.admin_site)
    inspector = _links(_as(demo, "inspector.xm").get("/workbench/").content.decode())
    assert "/arrears/" in inspector and "/normdocs/" not in inspector and "/admin/" not in inspector
    staff = _links(_as(demo, "staff").get("/workbench/").content.decode())
    assert {"/planner/batch/", "/normdocs/"} <= staff and "/arrears/" not in staff
    housing = _links(_as(demo, "housing.xm").get("/workbench/").content.decode())
    assert housing == {"/arrears/"}
    assert "法规处" in _as(demo, "legal").get("/workbench/").content.decode()  # names the role


def test_every_module_on_a_workbench_opens(demo):
    # no role is shown a door that answers 403
    for username in ("admin", "leader", "legal", "staff", "inspector.xm", "housing.xm", "leader.fz",
                     "mediator.xm", "arbitrator.xm", "inspector.fz"):
        c = _as(demo, username)
        for url in _links(c.get("/workbench/").content.decode()):
            assert c.get(url).status_code == 200, (username, url)


def test_the_workbench_lists_the_kernels_todo(demo):
    from renshe.platform.workflow import notify

    notify(demo["legal"], "请审核《测试文件》", "/normdocs/")
    html = _as(demo, "legal").get("/workbench/").content.decode()
    assert 'data-testid="workbench-todo"' in html and "请审核《测试文件》" in html
    feed = _as(demo, "feed.bank").get("/workbench/").content.decode()
    assert 'data-testid="workbench-todo"' not in feed and "只用于系统之间推送数据" in feed


def test_workbench_needs_a_login(client):
    r = client.get("/workbench/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_refused_page_is_chinese_with_a_way_back(demo):
    r = _as(demo, "inspector.xm").get("/normdocs/")
    html = r.content.decode()
    assert r.status_code == 403
    assert "没有访问权限" in html and 'href="/workbench/"' in html and 'class="brand"' in html
    assert "Forbidden" not in html


def test_missing_page_is_chinese_in_the_site_layout(client):
    r = client.get("/no/such/page/")
    html = r.content.decode()
    assert r.status_code == 404 and "页面不存在" in html and 'href="/"' in html and 'class="brand"' in html
    assert "Not Found" not in html


def test_server_error_page_is_chinese():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "系统出错" in html and 'class="brand"' in html


def test_admin_greets_by_the_whole_name(demo):
    html = _as(demo, "admin").get("/admin/").content.decode()
    assert "欢迎，<strong>管理员</strong>。" in html and "理员</strong>." not in html
